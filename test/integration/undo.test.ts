/**
 * Undo kept by the server, over real sockets and a real SQLite file: a person's recent changes are
 * listed to every connection of theirs, an undo is a compensating `items:set`, and a change someone
 * else has overwritten since is shown superseded and refused, never overwritten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandResultSchema, OwnChangesSchema, type OwnChange } from '@vigie/shared';
import { startTestServer, type TestServer } from '@vigie/server/testing';
import { contractViolations, key, observed, type ObservedClient } from './support/observedClient.ts';

let server: TestServer;
let claire: ObservedClient;
/** Claire again, from another browser signed in as her. */
let claireElsewhere: ObservedClient;
let marc: ObservedClient;

beforeAll(async () => {
  server = await startTestServer();
  const lead = await server.as('lead', { name: 'Direction' });
  const claireSession = await server.as('commander', { name: 'Claire Martin' });
  claire = await observed(server.url, claireSession);
  claireElsewhere = await observed(server.url, claireSession);
  marc = await observed(server.url, await server.as('commander', { name: 'Marc Petit' }));
  const opener = await observed(server.url, lead);
  const opened = await opener.send('incident:open', {
    idempotencyKey: key(),
    type: 'sse-numerique',
    title: 'Panne',
    cause: 'technique',
  });
  opener.close();
  expect(opened.ok).toBe(true);
  await claire.until(() => stateOf(claire)?.incident !== null);
});
afterAll(async () => {
  [claire, claireElsewhere, marc].forEach((c) => c.close());
  await server.close();
});

const stateOf = (c: ObservedClient) => {
  const sync = c.sync();
  return sync.kind === 'situation' ? sync.state : null;
};

async function changesOf(c: ObservedClient): Promise<OwnChange[]> {
  const reply = await c.send('changes:list', {});
  return OwnChangesSchema.parse(reply.ok ? reply.data : reply.error).changes;
}

/** Sets systems to `status`, each at the version the client's copy holds. */
async function setSystems(c: ObservedClient, ids: string[], status: string) {
  const reply = await c.send('items:set', {
    idempotencyKey: key(),
    changes: ids.map((id) => ({
      item: { kind: 'system', id, value: status },
      expectedVersion: stateOf(c)!.items.system[id]!.version,
    })),
  });
  const result = CommandResultSchema.parse(reply.ok ? reply.data : reply.error);
  await c.until(() => stateOf(c)!.seq >= result.seq);
  return result;
}

const undo = (c: ObservedClient, change: OwnChange) =>
  c.send('items:set', { idempotencyKey: key(), undoes: change.commandId, changes: change.items.map((i) => i.undo) });

describe('a person’s recent changes', () => {
  it('are listed with what they changed, undone through items:set, and listed again as undone', async () => {
    const ids = ['cochin:dpi', 'cochin:messagerie'];
    const before = ids.map((id) => stateOf(claire)!.items.system[id]!.value);
    const written = await setSystems(claire, ids, 'indisponible');

    const [listed] = await changesOf(claire);
    expect(listed).toMatchObject({ commandId: written.commandId, status: 'undoable', by: null, undoes: null });
    expect(listed!.items.map((i) => [i.item.id, i.from, i.to])).toEqual(
      ids.map((id, n) => [id, before[n], 'indisponible']),
    );

    const reply = await undo(claire, listed!);
    expect(reply.ok).toBe(true);
    const undone = CommandResultSchema.parse(reply.ok && reply.data);
    await claire.until(() => stateOf(claire)!.seq >= undone.seq);
    expect(ids.map((id) => stateOf(claire)!.items.system[id]!.value)).toEqual(before);

    const after = await changesOf(claire);
    expect(after.slice(0, 2).map((c) => [c.commandId, c.status, c.undoes])).toEqual([
      [undone.commandId, 'undoable', written.commandId],
      [written.commandId, 'undone', null],
    ]);
    // Undoing it twice is refused.
    const again = await undo(claire, { ...listed! });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: 'this change was already undone' } });
  });

  it('are the same list from another connection of the same person, and nobody else’s', async () => {
    const mine = await changesOf(claire);
    expect(mine.length).toBeGreaterThan(0);
    expect(await changesOf(claireElsewhere)).toEqual(mine);
    expect(await changesOf(marc)).toEqual([]);
  });

  it('show a change superseded once another person changed one of its items, and refuse its undo', async () => {
    const written = await setSystems(claire, ['necker:dpi', 'necker:reseau'], 'degrade');
    await marc.until(() => stateOf(marc)!.seq >= written.seq);
    await setSystems(marc, ['necker:reseau'], 'isole');

    const listed = (await changesOf(claireElsewhere)).find((c) => c.commandId === written.commandId)!;
    expect(listed).toMatchObject({ status: 'superseded', by: { name: 'Marc Petit' } });
    expect(listed.items.map((i) => i.undo)).toEqual([null, null]);

    // What her screen knew before Marc's change, sent anyway: refused, naming Marc's value.
    const seq = server.app.log.situation.seq;
    const reply = await claire.send('items:set', {
      idempotencyKey: key(),
      undoes: written.commandId,
      changes: listed.items.map((i) => ({
        item: { ...i.item, value: i.from },
        expectedVersion: i.version,
      })),
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { current: { value: 'isole', by: { name: 'Marc Petit' } } } },
    });
    expect(server.app.log.situation.seq).toBe(seq);
    expect(stateOf(claire)!.items.system['necker:reseau']!.value).toBe('isole');
  });

  it('cannot be undone by another person', async () => {
    const written = await setSystems(claire, ['cochin:telephonie'], 'isole');
    const [listed] = await changesOf(claire);
    expect(listed?.commandId).toBe(written.commandId);
    await marc.until(() => stateOf(marc)!.seq >= written.seq);
    const reply = await undo(marc, listed!);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(contractViolations).toEqual([]);
  });
});
