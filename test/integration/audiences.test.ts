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
    for (const c of [l, viewer, pub]) await c.until(() => (c.sync() as { seq: number }).seq === last.seq);

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

  it('covers every sequence number for a public client even when nothing public changed', async () => {
    const l = await observed(server.url, await server.as('lead'));
    const pub = await observed(server.url, { audience: 'public' });
    clients.push(l, pub);
    const reply = await l.send('log:add-entry', { idempotencyKey: key(), type: 'action', text: 'Appeler l’ARS' });
    const seq = reply.ok ? (reply.data as { seq: number }).seq : -1;
    await pub.until(() => pub.patches.some((p) => p.to === seq));
    expect(pub.gaps).toBe(0);
    expect(pub.patches.at(-1)).toMatchObject({ audience: 'public', patch: {} });
  });
});
