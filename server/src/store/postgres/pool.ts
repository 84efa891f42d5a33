/** A pool of connections to the PostgreSQL database `url` names, for the stores. */
import pg from 'pg';

export function openPool(url: string, options: { max?: number } = {}): pg.Pool {
  // A commit is acknowledged once on the synchronous standby's disk, whatever the server's default (see pgEventStore).
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    options: '-c synchronous_commit=on',
    // A database that stopped answering (a cut link, a commit waiting for a standby that is gone) fails
    // the request in bounded time instead of holding it: its outcome is then unknown, never acknowledged.
    connectionTimeoutMillis: 5_000,
    query_timeout: 15_000,
    keepAlive: true,
  });
  // An idle connection the server dropped (a restart, a failover) is replaced on next use; unheard, it would crash the process.
  pool.on('error', () => undefined);
  return pool;
}
