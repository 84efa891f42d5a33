/**
 * The store's check at start-up (every page, a gap-free log: about 0.7 s for a million events), in a
 * worker thread. It is the slowest step of a start on a long log, so the entry point starts it before
 * the rest of the server loads; the opening of the store waits for it before the server listens.
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { inspectInWorker } from './inspectInWorker.ts';
import type { StoreInspection } from './inspectStore.ts';

/** The store may not be served; the message says why and what to do. */
export class StoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreRefusedError';
  }
}

/** The check of the store at `path`, started now (null for a missing or blank store: nothing to check). */
export function startStoreCheck(path: string): Promise<StoreInspection | null> {
  return blankStore(path) || !existsSync(path) ? Promise.resolve(null) : inspectInWorker(path);
}

/**
 * Why an existing store holds no incident (zero bytes, no log), or null when it holds one or cannot
 * say. A missing file is a first start (the access store may well be prepared before it), not a loss.
 */
export function blankStore(path: string): string | null {
  if (!existsSync(path)) return null;
  if (statSync(path).size === 0) return 'is empty (zero bytes)';
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM logs').get();
      return row?.n === 0 ? 'holds no incident log' : null;
    } finally {
      db.close();
    }
  } catch (error) {
    // A store without its tables is blank; anything else is for the check to name.
    return error instanceof Error && /no such table/.test(error.message) ? 'holds no incident log' : null;
  }
}
