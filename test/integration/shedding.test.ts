/**
 * A reader that stops reading gets no second catch-up while one is on its way, and a client shed
 * for falling behind reconnects by itself and catches up (the browser's own socket binding).
 */
import type { Socket as NetSocket } from 'node:net';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { connect } from '@vigie/client/realtime';
import { createVigieStore } from '@vigie/client/store';
import { buildPrincipal, startTestServer, type TestServer } from '@vigie/server/testing';
import { key } from './support/observedClient.ts';
import { stalledClient } from './support/stalledClient.ts';

let server: TestServer;
afterEach(async () => {
  await server.close();
});

const serverSocketOf = (id: string | undefined) => [...server.app.io.of('/').sockets.values()].find((s) => s.id === id);
/** A pause between a slow reader's requests: they are spread over time, so its writes have a chance to finish. */
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));
const fromNowhere = { logId: null, seq: 0 };

describe('catch-ups and slow readers', () => {
  it('sends no second catch-up to a reader while the first is not yet written out', async () => {
    server = await startTestServer();
    const reader = await stalledClient(server.url);
    onTestFinished(() => reader.close());
    const socket = serverSocketOf(reader.socket.id)!;
    reader.stall(3_600_000); // stops reading (and sends nothing itself)
    const answers: string[] = [];
    for (let i = 0; i < 300; i++) {
      answers.push(server.app.broadcaster.catchUp(socket, fromNowhere));
      await tick(2);
    }
    // The kernel's buffers take a few snapshots; then one waits, and every later request is told so.
    const sent = answers.filter((a) => a === 'snapshot').length;
    expect(sent).toBeLessThan(150);
    expect(answers.slice(-50)).toEqual(Array.from({ length: 50 }, () => 'pending'));
    // Reading again, it is sent the next one it asks for.
    reader.resume();
    await expect.poll(() => server.app.broadcaster.catchUp(socket, fromNowhere), { timeout: 10_000 }).toBe('snapshot');
  });

  it('reconnects by itself once shed for falling behind, and catches up with what changed meanwhile', async () => {
    server = await startTestServer({ maxQueuedBytes: 64 * 1024, backpressureCheckMs: 20 });
    const store = createVigieStore();
    const binding = connect(store, { url: server.url, schedule: (publish) => publish(), shedDelayMs: () => 0 });
    onTestFinished(() => binding.close());
    await expect.poll(() => store.getState().connection.status).toBe('connected');
    const socket = serverSocketOf(binding.socket.id)!;
    const engine = binding.socket.io.engine as unknown as { transport: { ws: { _socket: NetSocket } } };
    const tcp = engine.transport.ws._socket;
    tcp.pause();
    // Snapshots pile up behind the paused reader until the server sheds it.
    while (socket.connected) {
      server.app.broadcaster.catchUp(socket, fromNowhere);
      await tick(2);
    }
    const request = { principal: buildPrincipal('commander'), origin: { sessionId: null, address: null } };
    await server.app.log.submit(
      'system:set-status',
      { idempotencyKey: key(), hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' },
      request,
    );
    tcp.resume(); // within the grace period: it hears why it was shed
    await expect
      .poll(() => {
        const { sync, connection } = store.getState();
        return connection.status === 'connected' && sync.kind === 'situation' && sync.seq;
      })
      .toBe(server.app.log.situation.seq);
    expect(binding.socket.id).not.toBe(socket.id);
  });
});
