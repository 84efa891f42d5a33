/**
 * What every AccessStore does, whatever keeps it: one suite run against each implementation (SQLite,
 * PostgreSQL), each test on a store of its own that `open` returns empty.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  DuplicateLoginError,
  type AccessStore,
  type AccountRecord,
  type ScreenRecord,
  type SessionRecord,
} from '../access/accessStore.ts';

export const AT = '2026-12-07T10:00:00.000Z';
export const LATER = '2026-12-08T10:00:00.000Z';
const EARLIER = '2026-12-06T10:00:00.000Z';

export function buildAccount(overrides: Partial<AccountRecord> = {}): AccountRecord {
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

export function buildSession(overrides: Partial<SessionRecord> = {}): SessionRecord {
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

function buildScreen(overrides: Partial<Omit<ScreenRecord, 'pairingExpiresAt'>> = {}) {
  return { id: 'wall', name: 'Mur', createdAt: AT, pairedAt: null, lastSeenAt: null, revokedAt: null, ...overrides };
}

/** How many of the results are the value, and how many are null. */
function tally<T>(results: (T | null)[], value: T) {
  return { value: results.filter((r) => r === value).length, none: results.filter((r) => r === null).length };
}

export function accessStoreContract(
  name: string,
  open: () => Promise<{ store: AccessStore; cleanup: () => Promise<void> }>,
): void {
  describe(name, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function openStore(): Promise<AccessStore> {
      const { store, cleanup } = await open();
      cleanups.push(cleanup);
      return store;
    }

    it('keeps an account as written, found by id or by login', async () => {
      const store = await openStore();
      const account = buildAccount({ login: 'claire.martin' });
      const group = buildAccount({ login: 'admin', roles: ['admin', 'lead'], scope: null, passwordHash: null });
      await store.createAccounts([account, group], []);

      expect(await store.findAccount(account.id)).toEqual(account);
      expect(await store.findAccountByLogin('admin')).toEqual(group);
      expect(await store.findAccount('nobody')).toBeNull();
      expect(await store.findAccountByLogin('nobody')).toBeNull();
      expect(await store.updateAccount('nobody', { disabled: true })).toBeNull();
    });

    it('changes only the columns a patch names, and sets a column to null when the patch says null', async () => {
      const store = await openStore();
      const account = buildAccount({ lastSignInAt: AT });
      await store.createAccounts([account], []);

      const roles = await store.updateAccount(account.id, { roles: ['lead', 'admin'] });
      const cleared = await store.updateAccount(account.id, { scope: null, passwordHash: null, disabled: true });
      const unchanged = await store.updateAccount(account.id, {});

      expect(roles).toEqual({ ...account, roles: ['lead', 'admin'] });
      expect(cleared).toEqual({
        ...account,
        roles: ['lead', 'admin'],
        scope: null,
        passwordHash: null,
        disabled: true,
      });
      expect(unchanged).toEqual(cleared);
    });

    it('refuses a batch of accounts holding any taken login, naming every one, and writes none of it', async () => {
      const store = await openStore();
      const taken = [buildAccount({ login: 'claire.martin' }), buildAccount({ login: 'louis.durand' })];
      await store.createAccounts(taken, []);
      const batch = [
        ...Array.from({ length: 40 }, (_, i) => buildAccount({ login: `new.${i}` })),
        buildAccount({ login: 'louis.durand' }),
        buildAccount({ login: 'claire.martin' }),
      ];
      const codes = batch.map((a) => ({ hash: `code-${a.id}`, subjectId: a.id, expiresAt: LATER }));

      const refused = await store.createAccounts(batch, codes).catch((e: unknown) => e);

      expect(refused).toBeInstanceOf(DuplicateLoginError);
      expect([...(refused as DuplicateLoginError).logins].sort()).toEqual(['claire.martin', 'louis.durand']);
      expect(await store.loginsStartingWith(['new.'])).toEqual([]);
      expect(await store.consumeCode(codes[0]!.hash, AT)).toBeNull();
    });

    it('creates a login once when batches holding it are written at the same time', async () => {
      const store = await openStore();
      const batches = Array.from({ length: 5 }, (_, i) => [
        buildAccount({ login: `own.${i}` }),
        buildAccount({ login: 'claire.martin' }),
      ]);

      const results = await Promise.allSettled(batches.map((batch) => store.createAccounts(batch, [])));

      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(refused).toHaveLength(4);
      for (const error of refused) {
        expect(error).toBeInstanceOf(DuplicateLoginError);
        expect((error as DuplicateLoginError).logins).toEqual(['claire.martin']);
      }
      expect(await store.loginsStartingWith(['own.'])).toHaveLength(1);
    });

    it('lists accounts by name regardless of case, then login, with their open, unexpired sessions', async () => {
      const store = await openStore();
      const bruno = buildAccount({ name: 'bruno Petit', login: 'b' });
      const alice2 = buildAccount({ name: 'Alice Roux', login: 'alice.roux2' });
      const alice1 = buildAccount({ name: 'alice roux', login: 'alice.roux' });
      const claire = buildAccount({ name: 'Claire Martin', login: 'c' });
      await store.createAccounts([bruno, alice2, alice1, claire], []);
      await store.createSession(buildSession({ accountId: bruno.id }));
      await store.createSession(buildSession({ accountId: bruno.id }));
      await store.createSession(buildSession({ accountId: bruno.id, expiresAt: AT }));
      await store.createSession(buildSession({ accountId: bruno.id, endedAt: AT }));
      const ended = buildSession({ accountId: claire.id });
      await store.createSession(ended);
      await store.endSessions({ sessionId: ended.id }, AT, 'signed-out');

      const listed = await store.listAccounts(AT);

      expect(listed).toEqual([
        { ...alice1, activeSessions: 0 },
        { ...alice2, activeSessions: 0 },
        { ...bruno, activeSessions: 2 },
        { ...claire, activeSessions: 0 },
      ]);
    });

    it('lists the logins starting with any of the prefixes, taken literally', async () => {
      const store = await openStore();
      const logins = ['claire.martin', 'claire.martin2', 'clairemartin', 'louis.durand', 'l%uis', 'l_uis'];
      await store.createAccounts(
        logins.map((login) => buildAccount({ login })),
        [],
      );

      expect((await store.loginsStartingWith(['claire.martin', 'louis'])).sort()).toEqual([
        'claire.martin',
        'claire.martin2',
        'louis.durand',
      ]);
      expect(await store.loginsStartingWith(['l%'])).toEqual(['l%uis']);
      expect(await store.loginsStartingWith(['l_'])).toEqual(['l_uis']);
      expect(await store.loginsStartingWith([])).toEqual([]);
    });

    it('spends a code once, before it expires, and only its own', async () => {
      const store = await openStore();
      const account = buildAccount();
      await store.createAccounts([account], [{ hash: 'first', subjectId: account.id, expiresAt: LATER }]);
      await store.addCode({ hash: 'second', subjectId: account.id, expiresAt: LATER });
      await store.addCode({ hash: 'stale', subjectId: account.id, expiresAt: AT });

      expect(await store.consumeCode('unknown', AT)).toBeNull();
      expect(await store.consumeCode('stale', AT)).toBeNull();
      expect(await store.consumeCode('first', AT)).toBe(account.id);
      expect(await store.consumeCode('first', AT)).toBeNull();
      expect(await store.consumeCode('second', LATER)).toBeNull();
      expect(await store.consumeCode('second', EARLIER)).toBe(account.id);
    });

    it('gives a code to one of twenty concurrent callers, and null to the others', async () => {
      const store = await openStore();
      const account = buildAccount();
      await store.createAccounts([account], [{ hash: 'code', subjectId: account.id, expiresAt: LATER }]);

      const results = await Promise.all(Array.from({ length: 20 }, () => store.consumeCode('code', AT)));

      expect(tally(results, account.id)).toEqual({ value: 1, none: 19 });
    });

    it('keeps a screen as written, listed by name regardless of case', async () => {
      const store = await openStore();
      const hall = buildScreen({ id: 'hall', name: 'hall', pairedAt: AT, lastSeenAt: AT });
      const wall = buildScreen({ id: 'wall', name: 'Mur' });
      const annex = buildScreen({ id: 'annex', name: 'Annexe', revokedAt: AT });
      for (const screen of [wall, hall, annex]) await store.createScreen(screen);

      expect(await store.listScreens(AT)).toEqual(
        [annex, hall, wall].map((screen) => ({ ...screen, pairingExpiresAt: null })),
      );
      expect(await store.findScreen('hall', AT)).toEqual({ ...hall, pairingExpiresAt: null });
      expect(await store.findScreen('nowhere', AT)).toBeNull();
    });

    it('patches a screen column by column', async () => {
      const store = await openStore();
      const screen = buildScreen({ id: 'screen-1', pairedAt: AT, lastSeenAt: AT });
      await store.createScreen(screen);

      await store.updateScreen(screen.id, { revokedAt: LATER });
      await store.updateScreen(screen.id, { lastSeenAt: null });
      await store.updateScreen(screen.id, {});

      expect(await store.findScreen(screen.id, AT)).toEqual({
        ...screen,
        lastSeenAt: null,
        revokedAt: LATER,
        pairingExpiresAt: null,
      });
    });

    it("voids a screen's earlier unused pairing links when it gets a new one, and spends a link once", async () => {
      const store = await openStore();
      await store.createScreen(buildScreen({ id: 'wall' }));
      await store.createScreen(buildScreen({ id: 'hall', name: 'Hall' }));
      await store.addPairing({ hash: 'hall-link', subjectId: 'hall', expiresAt: LATER });
      await store.addPairing({ hash: 'old', subjectId: 'wall', expiresAt: LATER });
      await store.addPairing({ hash: 'new', subjectId: 'wall', expiresAt: AT });

      expect((await store.findScreen('wall', EARLIER))?.pairingExpiresAt).toBe(AT);
      expect((await store.findScreen('wall', AT))?.pairingExpiresAt).toBeNull();
      expect(await store.consumePairing('old', EARLIER)).toBeNull();
      expect(await store.consumePairing('new', AT)).toBeNull();
      expect(await store.consumePairing('new', EARLIER)).toBe('wall');
      expect(await store.consumePairing('new', EARLIER)).toBeNull();
      expect((await store.findScreen('wall', EARLIER))?.pairingExpiresAt).toBeNull();
      // Another screen's link is not touched.
      expect((await store.listScreens(AT)).map((s) => [s.id, s.pairingExpiresAt])).toEqual([
        ['hall', LATER],
        ['wall', null],
      ]);
      expect(await store.consumePairing('hall-link', AT)).toBe('hall');
    });

    it('gives a pairing link to one of twenty concurrent callers, and null to the others', async () => {
      const store = await openStore();
      await store.createScreen(buildScreen());
      await store.addPairing({ hash: 'link', subjectId: 'wall', expiresAt: LATER });

      const results = await Promise.all(Array.from({ length: 20 }, () => store.consumePairing('link', AT)));

      expect(tally(results, 'wall')).toEqual({ value: 1, none: 19 });
    });

    it('leaves one usable link when a screen gets several at the same time', async () => {
      const store = await openStore();
      await store.createScreen(buildScreen());
      const hashes = Array.from({ length: 10 }, (_, i) => `link-${i}`);

      await Promise.all(hashes.map((hash) => store.addPairing({ hash, subjectId: 'wall', expiresAt: LATER })));

      const results = [];
      for (const hash of hashes) results.push(await store.consumePairing(hash, AT));
      expect(tally(results, 'wall')).toEqual({ value: 1, none: 9 });
    });

    it('keeps a session as written, found by its token hash', async () => {
      const store = await openStore();
      const account = buildAccount();
      await store.createAccounts([account], []);
      await store.createScreen(buildScreen());
      const person = buildSession({ accountId: account.id });
      const screen = buildSession({ screenId: 'wall', address: null, userAgent: null });

      await store.createSession(person);
      await store.createSession(screen);

      expect(await store.findSession(person.tokenHash)).toEqual(person);
      expect(await store.findSession(screen.tokenHash)).toEqual(screen);
      expect(await store.findSession('unknown')).toBeNull();
    });

    it('renews open sessions and the screens behind them in one batch, the last renewal winning', async () => {
      const store = await openStore();
      const account = buildAccount();
      await store.createAccounts([account], []);
      await store.createScreen(buildScreen());
      const person = buildSession({ accountId: account.id });
      const wall = buildSession({ screenId: 'wall' });
      const ended = buildSession({ accountId: account.id });
      for (const s of [person, wall, ended]) await store.createSession(s);
      await store.endSessions({ sessionId: ended.id }, AT, 'signed-out');
      const SOON = '2026-12-07T11:00:00.000Z';
      const NEXT = '2026-12-09T10:00:00.000Z';

      await store.renewSessions([]);
      await store.renewSessions([
        { sessionId: person.id, screenId: null, lastSeenAt: AT, expiresAt: LATER },
        { sessionId: wall.id, screenId: 'wall', lastSeenAt: SOON, expiresAt: LATER },
        { sessionId: ended.id, screenId: null, lastSeenAt: SOON, expiresAt: NEXT },
        { sessionId: person.id, screenId: null, lastSeenAt: SOON, expiresAt: NEXT },
      ]);

      expect(await store.findSession(person.tokenHash)).toEqual({ ...person, lastSeenAt: SOON, expiresAt: NEXT });
      expect(await store.findSession(wall.tokenHash)).toEqual({ ...wall, lastSeenAt: SOON, expiresAt: LATER });
      expect(await store.findSession(ended.tokenHash)).toEqual({ ...ended, endedAt: AT });
      expect((await store.findScreen('wall', AT))?.lastSeenAt).toBe(SOON);
    });

    it('ends the open sessions of a session, an account or a screen, and only those', async () => {
      const store = await openStore();
      const [a, b] = [buildAccount(), buildAccount()];
      await store.createAccounts([a, b], []);
      await store.createScreen(buildScreen({ pairedAt: AT, lastSeenAt: AT }));
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

    it('keeps journal entries', async () => {
      const store = await openStore();
      const entry = {
        at: AT,
        actorId: 'admin',
        actorName: 'Administrateur',
        action: 'account created (lead)',
        target: 'account-1',
        address: null,
        sessionId: null,
      };

      await expect(store.journal(entry)).resolves.toBeUndefined();
      await expect(store.journal({ ...entry, address: '192.0.2.1', sessionId: 'session-1' })).resolves.toBeUndefined();
    });
  });
}
