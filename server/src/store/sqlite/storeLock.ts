/**
 * One process at a time on a store file: the server for its whole life, `pnpm restore` while it
 * replaces the file. The lock is SQLite's own (an fcntl lock on a small `<store>.lock` database
 * held in exclusive locking mode), so the kernel releases it when the holder dies, even by kill -9:
 * no stale lock to clear by hand, no race between two starting processes. Who holds it is written
 * beside it in `<store>.lock.json`, since a locked SQLite file cannot be read by anyone else.
 *
 * The lock is per store file, not per data folder: the demo and a live incident use different
 * files (demo.sqlite, vigie.sqlite) and may run side by side on one folder without sharing anything.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';

const HolderSchema = z.object({
  pid: z.number(),
  host: z.string(),
  startedAt: z.string(),
  command: z.string(),
  port: z.number().nullable(),
});

/** Who holds a store's lock, as it recorded itself. */
export type LockHolder = z.infer<typeof HolderSchema>;

/** Another process holds the store's lock; the message names it. */
export class StoreLockedError extends Error {
  constructor(
    readonly storePath: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      `Store ${storePath} is in use by ${holder ? describeHolder(holder) : 'another process (it left no details)'}; ` +
        'only one process may use a store at a time.',
    );
    this.name = 'StoreLockedError';
  }
}

export interface StoreLock {
  /** Records the port the holder listens on, for whoever is refused next. */
  setPort(port: number): void;
  release(): void;
}

export const lockPathOf = (storePath: string) => `${storePath}.lock`;
const holderPathOf = (storePath: string) => `${storePath}.lock.json`;

export function describeHolder(h: LockHolder): string {
  return `${h.command} (pid ${h.pid} on ${h.host}${h.port === null ? '' : `, port ${h.port}`}, since ${h.startedAt})`;
}

/** Takes the store's lock at once or throws StoreLockedError naming the holder. */
export function lockStore(storePath: string, command: string): StoreLock {
  mkdirSync(dirname(storePath), { recursive: true });
  // Never open the lock file any other way in this process: closing any descriptor of a file drops
  // the process's fcntl locks on it (SQLite guards its own descriptors, not foreign ones).
  let db: Database.Database;
  try {
    db = new Database(lockPathOf(storePath), { timeout: 0 });
  } catch (error) {
    throw new Error(`Cannot lock store ${storePath}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = TRUNCATE');
    // The first write in exclusive locking mode takes the EXCLUSIVE lock and keeps it until close.
    db.exec(`BEGIN EXCLUSIVE;
      CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY, taken_at TEXT NOT NULL);
      INSERT OR REPLACE INTO lock (id, taken_at) VALUES (1, '${new Date().toISOString()}');
      COMMIT;`);
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new StoreLockedError(storePath, readHolder(storePath));
    throw new Error(`Cannot lock store ${storePath}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command,
    port: null,
  };
  writeHolder(storePath, holder);
  return {
    setPort: (port) => writeHolder(storePath, { ...holder, port }),
    release: () => {
      if (db.open) db.close();
    },
  };
}

/** The holder a store's lock names, or null (none recorded, or unreadable). Says nothing of whether it is held. */
export function readHolder(storePath: string): LockHolder | null {
  try {
    const parsed = HolderSchema.safeParse(JSON.parse(readFileSync(holderPathOf(storePath), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function writeHolder(storePath: string, holder: LockHolder) {
  // Written aside then renamed: a reader never sees half a file.
  const path = holderPathOf(storePath);
  writeFileSync(`${path}.tmp`, JSON.stringify(holder) + '\n');
  renameSync(`${path}.tmp`, path);
}

const isBusy = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && String(error.code).startsWith('SQLITE_BUSY');
