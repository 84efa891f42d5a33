import { afterEach, describe, expect, it } from 'vitest';
import { accessStoreContract, AT, buildAccount, buildSession, LATER } from '../accessStoreContract.ts';
import { ACCESS_COMPONENT, accessMigrations } from './accessMigrations.ts';
import { openPgAccessStore } from './pgAccessStore.ts';
import { openPool } from './pool.ts';
import { createTestDatabase } from './testDatabase.ts';

accessStoreContract('PgAccessStore', async () => {
  const database = await createTestDatabase();
  const pool = openPool(database.url);
  const store = await openPgAccessStore(pool);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function testDatabase() {
  const database = await createTestDatabase();
  cleanups.push(database.drop);
  return database;
}

function pool(url: string) {
  const opened = openPool(url);
  cleanups.push(() => opened.end());
  return opened;
}

describe('PgAccessStore on a shared database', () => {
  it('opens on a database another node migrated without migrating it again, and records its version', async () => {
    const { url } = await testDatabase();
    const first = pool(url);
    const a = await openPgAccessStore(first);
    const account = buildAccount();
    await a.createAccounts([account], []);

    const b = await openPgAccessStore(pool(url));
    const again = await openPgAccessStore(first);

    expect(await b.findAccount(account.id)).toEqual(account);
    expect(await again.findAccount(account.id)).toEqual(account);
    const { rows } = await first.query<{ version: number }>(
      'SELECT version FROM vigie_migrations WHERE component = $1',
      [ACCESS_COMPONENT],
    );
    expect(rows).toEqual([{ version: accessMigrations.length }]);
  });

  it('does not end the pool it was given when it closes', async () => {
    const { url } = await testDatabase();
    const shared = pool(url);
    const store = await openPgAccessStore(shared);

    await store.close();

    expect((await shared.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('gives a code to one of two nodes spending it at the same time', async () => {
    const { url } = await testDatabase();
    const a = await openPgAccessStore(pool(url));
    const b = await openPgAccessStore(pool(url));
    const account = buildAccount();
    await a.createAccounts([account], [{ hash: 'code', subjectId: account.id, expiresAt: LATER }]);

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).consumeCode('code', AT)));

    expect(results.filter((r) => r === account.id)).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(19);
  });

  it('renews overlapping batches from two nodes at the same time without a deadlock', async () => {
    const { url } = await testDatabase();
    const a = await openPgAccessStore(pool(url));
    const b = await openPgAccessStore(pool(url));
    const renewals = [];
    for (let i = 0; i < 100; i++) {
      await a.createScreen({ id: `s${i}`, name: 'Mur', createdAt: AT, pairedAt: AT, lastSeenAt: AT, revokedAt: null });
      await a.createSession(buildSession({ id: `session-${i}`, screenId: `s${i}` }));
      renewals.push({ sessionId: `session-${i}`, screenId: `s${i}`, lastSeenAt: LATER, expiresAt: LATER });
    }

    for (let round = 0; round < 10; round++) {
      // Each node meets the sessions in its own order (its sockets' order).
      const shuffled = [...renewals].sort(() => Math.random() - 0.5);
      await Promise.all([
        a.renewSessions(renewals),
        b.renewSessions([...renewals].reverse()),
        a.renewSessions(shuffled),
      ]);
    }

    expect((await b.findScreen('s0', AT))?.lastSeenAt).toBe(LATER);
  });

  it('keeps the journal write-once', async () => {
    const { url } = await testDatabase();
    const shared = pool(url);
    const store = await openPgAccessStore(shared);
    await store.journal({
      at: AT,
      actorId: 'admin',
      actorName: 'Administrateur',
      action: 'screen revoked',
      target: 'wall',
      address: null,
      sessionId: null,
    });

    await expect(shared.query(`UPDATE journal SET action = 'nothing'`)).rejects.toThrow('write-once');
    await expect(shared.query('DELETE FROM journal')).rejects.toThrow('write-once');
    await expect(shared.query('TRUNCATE journal')).rejects.toThrow('write-once');
    expect((await shared.query('SELECT action FROM journal')).rows).toEqual([{ action: 'screen revoked' }]);
  });
});
