/**
 * Online backups of the SQLite store to a second folder (`VACUUM INTO` in a worker thread: one read
 * transaction, consistent while writes go on), and restoring one, which starts a new epoch of every
 * log so clients re-sync.
 *
 * A backup is written as `<name>.partial`, checked, flushed to disk and only then renamed: a file
 * named like a backup is always a complete, checked one, whatever kills the process on the way.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { copyInWorker } from './inspectInWorker.ts';
import { inspectStoreFile, type StoreInspection } from './inspectStore.ts';
import type { SqliteStore } from './sqliteStore.ts';
import { lockStore } from './storeLock.ts';

const PREFIX = 'vigie-backup-';
const SUFFIX = '.sqlite';
const PARTIAL = '.partial';

/** A backup file name that sorts by time: vigie-backup-20240803T110000123Z.sqlite. */
export const backupName = (at: Date) => `${PREFIX}${at.toISOString().replace(/[-:.]/g, '')}${SUFFIX}`;

/** The time in a backup's name, or null for a name that is not one. */
export function backupTime(name: string): Date | null {
  const m = /^vigie-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.sqlite/.exec(name);
  if (!m) return null;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
}

const isBackup = (f: string) => f.startsWith(PREFIX) && f.endsWith(SUFFIX);
const isPartial = (f: string) => f.startsWith(PREFIX) && f.endsWith(SUFFIX + PARTIAL);
/** A partial backup and its journal, as a crash mid-copy leaves them. */
const isLeftover = (f: string) => f.startsWith(PREFIX) && f.includes(SUFFIX + PARTIAL);

/** A backup that failed its check; its partial file is removed. */
export class BackupCheckError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Backup ${path} was not kept: ${reason}`);
    this.name = 'BackupCheckError';
  }
}

/**
 * Writes one backup into `dir` and keeps only the newest `keep`. Returns its path. The copy must
 * pass SQLite's check and hold at least the events committed when it started before it gets its name.
 */
export async function backupNow(store: SqliteStore, dir: string, keep: number, at = new Date()): Promise<string> {
  mkdirSync(dir, { recursive: true });
  // What a backup cut short (kill -9, power loss) left behind.
  for (const f of readdirSync(dir).filter(isLeftover)) rmSync(join(dir, f), { force: true });
  const path = join(dir, backupName(at));
  const partial = path + PARTIAL;
  try {
    const committed = store.eventCount();
    const check = await copyInWorker(store.path, partial);
    if (check.state !== 'good') throw new BackupCheckError(path, check.problem ?? check.state);
    if (check.events < committed) {
      throw new BackupCheckError(path, `it holds ${check.events} events, ${committed} were committed before it began`);
    }
    // Flushed off the event loop (a large copy takes a while to reach the disk).
    await flush(partial);
    renameSync(partial, path);
    await flush(dir); // the rename itself survives a power loss only once the folder is flushed
  } catch (error) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    throw error;
  }
  const backups = readdirSync(dir).filter(isBackup).sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) rmSync(join(dir, old));
  return path;
}

async function flush(path: string) {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function fsyncPath(path: string) {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Backs up every `everyMs` until stopped; a failed backup is reported and the next one tried. */
export function scheduleBackups(
  store: SqliteStore,
  options: {
    dir: string;
    everyMs: number;
    keep: number;
    onDone: (path: string) => void;
    onError: (e: unknown) => void;
  },
): () => void {
  let running = false;
  const timer = setInterval(() => {
    // A backup slower than the interval is not overlapped by the next one (it would remove its partial file).
    if (running) return;
    running = true;
    backupNow(store, options.dir, options.keep)
      .then(options.onDone, options.onError)
      .finally(() => (running = false));
  }, options.everyMs);
  return () => clearInterval(timer);
}

/** One file of a backup folder, as `pnpm backups` lists it. */
export interface BackupEntry {
  name: string;
  path: string;
  at: Date | null;
  bytes: number;
  /** partial: a backup cut short (removed by the next one); the rest as StoreInspection. */
  state: StoreInspection['state'] | 'partial';
  events: number;
  problem: string | null;
}

/** The backups in `dir`, newest first, each checked (quick_check) unless partial. */
export function listBackups(dir: string): BackupEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => isBackup(f) || isPartial(f))
    .sort()
    .reverse()
    .map((name) => {
      const path = join(dir, name);
      const base = { name, path, at: backupTime(name), bytes: statSync(path).size };
      if (isPartial(name)) return { ...base, state: 'partial' as const, events: 0, problem: 'cut short' };
      const check = inspectStoreFile(path);
      return { ...base, state: check.state, events: check.events, problem: check.problem };
    });
}

/** The newest backup in `dir` that passes its check, or null. */
export function latestGoodBackup(dir: string | undefined): string | null {
  if (!dir || !existsSync(dir)) return null;
  const names = readdirSync(dir).filter(isBackup).sort().reverse();
  return names.map((n) => join(dir, n)).find((p) => inspectStoreFile(p).state === 'good') ?? null;
}

/** A restore that was refused before anything was touched. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

/**
 * Replaces the store file at `storePath` with the backup at `backupPath`, holding the store's lock
 * (refused while a server uses the store). The backup is checked first — SQLite's full check, and a
 * log in it — so a bad one changes nothing. The replaced file is kept beside it. Every log gets an
 * epoch above any it had, so clients holding the pre-restore log take a snapshot instead of trusting
 * their sequence numbers.
 */
export function restoreBackup(
  backupPath: string,
  storePath: string,
  at = new Date(),
): { keptAs: string | null; epoch: number } {
  const lock = lockStore(storePath, 'pnpm restore');
  try {
    const check = inspectStoreFile(backupPath, { thorough: true });
    if (check.state !== 'good') {
      throw new RestoreRefusedError(
        `Backup ${backupPath} cannot be restored: ${check.problem ?? check.state}. The store was not touched.`,
      );
    }
    return replaceStore(backupPath, storePath, at);
  } finally {
    lock.release();
  }
}

function replaceStore(backupPath: string, storePath: string, at: Date) {
  const staging = `${storePath}.restoring`;
  let epoch = 1;
  try {
    for (const suffix of ['-journal', '-wal', '-shm']) rmSync(staging + suffix, { force: true });
    copyFileSync(backupPath, staging);
    const staged = new Database(staging);
    try {
      epoch = Math.max(previousEpoch(storePath), maxEpoch(staged)) + 1;
      staged.transaction(() => {
        staged.prepare('UPDATE logs SET epoch = ?').run(epoch);
        staged
          .prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('restoredFrom', ?), ('restoredAt', ?)`)
          .run(basename(backupPath), at.toISOString());
      })();
      staged.pragma('journal_mode = WAL');
    } finally {
      staged.close();
    }
    fsyncPath(staging);
  } catch (error) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(staging + suffix, { force: true });
    throw error;
  }
  let keptAs: string | null = null;
  if (existsSync(storePath)) {
    keptAs = join(
      dirname(storePath),
      `${basename(storePath)}.before-restore-${at.toISOString().replace(/[-:.]/g, '')}`,
    );
    renameSync(storePath, keptAs);
  }
  // A stale write-ahead log beside the restored file would be replayed into it.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(storePath + suffix)) renameSync(storePath + suffix, (keptAs ?? storePath) + suffix);
  }
  renameSync(staging, storePath);
  fsyncPath(dirname(storePath));
  return { keptAs, epoch };
}

/** The highest epoch the current store gave out; a store too damaged to say counts as none. */
function previousEpoch(storePath: string): number {
  if (!existsSync(storePath) || statSync(storePath).size === 0) return 0;
  try {
    const db = new Database(storePath, { readonly: true, fileMustExist: true });
    try {
      return maxEpoch(db);
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

function maxEpoch(db: Database.Database): number {
  return (db.prepare('SELECT COALESCE(MAX(epoch), 0) AS e FROM logs').get() as { e: number }).e;
}
