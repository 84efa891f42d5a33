/**
 * Two server nodes on one PostgreSQL database, as a two-site deployment runs them: one history,
 * whichever node takes a change; each node's screens hear every change in order; a write decided on
 * one node is never lost to a concurrent one on the other; a retry sent to the other node gets the
 * original reply.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashState, projectSituation } from '@vigie/shared';
import { createTestDatabase, startTestNode, type TestDatabase } from '@vigie/server/testing';
import { callApi } from './support/api.ts';
import { contractViolations, key, observed, type ObservedClient } from './support/observedClient.ts';

type TestNode = Awaited<ReturnType<typeof startTestNode>>;

let db: TestDatabase;
let a: TestNode;
let b: TestNode;
const clients: ObservedClient[] = [];

beforeEach(async () => {
  db = await createTestDatabase();
  a = await startTestNode(db.url);
  b = await startTestNode(db.url);
});
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await a.close();
  await b.close();
  await db.drop();
  expect(contractViolations).toEqual([]);
});

const seqOf = (c: ObservedClient) => {
  const sync = c.sync();
  return sync.kind === 'situation' ? sync.seq : -1;
};
const viewerHash = (node: TestNode) => hashState(projectSituation(node.app.log.situation, 'viewer'));
const copyHash = (c: ObservedClient) => {
  const sync = c.sync();
  return sync.kind === 'situation' ? hashState(sync.state) : 'none';
};

describe('two nodes on one database', () => {
  it('brings a change taken by one node to the other node’s screens, in order', async () => {
    const commander = await observed(a.url, await a.as('commander'));
    const screen = await observed(b.url);
    clients.push(commander, screen);
    const seqs: number[] = [];
    for (const [i, status] of (['indisponible', 'degrade', 'operationnel'] as const).entries()) {
      const reply = await commander.send('system:set-status', {
        idempotencyKey: key(),
        hospitalId: 'cochin',
        systemId: i === 1 ? 'dpi' : 'reseau',
        status,
      });
      expect(reply.ok).toBe(true);
      seqs.push((reply as { data: { seq: number } }).data.seq);
    }
    await screen.until(() => seqOf(screen) === seqs.at(-1), 10_000);
    expect(screen.gaps).toBe(0);
    expect(screen.patches.flatMap((p) => [p.from, p.to]).every((s, i, all) => i === 0 || s >= all[i - 1]!)).toBe(true);
    expect(copyHash(screen)).toBe(viewerHash(b));
    expect(viewerHash(a)).toBe(viewerHash(b));
  });

  it('lets exactly one of two conflicting writes sent at once to both nodes win, the other naming the winner', async () => {
    const claire = await observed(a.url, await a.as('commander', { name: 'Claire Martin' }));
    const marc = await observed(b.url, await b.as('commander', { name: 'Marc Petit' }));
    clients.push(claire, marc);
    const version = a.app.log.situation.items.system['cochin:dpi']!.version;
    const write = (c: ObservedClient, status: string) =>
      c.send('system:set-status', {
        idempotencyKey: key(),
        hospitalId: 'cochin',
        systemId: 'dpi',
        status,
        expectedVersion: version,
      });
    const replies = await Promise.all([write(claire, 'indisponible'), write(marc, 'degrade')]);
    const won = replies.filter((r) => r.ok);
    const lost = replies.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    const winner = replies[0].ok ? 'Claire Martin' : 'Marc Petit';
    expect(lost[0]).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { current: { by: { name: winner } } } },
    });
    // One value.set in the shared log.
    const events = await a.store.auditEvents(a.app.log.current.logId, { limit: 100 });
    expect(events.events.filter((e) => e.event.type === 'value.set')).toHaveLength(1);
  });

  it('gives a retry sent to the other node the original reply, and records one event', async () => {
    const session = await a.as('commander');
    const onA = await observed(a.url, session);
    const onB = await observed(b.url, session);
    clients.push(onA, onB);
    const request = { idempotencyKey: key(), hospitalId: 'cochin', systemId: 'dpi', status: 'indisponible' };
    const first = await onA.send('system:set-status', request);
    const again = await onB.send('system:set-status', request);
    expect(first.ok).toBe(true);
    expect(again).toEqual(first);
    const events = await b.store.auditEvents(b.app.log.current.logId, { limit: 100 });
    expect(events.events.filter((e) => e.event.type === 'value.set')).toHaveLength(1);
  });
});

describe('access across nodes', () => {
  it('closes a revoked person’s sockets on every node, and a signed-out session’s on the other node', async () => {
    const admin = await a.as('admin');
    const person = await a.as('commander', { name: 'Claire Martin' });
    const onB = await observed(b.url, person);
    const other = await b.as('commander');
    const signingOut = await observed(b.url, other);
    clients.push(onB, signingOut);
    // Revoked through node A's HTTP API: the socket on node B is told and closed.
    const revoked = await callApi(a.url, 'admin:account:sessions:revoke', {
      cookie: admin.cookie,
      origin: a.url,
      params: { id: person.accountId },
    });
    expect(revoked.reply).toEqual({ ok: true, data: { revoked: 1 } });
    await onB.until(() => onB.ended.length > 0 && !onB.socket.connected, 5_000);
    expect(onB.ended).toEqual(['revoked']);
    // Another session, ended on node A (its sign-out): its socket on node B closes too.
    await a.app.access.signOut(other.sessionId);
    await signingOut.until(() => signingOut.ended.length > 0, 5_000);
    expect(signingOut.ended).toEqual(['signed-out']);
  });
});
