import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountRecord, SessionRecord } from '../../access/accessStore.ts';
import { DuplicateLoginError } from '../../access/accessStore.ts';
import { tempDir } from '../../testing.ts';
import { openSqliteAccessStore, type SqliteAccessStore } from './sqliteAccessStore.ts';

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

const AT = '2026-12-07T10:00:00.000Z';
const LATER = '2026-12-08T10:00:00.000Z';

function buildAccount(overrides: Partial<AccountRecord> = {}): AccountRecord {
  const id = overrides.id ?? `account-${Math.random().toString(36).slice(2)}`;
  return {
    id,
    login: `login.${id}`,
    name: 'Claire Martin',
    roles: ['commander'],
    scope: { hospitals: ['cochin'], ghus: [] },
    passwordHash: 'hash',
    disabled: false,
    createdAt: AT,
    lastSignInAt: null,
    ...overrides,
  };
}

function buildSession(overrides: Partial<SessionRecord> = {}): SessionRecord {
  const id = overrides.id ?? `session-${Math.random().toString(36).slice(2)}`;
  return {
    id,
    tokenHash: `token-${id}`,
    accountId: null,
    screenId: null,
    createdAt: AT,
    lastSeenAt: AT,
    expiresAt: LATER,
    address: '192.0.2.1',
    userAgent: 'test',
    endedAt: null,
    ...overrides,
  };
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

describe('SqliteAccessStore', () => {
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

  it('changes only the columns a patch names, and sets a column to null when the patch says null', async () => {
    const store = openStore();
    const account = buildAccount({ lastSignInAt: AT });
    await store.createAccounts([account], []);

    const roles = await store.updateAccount(account.id, { roles: ['lead', 'admin'] });
    const cleared = await store.updateAccount(account.id, { scope: null, passwordHash: null, disabled: true });
    const unchanged = await store.updateAccount(account.id, {});

    expect(roles).toEqual({ ...account, roles: ['lead', 'admin'] });
    expect(cleared).toEqual({ ...account, roles: ['lead', 'admin'], scope: null, passwordHash: null, disabled: true });
    expect(unchanged).toEqual(cleared);
  });

  it('patches a screen column by column', async () => {
    const store = openStore();
    const screen = { id: 'screen-1', name: 'Mur', createdAt: AT, pairedAt: AT, lastSeenAt: AT, revokedAt: null };
    await store.createScreen(screen);

    await store.updateScreen(screen.id, { revokedAt: LATER });
    await store.updateScreen(screen.id, { lastSeenAt: null });

    expect(await store.findScreen(screen.id, AT)).toEqual({
      ...screen,
      lastSeenAt: null,
      revokedAt: LATER,
      pairingExpiresAt: null,
    });
  });

  it('refuses a batch of accounts holding any taken login, naming every one, and writes none of it', async () => {
    const store = openStore();
    const taken = [buildAccount({ login: 'claire.martin' }), buildAccount({ login: 'louis.durand' })];
    await store.createAccounts(taken, []);
    const batch = [
      ...Array.from({ length: 40 }, (_, i) => buildAccount({ login: `new.${i}` })),
      buildAccount({ login: 'louis.durand' }),
      buildAccount({ login: 'claire.martin' }),
    ];

    const refused = await store.createAccounts(batch, []).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(DuplicateLoginError);
    expect([...(refused as DuplicateLoginError).logins].sort()).toEqual(['claire.martin', 'louis.durand']);
    expect(await store.loginsStartingWith(['new.'])).toEqual([]);
  });

  it('ends the open sessions of a session, an account or a screen, and only those', async () => {
    const store = openStore();
    const [a, b] = [buildAccount(), buildAccount()];
    await store.createAccounts([a, b], []);
    await store.createScreen({ id: 'wall', name: 'Mur', createdAt: AT, pairedAt: AT, lastSeenAt: AT, revokedAt: null });
    const sessions = {
      a1: buildSession({ accountId: a.id }),
      a2: buildSession({ accountId: a.id }),
      b1: buildSession({ accountId: b.id }),
      wall: buildSession({ screenId: 'wall' }),
    };
    for (const s of Object.values(sessions)) await store.createSession(s);

    const one = await store.endSessions({ sessionId: sessions.b1.id }, AT, 'signed-out');
    const account = await store.endSessions({ accountId: a.id }, AT, 'disabled');
    const screen = await store.endSessions({ screenId: 'wall' }, AT, 'revoked');
    const again = await store.endSessions({ accountId: a.id }, LATER, 'disabled');

    expect(one).toEqual([sessions.b1.id]);
    expect(account.sort()).toEqual([sessions.a1.id, sessions.a2.id].sort());
    expect(screen).toEqual([sessions.wall.id]);
    expect(again).toEqual([]);
    expect((await store.findSession(sessions.a1.tokenHash))?.endedAt).toBe(AT);
  });
});
