/**
 * A pool of connections to the PostgreSQL database `url` names, for the stores. A URL naming several
 * hosts (`postgres://user@h1:5432,h2:5432/vigie?target_session_attrs=read-write`, as pg_auto_failover
 * prints it) is served as libpq serves it: connections go to the first host that accepts them and
 * takes writes (`transaction_read_only` off: a standby is read-only, and so is a primary being
 * promoted or demoted by pg_auto_failover), and after a failover (the store says the pool is
 * suspect) the hosts are tried again in turn. `pg` has no multi-host support of its own.
 */
import pg from 'pg';

const settings = {
  // A commit is acknowledged once on the synchronous standby's disk, whatever the server's default (see pgEventStore).
  options: '-c synchronous_commit=on',
  // A database that stopped answering (a cut link, a commit waiting for a standby that is gone) fails
  // the request in bounded time instead of holding it: its outcome is then unknown, never acknowledged.
  connectionTimeoutMillis: 5_000,
  query_timeout: 15_000,
  keepAlive: true,
};

export function openPool(url: string, options: { max?: number } = {}): pg.Pool {
  const hosts = hostUrls(url);
  const config = { ...settings, connectionString: hosts[0]!, max: options.max ?? 10 };
  const pool = hosts.length > 1 || readWriteOnly(url) ? new PrimaryPool(config, hosts) : new pg.Pool(config);
  // An idle connection the server dropped (a restart, a failover) is replaced on next use; unheard, it would crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** Tells a pool that its database stopped taking writes (a failover): it looks for the primary again. */
export function suspect(pool: pg.Pool): void {
  if (pool instanceof PrimaryPool) pool.suspect();
}

const readWriteOnly = (url: string) => /[?&]target_session_attrs=(read-write|primary)(&|$)/.test(url);

/** One single-host URL per host of `url`, in order (without the parameter pg would not understand). */
export function hostUrls(url: string): string[] {
  const m = /^(postgres(?:ql)?:\/\/)([^@/?]*@)?([^/?]*)(\/[^?]*)?(\?.*)?$/.exec(url);
  if (!m) return [url];
  const [, scheme = '', auth = '', hostList = '', path = '', query = ''] = m;
  const params = new URLSearchParams(query.slice(1));
  params.delete('target_session_attrs');
  const rest = params.toString();
  return hostList.split(',').map((host) => `${scheme}${auth}${host}${path}${rest ? `?${rest}` : ''}`);
}

/** The writable primary among several hosts: found at first use, and again once suspect. */
class PrimaryPool extends pg.Pool {
  private found: Promise<void> | null = null;

  constructor(
    config: pg.PoolConfig,
    private readonly hosts: string[],
  ) {
    super(config);
  }

  suspect(): void {
    this.found = null;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void,
  ): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void,
  ): Promise<pg.PoolClient> | void {
    // pg's own query() checks out through the callback form: both go through the search.
    const found = (this.found ??= this.findPrimary());
    const checkout = found.then(() => super.connect());
    if (!callback) return checkout;
    checkout.then(
      (client) => callback(undefined, client, () => client.release()),
      (err: Error) => callback(err, undefined, () => undefined),
    );
  }

  private async findPrimary(): Promise<void> {
    for (const host of this.hosts) {
      const probe = new pg.Client({ connectionString: host, connectionTimeoutMillis: 2_000 });
      try {
        await probe.connect();
        const { rows } = await probe.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
        if (rows[0]?.transaction_read_only === 'off') {
          // New connections go there; those to a former primary are dropped by its demotion.
          (this as unknown as { options: pg.PoolConfig }).options.connectionString = host;
          return;
        }
      } catch {
        // Next host.
      } finally {
        await probe.end().catch(() => undefined);
      }
    }
    this.found = null;
    // As a lost connection reads: the store suspends changes and tries again.
    throw Object.assign(new Error(`no writable primary among ${this.hosts.length} hosts`), { code: '08001' });
  }
}
