/**
 * Bounded input on a real server and real sockets: frames the client library would never write
 * (binary attachments, deep handshakes), and handlers that fail because their store does.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { startTestServer, withOverrides, type TestServer } from '@vigie/server/testing';
import { key, observed } from './support/observedClient.ts';
import { deepArrayJson, rawClient } from './support/rawFrames.ts';

describe('frames with binary attachments', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  it('are answered invalid_payload without being reassembled, and the connection goes on', async () => {
    const c = await observed(server.url, await server.as('commander'));
    const before = server.app.log.situation;
    const reply = await c.send('log:add-entry', {
      idempotencyKey: key(),
      type: 'decision',
      text: Buffer.from('texte'),
    });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'binary attachments are not accepted' },
    });
    expect(server.app.log.situation).toBe(before);
    const ok = await c.send('log:add-entry', { idempotencyKey: key(), type: 'decision', text: 'après' });
    expect(ok).toMatchObject({ ok: true });
    c.close();
  });

  it('are answered even with more attachments than the parser would reassemble', async () => {
    const c = await observed(server.url, { audience: 'public' });
    const buffers = Array.from({ length: 50 }, (_, i) => Buffer.from([i]));
    const reply = await c.send('sync:request', { logId: null, seq: 0, buffers });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'binary attachments are not accepted' },
    });
    expect(c.socket.connected).toBe(true);
    expect(await c.send('sync:request', { logId: null, seq: 0 })).toMatchObject({ ok: true });
    c.close();
  });

  it('nested deep around their placeholder are refused before any walk', async () => {
    const c = await rawClient(server.url, { audience: 'public' });
    const id = c.nextId();
    const answer = c.reply(id);
    const placeholders = Array.from({ length: 10 }, (_, num) => `{"_placeholder":true,"num":${num}}`).join(',');
    c.write(`510-${id}["sync:request",${'['.repeat(50_000)}${placeholders}${']'.repeat(50_000)}]`);
    for (let i = 0; i < 10; i++) c.write(Buffer.from([i]));
    expect(await answer).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    // The attachments were dropped as they came: the next plain request is understood.
    expect(await c.request('sync:request', '{"logId":null,"seq":0}')).toMatchObject({ ok: true });
    c.close();
  });
});

describe('a handshake', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  it('whose auth is nested deep is refused with invalid_payload', async () => {
    // Deep enough to be refused, shallow enough for socket.io-client to write it.
    const deep = JSON.parse(deepArrayJson(3000)) as unknown;
    const socket = connect(server.url, {
      auth: { audience: 'public', position: deep },
      transports: ['websocket'],
      reconnection: false,
    });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('invalid_payload');
    socket.close();
  });
});

describe('a request whose handler fails', () => {
  let server: TestServer;
  const failures = { sync: 0, async: 0 };
  beforeEach(async () => {
    server = await startTestServer({
      wrapStore: (store) =>
        withOverrides(store, {
          auditEvents: () => {
            failures.sync += 1;
            throw new Error('disk I/O error');
          },
          itemEvents: async () => {
            failures.async += 1;
            await Promise.resolve();
            throw new RangeError('Maximum call stack size exceeded');
          },
        }),
    });
  });
  afterEach(() => server.close());

  it('is answered internal, without the error text, and the server goes on serving', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const c = await observed(server.url, await server.as('lead'));
      const internal = { ok: false, error: { code: 'internal', message: 'the request could not be processed' } };
      expect(await c.send('audit:list', {})).toEqual(internal);
      expect(await c.send('history:item', { item: { kind: 'samu', id: 'samu-75' } })).toEqual(internal);
      expect(failures).toEqual({ sync: 1, async: 1 });
      expect(
        await c.send('samu:set-status', { idempotencyKey: key(), samuId: 'samu-75', status: 'degrade' }),
      ).toMatchObject({ ok: true });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(unhandled).toEqual([]);
      c.close();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
