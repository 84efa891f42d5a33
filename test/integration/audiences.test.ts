import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statementFields } from '@vigie/shared/testing';
import { startTestServer, type TestServer } from '@vigie/server/testing';
import { contractViolations, key, observed, type ObservedClient } from './support/observedClient.ts';

let server: TestServer;
const clients: ObservedClient[] = [];
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server.close();
  expect(contractViolations).toEqual([]);
});

/** Everything a client received, as one string. */
const received = (c: ObservedClient) => JSON.stringify([c.snapshots, c.patches, c.heartbeats]);

describe('audiences', () => {
  it('never streams a draft, a client address or an origin to the public or a viewer, and keeps a revised ETA off the public projection until a point is published', async () => {
    const l = await observed(server.url, await server.as('lead'));
    const viewer = await observed(server.url);
    const pub = await observed(server.url, { audience: 'public' });
    clients.push(l, viewer, pub);
    const ok = async (event: string, payload: Record<string, unknown>) => {
      const reply = await l.send(event, { idempotencyKey: key(), ...payload });
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.data as { seq: number; statementId?: string };
    };
    await ok('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'technique' });
    await ok('eta:revise', { label: 'dimanche fin d’après-midi', targetAt: null, reason: 'plus long que prévu' });
    const draft = await ok('statement:draft', { fields: { ...statementFields, body: 'BROUILLON-SECRET' } });
    const last = await ok('log:add-entry', { type: 'decision', text: 'Passage au papier' });
    for (const c of [l, viewer]) await c.until(() => (c.sync() as { seq: number }).seq === last.seq);
    // The public room hears of none of it: its heartbeats confirm where it stands once those changes are out.
    const heard = pub.heartbeats.length;
    await pub.until(() => pub.heartbeats.length > heard, 5_000);
    expect(pub.heartbeats.at(-1)!.seq).toBe((pub.sync() as { seq: number }).seq);

    expect(received(l)).toContain('BROUILLON-SECRET');
    for (const c of [viewer, pub]) {
      expect(received(c)).not.toContain('BROUILLON-SECRET');
      expect(received(c)).not.toMatch(/127\.0\.0\.1|sessionId|origin/);
    }
    expect(received(l)).not.toMatch(/127\.0\.0\.1|sessionId/);
    expect(received(pub)).not.toContain('dimanche fin');
    expect(pub.sync()).toMatchObject({ kind: 'public', state: { statement: null } });

    const published = await ok('statement:publish', { statementId: draft.statementId });
    await pub.until(() => (pub.sync() as { seq: number }).seq === published.seq);
    expect(pub.sync()).toMatchObject({
      kind: 'public',
      state: { statement: { number: 1, fields: { body: 'BROUILLON-SECRET' } } },
    });
    await viewer.until(() => (viewer.sync() as { seq: number }).seq === published.seq);
    const v = viewer.sync();
    expect(v.kind === 'situation' && Object.values(v.state.statements).map((s) => s.status)).toEqual(['published']);
  });

  it('sends the public room nothing for changes it does not see, and a point from where it stands, without a gap', async () => {
    const l = await observed(server.url, await server.as('lead'));
    const pub = await observed(server.url, { audience: 'public' });
    const viewer = await observed(server.url);
    clients.push(l, pub, viewer);
    const ok = async (event: string, payload: Record<string, unknown>) => {
      const reply = await l.send(event, { idempotencyKey: key(), ...payload });
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.data as { seq: number; statementId?: string };
    };
    const opened = await ok('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'technique' });
    await viewer.until(() => (viewer.sync() as { seq: number }).seq === opened.seq);
    const seen = pub.heartbeats.length;
    await pub.until(() => pub.heartbeats.length > seen, 5_000);
    const before = (pub.sync() as { seq: number }).seq;
    const [patched, snapped] = [pub.patches.length, pub.snapshots.length];
    await ok('log:add-entry', { type: 'action', text: 'Appeler l’ARS' });
    const draft = await ok('statement:draft', { fields: statementFields });
    const item = await ok('system:set-status', { hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' });
    await viewer.until(() => (viewer.sync() as { seq: number }).seq === item.seq);
    const heard = pub.heartbeats.length;
    await pub.until(() => pub.heartbeats.length > heard, 5_000);
    expect(pub.patches).toHaveLength(patched);
    expect(pub.heartbeats.at(-1)!.seq).toBe(before);

    const published = await ok('statement:publish', { statementId: draft.statementId });
    await pub.until(() => pub.patches.length > patched);
    expect(pub.patches.slice(patched)).toMatchObject([{ audience: 'public', from: before + 1, to: published.seq }]);
    expect(pub.sync()).toMatchObject({ seq: published.seq, state: { statement: { number: 1 } } });
    expect(pub.gaps).toBe(0);

    // A new reader's snapshot stands at that position, and one coming back with it is sent nothing more.
    const next = await observed(server.url, { audience: 'public' });
    clients.push(next);
    expect(next.snapshots.map((s) => s.seq)).toEqual([published.seq]);
    await ok('log:add-entry', { type: 'action', text: 'Rappeler l’ARS' });
    pub.socket.disconnect().connect();
    const beats = pub.heartbeats.length;
    await pub.until(() => pub.heartbeats.length > beats, 5_000);
    expect(pub.snapshots).toHaveLength(snapped);
    expect(pub.patches).toHaveLength(patched + 1);
    expect(pub.heartbeats.at(-1)!.seq).toBe(published.seq);
  });
});
