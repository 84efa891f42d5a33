/**
 * Request budgets follow the person: an account's connections share one budget, anonymous readers
 * share one per address, the main courante has its own per-person rate, and one account's flood
 * leaves everyone else's changes flowing to the viewers.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Reply } from '@vigie/shared';
import { startTestServer, type TestServer } from '@vigie/server/testing';
import { key, observed, type ObservedClient } from './support/observedClient.ts';

let server: TestServer;
const clients: ObservedClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server.close();
});

const open = async (identity: Parameters<typeof observed>[1] = {}) => {
  const client = await observed(server.url, identity);
  clients.push(client);
  return client;
};
const codes = (replies: Reply[]) => replies.map((r) => (r.ok ? 'ok' : r.error.code));
const count = (list: string[], code: string) => list.filter((c) => c === code).length;
const status = (n: number) => ({
  idempotencyKey: key(),
  hospitalId: 'cochin',
  systemId: 'dpi',
  status: n % 2 ? 'degrade' : 'indisponible',
});

describe('request budgets', () => {
  it('limits one account from 50 connections as one person', async () => {
    server = await startTestServer({ requestsPerSecond: 20, accountRequestsPerSecond: 40 });
    const commander = await server.as('commander');
    const sockets = await Promise.all(Array.from({ length: 50 }, () => open(commander)));
    const replies = await Promise.all(
      sockets.flatMap((s) => Array.from({ length: 5 }, (_, i) => s.send('system:set-status', status(i)))),
    );
    const seen = codes(replies);
    // 250 requests, 5 per connection (within each connection's budget): the account's 40 pass, and the
    // few its bucket refills while they arrive.
    expect(count(seen, 'ok')).toBeGreaterThanOrEqual(40);
    expect(count(seen, 'ok')).toBeLessThan(60);
    expect(count(seen, 'rate_limited')).toBe(250 - count(seen, 'ok'));
    expect(server.app.log.situation.seq).toBe(count(seen, 'ok'));
  });

  it("keeps another account's changes flowing to a viewer while one account floods from 50 connections", async () => {
    // No widening of the coalescing window: what is measured is the flood's cost, not the storm setting.
    server = await startTestServer({ requestsPerSecond: 20, accountRequestsPerSecond: 40, coalesceMaxMs: 75 });
    const flooder = await server.as('commander');
    const floods = await Promise.all(Array.from({ length: 50 }, () => open(flooder)));
    const honest = await open(await server.as('commander'));
    const viewer = await open(await server.as('viewer'));
    let flooding = true;
    let accepted = 0;
    const flood = floods.map(async (s) => {
      // Until it stops, or the server drops this connection for flooding (then no reply comes).
      const dropped = new Promise<null>((r) => s.socket.once('disconnect', () => r(null)));
      for (let n = 0; flooding && s.socket.connected; n++) {
        const sent = s.send('system:set-status', { ...status(n), hospitalId: 'hegp' });
        if ((await Promise.race([sent, dropped]))?.ok) accepted += 1;
        await new Promise((r) => setTimeout(r, 10)); // the flood's rate is the subject
      }
    });
    const started = Date.now();
    for (let n = 0; n < 10; n++) {
      const sent = Date.now();
      const reply = await honest.send('system:set-status', status(n));
      expect(reply.ok).toBe(true);
      const seq = (reply as { data: { seq: number } }).data.seq;
      await viewer.until(() => viewer.patches.some((p) => p.to >= seq), 2000);
      expect(Date.now() - sent).toBeLessThan(500);
      await new Promise((r) => setTimeout(r, 100)); // the honest pace (ten changes a second) is the subject
    }
    flooding = false;
    await Promise.all(flood);
    const seconds = (Date.now() - started) / 1000;
    // The flood got its one person's budget (40 a second, plus the first burst), not 50 connections' worth.
    expect(accepted).toBeLessThanOrEqual(40 * (seconds + 1));
  });

  it('drops a connection that keeps sending after ten seconds of refusals, telling it why, and no other', async () => {
    server = await startTestServer({ requestsPerSecond: 20 });
    const commander = await server.as('commander');
    const flooder = await open(commander);
    const colleague = await open(commander);
    // 20 pass, 200 refusals are answered, then the connection is dropped: the rest get no answer.
    const answered: Reply[] = [];
    for (let n = 0; n < 1000; n++) void flooder.send('system:set-status', status(n)).then((r) => answered.push(r));
    await flooder.until(() => !flooder.socket.connected, 5000);
    expect(flooder.shed).toEqual(['flooding']);
    expect(count(codes(answered), 'rate_limited')).toBeLessThanOrEqual(200);
    expect(answered.length).toBeLessThan(1000);
    // Another connection of the same person still works once the account's budget refills (the refill
    // takes time: the wait is the subject).
    await new Promise((r) => setTimeout(r, 1000));
    expect(colleague.socket.connected).toBe(true);
    expect((await colleague.send('system:set-status', status(1))).ok).toBe(true);
  });

  it("drops one account's flooding connections once the account has drawn ten seconds of refusals", async () => {
    server = await startTestServer({ requestsPerSecond: 20, accountRequestsPerSecond: 40 });
    const flooder = await server.as('commander');
    const sockets = await Promise.all(Array.from({ length: 50 }, () => open(flooder)));
    // 30 requests from each of 50 connections: each connection stays within its own patience (200
    // refusals), but together they would draw 1,450 refusals from one person.
    const replies: Reply[] = [];
    for (const s of sockets)
      for (let n = 0; n < 30; n++) void s.send('system:set-status', status(n)).then((r) => replies.push(r));
    // Every request answered, or its connection dropped (its remaining requests get no answer).
    const done = () => replies.length + 30 * sockets.filter((s) => s.shed.length > 0).length >= 1500;
    await vi.waitFor(() => expect(done()).toBe(true), { timeout: 10_000, interval: 20 });
    const refused = count(codes(replies), 'rate_limited');
    expect(refused).toBeLessThanOrEqual(400 + 40);
    expect(sockets.filter((s) => s.shed.includes('flooding')).length).toBeGreaterThan(25);
    // Another person is not touched.
    const other = await open(await server.as('commander'));
    expect((await other.send('system:set-status', status(0))).ok).toBe(true);
  });

  it('answers rate_limited beyond the main-courante rate of one person, recording nothing more', async () => {
    server = await startTestServer({ logEntries: { perMinute: 60, burst: 10 } });
    const lead = await server.as('lead');
    const author = await open(lead);
    const second = await open(lead);
    const entry = (n: number) => ({ idempotencyKey: key(), type: 'information', text: `Point ${n}` });
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, n) => (n % 2 ? author : second).send('log:add-entry', entry(n))),
    );
    expect(count(codes(replies), 'ok')).toBe(10);
    expect(replies.find((r) => !r.ok)).toEqual({
      ok: false,
      error: { code: 'rate_limited', message: 'main courante: at most 60 entries per minute per person' },
    });
    expect(server.app.log.situation.seq).toBe(10);
    // Other commands of the same person, and another person's entries, still pass.
    expect((await author.send('system:set-status', status(0))).ok).toBe(true);
    const other = await open(await server.as('commander'));
    expect((await other.send('log:add-entry', entry(99))).ok).toBe(true);
  });

  it('shares one budget among the anonymous readers of one address, not with another address', async () => {
    server = await startTestServer({ requestsPerSecond: 20, addressRequestsPerSecond: 30 });
    const readers = await Promise.all(Array.from({ length: 10 }, () => open()));
    const position = () => ({ logId: server.app.log.situation.logId, seq: server.app.log.situation.seq });
    const replies = await Promise.all(
      readers.flatMap((r) => Array.from({ length: 10 }, () => r.send('sync:request', position()))),
    );
    const seen = codes(replies);
    expect(count(seen, 'ok')).toBeGreaterThanOrEqual(30);
    expect(count(seen, 'ok')).toBeLessThan(40);
    // Another address (another workstation) has its own.
    // engine.io-client hands `localAddress` to the WebSocket it opens in Node (not in its types).
    const fromAnotherAddress = { transports: ['websocket'], reconnection: false, localAddress: '127.0.0.2' };
    const elsewhere: Socket = io(server.url, fromAnotherAddress as Parameters<typeof io>[1]);
    try {
      const reply = await new Promise<Reply>((resolve) =>
        elsewhere.emit('sync:request', position(), (r: Reply) => resolve(r)),
      );
      expect(reply).toEqual({ ok: true, data: { sent: 'none' } });
    } finally {
      elsewhere.close();
    }
  });
});
