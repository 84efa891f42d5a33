/**
 * Versioned migrations on PostgreSQL: each component (the event store, the access store) has its
 * ordered list; `vigie_migrations` records how many of each were applied. Several nodes starting at
 * once migrate one at a time (an advisory lock held by the migrating connection, taken before
 * anything is created), each step in its own transaction with its record, so a failed step leaves
 * the database at the step before.
 */
import type { Pool } from 'pg';

/** Advisory lock key for migrations (any constant shared by every node). */
const MIGRATION_LOCK = 7_331_001;

export async function migrate(pool: Pool, component: string, migrations: readonly string[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS vigie_migrations (component text PRIMARY KEY, version integer NOT NULL)',
    );
    for (;;) {
      await client.query('BEGIN');
      try {
        const { rows } = await client.query<{ version: number }>(
          'SELECT version FROM vigie_migrations WHERE component = $1',
          [component],
        );
        const version = rows[0]?.version ?? 0;
        if (version > migrations.length) {
          throw new Error(
            `The database's ${component} schema is at version ${version}, newer than this server knows (${migrations.length}): run a newer server`,
          );
        }
        if (version === migrations.length) {
          await client.query('COMMIT');
          return;
        }
        await client.query(migrations[version]!);
        await client.query(
          `INSERT INTO vigie_migrations (component, version) VALUES ($1, $2)
           ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version`,
          [component, version + 1],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
