/**
 * What the servers sharing a database tell each other (PostgreSQL's LISTEN/NOTIFY): a connection of
 * its own, outside the pool, that listens on one channel and comes back after a loss. A notification
 * is a wake-up, not a record: one sent while a server was not listening is not delivered to it, so
 * `onListening` runs at each (re)connection for it to read what it may have missed.
 */
import pg from 'pg';

export class Notifications {
  private readonly listeners = new Set<(payload: string) => void>();
  private client: pg.Client | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onListening: () => void = () => undefined,
  ) {}

  /** Hears every notification on the channel from now on (listening starts with the first); returns the unsubscribe. */
  subscribe(listener: (payload: string) => void): () => void {
    this.listeners.add(listener);
    this.running ??= this.run();
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await this.client?.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      const client = new pg.Client({ connectionString: this.url });
      this.client = client;
      const lost = new Promise<void>((resolve) => {
        client.once('error', () => resolve());
        client.once('end', () => resolve());
      });
      try {
        await client.connect();
        client.on('notification', (n) => this.listeners.forEach((l) => l(n.payload ?? '')));
        await client.query(`LISTEN ${this.channel}`);
        this.onListening();
        await lost;
      } catch {
        // Connected again below.
      }
      await client.end().catch(() => undefined);
      if (!this.closed) await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
