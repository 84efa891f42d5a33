import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSession } from '../../access/seedSession.ts';
import { tempDir } from '../../testing.ts';
import { openPgAccessStore } from '../postgres/pgAccessStore.ts';
import { openPgEventStore } from '../postgres/pgEventStore.ts';
import { openPool } from '../postgres/pool.ts';
import { createTestDatabase, type TestDatabase } from '../postgres/testDatabase.ts';
import { openSqliteAccessStore } from '../sqlite/sqliteAccessStore.ts';
import { openSqliteStore } from '../sqlite/sqliteStore.ts';
import { lockStore } from '../sqlite/storeLock.ts';
import { copyStore, CopyRefusedError, type CopyProgress } from './copyStore.ts';
import { seedFullStore } from './seedFullStore.ts';
import { parseLocation, type StoreLocation } from './storeSides.ts';
import { storeTables } from './storeTables.ts';

type SqliteLocation = Extract<StoreLocation, { type: 'sqlite' }>;
type PgLocation = Extract<StoreLocation, { type: 'postgres' }>;

const temp = tempDir();
const databases: TestDatabase[] = [];
const sqliteAt = (name: string) => parseLocation(join(temp.dir, name, 'vigie.sqlite'), temp.dir) as SqliteLocation;
const source = sqliteAt('laptop');
const sourcePath = source.path;

beforeAll(() => seedFullStore(sourcePath), 60_000);
afterAll(async () => {
  for (const db of databases) await db.drop();
  temp.remove();
});

async function emptyDatabase(): Promise<PgLocation> {
  const db = await createTestDatabase();
  databases.push(db);
  return { type: 'postgres', url: db.url };
}

type Rows = Record<string, unknown>[];
const keyOf = (table: string, row: Record<string, unknown>) =>
  storeTables
    .find((t) => t.name === table)!
    .key.map((k) => String(row[k]).padStart(12, '0'))
    .join('\n');
/** Rows in key order, compared bytewise whatever the database sorts by. */
const sorted = (table: string, rows: Rows) => rows.sort((a, b) => (keyOf(table, a) < keyOf(table, b) ? -1 : 1));

/** Every row of a table as the database holds it. */
function sqliteRows(location: SqliteLocation, table: string): Rows {
  const spec = storeTables.find((t) => t.name === table)!;
  const db = new Database(spec.store === 'events' ? location.path : location.accessPath, { readonly: true });
  try {
    return sorted(table, db.prepare(`SELECT * FROM ${table}`).all() as Rows);
  } finally {
    db.close();
  }
}

async function pgRows(location: PgLocation, table: string): Promise<Rows> {
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    return sorted(table, (await client.query<Record<string, unknown>>(`SELECT * FROM ${table}`)).rows);
  } finally {
    await client.end();
  }
}

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('copyStore', { timeout: 60_000 }, () => {
  it('copies a SQLite store to PostgreSQL and back, a page at a time, into identical stores', async () => {
    const database = await emptyDatabase();
    const back = sqliteAt('back');
    const progress: CopyProgress[] = [];
    const there = await copyStore({ from: source, to: database, pageSize: 97, onProgress: (p) => progress.push(p) });
    const again = await copyStore({ from: database, to: back, pageSize: 1000 });

    for (const report of [there, again]) {
      expect(report.differences).toEqual([]);
      expect(report.kind).toBe('demo');
      expect(report.storedKind).toEqual(['demo', 'demo']);
      expect(report.current.hash[1]).toBe(report.current.hash[0]);
      for (const t of report.tables)
        expect([t.name, t.target.rows, t.target.value]).toEqual([t.name, t.source.rows, t.source.value]);
    }
    expect(again.current).toEqual(there.current);
    const rows = (name: string) => there.tables.find((t) => t.name === name)!.source.rows;
    expect(rows('events')).toBeGreaterThan(2000);
    expect(rows('logs')).toBe(3);
    expect(there.logs.map((l) => l.target.rows)).toEqual([0, expect.any(Number), expect.any(Number)]);
    for (const name of [
      'idempotency',
      'snapshots',
      'series_chunks',
      'accounts',
      'codes',
      'screens',
      'pairings',
      'sessions',
      'journal',
    ]) {
      expect([name, rows(name)]).toEqual([name, expect.any(Number)]);
      expect(rows(name)).toBeGreaterThan(0);
    }
    // The events went across in pages, each committed with the rest at the end.
    const eventPages = progress.filter((p) => p.table === 'events');
    expect(eventPages.length).toBe(Math.ceil(rows('events') / 97));
    expect(eventPages.at(-1)).toEqual({ table: 'events', copied: rows('events'), total: rows('events') });

    // Field by field: in PostgreSQL, and back in SQLite, as in the original (chart points bit for bit).
    for (const table of ['events', 'idempotency', 'snapshots', 'registries', 'series_chunks']) {
      const original = sqliteRows(source, table);
      expect(await pgRows(database, table)).toEqual(original);
      expect(sqliteRows(back, table)).toEqual(original);
    }
    for (const table of ['logs', 'codes', 'screens', 'pairings', 'sessions', 'journal']) {
      expect(sqliteRows(back, table)).toEqual(sqliteRows(source, table));
    }
    // jsonb keeps a scope's keys in an order of its own: the same scope, not the same text.
    const parsed = (rows: Rows) =>
      rows.map((r) => ({ ...r, scope: r.scope === null ? null : (JSON.parse(r.scope as string) as unknown) }));
    expect(parsed(sqliteRows(back, 'accounts'))).toEqual(parsed(sqliteRows(source, 'accounts')));

    // Read through the stores: the audit trail (origin, idempotency key) and the accounts as the server sees them.
    const original = openSqliteStore(sourcePath, 'demo');
    const pool = openPool(database.url);
    try {
      const copy = await openPgEventStore(pool, 'demo');
      const current = (await original.currentLog())!;
      expect(await copy.currentLog()).toEqual(current);
      const audit = { limit: 100_000 };
      expect(await copy.auditEvents(current.logId, audit)).toEqual(await original.auditEvents(current.logId, audit));
      const now = new Date().toISOString();
      const accessCopy = await openPgAccessStore(pool);
      const accessOriginal = openSqliteAccessStore(source.accessPath);
      expect(await accessCopy.listAccounts(now)).toEqual(await accessOriginal.listAccounts(now));
      expect(await accessCopy.listScreens(now)).toEqual(await accessOriginal.listScreens(now));
      await accessOriginal.close();
      // The journal goes on after the copied entries, on both copies.
      const entry = { at: now, actorId: 'a', actorName: 'A', action: 'x', target: 't', address: null, sessionId: null };
      await accessCopy.journal(entry);
      const accessBack = openSqliteAccessStore(back.accessPath);
      await accessBack.journal(entry);
      await accessBack.close();
      const last = (rows: Rows) => Number(rows.at(-1)!.seq);
      expect(last(await pgRows(database, 'journal'))).toBe(last(sqliteRows(source, 'journal')) + 1);
      expect(last(sqliteRows(back, 'journal'))).toBe(last(sqliteRows(source, 'journal')) + 1);
    } finally {
      await original.close();
      await pool.end();
    }
  });

  it('refuses a target that holds anything, and leaves it as it was', async () => {
    const database = await emptyDatabase();
    const file = sqliteAt('full');
    await copyStore({ from: source, to: database });
    await copyStore({ from: source, to: file });
    const before = await pgRows(database, 'events');
    const hashes = [file.path, file.accessPath].map(fileHash);

    await expect(copyStore({ from: source, to: database })).rejects.toThrow(
      /is not empty \(logs: 3, registries: 1, events: \d+, .*accounts: 3,/,
    );
    await expect(copyStore({ from: database, to: file })).rejects.toThrow(CopyRefusedError);
    expect(await pgRows(database, 'events')).toEqual(before);
    expect([file.path, file.accessPath].map(fileHash)).toEqual(hashes);

    // An access store alone is enough to refuse a file.
    const accountsOnly = sqliteAt('accounts-only');
    const access = openSqliteAccessStore(accountsOnly.accessPath);
    await seedSession(access, { name: 'A B', roles: ['viewer'] });
    await access.close();
    await expect(copyStore({ from: source, to: accountsOnly })).rejects.toThrow(
      /not empty \(accounts: 1, sessions: 1\)/,
    );
  });

  it('leaves the target empty when cut short, so the copy can be run again', async () => {
    const database = await emptyDatabase();
    const file = sqliteAt('cut-short');
    const cut = (p: CopyProgress) => {
      if (p.table === 'events' && p.copied > 1000) throw new Error('cut short');
    };
    for (const target of [database, file]) {
      await expect(copyStore({ from: source, to: target, pageSize: 500, onProgress: cut })).rejects.toThrow(
        'cut short',
      );
    }
    expect(await pgRows(database, 'logs')).toEqual([]);
    expect(await pgRows(database, 'events')).toEqual([]);
    expect(sqliteRows(file, 'logs')).toEqual([]);
    expect(sqliteRows(file, 'accounts')).toEqual([]);
    for (const target of [database, file]) {
      expect((await copyStore({ from: source, to: target })).differences).toEqual([]);
    }
  });

  it('refuses a missing source, a source a server uses, and a store copied onto itself', async () => {
    const target = sqliteAt('never');
    await expect(copyStore({ from: sqliteAt('nowhere'), to: target })).rejects.toThrow(/has no store file at/);
    await expect(copyStore({ from: source, to: source })).rejects.toThrow(/the same store/);
    const notStore = sqliteAt('not-a-store');
    mkdirSync(dirname(notStore.path));
    for (const path of [notStore.path, notStore.accessPath]) writeFileSync(path, 'notes, not a database\n');
    await expect(copyStore({ from: notStore, to: target })).rejects.toThrow(/cannot be read as a SQLite store/);

    const lock = lockStore(sourcePath, 'vigie server');
    try {
      await expect(copyStore({ from: source, to: target })).rejects.toThrow(
        /in use by vigie server .*Stop the server using the source first/,
      );
    } finally {
      lock.release();
    }

    const database = await emptyDatabase();
    await copyStore({ from: source, to: database });
    const pool = openPool(database.url);
    const server = await openPgEventStore(pool, 'demo');
    const stop = server.onAppended(() => undefined);
    try {
      const listening = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'LISTEN vigie_appended'`;
      await expect
        .poll(async () => (await pool.query<{ n: number }>(listening)).rows[0]!.n, { timeout: 10_000 })
        .toBe(1);
      await expect(copyStore({ from: database, to: target })).rejects.toThrow(
        /1 Vigie server\(s\) are connected to the source/,
      );
    } finally {
      stop();
      await server.close();
      await pool.end();
    }
  });

  it('runs as `pnpm store:copy`, printing its figures, and exits non-zero when refused', async () => {
    const database = await emptyDatabase();
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/storeCopy.ts', ...args], {
        cwd: join(import.meta.dirname, '../../..'),
        env: { ...process.env, INIT_CWD: temp.dir },
      }).then(
        ({ stdout }) => ({ code: 0, out: stdout }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          out: error.stdout + error.stderr,
        }),
      );

    const copied = await run('--from', 'laptop/vigie.sqlite', '--to', database.url, '--page-size', '500');
    expect(copied.code).toBe(0);
    expect(copied.out).toMatch(/events +\d+ +\d+ +same/);
    expect(copied.out).toMatch(/state hash ([0-9a-f]{16}) \(source\) = \1 \(target\)/);
    expect(copied.out).toMatch(/Verified: .* holds the same demo store: \d+ events in 3 logs, 3 accounts\./);

    const refused = await run('--from', 'laptop/vigie.sqlite', '--to', database.url);
    expect(refused).toEqual({
      code: 1,
      out: expect.stringMatching(/^Copying[^]*Not copied: The target .* is not empty/),
    });
    expect((await run('--from', 'laptop/vigie.sqlite')).code).toBe(2);
  });
});
