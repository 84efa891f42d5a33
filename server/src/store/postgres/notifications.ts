/**
 * What the servers sharing a database tell each other (PostgreSQL's LISTEN/NOTIFY): a connection taken
 * out of the pool for good (so it goes to the primary, where notifications are sent: a standby refuses
 * LISTEN), listening on one channel and taken again after a loss. A notification is a wake-up, not a
 * record: one sent while a server was not listening is not delivered to it, so `onListening` runs at
 * each (re)connection for it to read what it may have missed.
 */
import type pg from 'pg';
import { suspect } from './pool.ts';

export class Notifications {
  private readonly listeners = new Set<(payload: string) => void>();
  private client: pg.PoolClient | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly onListening: () => void = () => undefined,
  ) {}

  /** Hears every notification on the channel from now on (listening starts with the first); returns the unsubscribe. */
  subscribe(listener: (payload: string) => void): () => void {
    this.listeners.add(listener);
    this.running ??= this.run();
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    this.client?.release(true);
    this.client = null;
    return Promise.resolve();
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      let client: pg.PoolClient | null = null;
      try {
        client = await this.pool.connect();
        this.client = client;
        const lost = new Promise<void>((resolve) => {
          client!.once('error', () => resolve());
          client!.once('end', () => resolve());
        });
        client.on('notification', (n) => this.listeners.forEach((l) => l(n.payload ?? '')));
        await client.query(`LISTEN ${this.channel}`);
        this.onListening();
        await lost;
      } catch {
        // A standby refuses LISTEN: after a failover the primary is looked for again.
        suspect(this.pool);
      }
      if (client && this.client === client) {
        client.release(true);
        this.client = null;
      }
      if (!this.closed) await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
