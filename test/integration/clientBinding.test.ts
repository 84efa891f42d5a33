import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '@vigie/client/realtime';
import { applySnapshot, emptySync } from '@vigie/client/sync';
import { createVigieStore } from '@vigie/client/store';
import { hashState, projectSituation } from '@vigie/shared';
import { buildPrincipal, defaultRegistry, startTestServer, type TestServer } from '@vigie/server/testing';
import { key } from './support/observedClient.ts';

let server: TestServer;
afterEach(async () => {
  await server.close();
});

describe('the client socket binding', () => {
  it('folds a burst as it arrives but publishes it to the store once per frame', async () => {
    server = await startTestServer({ coalesceMs: 0 });
    const store = createVigieStore();
    const frames: (() => void)[] = [];
    let updates = 0;
    store.subscribe(() => (updates += 1));
    const binding = connect(store, { url: server.url, schedule: (publish) => frames.push(publish) });
    const flushFrame = () => frames.splice(0).forEach((f) => f());
    await expect.poll(() => frames.length).toBe(1);
    flushFrame();
    expect(store.getState().connection.status).toBe('connected');
    expect(store.getState().sync.kind).toBe('situation');

    updates = 0;
    let received = 0;
    binding.socket.on('situation:patched', (m) => (received = m.to));
    const request = { principal: buildPrincipal('commander'), origin: { sessionId: null, address: null } };
    for (let i = 0; i < 20; i++) {
      // One at a time, so each goes out as its own message.
      await server.app.log.submit(
        'samu:set-status',
        { idempotencyKey: key(), samuId: 'samu-93', status: i % 2 ? 'degrade' : 'indisponible' },
        request,
      );
    }
    const head = server.app.log.situation.seq;
    await expect.poll(() => received).toBe(head);
    // Every message has arrived and been folded; nothing reached the store (so nothing rendered) before the frame.
    expect(updates).toBe(0);
    expect(frames).toHaveLength(1);
    flushFrame();
    expect(updates).toBe(1);
    const sync = store.getState().sync;
    expect(sync.kind === 'situation' && sync.seq).toBe(head);
    expect(sync.kind === 'situation' && hashState(sync.state)).toBe(
      hashState(projectSituation(server.app.log.situation, 'viewer')),
    );
    binding.close();
  });

  it('drops the copy it started from, wipes the offline copy and says so when the server refuses the handshake', async () => {
    server = await startTestServer({ openRead: false });
    const situation = server.app.log.situation;
    const initial = applySnapshot(emptySync, {
      audience: 'viewer',
      logId: situation.logId,
      seq: situation.seq,
      state: projectSituation(situation, 'viewer'),
      registry: defaultRegistry(),
    });
    const store = createVigieStore();
    store.getState().publish(initial, { offlineCopyAt: Date.now() - 60_000 });
    let wiped = 0;
    const binding = connect(store, {
      url: server.url,
      initial,
      schedule: (publish) => publish(),
      wipe: () => Promise.resolve(void (wiped += 1)),
    });
    await expect.poll(() => store.getState().session.refused).toBe('unauthorized');
    expect(store.getState().sync).toEqual(emptySync);
    expect(wiped).toBe(1);
    binding.close();
  });
});
