/**
 * Online backups of the SQLite store to a second folder (SQLite's backup API: consistent while
 * writes go on), and restoring one, which starts a new epoch of every log so clients re-sync.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteStore } from './sqliteStore.ts';

const PREFIX = 'vigie-backup-';

/** A backup file name that sorts by time: vigie-backup-20240803T110000123Z.sqlite. */
export const backupName = (at: Date) => `${PREFIX}${at.toISOString().replace(/[-:.]/g, '')}.sqlite`;

/** Writes one backup into `dir` and keeps only the newest `keep`. Returns its path. */
export async function backupNow(store: SqliteStore, dir: string, keep: number, at = new Date()): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, backupName(at));
  await store.backup(path);
  const backups = readdirSync(dir)
    .filter((f) => f.startsWith(PREFIX) && f.endsWith('.sqlite'))
    .sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) rmSync(join(dir, old));
  return path;
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
  const timer = setInterval(() => {
    backupNow(store, options.dir, options.keep).then(options.onDone, options.onError);
  }, options.everyMs);
  return () => clearInterval(timer);
}

/**
 * Replaces the store file at `storePath` with the backup at `backupPath` (the server must be
 * stopped). The replaced file is kept beside it. Every log gets an epoch above any it had, so
 * clients holding the pre-restore log take a snapshot instead of trusting their sequence numbers.
 */
export function restoreBackup(
  backupPath: string,
  storePath: string,
  at = new Date(),
): { keptAs: string | null; epoch: number } {
  const check = new Database(backupPath, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`Backup ${backupPath} is damaged: ${String(result)}`);
  } finally {
    check.close();
  }
  const staging = `${storePath}.restoring`;
  copyFileSync(backupPath, staging);
  const staged = new Database(staging);
  let epoch = 1;
  try {
    const previous = existsSync(storePath) ? maxEpoch(storePath) : 0;
    epoch = Math.max(previous, maxEpoch(staging, staged)) + 1;
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
  return { keptAs, epoch };
}

function maxEpoch(path: string, open?: Database.Database): number {
  const db = open ?? new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT COALESCE(MAX(epoch), 0) AS e FROM logs').get() as { e: number }).e;
  } finally {
    if (!open) db.close();
  }
}
