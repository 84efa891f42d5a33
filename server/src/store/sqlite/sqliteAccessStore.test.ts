import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing.ts';
import { accessStoreContract, AT, buildAccount, buildSession, LATER } from '../accessStoreContract.ts';
import { openSqliteAccessStore, type SqliteAccessStore } from './sqliteAccessStore.ts';

accessStoreContract('SqliteAccessStore', () => {
  const temp = tempDir();
  const store = openSqliteAccessStore(join(temp.dir, 'access.sqlite'));
  return Promise.resolve({
    store,
    cleanup: async () => {
      await store.close();
      temp.remove();
    },
  });
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function openStore(): SqliteAccessStore {
  const temp = tempDir();
  const store = openSqliteAccessStore(join(temp.dir, 'access.sqlite'));
  cleanups.push(temp.remove, () => store.close());
  return store;
}

/** Counts the statements prepared on the store's database from now on (the real database still prepares them). */
function countPrepares(store: SqliteAccessStore): () => number {
  const db = store.db;
  const prepare = db.prepare.bind(db);
  let count = 0;
  db.prepare = (source: string) => {
    count += 1;
    return prepare(source);
  };
  return () => count;
}

describe('SqliteAccessStore statements', () => {
  it('prepares no statement after it opens, whatever is asked of it and how often', async () => {
    const store = openStore();
    const prepared = countPrepares(store);

    for (let round = 0; round < 2; round++) {
      const account = buildAccount();
      await store.createAccounts([account], [{ hash: `code-${account.id}`, subjectId: account.id, expiresAt: LATER }]);
      await store.listAccounts(AT);
      await store.findAccount(account.id);
      await store.findAccountByLogin(account.login);
      await store.loginsStartingWith(['login.', 'other.']);
      await store.updateAccount(account.id, { roles: ['lead'], lastSignInAt: AT });
      await store.addCode({ hash: `code2-${account.id}`, subjectId: account.id, expiresAt: LATER });
      await store.consumeCode(`code-${account.id}`, AT);
      const screen = {
        id: `screen-${round}`,
        name: 'Salle de crise',
        createdAt: AT,
        pairedAt: null,
        lastSeenAt: null,
        revokedAt: null,
      };
      await store.createScreen(screen);
      await store.addPairing({ hash: `pairing-${round}`, subjectId: screen.id, expiresAt: LATER });
      await store.consumePairing(`pairing-${round}`, AT);
      await store.listScreens(AT);
      await store.findScreen(screen.id, AT);
      await store.updateScreen(screen.id, { pairedAt: AT });
      const session = buildSession({ accountId: account.id });
      await store.createSession(session);
      await store.findSession(session.tokenHash);
      await store.renewSessions([{ sessionId: session.id, screenId: screen.id, lastSeenAt: AT, expiresAt: LATER }]);
      await store.endSessions({ sessionId: session.id }, AT, 'signed-out');
      await store.endSessions({ accountId: account.id }, AT, 'disabled');
      await store.endSessions({ screenId: screen.id }, AT, 'revoked');
      await store.journal({
        at: AT,
        actorId: account.id,
        actorName: account.name,
        action: 'test',
        target: account.id,
        address: null,
        sessionId: null,
      });
    }

    expect(prepared()).toBe(0);
  });
});
