/**
 * What state a store file (the live one, or a backup) is in: SQLite's own page check, then the
 * log's shape (its tables, at least one log, every log gap-free). Read-only: it never changes the file.
 * Also loaded by inspectStoreWorker.ts in a worker thread, so no `import.meta` here.
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

/** good: a readable log; empty: no incident in it (zero bytes, or no log); damaged: unreadable or inconsistent. */
export type StoreState = 'good' | 'empty' | 'damaged' | 'missing';

export interface StoreInspection {
  path: string;
  state: StoreState;
  /** Why it is damaged or empty, in words. */
  problem: string | null;
  /** Events across every log (0 unless good). */
  events: number;
  bytes: number;
  /** How long the check took (ms). */
  ms: number;
}

export interface InspectOptions {
  /** integrity_check (every index against its table) instead of quick_check (pages and records, about half the time). */
  thorough?: boolean;
}

/** Inspects a store file; never throws (an unreadable file is `damaged`, with the reason). */
export function inspectStoreFile(path: string, options: InspectOptions = {}): StoreInspection {
  const started = performance.now();
  const result = (state: StoreState, problem: string | null, bytes: number, events = 0): StoreInspection => ({
    path,
    state,
    problem,
    events,
    bytes,
    ms: Math.round(performance.now() - started),
  });
  if (!existsSync(path)) return result('missing', 'the file does not exist', 0);
  const bytes = statSync(path).size;
  if (bytes === 0) return result('empty', 'the file is empty (zero bytes)', 0);
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const check = db.pragma(options.thorough ? 'integrity_check(20)' : 'quick_check(20)') as Record<string, string>[];
    const findings = check.map((row) => Object.values(row)[0]);
    if (findings.length !== 1 || findings[0] !== 'ok') {
      return result('damaged', `SQLite's check failed: ${findings.slice(0, 5).join('; ')}`, bytes);
    }
    const tables = new Set(
      db
        .prepare<[], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
        .all()
        .map((t) => t.name),
    );
    if (tables.size === 0) return result('empty', 'the file holds no tables', bytes);
    const missing = ['meta', 'logs', 'events'].filter((t) => !tables.has(t));
    if (missing.length) return result('damaged', `not a Vigie store (no ${missing.join(', ')} table)`, bytes);
    const logs = db
      .prepare<[], { log_id: string; events: number; last: number | null }>(
        `SELECT l.log_id, count(e.seq) AS events, max(e.seq) AS last
         FROM logs l LEFT JOIN events e ON e.log_id = l.log_id GROUP BY l.log_id`,
      )
      .all();
    if (logs.length === 0) return result('empty', 'the store holds no incident log', bytes);
    // seq is gap-free from 1: a count below the last seq means rows are missing.
    const broken = logs.find((l) => l.events !== (l.last ?? 0));
    if (broken) {
      return result(
        'damaged',
        `log ${broken.log_id} has ${broken.events} events up to seq ${broken.last ?? 0}: some are missing`,
        bytes,
      );
    }
    return result(
      'good',
      null,
      bytes,
      logs.reduce((sum, l) => sum + l.events, 0),
    );
  } catch (error) {
    return result('damaged', error instanceof Error ? error.message : String(error), bytes);
  } finally {
    db?.close();
  }
}
