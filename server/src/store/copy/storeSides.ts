/**
 * The two ends of a store copy, SQLite files or a PostgreSQL database, behind one interface: opened
 * through the normal store code (which migrates them and records the store kind), read a page of rows
 * at a time in key order, written inside one transaction. Opening checks what makes a copy unsafe:
 * a source in use by a server or missing, a target that already holds anything.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import type { EventStore, StoreKind } from '../eventStore.ts';
import { openPgAccessStore } from '../postgres/pgAccessStore.ts';
import { openPgEventStore, type PgEventStore } from '../postgres/pgEventStore.ts';
import { openPool } from '../postgres/pool.ts';
import { openSqliteAccessStore, type SqliteAccessStore } from '../sqlite/sqliteAccessStore.ts';
import { openSqliteStore, type SqliteStore } from '../sqlite/sqliteStore.ts';
import { lockStore, StoreLockedError, type StoreLock } from '../sqlite/storeLock.ts';
import { storeTables, type Row, type TableSpec, type ValueKind } from './storeTables.ts';

export type StoreLocation = { type: 'sqlite'; path: string; accessPath: string } | { type: 'postgres'; url: string };

/** A copy that would be unsafe, refused before anything was written. */
export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

const COMMAND = 'pnpm store:copy';

/** A PostgreSQL URL, or a SQLite event-store file (its access store beside it, as the server names it). */
export function parseLocation(given: string, cwd: string): StoreLocation {
  if (/^postgres(ql)?:\/\//.test(given)) return { type: 'postgres', url: given };
  const path = resolve(cwd, given);
  return { type: 'sqlite', path, accessPath: path.replace(/\.sqlite$/, '') + '-access.sqlite' };
}

/** For messages: a file path, or a URL without its password. */
export function describeLocation(location: StoreLocation): string {
  if (location.type === 'sqlite') return location.path;
  try {
    const url = new URL(location.url);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

export const sameLocation = (a: StoreLocation, b: StoreLocation): boolean =>
  a.type === 'sqlite' && b.type === 'sqlite'
    ? a.path === b.path
    : a.type === 'postgres' && b.type === 'postgres' && a.url === b.url;

export interface StoreSide {
  readonly location: StoreLocation;
  readonly kind: StoreKind;
  /** The event store as a server opens it: the verification reads the logs back through it. */
  readonly events: EventStore;
  /** The kind the store itself records. */
  storedKind(): Promise<string | null>;
  countRows(table: TableSpec): Promise<number>;
  /** Rows after the one whose key is `after` (null: from the first), in key order, at most `limit`. */
  readRows(table: TableSpec, after: unknown[] | null, limit: number): Promise<Row[]>;
  /** Reads see one state of the store until `endReading`, whatever is written meanwhile. */
  startReading(): Promise<void>;
  endReading(): Promise<void>;
  /** Writes go into one transaction, committed by `commit` (nothing is kept on `rollback`). */
  begin(): Promise<void>;
  writeRows(table: TableSpec, rows: Row[]): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the store to copy: refused when missing, empty, or in use by a server. */
export async function openSource(location: StoreLocation): Promise<StoreSide> {
  return location.type === 'sqlite' ? openSqliteSource(location) : openPgSource(location);
}

/** Opens the store to copy into, as a store of `kind`: refused when it holds anything. */
export async function openTarget(location: StoreLocation, kind: StoreKind): Promise<StoreSide> {
  return location.type === 'sqlite' ? openSqliteTarget(location, kind) : openPgTarget(location, kind);
}

// ---------------------------------------------------------------------------------------------
// Conversions: a row as storeTables describes it, to and from each database's columns.
// ---------------------------------------------------------------------------------------------

function fromSqlite(kind: ValueKind, value: unknown): unknown {
  if (value === null) return null;
  if (kind === 'bool') return value === 1;
  if (kind === 'json' || kind === 'list') return JSON.parse(value as string) as unknown;
  return value;
}

function toSqlite(kind: ValueKind, value: unknown): unknown {
  if (value === null) return null;
  if (kind === 'bool') return value ? 1 : 0;
  if (kind === 'json' || kind === 'list') return JSON.stringify(value);
  return value;
}

// node-postgres parses jsonb, text[] and booleans itself; a bigint arrives as a string.
const fromPg = (kind: ValueKind, value: unknown): unknown => (value !== null && kind === 'int' ? Number(value) : value);

/** The array type a column's values are sent as (JSON ones as JSON text, cast by PostgreSQL). */
const PG_ARRAY: Record<ValueKind, string> = {
  text: 'text[]',
  int: 'int8[]',
  bool: 'bool[]',
  real: 'float8[]',
  bytes: 'bytea[]',
  json: 'jsonb[]',
  list: 'jsonb[]',
};

const toPg = (kind: ValueKind, value: unknown): unknown =>
  value !== null && (kind === 'json' || kind === 'list') ? JSON.stringify(value) : value;

const q = (name: string) => `"${name}"`;
const columnList = (table: TableSpec) => table.columns.map(([name]) => q(name)).join(', ');
const keyList = (table: TableSpec) => table.key.map(q).join(', ');

// ---------------------------------------------------------------------------------------------
// SQLite: the event-store file and its access file.
// ---------------------------------------------------------------------------------------------

/** Counts the rows of every copied table in existing files, without creating or migrating anything. */
function sqliteContents(location: Extract<StoreLocation, { type: 'sqlite' }>) {
  const counts = new Map<string, number>();
  let kind: string | null = null;
  for (const [store, path] of [
    ['events', location.path],
    ['access', location.accessPath],
  ] as const) {
    if (!existsSync(path)) continue;
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CopyRefusedError(`${path} cannot be read as a SQLite store: ${reason}.`);
    }
    try {
      const present = (name: string) =>
        db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
      for (const t of storeTables) {
        if (t.store === store && present(t.name)) {
          counts.set(t.name, (db.prepare(`SELECT count(*) AS n FROM ${t.name}`).get() as { n: number }).n);
        }
      }
      if (store === 'events' && present('meta')) {
        kind =
          (db.prepare(`SELECT value FROM meta WHERE key = 'kind'`).get() as { value: string } | undefined)?.value ??
          null;
      }
    } finally {
      db.close();
    }
  }
  return { counts, kind };
}

function lockOrRefuse(path: string, role: 'source' | 'target'): StoreLock {
  try {
    return lockStore(path, COMMAND);
  } catch (error) {
    if (error instanceof StoreLockedError) {
      throw new CopyRefusedError(
        `${error.message} Stop the server using the ${role} first: a store is copied while no server uses it.`,
      );
    }
    throw error;
  }
}

function openSqliteSource(location: Extract<StoreLocation, { type: 'sqlite' }>): StoreSide {
  for (const path of [location.path, location.accessPath]) {
    if (!existsSync(path)) throw new CopyRefusedError(`The source has no store file at ${path}.`);
  }
  const lock = lockOrRefuse(location.path, 'source');
  try {
    const { counts, kind } = sqliteContents(location);
    if (kind !== 'demo' && kind !== 'live') {
      throw new CopyRefusedError(`${location.path} is not a Vigie event store (it records no store kind).`);
    }
    if (!counts.get('logs')) throw new CopyRefusedError(`The source ${location.path} holds no incident log.`);
    return openSqliteSide(location, kind, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function openSqliteTarget(location: Extract<StoreLocation, { type: 'sqlite' }>, kind: StoreKind): StoreSide {
  refuseOccupied(describeLocation(location), sqliteContents(location), kind);
  const lock = lockOrRefuse(location.path, 'target');
  try {
    // Checked again under the lock: a server may have started on it in between.
    refuseOccupied(describeLocation(location), sqliteContents(location), kind);
    return openSqliteSide(location, kind, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function openSqliteSide(location: Extract<StoreLocation, { type: 'sqlite' }>, kind: StoreKind, lock: StoreLock) {
  const events: SqliteStore = openSqliteStore(location.path, kind);
  let access: SqliteAccessStore;
  try {
    access = openSqliteAccessStore(location.accessPath);
  } catch (error) {
    void events.close();
    throw error;
  }
  const dbs = { events: events.db, access: access.db };
  const both = [events.db, access.db];
  const reads = new Map<string, Database.Statement>();
  const writes = new Map<string, Database.Statement>();
  const side: StoreSide = {
    location,
    kind,
    events,
    storedKind: () =>
      Promise.resolve(
        (events.db.prepare(`SELECT value FROM meta WHERE key = 'kind'`).get() as { value: string } | undefined)
          ?.value ?? null,
      ),
    countRows: (table) =>
      Promise.resolve((dbs[table.store].prepare(`SELECT count(*) AS n FROM ${table.name}`).get() as { n: number }).n),
    readRows(table, after, limit) {
      const name = `${table.name}:${after ? 'after' : 'first'}`;
      let statement = reads.get(name);
      if (!statement) {
        const where = after ? `WHERE (${keyList(table)}) > (${table.key.map(() => '?').join(', ')})` : '';
        statement = dbs[table.store]
          .prepare(`SELECT ${columnList(table)} FROM ${table.name} ${where} ORDER BY ${keyList(table)} LIMIT ?`)
          .raw(true);
        reads.set(name, statement);
      }
      const rows = statement.all(...(after ?? []), limit) as unknown[][];
      return Promise.resolve(rows.map((r) => r.map((v, i) => fromSqlite(table.columns[i]![1], v))));
    },
    startReading() {
      for (const db of both) db.exec('BEGIN');
      return Promise.resolve();
    },
    endReading() {
      for (const db of both) if (db.inTransaction) db.exec('COMMIT');
      return Promise.resolve();
    },
    begin() {
      // The event store syncs its WAL itself after each write (synchronous=NORMAL); this commit bypasses
      // it, so SQLite is told to sync it at commit.
      events.db.pragma('synchronous = FULL');
      for (const db of both) db.exec('BEGIN IMMEDIATE');
      return Promise.resolve();
    },
    writeRows(table, rows) {
      let statement = writes.get(table.name);
      if (!statement) {
        const marks = table.columns.map(() => '?').join(', ');
        statement = dbs[table.store].prepare(`INSERT INTO ${table.name} (${columnList(table)}) VALUES (${marks})`);
        writes.set(table.name, statement);
      }
      // A journal seq given explicitly moves SQLite's AUTOINCREMENT counter past it by itself.
      for (const row of rows) statement.run(...row.map((v, i) => toSqlite(table.columns[i]![1], v)));
      return Promise.resolve();
    },
    commit() {
      for (const db of both) db.exec('COMMIT');
      return Promise.resolve();
    },
    rollback() {
      for (const db of both) if (db.inTransaction) db.exec('ROLLBACK');
      return Promise.resolve();
    },
    async close() {
      await events.close();
      await access.close();
      lock.release();
    },
  };
  return side;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: one database holds both stores.
// ---------------------------------------------------------------------------------------------

/** Connects, naming the database in the error a refused connection gives. */
async function connect(location: Extract<StoreLocation, { type: 'postgres' }>): Promise<pg.Pool> {
  const pool = openPool(location.url, { max: 4 });
  try {
    await pool.query('SELECT 1');
    return pool;
  } catch (error) {
    await pool.end();
    const reason = error instanceof Error ? error.message : String(error);
    throw new CopyRefusedError(`Cannot reach ${describeLocation(location)}: ${reason}.`);
  }
}

/**
 * Servers connected to the database: each listens for the others' appends (see PgEventStore, channel
 * `vigie_appended`), and that connection shows its LISTEN in pg_stat_activity.
 */
async function refuseServers(pool: pg.Pool, location: StoreLocation, role: 'source' | 'target') {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND query = 'LISTEN vigie_appended'`,
  );
  const servers = Number(rows[0]!.n);
  if (servers > 0) {
    throw new CopyRefusedError(
      `${servers} Vigie server(s) are connected to the ${role} ${describeLocation(location)}. ` +
        'Stop every server using it first: a store is copied while no server uses it.',
    );
  }
}

/** Counts the rows of every copied table that exists, without creating or migrating anything. */
async function pgContents(pool: pg.Pool) {
  const counts = new Map<string, number>();
  for (const t of storeTables) {
    const { rows } = await pool.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [t.name]);
    if (!rows[0]!.present) continue;
    const counted = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${t.name}`);
    counts.set(t.name, Number(counted.rows[0]!.n));
  }
  const { rows } = await pool.query<{ present: boolean }>(`SELECT to_regclass('store_meta') IS NOT NULL AS present`);
  const kind = rows[0]!.present
    ? ((await pool.query<{ value: string }>(`SELECT value FROM store_meta WHERE key = 'kind'`)).rows[0]?.value ?? null)
    : null;
  return { counts, kind };
}

/** Refuses a target holding any row of a copied table (a copy never merges), or marked as the other kind. */
function refuseOccupied(
  described: string,
  { counts, kind }: { counts: Map<string, number>; kind: string | null },
  wanted: StoreKind,
) {
  const held = [...counts].filter(([, n]) => n > 0).map(([table, n]) => `${table}: ${n}`);
  if (held.length > 0) {
    throw new CopyRefusedError(
      `The target ${described} is not empty (${held.join(', ')}). ` +
        'A copy never merges into nor overwrites a store: give a new file or an empty database.',
    );
  }
  if (kind !== null && kind !== wanted) {
    throw new CopyRefusedError(`The target ${described} is marked as a ${kind} store; the source is a ${wanted} one.`);
  }
}

async function openPgSource(location: Extract<StoreLocation, { type: 'postgres' }>): Promise<StoreSide> {
  const pool = await connect(location);
  try {
    await refuseServers(pool, location, 'source');
    const { counts, kind } = await pgContents(pool);
    if (kind !== 'demo' && kind !== 'live') {
      throw new CopyRefusedError(`The source ${describeLocation(location)} holds no Vigie store.`);
    }
    if (!counts.get('logs')) {
      throw new CopyRefusedError(`The source ${describeLocation(location)} holds no incident log.`);
    }
    return await openPgSide(location, pool, kind);
  } catch (error) {
    await pool.end();
    throw error;
  }
}

async function openPgTarget(location: Extract<StoreLocation, { type: 'postgres' }>, kind: StoreKind) {
  const pool = await connect(location);
  try {
    await refuseServers(pool, location, 'target');
    refuseOccupied(describeLocation(location), await pgContents(pool), kind);
    return await openPgSide(location, pool, kind);
  } catch (error) {
    await pool.end();
    throw error;
  }
}

async function openPgSide(
  location: Extract<StoreLocation, { type: 'postgres' }>,
  pool: pg.Pool,
  kind: StoreKind,
): Promise<StoreSide> {
  const events: PgEventStore = await openPgEventStore(pool, kind);
  await openPgAccessStore(pool);
  /** The connection that reads one state of the store (startReading) or holds the copy's transaction (begin). */
  let reader: pg.PoolClient | null = null;
  let writer: pg.PoolClient | null = null;
  const end = async (client: pg.PoolClient | null, sql: string) => {
    if (!client) return;
    try {
      await client.query(sql);
    } finally {
      client.release();
    }
  };
  return {
    location,
    kind,
    events,
    async storedKind() {
      const { rows } = await pool.query<{ value: string }>(`SELECT value FROM store_meta WHERE key = 'kind'`);
      return rows[0]?.value ?? null;
    },
    async countRows(table) {
      const { rows } = await (reader ?? pool).query<{ n: string }>(`SELECT count(*) AS n FROM ${table.name}`);
      return Number(rows[0]!.n);
    },
    async readRows(table, after, limit) {
      const keys = keyList(table);
      const where = after ? `WHERE (${keys}) > (${table.key.map((_, i) => `$${i + 1}`).join(', ')})` : '';
      const { rows } = await (reader ?? pool).query<unknown[]>({
        text: `SELECT ${columnList(table)} FROM ${table.name} ${where} ORDER BY ${keys} LIMIT $${(after?.length ?? 0) + 1}`,
        values: [...(after ?? []), limit],
        rowMode: 'array',
      });
      return rows.map((r) => r.map((v, i) => fromPg(table.columns[i]![1], v)));
    },
    async startReading() {
      reader = await pool.connect();
      await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    },
    async endReading() {
      const client = reader;
      reader = null;
      await end(client, 'COMMIT');
    },
    async begin() {
      writer = await pool.connect();
      await writer.query('BEGIN');
    },
    async writeRows(table, rows) {
      if (rows.length === 0) return;
      // One statement per page: each column as one array, unnested into rows.
      const names = table.columns.map(([name]) => q(name));
      const arrays = table.columns.map(([, kind], i) => rows.map((row) => toPg(kind, row[i])));
      const selected = table.columns.map(([name, kind]) =>
        kind === 'list'
          ? `ARRAY(SELECT e FROM jsonb_array_elements_text(r.${q(name)}) WITH ORDINALITY AS x(e, i) ORDER BY i)`
          : `r.${q(name)}`,
      );
      const unnested = table.columns.map(([, kind], i) => `$${i + 1}::${PG_ARRAY[kind]}`);
      await writer!.query(
        `INSERT INTO ${table.name} (${names.join(', ')}) ${table.identity ? 'OVERRIDING SYSTEM VALUE' : ''}
         SELECT ${selected.join(', ')} FROM unnest(${unnested.join(', ')}) AS r(${names.join(', ')})`,
        arrays,
      );
    },
    async commit() {
      // Rows inserted with their own ids leave the generator behind: the next one must follow them.
      for (const t of storeTables.filter((t) => t.identity)) {
        await writer!.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), m) FROM (SELECT max(${q(t.identity!)}) AS m FROM ${t.name}) s
           WHERE m IS NOT NULL`,
          [t.name, t.identity],
        );
      }
      const client = writer;
      writer = null;
      await end(client, 'COMMIT');
    },
    async rollback() {
      const client = writer;
      writer = null;
      await end(client, 'ROLLBACK');
    },
    async close() {
      const open = [reader, writer];
      reader = writer = null;
      for (const client of open) await end(client, 'ROLLBACK').catch(() => undefined);
      await events.close();
      await pool.end();
    },
  };
}
