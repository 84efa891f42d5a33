/** A pool of connections to the PostgreSQL database `url` names, for the stores. */
import pg from 'pg';

export function openPool(url: string, options: { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection the server dropped (a restart, a failover) is replaced on next use; unheard, it would crash the process.
  pool.on('error', () => undefined);
  // A commit is acknowledged once on the synchronous standby's disk, whatever the server's default (see pgEventStore).
  pool.on('connect', (client) => void client.query('SET synchronous_commit TO on').catch(() => undefined));
  return pool;
}
