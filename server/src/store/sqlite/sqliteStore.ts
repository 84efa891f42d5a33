/** The embedded store: one SQLite file, WAL with synchronous=FULL, so an acknowledged append survives power loss. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { LogEvent, LogMeta } from '@vigie/shared';
import {
  ScenarioRefusedError,
  type AppendBatch,
  type EventStore,
  type IdempotencyRecord,
  type StoreKind,
} from '../eventStore.ts';
import { migrations } from './migrations.ts';

interface EventRow {
  seq: number;
  type: string;
  data: string;
  actor: string;
  recorded_at: string;
  command_id: string;
}

/** Opens (creating if needed) a store file of the given kind; a file of the other kind is refused. */
export function openSqliteStore(path: string, kind: StoreKind): SqliteStore {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const existing = db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'kind'`).get();
  if (!existing) db.prepare(`INSERT INTO meta (key, value) VALUES ('kind', ?)`).run(kind);
  else if (existing.value !== kind) {
    db.close();
    throw new Error(`Store ${path} is a ${existing.value} store; refusing to open it as ${kind}`);
  }
  return new SqliteStore(db, kind);
}

function migrate(db: Database.Database) {
  const version = db.pragma('user_version', { simple: true }) as number;
  migrations.slice(version).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + i + 1}`);
    })();
  });
}

export class SqliteStore implements EventStore {
  private readonly insertEvent;
  private readonly insertIdempotency;
  private readonly insertLog;
  private readonly selectEvents;
  private readonly selectIdempotency;
  private readonly selectCurrentLog;
  private readonly commit;

  constructor(
    readonly db: Database.Database,
    readonly kind: StoreKind,
  ) {
    this.insertEvent = db.prepare(
      `INSERT INTO events (log_id, seq, type, data, actor, recorded_at, command_id, idempotency_key, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertIdempotency = db.prepare(
      `INSERT INTO idempotency (log_id, actor_key, key, request_hash, result) VALUES (?, ?, ?, ?, ?)`,
    );
    this.insertLog = db.prepare(
      `INSERT INTO logs (log_id, ordinal, demo, registry_version, created_at)
       VALUES (?, (SELECT COALESCE(MAX(ordinal), 0) + 1 FROM logs), ?, ?, ?)`,
    );
    this.selectEvents = db.prepare<[string, number, number], EventRow>(
      `SELECT seq, type, data, actor, recorded_at, command_id FROM events
       WHERE log_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    );
    this.selectIdempotency = db.prepare<[string, string, string], { request_hash: string; result: string }>(
      `SELECT request_hash, result FROM idempotency WHERE log_id = ? AND actor_key = ? AND key = ?`,
    );
    this.selectCurrentLog = db.prepare<
      [],
      { log_id: string; demo: number; registry_version: string; created_at: string }
    >(`SELECT log_id, demo, registry_version, created_at FROM logs ORDER BY ordinal DESC LIMIT 1`);
    this.commit = db.transaction((batch: AppendBatch) => {
      if (batch.newLog) {
        const m = batch.newLog;
        this.insertLog.run(m.logId, m.demo ? 1 : 0, m.registryVersion, m.createdAt);
      }
      for (const { event: e, origin, idempotencyKey } of batch.events) {
        this.insertEvent.run(
          batch.logId,
          e.seq,
          e.type,
          JSON.stringify(e.data),
          JSON.stringify(e.by),
          e.recordedAt,
          e.commandId,
          idempotencyKey,
          JSON.stringify(origin),
        );
      }
      for (const r of batch.idempotency) {
        this.insertIdempotency.run(batch.logId, r.actorKey, r.key, r.requestHash, JSON.stringify(r.result));
      }
    });
  }

  currentLog(): Promise<LogMeta | null> {
    const row = this.selectCurrentLog.get();
    return Promise.resolve(
      row
        ? { logId: row.log_id, demo: row.demo === 1, registryVersion: row.registry_version, createdAt: row.created_at }
        : null,
    );
  }

  readEvents(logId: string, afterSeq: number, limit: number): Promise<LogEvent[]> {
    return Promise.resolve(
      // Rows were validated on their way in; parsing them again would slow every replay.
      this.selectEvents.all(logId, afterSeq, limit).map(
        (r) =>
          ({
            seq: r.seq,
            type: r.type,
            data: JSON.parse(r.data) as unknown,
            by: JSON.parse(r.actor) as unknown,
            recordedAt: r.recorded_at,
            commandId: r.command_id,
          }) as LogEvent,
      ),
    );
  }

  findIdempotency(logId: string, actorKey: string, key: string): Promise<IdempotencyRecord | null> {
    const row = this.selectIdempotency.get(logId, actorKey, key);
    return Promise.resolve(
      row ? { actorKey, key, requestHash: row.request_hash, result: JSON.parse(row.result) as unknown } : null,
    );
  }

  append(batch: AppendBatch): Promise<void> {
    if (this.kind === 'live' && batch.events.some((e) => e.event.by.kind === 'scenario')) {
      return Promise.reject(new ScenarioRefusedError());
    }
    try {
      this.commit(batch);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
