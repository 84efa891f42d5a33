/**
 * The event store on PostgreSQL, shared by several servers. Appends are ordered by one advisory lock
 * held for the transaction: the writer reads what the others appended since its position, decides
 * against it and commits, so seqs stay gap-free and no change is decided against a stale state. Each
 * commit notifies the other servers (LISTEN/NOTIFY, a wake-up only: they read the log by seq).
 *
 * A commit is acknowledged once PostgreSQL says it is committed, with `synchronous_commit = on` set
 * for every connection: with a synchronous standby (pg_auto_failover sets `synchronous_standby_names`)
 * that is once the standby has flushed it to disk, so a failover to it loses nothing acknowledged.
 * `remote_apply` would also wait for the standby to replay it, which only reads on the standby need.
 */
import type pg from 'pg';
import type { LogEvent, LogMeta, Situation } from '@vigie/shared';
import {
  ScenarioRefusedError,
  StoreUnavailableError,
  type AppendBatch,
  type EventPage,
  type EventStore,
  type IdempotencyRecord,
  type LogPosition,
  type PageQuery,
  type SeriesChunk,
  type SeriesChunkHead,
  type Snapshot,
  type StoreKind,
  type StoreTail,
} from '../eventStore.ts';
import { toChunk, toHead, toRow, type SeriesChunkRow, type SeriesHeadRow } from '../seriesChunkRows.ts';
import { EVENT_COLUMNS, eventValues, toEvent, toMeta, toStored, type EventRow, type LogRow } from '../eventRows.ts';
import { eventMigrations } from './eventMigrations.ts';
import { migrate } from './migrate.ts';
import { Notifications } from './notifications.ts';
import { suspect } from './pool.ts';

/** The advisory lock that orders appends (any constant every server shares). */
const APPEND_LOCK = 7_331_002;
const CHANNEL = 'vigie_appended';
/** Past every seq (the column is a 32-bit integer). */
const MAX_SEQ = 2_147_483_647;

const LOG_COLUMNS = 'log_id, epoch, demo, registry_version, created_at';

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * Whether an error says the database cannot be written to at all for now: no connection (refused,
 * lost, timed out), a server shutting down or starting, or one in recovery (a standby: read-only, its
 * locks refused) — a failover under way. Anything else is this request's own failure.
 */
function unavailable(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (/^(08|57P0[1-3]|25006|55000)/.test(code)) return true;
    if (/^E(CONNREFUSED|CONNRESET|TIMEDOUT|PIPE|HOSTUNREACH|NETUNREACH|AI_AGAIN|NOTFOUND)$/.test(code)) return true;
  }
  return typeof message === 'string' && /Connection terminated|timeout|not queryable/i.test(message);
}

/** Opens the event store on `pool`'s database (migrating it); a store of the other kind is refused. */
export async function openPgEventStore(pool: pg.Pool, kind: StoreKind): Promise<PgEventStore> {
  await migrate(pool, 'events', eventMigrations);
  await pool.query(`INSERT INTO store_meta (key, value) VALUES ('kind', $1) ON CONFLICT (key) DO NOTHING`, [kind]);
  const { rows } = await pool.query<{ value: string }>(`SELECT value FROM store_meta WHERE key = 'kind'`);
  if (rows[0]?.value !== kind) {
    throw new Error(`The database is a ${rows[0]?.value ?? 'unmarked'} store; refusing to open it as ${kind}`);
  }
  return new PgEventStore(pool, kind);
}

export class PgEventStore implements EventStore {
  private readonly listeners = new Set<() => void>();
  /** Other servers' appends; at each (re)connection, a wake-up to read what came while nobody listened. */
  private readonly appended: Notifications;
  private listening: (() => void) | null = null;

  constructor(
    readonly pool: pg.Pool,
    readonly kind: StoreKind,
  ) {
    this.appended = new Notifications(pool, CHANNEL, () => this.wake());
  }

  async exclusive(position: LogPosition, decide: (tail: StoreTail) => Promise<AppendBatch | null>): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const batch = await decide(await this.readTail(client, position));
      if (batch) await this.insert(client, batch);
      // Nothing to write (a suspended server's probe): would a write be taken? A database being promoted
      // or demoted takes the lock but is read-only, and changes must not resume to be refused again.
      else await this.refuseReadOnly(client);
    }).catch((error: unknown) => {
      if (!unavailable(error)) throw error;
      // Perhaps a failover: the pool looks for the primary again before its next connection.
      suspect(this.pool);
      throw new StoreUnavailableError(error);
    });
  }

  tail(position: LogPosition): Promise<StoreTail> {
    return this.readTail(this.pool, position);
  }

  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    // Listening starts with the first listener (a command-line tool on the store never listens).
    this.listening ??= this.appended.subscribe(() => this.wake());
    return () => this.listeners.delete(listener);
  }

  async currentLog(): Promise<LogMeta | null> {
    return this.latestLog(this.pool);
  }

  async readEvents(logId: string, afterSeq: number, limit: number): Promise<LogEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'read-events',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE log_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      values: [logId, afterSeq, limit],
    });
    return rows.map(toEvent);
  }

  async findIdempotency(logId: string, actorKey: string, key: string): Promise<IdempotencyRecord | null> {
    const { rows } = await this.pool.query<{ request_hash: string; result: string }>({
      name: 'find-idempotency',
      text: 'SELECT request_hash, result FROM idempotency WHERE log_id = $1 AND actor_key = $2 AND key = $3',
      values: [logId, actorKey, key],
    });
    const row = rows[0];
    return row ? { actorKey, key, requestHash: row.request_hash, result: JSON.parse(row.result) as unknown } : null;
  }

  append(batch: AppendBatch): Promise<void> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      await this.insert(client, batch);
    });
  }

  saveSnapshot(logId: string, snapshot: Snapshot): Promise<void> {
    const { series } = snapshot;
    return this.transaction(async (client) => {
      if (series) await this.insertChainedChunk(client, logId, series);
      await client.query(
        `INSERT INTO snapshots (log_id, seq, registry_version, state) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [logId, snapshot.seq, snapshot.registryVersion, JSON.stringify(snapshot.state)],
      );
      // Two are enough: the latest, and the one before in case the latest is unreadable.
      await client.query(
        `DELETE FROM snapshots WHERE log_id = $1 AND seq < (SELECT MIN(seq) FROM (SELECT seq FROM snapshots WHERE log_id = $1 ORDER BY seq DESC LIMIT 2) s)`,
        [logId],
      );
    });
  }

  async latestSnapshot(logId: string): Promise<Snapshot | null> {
    const { rows } = await this.pool.query<{ seq: number; registry_version: string; state: string }>(
      'SELECT seq, registry_version, state FROM snapshots WHERE log_id = $1 ORDER BY seq DESC LIMIT 1',
      [logId],
    );
    const row = rows[0];
    return row
      ? { seq: row.seq, registryVersion: row.registry_version, state: JSON.parse(row.state) as Situation }
      : null;
  }

  saveSeriesChunk(logId: string, chunk: SeriesChunk): Promise<void> {
    return this.transaction((client) => this.insertChainedChunk(client, logId, chunk));
  }

  async seriesHeads(logId: string): Promise<SeriesChunkHead[]> {
    const { rows } = await this.pool.query<SeriesHeadRow>(
      'SELECT from_seq, to_seq, registry_version, time, last, counts FROM series_chunks WHERE log_id = $1 ORDER BY to_seq',
      [logId],
    );
    return rows.map(toHead);
  }

  async readSeriesChunks(logId: string, afterSeq: number, throughSeq: number, limit: number): Promise<SeriesChunk[]> {
    const { rows } = await this.pool.query<SeriesChunkRow>(
      `SELECT from_seq, to_seq, registry_version, time, last, counts, points FROM series_chunks
       WHERE log_id = $1 AND to_seq > $2 AND to_seq <= $3 ORDER BY to_seq LIMIT $4`,
      [logId, afterSeq, throughSeq, limit],
    );
    return rows.map(toChunk);
  }

  async saveRegistry(version: string, body: unknown): Promise<void> {
    await this.pool.query('INSERT INTO registries (version, body) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      version,
      JSON.stringify(body),
    ]);
  }

  async loadRegistry(version: string): Promise<unknown> {
    const { rows } = await this.pool.query<{ body: string }>('SELECT body FROM registries WHERE version = $1', [
      version,
    ]);
    return rows[0] ? (JSON.parse(rows[0].body) as unknown) : null;
  }

  async setLogRegistry(logId: string, version: string): Promise<void> {
    await this.pool.query('UPDATE logs SET registry_version = $1 WHERE log_id = $2', [version, logId]);
  }

  async itemEvents(logId: string, itemKey: string, page: PageQuery): Promise<EventPage> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'item-events',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE log_id = $1 AND item_key = $2 AND seq < $3 ORDER BY seq DESC LIMIT $4`,
      values: [logId, itemKey, page.before ?? MAX_SEQ, page.limit],
    });
    return this.page(rows, page.limit);
  }

  async typeEvents(logId: string, type: LogEvent['type'], page: PageQuery): Promise<EventPage> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'type-events',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE log_id = $1 AND type = $2 AND seq < $3 ORDER BY seq DESC LIMIT $4`,
      values: [logId, type, page.before ?? MAX_SEQ, page.limit],
    });
    return this.page(rows, page.limit);
  }

  async auditEvents(logId: string, page: PageQuery & { actorId?: string | undefined }): Promise<EventPage> {
    const before = page.before ?? MAX_SEQ;
    const { rows } = page.actorId
      ? await this.pool.query<EventRow>({
          name: 'audit-events-by-actor',
          text: `SELECT ${EVENT_COLUMNS} FROM events WHERE log_id = $1 AND actor_id = $2 AND seq < $3 ORDER BY seq DESC LIMIT $4`,
          values: [logId, page.actorId, before, page.limit],
        })
      : await this.pool.query<EventRow>({
          name: 'audit-events',
          text: `SELECT ${EVENT_COLUMNS} FROM events WHERE log_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
          values: [logId, before, page.limit],
        });
    return this.page(rows, page.limit);
  }

  /** Events across every log. */
  async eventCount(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM events');
    return Number(rows[0]!.n);
  }

  /** Stops listening; the pool is its opener's to end. */
  async close(): Promise<void> {
    this.listeners.clear();
    await this.appended.close();
  }

  private async latestLog(db: Queryable): Promise<LogMeta | null> {
    const { rows } = await db.query<LogRow>({
      name: 'latest-log',
      text: `SELECT ${LOG_COLUMNS} FROM logs ORDER BY ordinal DESC LIMIT 1`,
    });
    return rows[0] ? toMeta(rows[0]) : null;
  }

  private async readTail(db: Queryable, position: LogPosition): Promise<StoreTail> {
    const latest = await this.latestLog(db);
    const newLog = latest && latest.logId !== position.logId ? latest : null;
    const logId = newLog?.logId ?? position.logId;
    const { rows } = await db.query<EventRow>({
      name: 'tail',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE log_id = $1 AND seq > $2 ORDER BY seq`,
      values: [logId, newLog ? 0 : position.seq],
    });
    return { newLog, events: rows.map(toEvent) };
  }

  private async insert(client: Queryable, batch: AppendBatch): Promise<void> {
    if (this.kind === 'live' && batch.events.some((e) => e.event.by.kind === 'scenario')) {
      throw new ScenarioRefusedError();
    }
    if (batch.newLog) {
      const m = batch.newLog;
      await client.query(
        `INSERT INTO logs (log_id, ordinal, epoch, demo, registry_version, created_at)
         VALUES ($1, (SELECT COALESCE(MAX(ordinal), 0) + 1 FROM logs), $2, $3, $4, $5)`,
        [m.logId, m.epoch, m.demo, m.registryVersion, m.createdAt],
      );
    }
    if (batch.events.length > 0) {
      const columns: unknown[][] = [[], [], [], [], [], [], [], [], [], []];
      for (const event of batch.events) eventValues(event).forEach((value, i) => columns[i]!.push(value));
      // One statement for the whole batch: its rows as arrays, one per column.
      await client.query({
        name: 'insert-events',
        text: `INSERT INTO events (log_id, seq, type, data, actor, actor_id, recorded_at, command_id, idempotency_key, origin, item_key)
               SELECT $1::text, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])`,
        values: [batch.logId, ...columns],
      });
    }
    if (batch.idempotency.length > 0) {
      await client.query({
        name: 'insert-idempotency',
        text: `INSERT INTO idempotency (log_id, actor_key, key, request_hash, result)
               SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])`,
        values: [
          batch.logId,
          batch.idempotency.map((r) => r.actorKey),
          batch.idempotency.map((r) => r.key),
          batch.idempotency.map((r) => r.requestHash),
          batch.idempotency.map((r) => JSON.stringify(r.result)),
        ],
      });
    }
    const last = batch.events.at(-1)?.event.seq ?? 0;
    await client.query('SELECT pg_notify($1, $2)', [CHANNEL, `${batch.logId}:${last}`]);
  }

  /**
   * Saves a chart chunk only where it continues the saved chain (or, from seq 0, replaces it). Servers
   * sharing the store each keep the series and snapshot on their own; a chunk overlapping one another
   * server saved is left out, so the chain a restart reads stays gap-free (one that ends short of the
   * latest snapshot has the series rebuilt from the log, as for a store that saved none).
   */
  private async insertChainedChunk(client: Queryable, logId: string, chunk: SeriesChunk): Promise<void> {
    const r = toRow(chunk);
    if (chunk.fromSeq === 0) await client.query('DELETE FROM series_chunks WHERE log_id = $1', [logId]);
    else {
      const { rows } = await client.query<{ chain_end: number | null }>(
        'SELECT MAX(to_seq) AS chain_end FROM series_chunks WHERE log_id = $1',
        [logId],
      );
      if (rows[0]?.chain_end !== chunk.fromSeq) return;
    }
    await client.query(
      `INSERT INTO series_chunks (log_id, to_seq, from_seq, registry_version, time, last, counts, points)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (log_id, to_seq) DO NOTHING`,
      [logId, r.to_seq, r.from_seq, r.registry_version, r.time, r.last, r.counts, r.points],
    );
  }

  private async refuseReadOnly(client: Queryable): Promise<void> {
    const { rows } = await client.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
    if (rows[0]?.transaction_read_only !== 'off') {
      throw Object.assign(new Error('the database is read-only'), { code: '25006' });
    }
  }

  private wake(): void {
    this.listeners.forEach((l) => l());
  }

  private page(rows: EventRow[], limit: number): EventPage {
    return { events: rows.map(toStored), before: rows.length === limit ? (rows.at(-1)?.seq ?? null) : null };
  }

  private async transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
