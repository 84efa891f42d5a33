/**
 * Sign-in under concurrency: guesses sent all at once are counted before their password is checked,
 * one login's attempts are checked one at a time, and a room behind one address still signs in together.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@vigie/server/testing';
import { callApi, type ApiResult } from '../support/api.ts';

let server: TestServer;
afterEach(() => server.close());

const hostCaller = {
  principal: { actor: { kind: 'system' as const, id: 'test', name: 'test' }, roles: [] },
  origin: { sessionId: null, address: null },
};
const from = (address: string) => ({ 'X-Forwarded-For': address });
const code = (r: ApiResult) => (r.reply.ok ? 'ok' : r.reply.error.code);
const PASSWORD = 'la bonne phrase de passe';

/** Accounts with a password, each set through its one-time code (from an address of its own). */
async function withPasswords(names: string[]): Promise<string[]> {
  const sheet = await server.app.access.createAccounts(
    names.map((name) => ({ name, roles: ['commander' as const], scope: null })),
    hostCaller,
  );
  for (const entry of sheet) {
    const { cookie } = await callApi(server.url, 'session:code', {
      body: { code: entry.code },
      headers: from('10.9.9.9'),
    });
    await callApi(server.url, 'session:password', { cookie: cookie!, body: { password: PASSWORD } });
  }
  return sheet.map((e) => e.login);
}

const signIn = (login: string, password: string, address: string) =>
  callApi(server.url, 'session:sign-in', { body: { login, password }, headers: from(address) });

const tally = (results: ApiResult[]) =>
  results.reduce<Record<string, number>>((t, r) => ({ ...t, [code(r)]: (t[code(r)] ?? 0) + 1 }), {});

describe('signing in under concurrency', () => {
  it('checks only a handful of 200 simultaneous wrong guesses for one login, and refuses the rest with a Retry-After', async () => {
    server = await startTestServer({ network: { allowedOrigins: [], trustProxy: ['loopback'] } });
    const [target, colleague] = await withPasswords(['Louis Directeur', 'Claire Martin']);

    const checksBefore = server.app.access.passwordsChecked;
    const burst = await Promise.all(Array.from({ length: 200 }, (_, i) => signIn(target!, `essai ${i}`, '10.0.0.66')));

    const counts = tally(burst);
    // Every guess that was checked answers 401: only the first three, and one more each time the wait
    // they earned (1 s, then 2 s) runs out while the burst is still arriving.
    expect(counts.unauthorized ?? 0).toBeGreaterThanOrEqual(3);
    expect(counts.unauthorized ?? 0).toBeLessThanOrEqual(5);
    expect(server.app.access.passwordsChecked - checksBefore).toBe(counts.unauthorized ?? 0);
    expect(counts.rate_limited).toBe(200 - (counts.unauthorized ?? 0));
    for (const r of burst.filter((r) => code(r) === 'rate_limited')) {
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // The person whose login was attacked still gets in from elsewhere, and the burst's address is not
    // closed to everyone behind it: a colleague there signs in at once.
    expect(code(await signIn(target!, PASSWORD, '10.0.0.67'))).toBe('ok');
    expect(code(await signIn(colleague!, PASSWORD, '10.0.0.66'))).toBe('ok');
  });

  it('counts guesses at many logins from one address before they are checked', async () => {
    server = await startTestServer({ network: { allowedOrigins: [], trustProxy: ['loopback'] } });
    const [colleague] = await withPasswords(['Claire Martin']);

    const spray = await Promise.all(
      Array.from({ length: 200 }, (_, i) => signIn(`personne.${i}`, 'mauvaise', '10.0.0.66')),
    );

    const counts = tally(spray);
    // The address's slow-down starts after 30 failures: no more are checked, but one each time its wait
    // (1 s, then 2 s) runs out while the burst is still arriving.
    expect(counts.unauthorized ?? 0).toBeGreaterThanOrEqual(30);
    expect(counts.unauthorized ?? 0).toBeLessThanOrEqual(32);
    expect(counts.rate_limited).toBe(200 - (counts.unauthorized ?? 0));
    // The wait the burst earned its address stays short, as if the guesses had come one by one.
    const waits = spray.map((r) => Number(r.headers.get('retry-after') ?? 0));
    expect(Math.max(...waits)).toBeLessThanOrEqual(4);
    expect(code(await signIn(colleague!, PASSWORD, '10.0.0.67'))).toBe('ok');
  });

  it('counts 200 simultaneous wrong one-time codes from one address before they are checked', async () => {
    server = await startTestServer({ network: { allowedOrigins: [], trustProxy: ['loopback'] } });
    const [colleague] = await withPasswords(['Claire Martin']);

    const burst = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        callApi(server.url, 'session:code', {
          body: { code: `AAAA-AAAA-${String(i).padStart(4, '0')}` },
          headers: from('10.0.0.66'),
        }),
      ),
    );

    const counts = tally(burst);
    // As for passwords: 30, and one more each time the address's wait runs out during the burst.
    expect(counts.unauthorized ?? 0).toBeGreaterThanOrEqual(30);
    expect(counts.unauthorized ?? 0).toBeLessThanOrEqual(32);
    expect(counts.rate_limited).toBe(200 - (counts.unauthorized ?? 0));
    expect(Math.max(...burst.map((r) => Number(r.headers.get('retry-after') ?? 0)))).toBeLessThanOrEqual(4);
    expect(code(await signIn(colleague!, PASSWORD, '10.0.0.67'))).toBe('ok');
  });

  it('checks the current password of a password change like a sign-in', async () => {
    server = await startTestServer({ network: { allowedOrigins: [], trustProxy: ['loopback'] } });
    const [login] = await withPasswords(['Louis Directeur']);
    const { cookie } = await signIn(login!, PASSWORD, '10.0.0.66');

    const checksBefore = server.app.access.passwordsChecked;
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        callApi(server.url, 'session:password', {
          cookie: cookie!,
          body: { password: 'une nouvelle phrase', currentPassword: `essai ${i}` },
          headers: from('10.0.0.66'),
        }),
      ),
    );

    const counts = tally(burst);
    // Three failures from that address before the login's slow-down starts, then no more checks.
    expect(counts.unauthorized ?? 0).toBeGreaterThanOrEqual(3);
    expect(counts.unauthorized ?? 0).toBeLessThanOrEqual(5);
    expect(server.app.access.passwordsChecked - checksBefore).toBe(counts.unauthorized ?? 0);
    expect(counts.rate_limited).toBe(50 - (counts.unauthorized ?? 0));
  });

  it('lets 20 people behind one address sign in at the same moment', async () => {
    server = await startTestServer({ network: { allowedOrigins: [], trustProxy: ['loopback'] } });
    const logins = await withPasswords(Array.from({ length: 20 }, (_, i) => `Personne ${i + 1}`));

    const room = await Promise.all(logins.map((login) => signIn(login, PASSWORD, '192.0.2.10')));

    expect(room.map(code)).toEqual(logins.map(() => 'ok'));
  });
});
