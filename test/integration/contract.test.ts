import { afterEach, describe, expect, it } from 'vitest';
import { serverEventSchemas } from '@vigie/shared';
import { statementFields } from '@vigie/shared/testing';
import { startTestServer, type TestServer } from '@vigie/server/testing';
import { contractViolations, key, observed, type ObservedClient } from './support/observedClient.ts';

let server: TestServer;
const clients: ObservedClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server.close();
});

describe('the realtime contract', () => {
  it('emits only payloads that parse with the shared schemas, for every event and audience', async () => {
    server = await startTestServer({ heartbeatMs: 150, requestsPerSecond: 20 });
    const l = await observed(server.url, await server.as('lead'));
    const viewer = await observed(server.url);
    const pub = await observed(server.url, { audience: 'public' });
    const leavingSession = await server.as('viewer');
    const leaving = await observed(server.url, leavingSession);
    clients.push(l, viewer, pub, leaving);
    const send = async (event: string, payload: Record<string, unknown>) => {
      const reply = await l.send(event, { idempotencyKey: key(), ...payload });
      if (!reply.ok) throw new Error(`${event}: ${reply.error.message}`);
      return reply.data as { statementId?: string; seq: number };
    };
    await send('incident:open', { type: 'sse-numerique', title: 'Panne', cause: 'indeterminee' });
    await send('incident:update', {
      fields: {
        cause: 'technique',
        causeNote: 'Sans lien avec une attaque cyber',
        powerRestoredAt: new Date().toISOString(),
      },
    });
    await send('hospital:set-response-level', { hospitalId: 'cochin', level: 'niveau-2' });
    await send('hospital:set-operating-mode', { hospitalId: 'cochin', mode: 'procedures-degradees' });
    await send('emergency:set-status', {
      departmentId: 'cochin-adulte',
      value: {
        status: 'fermees',
        targetSiteId: null,
        nextReviewAt: new Date(Date.now() + 3_600_000).toISOString(),
        note: 'urgences vitales maintenues',
      },
    });
    await send('system:set-status', { hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' });
    await send('samu:set-status', { samuId: 'samu-92', status: 'degrade' });
    await send('stage:set-state', { stageId: 'reseau', state: 'en-cours' });
    await send('item:release', { item: { kind: 'samu', id: 'samu-92' } });
    await send('eta:revise', {
      label: 'dimanche matin',
      targetAt: new Date(Date.now() + 86_400_000).toISOString(),
      reason: 'première estimation',
    });
    await send('log:add-entry', {
      type: 'information',
      text: 'Téléphonie coupée à Cochin',
      verification: 'a-verifier',
    });
    const draft = await send('statement:draft', { fields: statementFields });
    await send('statement:edit', {
      statementId: draft.statementId,
      fields: { ...statementFields, body: 'Ralentie mais maîtrisée.' },
    });
    const last = await send('statement:publish', { statementId: draft.statementId });
    await send('incident:close', {});
    // Closing the incident changes nothing the public is shown: the public room stands at the publication.
    for (const c of clients) {
      const seq = c === pub ? last.seq : last.seq + 1;
      await c.until(() => (c.sync() as { seq: number }).seq === seq && c.heartbeats.length > 0);
    }
    // A reader that keeps sending far beyond its budget is dropped, and told why.
    const flooder = await observed(server.url);
    clients.push(flooder);
    for (let n = 0; n < 400; n++) void flooder.send('sync:request', { logId: null, seq: 0 });
    await flooder.until(() => flooder.shed.length === 1);
    await server.app.access.signOut(leavingSession.sessionId);
    await leaving.until(() => leaving.ended.length === 1);
    void server.app.close(); // announces the restart
    for (const c of [l, viewer, pub]) await c.until(() => c.restarts === 1);
    const seen = new Set(
      clients.flatMap((c) => [
        ...(c.snapshots.length ? ['situation:snapshot'] : []),
        ...(c.patches.length ? ['situation:patched'] : []),
        ...(c.heartbeats.length ? ['server:heartbeat'] : []),
        ...(c.restarts ? ['server:restarting'] : []),
        ...(c.sessions.length ? ['session:info'] : []),
        ...(c.ended.length ? ['session:ended'] : []),
        ...(c.shed.length ? ['connection:shed'] : []),
      ]),
    );
    expect([...seen].sort()).toEqual(Object.keys(serverEventSchemas).sort());
    expect(new Set(clients.flatMap((c) => c.snapshots.map((s) => s.audience)))).toEqual(
      new Set(['staff', 'viewer', 'public']),
    );
    expect(contractViolations).toEqual([]);
  });
});
