/**
 * Bulk changes over real sockets: two commanders working on the same items, the conflict that
 * refuses a whole change and names who moved what, one event per item under one command id, and
 * the undo the history keeps beside the change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandResultSchema, queryDataSchemas, type CommandResult, type ConflictDetails } from '@vigie/shared';
import { defaultRegistry, startTestServer, type TestServer } from '@vigie/server/testing';
import { contractViolations, key, observed, type ObservedClient } from './support/observedClient.ts';

const registry = defaultRegistry();
let server: TestServer;
let claire: ObservedClient;
let marc: ObservedClient;
let lead: ObservedClient;
let viewer: ObservedClient;

beforeAll(async () => {
  server = await startTestServer();
  lead = await observed(server.url, await server.as('lead', { name: 'Direction' }));
  claire = await observed(server.url, await server.as('commander', { name: 'Claire Martin' }));
  marc = await observed(server.url, await server.as('commander', { name: 'Marc Petit' }));
  viewer = await observed(server.url, await server.as('viewer'));
  const opened = await lead.send('incident:open', {
    idempotencyKey: key(),
    type: 'sse-numerique',
    title: 'Panne',
    cause: 'technique',
  });
  expect(opened.ok).toBe(true);
  await claire.until(() => stateOf(claire)?.incident !== null);
});
afterAll(async () => {
  [claire, marc, lead, viewer].forEach((c) => c.close());
  await server.close();
});

const stateOf = (c: ObservedClient) => {
  const sync = c.sync();
  return sync.kind === 'situation' ? sync.state : null;
};
const centre = () => registry.hospitals.filter((h) => h.ghuId === 'centre').map((h) => h.id);

/** "DPI indisponible" across the GHU, each item at the version this client's copy holds. */
function dpiAcrossCentre(c: ObservedClient, status: string) {
  const state = stateOf(c)!;
  return centre().map((h) => ({
    item: { kind: 'system', id: `${h}:dpi`, value: status },
    expectedVersion: state.items.system[`${h}:dpi`]!.version,
  }));
}

async function settled(seq: number) {
  for (const c of [claire, marc, lead, viewer]) await c.until(() => stateOf(c)?.seq === seq);
}

describe('a bulk change', () => {
  it('is one event per item under one command id, seen by every client in one step', async () => {
    const changes = dpiAcrossCentre(claire, 'indisponible');
    expect(changes.length).toBeGreaterThan(2);
    const reply = await claire.send('items:set', { idempotencyKey: key(), changes });
    expect(reply.ok).toBe(true);
    const result = CommandResultSchema.parse(reply.ok && reply.data);
    await settled(result.seq);
    expect(result.written?.map((w) => w.id)).toEqual(changes.map((c) => c.item.id));
    for (const h of centre()) expect(stateOf(viewer)!.items.system[`${h}:dpi`]!.value).toBe('indisponible');

    const audit = await lead.send('audit:list', { limit: 50 });
    const lines = queryDataSchemas['audit:list'].parse(audit.ok && audit.data).entries;
    const ofCommand = lines.filter((l) => l.commandId === result.commandId);
    expect(ofCommand.map((l) => l.type)).toEqual(Array(changes.length).fill('value.set'));
    expect(new Set(ofCommand.map((l) => l.by.name))).toEqual(new Set(['Claire Martin']));
  });

  it('made from an older picture is refused whole, naming the items another commander changed', async () => {
    // Marc loads the GHU; Claire then changes one of its hospitals; Marc's change carries what he saw.
    const seenByMarc = dpiAcrossCentre(marc, 'degrade');
    const first = centre()[0]!;
    const claireChange = await claire.send('system:set-status', {
      idempotencyKey: key(),
      hospitalId: first,
      systemId: 'dpi',
      status: 'isole',
      expectedVersion: stateOf(claire)!.items.system[`${first}:dpi`]!.version,
    });
    expect(claireChange.ok).toBe(true);
    const before = server.app.log.situation;
    const reply = await marc.send('items:set', { idempotencyKey: key(), changes: seenByMarc });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('conflict');
    const details = (!reply.ok ? reply.error.details : {}) as ConflictDetails;
    expect(details.conflicts).toEqual([
      {
        item: { kind: 'system', id: `${first}:dpi` },
        current: expect.objectContaining({ value: 'isole', by: expect.objectContaining({ name: 'Claire Martin' }) }),
      },
    ]);
    expect(server.app.log.situation).toBe(before);
  });

  it('is undone by a compensating change; the item history keeps both', async () => {
    await settled(server.app.log.situation.seq);
    const hospitals = centre().slice(1, 3);
    const before = hospitals.map((h) => stateOf(claire)!.items.system[`${h}:messagerie`]!.value);
    const change = await claire.send('items:set', {
      idempotencyKey: key(),
      changes: hospitals.map((h) => ({
        item: { kind: 'system', id: `${h}:messagerie`, value: 'indisponible' },
        expectedVersion: stateOf(claire)!.items.system[`${h}:messagerie`]!.version,
      })),
    });
    const done: CommandResult = CommandResultSchema.parse(change.ok && change.data);
    const undo = await claire.send('items:set', {
      idempotencyKey: key(),
      undoes: done.commandId,
      // Nobody held them before: the undo gives them back to automation.
      changes: done.written!.map((w, i) => ({
        item: { kind: 'system', id: w.id, value: before[i] },
        expectedVersion: w.version,
        hold: false,
      })),
    });
    expect(undo.ok).toBe(true);
    await settled(CommandResultSchema.parse(undo.ok && undo.data).seq);
    expect(hospitals.map((h) => stateOf(viewer)!.items.system[`${h}:messagerie`]!.value)).toEqual(before);
    expect(hospitals.map((h) => stateOf(viewer)!.items.system[`${h}:messagerie`]!.heldBy)).toEqual([null, null]);

    const history = await viewer.send('history:item', { item: { kind: 'system', id: `${hospitals[0]!}:messagerie` } });
    const entries = queryDataSchemas['history:item'].parse(history.ok && history.data).entries;
    expect(entries.slice(0, 2).map((e) => e.value)).toEqual([before[0], 'indisponible']);
    expect(contractViolations).toEqual([]);
  });
});

describe('one door for every item write', () => {
  it('refuses a délestage to the department’s own site, through items:set and through the per-kind command alike', async () => {
    const department = registry.emergencyDepartments[0]!;
    const value = { status: 'delestage', targetSiteId: department.siteId, nextReviewAt: null, note: null };
    const before = stateOf(claire)!;
    const version = before.items.emergency[department.id]!.version;
    const viaBulk = await claire.send('items:set', {
      idempotencyKey: key(),
      changes: [{ item: { kind: 'emergency', id: department.id, value }, expectedVersion: version }],
    });
    const viaAlias = await claire.send('emergency:set-status', {
      idempotencyKey: key(),
      departmentId: department.id,
      value,
    });
    for (const reply of [viaBulk, viaAlias]) {
      expect(reply).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', message: expect.stringMatching(/own site/) },
      });
    }
    expect(server.app.log.situation.seq).toBe(before.seq);

    // Another site is accepted by both, and both write the same event.
    const other = registry.hospitals
      .flatMap((h) => h.sites)
      .find((s) => s.id !== department.siteId && s.closed === null)!;
    const ok = await claire.send('emergency:set-status', {
      idempotencyKey: key(),
      departmentId: department.id,
      value: { ...value, targetSiteId: other.id },
      expectedVersion: version,
    });
    expect(ok.ok).toBe(true);
    expect(server.app.log.situation.items.emergency[department.id]!.value).toMatchObject({ targetSiteId: other.id });
  });

  it('names a one-item conflict’s current value and author through the per-kind command', async () => {
    const first = centre()[0]!;
    const current = stateOf(claire)!.items.system[`${first}:dpi`]!;
    const reply = await marc.send('system:set-status', {
      idempotencyKey: key(),
      hospitalId: first,
      systemId: 'dpi',
      status: 'operationnel',
      expectedVersion: current.version + 1,
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        details: { current: { version: current.version }, conflicts: [{ item: { id: `${first}:dpi` } }] },
      },
    });
  });
});
