/**
 * How the server opens its store: it takes the store's lock (one server per store file), refuses a
 * live store whose log has vanished while the access store shows people have used this deployment,
 * and checks every page of the store in a worker thread while the situation is rebuilt — a damaged
 * store is refused before the server listens, naming the file and the latest good backup.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { StoreKind } from '../eventStore.ts';
import { latestGoodBackup } from './backups.ts';
import type { StoreInspection } from './inspectStore.ts';
import { openSqliteStore, type SqliteStore } from './sqliteStore.ts';
import { StoreRefusedError, blankStore, startStoreCheck } from './storeCheck.ts';
import { lockStore, type StoreLock } from './storeLock.ts';

export interface StoreAtStartOptions {
  storePath: string;
  accessStorePath: string;
  kind: StoreKind;
  backupDir: string | undefined;
  /** Start a new empty incident even though the deployment was in use (VIGIE_START_AFRESH). */
  startAfresh: boolean;
  /** The store's check if already started (`startStoreCheck`, by the entry point); else started here. */
  check?: Promise<StoreInspection | null>;
}

/**
 * Takes the lock, refuses a lost log, opens the store and starts its check. `settle(rebuilding)`
 * waits for the rebuild and the check together: a damaged store is refused whatever the rebuild made
 * of it (it is the cause). Throws StoreLockedError or StoreRefusedError with a message to read.
 */
export async function openStoreAtStart(options: StoreAtStartOptions): Promise<{
  store: SqliteStore;
  lock: StoreLock;
  settle: <T>(rebuilding: Promise<T>) => Promise<T>;
  /** The store's check, for the start-up log (null for a new store). */
  checked: Promise<StoreInspection | null>;
}> {
  const { storePath, kind } = options;
  const lock = lockStore(storePath, `vigie server (${kind})`);
  const refuseIfDamaged = (inspection: StoreInspection | null) => {
    if (inspection?.state !== 'damaged') return;
    lock.release();
    throw new StoreRefusedError(
      `Store ${storePath} is damaged (${inspection.problem ?? 'failed its check'}); refusing to serve it. ` +
        `Keep the file for analysis and restore a backup. ${restoreAdvice(options.backupDir)}`,
    );
  };
  const blank = blankStore(storePath);
  // The demo's log is a replayable scenario; only a real incident's log is worth refusing for.
  if (blank && kind === 'live' && !options.startAfresh && deploymentInUse(options.accessStorePath)) {
    lock.release();
    throw new StoreRefusedError(
      `Store ${storePath} ${blank}, but ${options.accessStorePath} shows this deployment in use (people have signed in): ` +
        `its incident log is missing. ${restoreAdvice(options.backupDir)} ` +
        'To start a new, empty incident on purpose, start once with VIGIE_START_AFRESH=1.',
    );
  }
  const checking = options.check ?? startStoreCheck(storePath);
  let store: SqliteStore;
  try {
    store = openSqliteStore(storePath, kind);
  } catch (error) {
    refuseIfDamaged(await checking);
    lock.release();
    throw error;
  }
  const settle = async <T>(rebuilding: Promise<T>): Promise<T> => {
    const [built, inspection] = await Promise.allSettled([rebuilding, checking]);
    if (inspection.status === 'rejected') throw inspection.reason;
    refuseIfDamaged(inspection.value);
    if (built.status === 'rejected') throw built.reason;
    return built.value;
  };
  return { store, lock, settle, checked: checking };
}

function restoreAdvice(backupDir: string | undefined): string {
  if (!backupDir) return 'No backup folder is set (VIGIE_BACKUP_DIR).';
  const latest = latestGoodBackup(backupDir);
  return latest
    ? `Latest good backup: ${latest} (pnpm restore ${latest}).`
    : `No good backup found in ${backupDir} (pnpm backups lists them).`;
}

/** Someone has signed in here: a server has served an incident from this data folder before. */
function deploymentInUse(accessStorePath: string): boolean {
  if (!existsSync(accessStorePath)) return false;
  try {
    const db = new Database(accessStorePath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[], { used: number }>('SELECT EXISTS (SELECT 1 FROM sessions) AS used').get()?.used === 1;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
