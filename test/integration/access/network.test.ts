/**
 * The network edge: Origin checks on both Socket.IO transports and on state-changing requests,
 * security headers and CSP, and forwarded addresses believed only from a trusted proxy.
 */
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_DIST, startTestServer, type TestServer } from '@vigie/server/testing';
import { callApi } from '../support/api.ts';
import { key, observed } from '../support/observedClient.ts';

let server: TestServer;
afterEach(() => server.close());

/** Connects with a cookie and an Origin over one transport; resolves 'connected' or the error message. */
function handshake(origin: string | null, cookie: string, transport: 'websocket' | 'polling'): Promise<string> {
  const socket = io(server.url, {
    transports: [transport],
    reconnection: false,
    extraHeaders: { cookie, ...(origin ? { origin } : {}) },
  });
  return new Promise((resolve) => {
    socket.once('situation:snapshot', () => resolve('connected'));
    socket.once('connect_error', (e) => resolve(e.message));
  }).finally(() => socket.close()) as Promise<string>;
}

describe('the Origin check', () => {
  it('refuses a handshake from a foreign Origin carrying a valid session, over WebSocket and polling', async () => {
    server = await startTestServer({
      openRead: false,
      network: { allowedOrigins: ['http://vigie.hopital.local:8080'], trustProxy: [] },
    });
    const { cookie } = await server.as('lead');
    for (const transport of ['websocket', 'polling'] as const) {
      expect(await handshake('http://evil.example', cookie, transport), transport).not.toBe('connected');
      expect(await handshake('null', cookie, transport), transport).not.toBe('connected');
      expect(await handshake('http://vigie.hopital.local:8080', cookie, transport), transport).toBe('connected');
      // No Origin at all is a same-origin page load or a script: the session still decides.
      expect(await handshake(null, cookie, transport), transport).toBe('connected');
    }
  });

  it('refuses a state-changing request from a foreign Origin, changing nothing', async () => {
    server = await startTestServer({ network: { allowedOrigins: ['http://vigie.local'], trustProxy: [] } });
    const admin = await server.as('admin');
    const before = (await callApi(server.url, 'admin:screens', { cookie: admin.cookie })).reply;
    const foreign = await callApi(server.url, 'admin:screens:create', {
      cookie: admin.cookie,
      origin: 'http://evil.example',
      body: { name: 'Écran pirate' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A browser's cross-site request without Origin says so in Sec-Fetch-Site.
    const crossSite = await callApi(server.url, 'admin:screens:create', {
      cookie: admin.cookie,
      headers: { 'Sec-Fetch-Site': 'cross-site' },
      body: { name: 'Écran pirate' },
    });
    expect(crossSite.status).toBe(403);
    expect((await callApi(server.url, 'admin:screens', { cookie: admin.cookie })).reply).toEqual(before);
    const allowed = await callApi(server.url, 'admin:screens:create', {
      cookie: admin.cookie,
      origin: 'http://vigie.local',
      body: { name: 'Écran hall' },
    });
    expect(allowed.status).toBe(200);
  });
});

describe('headers', () => {
  it('sends a strict CSP and helmet headers, no X-Powered-By, and upgrade-insecure-requests only over HTTPS', async () => {
    server = await startTestServer({
      network: { allowedOrigins: [], trustProxy: ['loopback'] },
      clientDist: DEFAULT_CLIENT_DIST,
    });
    for (const path of ['/', '/mur', '/api/session']) {
      const plain = await fetch(server.url + path);
      const csp = plain.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\//);
      expect(csp, path).not.toContain('upgrade-insecure-requests');
      expect(plain.headers.get('strict-transport-security'), path).toBeNull();
      expect(plain.headers.get('x-powered-by'), path).toBeNull();
      expect(plain.headers.get('x-content-type-options'), path).toBe('nosniff');
      const overHttps = await fetch(server.url + path, { headers: { 'X-Forwarded-Proto': 'https' } });
      expect(overHttps.headers.get('content-security-policy'), path).toContain('upgrade-insecure-requests');
      expect(overHttps.headers.get('strict-transport-security'), path).toMatch(/max-age=\d+/);
    }
  });

  it('marks the session cookie Secure only over HTTPS, and always HttpOnly and SameSite=Strict', async () => {
    server = await startTestServer({ network: { allowedOrigins: [], trustProxy: ['loopback'] } });
    const { code } = (
      await server.app.access.createAccounts([{ name: 'Claire Martin', roles: ['commander'], scope: null }], {
        principal: { actor: { kind: 'system', id: 't', name: 't' }, roles: [] },
        origin: { sessionId: null, address: null },
      })
    )[0]!;
    const plain = await fetch(`${server.url}/api/session/code`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const cookie = plain.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    const issued = await server.app.access.issueCode((await server.app.access.listAccounts())[0]!.id, null);
    const secure = await fetch(`${server.url}/api/session/code`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
      body: JSON.stringify({ code: issued.code }),
    });
    expect(secure.headers.getSetCookie()[0]).toMatch(/; Secure/i);
  });
});

describe('forwarded addresses', () => {
  const forwardedAudit = async (trustProxy: string[]) => {
    server = await startTestServer({ network: { allowedOrigins: [], trustProxy } });
    const lead = await server.as('lead');
    const socket = io(server.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: lead.cookie, 'x-forwarded-for': '10.20.30.40' },
    });
    await new Promise((resolve) => socket.once('situation:snapshot', resolve));
    const reply = await new Promise((resolve) =>
      socket.emit(
        'incident:open',
        { idempotencyKey: key(), type: 'sse-numerique', title: 'Panne', cause: 'technique' },
        resolve,
      ),
    );
    expect(reply).toMatchObject({ ok: true });
    socket.close();
    const reader = await observed(server.url, lead);
    const audit = await reader.send('audit:list', {});
    reader.close();
    return (audit as { data: { entries: { origin: { address: string } }[] } }).data.entries[0]!.origin.address;
  };

  it('records the forwarded client address only when the proxy is trusted', async () => {
    expect(await forwardedAudit(['loopback'])).toBe('10.20.30.40');
    await server.close();
    expect(await forwardedAudit([])).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});
