/**
 * Signing in, the slow-down, one-time codes and pairing links, and what revoking, disabling,
 * signing out or changing rights does to open connections; abuse of the API and of the socket.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Reply } from '@vigie/shared';
import { startTestServer, type TestServer } from '@vigie/server/testing';
import { callApi, type ApiResult } from '../support/api.ts';
import { key, observe, observed } from '../support/observedClient.ts';

let server: TestServer;
afterEach(() => server.close());

const hostCaller = {
  principal: { actor: { kind: 'system' as const, id: 'test', name: 'test' }, roles: [] },
  origin: { sessionId: null, address: null },
};
const create = (names: string[], roles: ('viewer' | 'commander' | 'lead' | 'admin')[] = ['commander']) =>
  server.app.access.createAccounts(
    names.map((name) => ({ name, roles, scope: null })),
    hostCaller,
  );
const from = (address: string) => ({ 'X-Forwarded-For': address });
const replyCode = (r: Reply) => (r.ok ? 'ok' : r.error.code);
const code = (r: ApiResult) => replyCode(r.reply);

/** An account with a password, signed in once through its code. */
async function withPassword(name: string, password: string) {
  const [entry] = await create([name]);
  const { cookie } = await callApi(server.url, 'session:code', { body: { code: entry!.code } });
  await callApi(server.url, 'session:password', { cookie: cookie!, body: { password } });
  return entry!.login;
}

describe('signing in', () => {
  it('slows down repeated failures per login and address, without locking the login out elsewhere', async () => {
    let now = Date.now();
    server = await startTestServer({
      now: () => new Date(now),
      network: { allowedOrigins: [], trustProxy: ['loopback'] },
    });
    const login = await withPassword('Louis Directeur', 'la bonne phrase de passe');
    const attempt = (password: string, address = '10.0.0.66') =>
      callApi(server.url, 'session:sign-in', { body: { login, password }, headers: from(address) });
    for (let i = 0; i < 3; i++) expect(code(await attempt('mauvaise'))).toBe('unauthorized');
    const slowed = await attempt('la bonne phrase de passe');
    expect(code(slowed)).toBe('rate_limited');
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get('retry-after')).toBe('1');
    now += 1100; // the second it asked to wait
    expect(code(await attempt('mauvaise'))).toBe('unauthorized');
    expect((await attempt('mauvaise')).headers.get('retry-after')).toBe('2');
    // The same login from another address is not locked out, only held back a little.
    for (let i = 0; i < 2; i++) await attempt('mauvaise', '10.0.0.67');
    const started = performance.now();
    const elsewhere = await attempt('la bonne phrase de passe', '10.0.0.68');
    expect(code(elsewhere)).toBe('ok');
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('lets a crisis room of 50 behind one address sign in within minutes, typos included', async () => {
    server = await startTestServer({ network: { allowedOrigins: [], trustProxy: ['loopback'] } });
    const sheet = await create(Array.from({ length: 50 }, (_, i) => `Personne ${i + 1}`));
    const results: string[] = [];
    for (const [i, entry] of sheet.entries()) {
      // One in ten mistypes the code first.
      if (i % 10 === 0)
        await callApi(server.url, 'session:code', { body: { code: 'AAAA-AAAA-AAAA' }, headers: from('192.0.2.10') });
      const r = await callApi(server.url, 'session:code', { body: { code: entry.code }, headers: from('192.0.2.10') });
      const who = await callApi(server.url, 'session:get', { cookie: r.cookie!, headers: from('192.0.2.10') });
      results.push(`${code(r)} ${who.reply.ok ? (who.reply.data as { name: string }).name : '?'}`);
    }
    expect(results).toEqual(sheet.map((e) => `ok ${e.name}`));
  });

  it('accepts a code once, and not after it expires', async () => {
    let now = Date.now();
    server = await startTestServer({ now: () => new Date(now) });
    const [entry, late] = await create(['Claire Martin', 'Paul Tardif']);
    expect(code(await callApi(server.url, 'session:code', { body: { code: entry!.code } }))).toBe('ok');
    expect(code(await callApi(server.url, 'session:code', { body: { code: entry!.code } }))).toBe('unauthorized');
    now += 25 * 3_600_000;
    expect(code(await callApi(server.url, 'session:code', { body: { code: late!.code } }))).toBe('unauthorized');
  });
});

describe('wall screens', () => {
  it('pairs once, reads as a viewer under its name, and is blanked within seconds when revoked', async () => {
    server = await startTestServer({ openRead: false });
    const admin = await server.as('admin');
    const pairing = (
      await callApi(server.url, 'admin:screens:create', {
        cookie: admin.cookie,
        body: { name: 'Salle de crise – mur 1' },
      })
    ).reply as { ok: true; data: { secret: string; screen: { id: string } } };
    const paired = await callApi(server.url, 'screen:pair', { body: { secret: pairing.data.secret } });
    expect(code(paired)).toBe('ok');
    expect(code(await callApi(server.url, 'screen:pair', { body: { secret: pairing.data.secret } }))).toBe(
      'unauthorized',
    );
    const wall = await observed(server.url, { cookie: paired.cookie! });
    expect(wall.snapshots[0]?.audience).toBe('viewer');
    expect(wall.sessions[0]).toMatchObject({ kind: 'screen', name: 'Salle de crise – mur 1', roles: ['viewer'] });
    expect(replyCode(await wall.send('log:add-entry', { idempotencyKey: key(), type: 'decision', text: 'x' }))).toBe(
      'forbidden',
    );

    const revokedAt = performance.now();
    await callApi(server.url, 'admin:screen:revoke', { cookie: admin.cookie, params: { id: pairing.data.screen.id } });
    await wall.until(() => wall.ended.length > 0 && !wall.socket.connected, 3000);
    expect(performance.now() - revokedAt).toBeLessThan(3000);
    expect(wall.ended).toEqual(['screen-revoked']);
    const again = observe(server.url, { cookie: paired.cookie! });
    expect(await new Promise((r) => again.socket.once('connect_error', (e) => r(e.message)))).toBe('unauthorized');
    again.close();
  });
});

describe('sessions', () => {
  it('ends the sockets of a signed-out session, and its cookie no longer works', async () => {
    server = await startTestServer({ openRead: false });
    const [entry] = await create(['Claire Martin']);
    const { cookie } = await callApi(server.url, 'session:code', { body: { code: entry!.code } });
    const tab = await observed(server.url, { cookie: cookie! });
    expect(code(await callApi(server.url, 'session:sign-out', { cookie: cookie! }))).toBe('ok');
    await tab.until(() => tab.ended.includes('signed-out') && !tab.socket.connected, 3000);
    expect((await callApi(server.url, 'session:get', { cookie: cookie! })).reply).toMatchObject({
      data: { kind: 'anonymous' },
    });
  });

  it('keeps the session of a connected person alive, and lets it lapse once unused', async () => {
    // The server's clock is moved past the idle limit instead of waiting for it; keep-alive runs every 200 ms.
    let clock = Date.now();
    server = await startTestServer({
      openRead: false,
      now: () => new Date(clock),
      access: { sessionIdleMs: 60_000 },
      sessionKeepAliveMs: 200,
    });
    const person = await server.as('commander');
    await server.app.access.keepAlive([person.sessionId]); // the seeded session now expires on this idle limit
    const kept: string[][] = [];
    const store = server.accessStore;
    const renew = store.renewSessions.bind(store);
    store.renewSessions = (renewals) => (kept.push(renewals.map((r) => r.sessionId)), renew(renewals));
    const signedIn = async () =>
      ((await callApi(server.url, 'session:get', { cookie: person.cookie })).reply as { data: { kind: string } }).data
        .kind;
    const tab = await observed(server.url, person);

    // Two idle limits on, the connected person's session is still there: keep-alive renewed it meanwhile.
    clock += 2 * 60_000;
    const renewedBy = kept.length;
    await vi.waitFor(() => expect(kept.slice(renewedBy).some((ids) => ids.includes(person.sessionId))).toBe(true), {
      timeout: 5_000,
    });
    expect(tab.socket.connected).toBe(true);
    expect(await signedIn()).toBe('person');

    // Once the tab is closed, keep-alive goes on without it, and the session lapses after the idle limit.
    tab.close();
    await vi.waitFor(() => expect(server.app.io.of('/').sockets.size).toBe(0), { timeout: 5_000 });
    const closedBy = kept.length;
    await vi.waitFor(() => expect(kept.length).toBeGreaterThan(closedBy), { timeout: 5_000 });
    expect(kept.slice(closedBy).flat()).not.toContain(person.sessionId);
    clock += 2 * 60_000;
    expect(await signedIn()).toBe('anonymous');
  });

  it('renews the sessions seen after a pause in one write, with the screens behind them', async () => {
    let clock = Date.now();
    server = await startTestServer({ openRead: false, now: () => new Date(clock) });
    const admin = await server.as('admin');
    const created = (await callApi(server.url, 'admin:screens:create', { cookie: admin.cookie, body: { name: 'Mur' } }))
      .reply as { ok: true; data: { secret: string; screen: { id: string } } };
    const paired = await callApi(server.url, 'screen:pair', { body: { secret: created.data.secret } });
    const people = await Promise.all([1, 2, 3, 4].map(() => server.as('viewer')));
    const tokens = [paired.cookie!, ...people.map((p) => p.cookie)].map((c) => /vigie_session=([^;]+)/.exec(c)![1]!);
    const writes: number[] = [];
    const store = server.accessStore;
    const renew = store.renewSessions.bind(store);
    store.renewSessions = (renewals) => (writes.push(renewals.length), renew(renewals));

    clock += 2 * 60_000; // a reconnection after a pause: every session is due for renewal
    const resolved = await Promise.all(tokens.map((t) => server.app.access.resolve(t)));
    expect(resolved.every((r) => r !== null)).toBe(true);
    // Once all five are written, they were written together.
    await vi.waitFor(() => expect(writes.reduce((sum, n) => sum + n, 0)).toBe(5), { timeout: 5_000 });
    expect(writes).toEqual([5]);
    const seen = new Date(clock).toISOString();
    const sessions = store.db.prepare('SELECT last_seen_at AS at FROM sessions WHERE id = ?');
    for (const r of resolved) expect(sessions.get(r!.session.id)).toEqual({ at: seen });
    expect(store.db.prepare('SELECT last_seen_at AS at FROM screens WHERE id = ?').get(created.data.screen.id)).toEqual(
      {
        at: seen,
      },
    );
  });

  it('reconnects a person whose rights changed with the new rights, and ends a disabled account at once', async () => {
    server = await startTestServer({ openRead: false });
    const admin = await server.as('admin');
    const person = await server.as('viewer');
    const tab = await observed(server.url, person);
    expect(tab.snapshots[0]?.audience).toBe('viewer');
    const update = (body: object) =>
      callApi(server.url, 'admin:account:update', { cookie: admin.cookie, params: { id: person.accountId }, body });
    expect(code(await update({ roles: ['commander'] }))).toBe('ok');
    await tab.until(() => tab.ended.includes('roles-changed') && !tab.socket.connected, 3000);
    const promoted = await observed(server.url, person);
    expect(promoted.snapshots[0]?.audience).toBe('staff');
    expect(code(await update({ disabled: true }))).toBe('ok');
    await promoted.until(() => promoted.ended.includes('revoked') && !promoted.socket.connected, 3000);
    expect((await callApi(server.url, 'session:get', { cookie: person.cookie })).reply).toMatchObject({
      data: { kind: 'anonymous' },
    });
  });

  it('limits a scoped commander to its hospitals and GHU, the SAMU and recovery stages staying with the group', async () => {
    server = await startTestServer();
    const centre = await observed(
      server.url,
      await server.as('commander', { scope: { hospitals: ['avicenne'], ghus: ['centre'] } }),
    );
    await server.app.log.submit(
      'incident:open',
      { idempotencyKey: key(), type: 'sse-numerique', title: 'Panne', cause: 'technique' },
      {
        principal: { actor: { kind: 'person', id: 'l', name: 'L' }, roles: ['lead'] },
        origin: { sessionId: null, address: null },
      },
    );
    const set = (hospitalId: string) =>
      centre.send('hospital:set-operating-mode', { idempotencyKey: key(), hospitalId, mode: 'critique' });
    expect(replyCode(await set('cochin'))).toBe('ok');
    expect(replyCode(await set('avicenne'))).toBe('ok');
    expect(replyCode(await set('pitie-salpetriere'))).toBe('forbidden');
    const samu = await centre.send('samu:set-status', { idempotencyKey: key(), samuId: 'samu-75', status: 'degrade' });
    expect(replyCode(samu)).toBe('forbidden');
    centre.close();
  });
});

describe('bulk accounts', () => {
  it('creates all or none, and refuses unknown places', async () => {
    server = await startTestServer();
    const admin = await server.as('admin');
    const createAll = (accounts: object[]) =>
      callApi(server.url, 'admin:accounts:create', { cookie: admin.cookie, body: { accounts } });
    const count = () => server.accessStore.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number };
    const before = count().n;
    expect(
      code(
        await createAll([
          { name: 'A', login: 'dup', roles: ['viewer'], scope: null },
          { name: 'B', login: 'dup', roles: ['viewer'], scope: null },
        ]),
      ),
    ).toBe('invalid_payload');
    expect(
      code(await createAll([{ name: 'C', roles: ['commander'], scope: { hospitals: ['nulle-part'], ghus: [] } }])),
    ).toBe('invalid_payload');
    expect(code(await createAll([{ name: 'Marie Curie', roles: ['viewer'], scope: null }]))).toBe('ok');
    const taken = (await server.app.access.listAccounts()).find((a) => a.name === 'Marie Curie')!.login;
    expect(
      code(
        await createAll([
          { name: 'D', roles: ['viewer'], scope: null },
          { name: 'E', login: taken, roles: ['viewer'], scope: null },
        ]),
      ),
    ).toBe('conflict');
    expect(count().n).toBe(before + 1);
    // Namesakes get numbered logins.
    const twins = (
      await createAll([
        { name: 'Marie Curie', roles: ['viewer'], scope: null },
        { name: 'Marie Curie', roles: ['viewer'], scope: null },
      ])
    ).reply as { ok: true; data: { login: string }[] };
    expect(twins.data.map((e) => e.login)).toEqual([`${taken}2`, `${taken}3`]);
  });
});

describe('abuse', () => {
  it('answers malformed, oversized and unknown requests with a clear error, changing nothing', async () => {
    server = await startTestServer();
    const admin = await server.as('admin');
    const fingerprint = () => JSON.stringify(server.accessStore.db.prepare('SELECT * FROM accounts').all());
    const before = fingerprint();
    const post = (body: string, path = '/api/admin/accounts') =>
      fetch(server.url + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: admin.cookie },
        body,
      });
    const malformed = await post('{"accounts": [');
    expect([malformed.status, ((await malformed.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      'invalid_payload',
    ]);
    const huge = await post(
      JSON.stringify({ accounts: [{ name: 'x'.repeat(70_000), roles: ['viewer'], scope: null }] }),
    );
    expect([huge.status, ((await huge.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      'invalid_payload',
    ]);
    const extra = await post(JSON.stringify({ accounts: [{ name: 'X', roles: ['root'], scope: null }] }));
    expect(extra.status).toBe(400);
    const unknown = await post('{}', '/api/nothing-here');
    expect([unknown.status, ((await unknown.json()) as { error: { code: string } }).error.code]).toEqual([
      404,
      'not_found',
    ]);
    expect(fingerprint()).toBe(before);
  });

  it('refuses requests beyond a connection budget with rate_limited, recording nothing more, and keeps serving others', async () => {
    server = await startTestServer({ requestsPerSecond: 5 });
    const lead = await server.as('lead');
    const flooder = await observed(server.url, lead);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        flooder.send('log:add-entry', { idempotencyKey: key(), type: 'decision', text: `n° ${i}` }),
      ),
    );
    const codes = replies.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'ok').length).toBe(5);
    expect(codes.filter((c) => c === 'rate_limited').length).toBe(15);
    expect(server.app.log.situation.log.length).toBeLessThanOrEqual(5);
    const other = await observed(server.url, await server.as('commander'));
    expect((await other.send('log:add-entry', { idempotencyKey: key(), type: 'decision', text: 'autre' })).ok).toBe(
      true,
    );
    flooder.close();
    other.close();
  });
});
