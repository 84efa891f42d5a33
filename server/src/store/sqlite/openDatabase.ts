/**
 * Opens (creating if needed) a SQLite file the way every Vigie store wants it: WAL with
 * synchronous=FULL (an acknowledged write survives power loss), foreign keys on, a busy timeout
 * (another process — a command-line tool — may write at the same time), and the schema migrated.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** Migrations are applied in order, one transaction each; `user_version` records the last. */
export function openDatabase(path: string, migrations: readonly string[]): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  migrations.slice(version).forEach((sql, i) =>
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + i + 1}`);
    })(),
  );
  return db;
}
