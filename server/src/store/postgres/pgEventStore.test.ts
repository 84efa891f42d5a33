import { afterEach, describe, expect, it } from 'vitest';
import { buildEvents, buildLogEntry, buildMeta } from '@vigie/shared/testing';
import { eventStoreContract, storedEvents } from '../eventStoreContract.ts';
import { StoreUnavailableError } from '../eventStore.ts';
import { openPgEventStore, PgEventStore } from './pgEventStore.ts';
import { openPool } from './pool.ts';
import { createTestDatabase } from './testDatabase.ts';

eventStoreContract('PgEventStore', async (kind) => {
  const db = await createTestDatabase();
  const pool = openPool(db.url);
  const store = await openPgEventStore(pool, kind);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await pool.end();
      await db.drop();
    },
  };
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two servers' stores on one database. */
async function twoServers(): Promise<[PgEventStore, PgEventStore]> {
  const db = await createTestDatabase();
  cleanups.push(db.drop);
  const open = async () => {
    const pool = openPool(db.url);
    const store = await openPgEventStore(pool, 'live');
    cleanups.push(async () => {
      await store.close();
      await pool.end();
    });
    return store;
  };
  return [await open(), await open()];
}

const entryAt = (seq: number, text = `entrée ${seq}`) =>
  storedEvents(buildEvents([buildLogEntry(text)], { firstSeq: seq }));

describe('PgEventStore shared by several servers', () => {
  it('opens on a fresh database from several servers starting at once, migrating it once', async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const pools = [openPool(db.url), openPool(db.url), openPool(db.url)];
    cleanups.push(async () => void (await Promise.all(pools.map((p) => p.end()))));
    const stores = await Promise.all(pools.map((pool) => openPgEventStore(pool, 'live')));
    const { rows } = await pools[0]!.query<{ version: number }>(
      `SELECT version FROM vigie_migrations WHERE component = 'events'`,
    );
    expect(rows).toEqual([{ version: 1 }]);
    await Promise.all(stores.map((s) => s.close()));
    await expect(openPgEventStore(pools[0]!, 'demo')).rejects.toThrow(/live store; refusing to open it as demo/);
  });

  it('hands a writer what the others appended since its position, and a log one of them opened', async () => {
    const [a, b] = await twoServers();
    const meta = buildMeta();
    await a.append({ logId: meta.logId, newLog: meta, events: storedEvents(), idempotency: [] });
    await a.append({ logId: meta.logId, events: entryAt(2), idempotency: [] });

    let seen: number[] = [];
    await b.exclusive({ logId: meta.logId, seq: 1 }, (tail) => {
      seen = tail.events.map((e) => e.seq);
      expect(tail.newLog).toBeNull();
      return Promise.resolve({ logId: meta.logId, events: entryAt(3), idempotency: [] });
    });
    expect(seen).toEqual([2]);
    expect((await a.tail({ logId: meta.logId, seq: 2 })).events.map((e) => e.seq)).toEqual([3]);

    const next = buildMeta({ logId: 'next-log' });
    await b.append({ logId: next.logId, newLog: next, events: entryAt(1), idempotency: [] });
    const tail = await a.tail({ logId: meta.logId, seq: 3 });
    expect(tail.newLog).toEqual(next);
    expect(tail.events.map((e) => e.seq)).toEqual([1]);
  });

  it('orders concurrent writers: each decides after the other committed, the log stays gap-free', async () => {
    const [a, b] = await twoServers();
    const meta = buildMeta();
    await a.append({ logId: meta.logId, newLog: meta, events: storedEvents(), idempotency: [] });
    // Each server believes it stands at seq 1 and appends 20 times, one after the other, both at once.
    const writer = async (store: PgEventStore, name: string) => {
      let seq = 1;
      for (let i = 0; i < 20; i++) {
        await store.exclusive({ logId: meta.logId, seq }, (tail) => {
          seq = (tail.events.at(-1)?.seq ?? seq) + 1;
          return Promise.resolve({ logId: meta.logId, events: entryAt(seq, `${name} ${i}`), idempotency: [] });
        });
      }
    };
    await Promise.all([writer(a, 'a'), writer(b, 'b')]);
    const events = await a.readEvents(meta.logId, 0, 100);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
  });

  it('says a read-only database (a standby, a primary being demoted) cannot be written, even with nothing to write', async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const admin = openPool(db.url);
    await (await openPgEventStore(admin, 'live')).close();
    await admin.query(`ALTER DATABASE ${new URL(db.url).pathname.slice(1)} SET default_transaction_read_only = on`);
    await admin.end();
    const pool = openPool(db.url);
    cleanups.push(() => pool.end());
    const store = new PgEventStore(pool, 'live');
    await expect(store.exclusive({ logId: 'x', seq: 0 }, () => Promise.resolve(null))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it('wakes the other servers when one appends', async () => {
    const [a, b] = await twoServers();
    let woken = 0;
    const stop = b.onAppended(() => (woken += 1));
    // Once listening, it wakes its listener once (to read what came while it was not).
    for (let i = 0; i < 100 && woken === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const before = woken;
    const meta = buildMeta();
    await a.append({ logId: meta.logId, newLog: meta, events: storedEvents(), idempotency: [] });
    for (let i = 0; i < 100 && woken === before; i++) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(woken).toBeGreaterThan(before);
  });
});
