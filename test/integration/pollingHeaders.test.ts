/**
 * Socket.IO's long-polling replies come from engine.io, not Express: they carry the same security
 * headers as every page (CSP, nosniff, frame and referrer policies…).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@vigie/server/testing';

const securityHeaders = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const pick = (headers: Headers) => Object.fromEntries(securityHeaders.map((name) => [name, headers.get(name)]));

describe('Socket.IO polling replies', () => {
  it('carry the same security headers as a page, on the handshake, a POST and a GET', async () => {
    const page = pick((await fetch(`${server.url}/healthz`)).headers);
    expect(Object.values(page).every((value) => typeof value === 'string')).toBe(true);

    const polling = `${server.url}/socket.io/?EIO=4&transport=polling`;
    const handshake = await fetch(polling);
    expect(handshake.status).toBe(200);
    const { sid } = JSON.parse((await handshake.text()).slice(1)) as { sid: string };
    expect(pick(handshake.headers)).toEqual(page);

    const post = await fetch(`${polling}&sid=${sid}`, { method: 'POST', body: '40{"audience":"public"}' });
    expect(await post.text()).toBe('ok');
    expect(pick(post.headers)).toEqual(page);

    const get = await fetch(`${polling}&sid=${sid}`);
    expect(await get.text()).toMatch(/^40/);
    expect(pick(get.headers)).toEqual(page);
  });
});
