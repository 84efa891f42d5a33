/**
 * The embedded store: one SQLite file in WAL mode. A write resolves once the WAL is synced to disk, so
 * an acknowledged append survives power loss; the sync runs off the event loop (see `durable`).
 */
import { closeSync, fdatasync, openSync } from 'node:fs';
import { promisify } from 'node:util';
import type Database from 'better-sqlite3';
import type { LogEvent, LogMeta, Situation } from '@vigie/shared';
import {
  emptyTail,
  ScenarioRefusedError,
  type AppendBatch,
  type LogPosition,
  type StoreTail,
  type EventPage,
  type EventStore,
  type IdempotencyRecord,
  type PageQuery,
  type SeriesChunk,
  type SeriesChunkHead,
  type Snapshot,
  type StoreKind,
} from '../eventStore.ts';
import { EVENT_COLUMNS, eventValues, toEvent, toMeta, toStored, type EventRow, type LogRow } from '../eventRows.ts';
import { migrations } from './migrations.ts';
import { openDatabase } from './openDatabase.ts';
import { toChunk, toHead, toRow, type SeriesChunkRow, type SeriesHeadRow } from '../seriesChunkRows.ts';

/** The event store's page cache, in KiB. */
const CACHE_KIB = 64 * 1024;

/** Opens (creating if needed) a store file of the given kind; a file of the other kind is refused. */
export function openSqliteStore(path: string, kind: StoreKind): SqliteStore {
  const db = openDatabase(path, migrations);
  // 64 MiB of page cache (SQLite's default is 2 MiB): each commit writes at the tail of every touched
  // item's history in the item index, and with a long log those tails outgrow 2 MiB and are read
  // back from the file on every commit (measured: a commit at a million events cost 1.23× an empty
  // log's with 2 MiB, 1.11× with 64).
  db.pragma(`cache_size = -${CACHE_KIB}`);
  const existing = db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'kind'`).get();
  if (!existing) db.prepare(`INSERT INTO meta (key, value) VALUES ('kind', ?)`).run(kind);
  else if (existing.value !== kind) {
    db.close();
    throw new Error(`Store ${path} is a ${existing.value} store; refusing to open it as ${kind}`);
  }
  return new SqliteStore(db, kind);
}

const datasync = promisify(fdatasync);

export class SqliteStore implements EventStore {
  private readonly statements;
  private readonly commit;
  /**
   * The WAL file, synced by the store itself after each write. With synchronous=FULL SQLite syncs it
   * inside the commit, on the event loop: on a slow disk a group commit then held every socket and
   * timer 30 to 90 ms. With NORMAL the commit only writes the WAL (SQLite still syncs it before each
   * checkpoint, and the database after); the store's own fdatasync, run by libuv's thread pool, makes
   * the same bytes durable before the write resolves, so nothing is acknowledged before it is on disk.
   */
  private readonly wal: number | null;

  constructor(
    readonly db: Database.Database,
    readonly kind: StoreKind,
  ) {
    const wal = db.pragma('journal_mode', { simple: true }) === 'wal' && !db.memory;
    if (wal) db.pragma('synchronous = NORMAL');
    this.wal = wal ? openSync(`${db.name}-wal`, 'r') : null;
    this.statements = {
      insertEvent: db.prepare(
        `INSERT INTO events (log_id, seq, type, data, actor, actor_id, recorded_at, command_id, idempotency_key, origin, item_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertIdempotency: db.prepare(
        `INSERT INTO idempotency (log_id, actor_key, key, request_hash, result) VALUES (?, ?, ?, ?, ?)`,
      ),
      insertLog: db.prepare(
        `INSERT INTO logs (log_id, ordinal, epoch, demo, registry_version, created_at)
         VALUES (?, (SELECT COALESCE(MAX(ordinal), 0) + 1 FROM logs), ?, ?, ?, ?)`,
      ),
      selectEvents: db.prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE log_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      selectItemEvents: db.prepare<[string, string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE log_id = ? AND item_key = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
      ),
      // Named: left to itself, the planner walks the primary key back from `seq`, reading every event
      // of every type, which for a sparse type (the main courante in a long log) is the whole log.
      selectTypeEvents: db.prepare<[string, string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events INDEXED BY events_by_type
         WHERE log_id = ? AND type = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
      ),
      selectAudit: db.prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE log_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
      ),
      selectAuditByActor: db.prepare<[string, string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE log_id = ? AND actor_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
      ),
      selectIdempotency: db.prepare<[string, string, string], { request_hash: string; result: string }>(
        `SELECT request_hash, result FROM idempotency WHERE log_id = ? AND actor_key = ? AND key = ?`,
      ),
      selectCurrentLog: db.prepare<[], LogRow>(
        `SELECT log_id, epoch, demo, registry_version, created_at FROM logs ORDER BY ordinal DESC LIMIT 1`,
      ),
      insertSnapshot: db.prepare(
        `INSERT OR REPLACE INTO snapshots (log_id, seq, registry_version, state) VALUES (?, ?, ?, ?)`,
      ),
      selectSnapshot: db.prepare<[string], { seq: number; registry_version: string; state: string }>(
        `SELECT seq, registry_version, state FROM snapshots WHERE log_id = ? ORDER BY seq DESC LIMIT 1`,
      ),
      pruneSnapshots: db.prepare(
        `DELETE FROM snapshots WHERE log_id = ? AND seq < (SELECT MIN(seq) FROM (SELECT seq FROM snapshots WHERE log_id = ? ORDER BY seq DESC LIMIT 2))`,
      ),
      insertSeriesChunk: db.prepare<[string, SeriesChunkRow]>(
        `INSERT OR REPLACE INTO series_chunks (log_id, to_seq, from_seq, registry_version, time, last, counts, points)
         VALUES (?, @to_seq, @from_seq, @registry_version, @time, @last, @counts, @points)`,
      ),
      deleteSeriesChunks: db.prepare(`DELETE FROM series_chunks WHERE log_id = ?`),
      selectSeriesHeads: db.prepare<[string], SeriesHeadRow>(
        `SELECT from_seq, to_seq, registry_version, time, last, counts FROM series_chunks WHERE log_id = ? ORDER BY to_seq`,
      ),
      selectSeriesChunks: db.prepare<[string, number, number, number], SeriesChunkRow>(
        `SELECT from_seq, to_seq, registry_version, time, last, counts, points FROM series_chunks
         WHERE log_id = ? AND to_seq > ? AND to_seq <= ? ORDER BY to_seq LIMIT ?`,
      ),
      insertRegistry: db.prepare(`INSERT OR IGNORE INTO registries (version, body) VALUES (?, ?)`),
      selectRegistry: db.prepare<[string], { body: string }>(`SELECT body FROM registries WHERE version = ?`),
      updateLogRegistry: db.prepare(`UPDATE logs SET registry_version = ? WHERE log_id = ?`),
    };
    const s = this.statements;
    this.commit = db.transaction((batch: AppendBatch) => {
      if (batch.newLog) {
        const m = batch.newLog;
        s.insertLog.run(m.logId, m.epoch, m.demo ? 1 : 0, m.registryVersion, m.createdAt);
      }
      for (const event of batch.events) s.insertEvent.run(batch.logId, ...eventValues(event));
      for (const r of batch.idempotency) {
        s.insertIdempotency.run(batch.logId, r.actorKey, r.key, r.requestHash, JSON.stringify(r.result));
      }
    });
  }

  currentLog(): Promise<LogMeta | null> {
    const row = this.statements.selectCurrentLog.get();
    return Promise.resolve(row ? toMeta(row) : null);
  }

  readEvents(logId: string, afterSeq: number, limit: number): Promise<LogEvent[]> {
    return Promise.resolve(this.statements.selectEvents.all(logId, afterSeq, limit).map(toEvent));
  }

  findIdempotency(logId: string, actorKey: string, key: string): Promise<IdempotencyRecord | null> {
    const row = this.statements.selectIdempotency.get(logId, actorKey, key);
    return Promise.resolve(
      row ? { actorKey, key, requestHash: row.request_hash, result: JSON.parse(row.result) as unknown } : null,
    );
  }

  // One server owns the file (its lock): nobody else appends, so there is no tail to take in.
  async exclusive(_position: LogPosition, decide: (tail: StoreTail) => Promise<AppendBatch | null>): Promise<void> {
    const batch = await decide(emptyTail);
    if (batch) await this.append(batch);
  }

  tail(): Promise<StoreTail> {
    return Promise.resolve(emptyTail);
  }

  onAppended(): () => void {
    return () => undefined;
  }

  append(batch: AppendBatch): Promise<void> {
    if (this.kind === 'live' && batch.events.some((e) => e.event.by.kind === 'scenario')) {
      return Promise.reject(new ScenarioRefusedError());
    }
    return this.run(() => this.commit(batch));
  }

  saveSnapshot(logId: string, snapshot: Snapshot): Promise<void> {
    const { series } = snapshot;
    return this.run(() =>
      this.db.transaction(() => {
        if (series) this.insertSeriesChunk(logId, series);
        this.statements.insertSnapshot.run(
          logId,
          snapshot.seq,
          snapshot.registryVersion,
          JSON.stringify(snapshot.state),
        );
        // Two are enough: the latest, and the one before in case the latest is unreadable.
        this.statements.pruneSnapshots.run(logId, logId);
      })(),
    );
  }

  latestSnapshot(logId: string): Promise<Snapshot | null> {
    const row = this.statements.selectSnapshot.get(logId);
    return Promise.resolve(
      row ? { seq: row.seq, registryVersion: row.registry_version, state: JSON.parse(row.state) as Situation } : null,
    );
  }

  saveSeriesChunk(logId: string, chunk: SeriesChunk): Promise<void> {
    return this.run(() => this.db.transaction(() => this.insertSeriesChunk(logId, chunk))());
  }

  seriesHeads(logId: string): Promise<SeriesChunkHead[]> {
    return Promise.resolve(this.statements.selectSeriesHeads.all(logId).map(toHead));
  }

  readSeriesChunks(logId: string, afterSeq: number, throughSeq: number, limit: number): Promise<SeriesChunk[]> {
    return Promise.resolve(this.statements.selectSeriesChunks.all(logId, afterSeq, throughSeq, limit).map(toChunk));
  }

  saveRegistry(version: string, body: unknown): Promise<void> {
    return this.run(() => this.statements.insertRegistry.run(version, JSON.stringify(body)));
  }

  loadRegistry(version: string): Promise<unknown> {
    const row = this.statements.selectRegistry.get(version);
    return Promise.resolve(row ? (JSON.parse(row.body) as unknown) : null);
  }

  setLogRegistry(logId: string, version: string): Promise<void> {
    return this.run(() => this.statements.updateLogRegistry.run(version, logId));
  }

  itemEvents(logId: string, itemKey: string, page: PageQuery): Promise<EventPage> {
    const rows = this.statements.selectItemEvents.all(
      logId,
      itemKey,
      page.before ?? Number.MAX_SAFE_INTEGER,
      page.limit,
    );
    return Promise.resolve(this.page(rows, page.limit));
  }

  typeEvents(logId: string, type: LogEvent['type'], page: PageQuery): Promise<EventPage> {
    const rows = this.statements.selectTypeEvents.all(logId, type, page.before ?? Number.MAX_SAFE_INTEGER, page.limit);
    return Promise.resolve(this.page(rows, page.limit));
  }

  auditEvents(logId: string, page: PageQuery & { actorId?: string | undefined }): Promise<EventPage> {
    const before = page.before ?? Number.MAX_SAFE_INTEGER;
    const rows = page.actorId
      ? this.statements.selectAuditByActor.all(logId, page.actorId, before, page.limit)
      : this.statements.selectAudit.all(logId, before, page.limit);
    return Promise.resolve(this.page(rows, page.limit));
  }

  /** The file this store lives in. */
  get path(): string {
    return this.db.name;
  }

  /** Events across every log (each gap-free from 1: the sum of their last seqs, read from the index at once). */
  eventCount(): number {
    return (
      this.db
        .prepare('SELECT COALESCE(SUM((SELECT MAX(seq) FROM events e WHERE e.log_id = l.log_id)), 0) AS n FROM logs l')
        .get() as { n: number }
    ).n;
  }

  close(): Promise<void> {
    if (this.db.open) {
      this.db.close();
      if (this.wal !== null) closeSync(this.wal);
    }
    return Promise.resolve();
  }

  private page(rows: EventRow[], limit: number): EventPage {
    return { events: rows.map(toStored), before: rows.length === limit ? (rows.at(-1)?.seq ?? null) : null };
  }

  private insertSeriesChunk(logId: string, chunk: SeriesChunk): void {
    // A series saved from the start replaces whatever was saved of it before (made with another registry).
    if (chunk.fromSeq === 0) this.statements.deleteSeriesChunks.run(logId);
    this.statements.insertSeriesChunk.run(logId, toRow(chunk));
  }

  /** Runs a write, then resolves once it is on disk (see `wal`). */
  private async run(write: () => unknown): Promise<void> {
    write();
    if (this.wal !== null) await datasync(this.wal);
  }
}
