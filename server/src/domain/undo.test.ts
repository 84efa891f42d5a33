import { describe, expect, it } from 'vitest';
import { applyEvent, initialSituation, type Actor, type LogEvent } from '@vigie/shared';
import { buildActor, buildEvents, buildMeta, buildRegistry, openedData } from '@vigie/shared/testing';
import { CommandError } from './commandError.ts';
import { checkUndo, groupChanges, presentChanges, undoWrite, type LoggedChange } from './undo.ts';

const alice = buildActor();
const bob = buildActor({ id: 'bob', name: 'Bob Petit' });
const robot = buildActor({ kind: 'integration', id: 'supervision', name: 'Supervision' });

let seq = 1;
/** A person's write to a system, recorded with what it replaced. */
function set(
  commandId: string,
  by: Actor,
  id: string,
  value: string,
  previous: { value: string; held: boolean },
  undoes?: string,
): LogEvent {
  return {
    seq: ++seq,
    type: 'value.set',
    data: {
      item: { kind: 'system', id, value },
      effectiveAt: null,
      hold: true,
      previous,
      ...(undoes ? { undoes } : {}),
    },
    by,
    recordedAt: `2024-08-03T09:${String(seq).padStart(2, '0')}:00.000Z`,
    commandId,
  } as LogEvent;
}

/**
 * Alice's bulk change A (h1's DPI was automation's, h2's held), a machine reading of h1's DPI ignored
 * while she holds it, her change B that Bob then overwrites, her change C and her undo D of it.
 */
function history() {
  seq = 1;
  const events: LogEvent[] = [
    ...buildEvents([{ type: 'incident.opened', data: openedData }]),
    set('A', alice, 'h1:dpi', 'indisponible', { value: 'operationnel', held: false }),
    set('A', alice, 'h2:dpi', 'indisponible', { value: 'degrade', held: true }),
    {
      seq: ++seq,
      type: 'value.ignored',
      data: { item: { kind: 'system', id: 'h1:dpi', value: 'degrade' }, effectiveAt: null, heldBy: alice },
      by: robot,
      recordedAt: '2024-08-03T09:30:00.000Z',
      commandId: 'reading',
    },
    set('B', alice, 'h1:reseau', 'indisponible', { value: 'operationnel', held: false }),
    set('overwrite', bob, 'h1:reseau', 'degrade', { value: 'indisponible', held: true }),
    set('C', alice, 'h2:reseau', 'isole', { value: 'operationnel', held: false }),
    set('D', alice, 'h2:reseau', 'operationnel', { value: 'isole', held: true }, 'C'),
  ];
  const state = events.reduce(applyEvent, initialSituation(buildRegistry(), buildMeta()));
  const own = [...events].reverse().filter((e) => e.by.id === alice.id);
  return { state, changes: groupChanges(own, 20) };
}

const always = () => true;
const refusal = (f: () => void) => {
  try {
    f();
    return null;
  } catch (error) {
    return error instanceof CommandError ? { code: error.code, message: error.message, details: error.details } : error;
  }
};

describe('groupChanges', () => {
  it('groups a person’s writes into their changes, newest first, each change’s writes in order', () => {
    const { changes } = history();
    expect(changes.map((c) => [c.commandId, c.writes.map((e) => e.seq)])).toEqual([
      ['D', [8]],
      ['C', [7]],
      ['B', [5]],
      ['A', [2, 3]],
    ]);
  });

  it('keeps at most `limit` changes and leaves out writes that recorded nothing to put back', () => {
    const older = buildEvents(
      [
        {
          type: 'value.set',
          data: { item: { kind: 'system', id: 'h1:dpi', value: 'isole' }, effectiveAt: null, hold: true },
        },
      ],
      { firstSeq: 1 },
    );
    seq = 10;
    const newer = [
      set('Y', alice, 'h1:dpi', 'degrade', { value: 'isole', held: true }),
      set('Z', alice, 'h2:dpi', 'isole', { value: 'operationnel', held: false }),
    ];
    expect(groupChanges([...newer].reverse().concat(older), 20).map((c) => c.commandId)).toEqual(['Z', 'Y']);
    expect(groupChanges([...newer].reverse(), 1).map((c) => c.commandId)).toEqual(['Z']);
  });
});

describe('presentChanges', () => {
  it('says which changes can be undone: not one undone already, nor one whose item someone changed since', () => {
    const { state, changes } = history();
    const listed = presentChanges(changes, state, always);
    expect(listed.map((c) => [c.commandId, c.status, c.by?.name ?? null, c.undoes])).toEqual([
      ['D', 'undoable', null, 'C'],
      ['C', 'undone', 'Alice Martin', null],
      ['B', 'superseded', 'Bob Petit', null],
      ['A', 'undoable', null, null],
    ]);
    expect(listed[3]!.items.map((i) => [i.item.id, i.from, i.to, i.version])).toEqual([
      ['h1:dpi', 'operationnel', 'indisponible', 2],
      ['h2:dpi', 'degrade', 'indisponible', 3],
    ]);
    // Nothing to write for what cannot be undone.
    expect(listed[1]!.items.map((i) => i.undo)).toEqual([null]);
    expect(listed[2]!.items.map((i) => i.undo)).toEqual([null]);
  });

  it('writes back the values before, held as they were, against the versions the change gave them', () => {
    const { state, changes } = history();
    const reading = (item: { id: string }) => (item.id === 'h1:dpi' ? { seq: 4, value: 'degrade' } : undefined);
    const a = presentChanges(changes, state, always, reading)[3]!;
    expect(a.items.map((i) => i.undo)).toEqual([
      // Automation's value goes back to automation, with the reading it sent meanwhile.
      { item: { kind: 'system', id: 'h1:dpi', value: 'degrade' }, expectedVersion: 2, hold: false },
      { item: { kind: 'system', id: 'h2:dpi', value: 'degrade' }, expectedVersion: 3 },
    ]);
  });

  it('shows a change the policy no longer allows as forbidden, with nothing to write', () => {
    const { state, changes } = history();
    const listed = presentChanges(changes, state, (c) => c.commandId !== 'A');
    expect(listed[3]).toMatchObject({ status: 'forbidden', items: [{ undo: null }, { undo: null }] });
  });
});

describe('undoWrite', () => {
  it('ignores a machine reading older than the change, and any reading when a person held the value', () => {
    const { changes } = history();
    const [h1, h2] = changes[3]!.writes;
    expect(undoWrite(h1!, { seq: 1, value: 'isole' }).item.value).toBe('operationnel');
    expect(undoWrite(h2!, { seq: 9, value: 'isole' }).item.value).toBe('degrade');
  });
});

describe('checkUndo', () => {
  const undoOf = (change: LoggedChange) => change.writes.map((e) => undoWrite(e));
  const byId = (changes: LoggedChange[], id: string) => changes.find((c) => c.commandId === id)!;

  it('accepts an undo of the person’s own change that still stands, writing back exactly its items', () => {
    const { state, changes } = history();
    expect(refusal(() => checkUndo('A', undoOf(byId(changes, 'A')), changes, state, always))).toBeNull();
  });

  it('refuses a change that is not among the person’s own recent ones', () => {
    const { state, changes } = history();
    expect(refusal(() => checkUndo('overwrite', [], changes, state, always))).toMatchObject({ code: 'forbidden' });
  });

  it('refuses a change already undone', () => {
    const { state, changes } = history();
    const c = byId(changes, 'C');
    expect(refusal(() => checkUndo('C', undoOf(c), changes, state, always))).toMatchObject({
      code: 'conflict',
      message: 'this change was already undone',
    });
  });

  it('refuses a superseded change, naming the item that moved and who moved it', () => {
    const { state, changes } = history();
    expect(refusal(() => checkUndo('B', undoOf(byId(changes, 'B')), changes, state, always))).toMatchObject({
      code: 'conflict',
      details: {
        current: { value: 'degrade', by: { name: 'Bob Petit' } },
        conflicts: [{ item: { kind: 'system', id: 'h1:reseau' } }],
      },
    });
  });

  it('refuses a change the policy no longer allows', () => {
    const { state, changes } = history();
    const a = byId(changes, 'A');
    expect(refusal(() => checkUndo('A', undoOf(a), changes, state, () => false))).toMatchObject({ code: 'forbidden' });
  });

  it('refuses an undo that leaves out an item or names another version', () => {
    const { state, changes } = history();
    const writes = undoOf(byId(changes, 'A'));
    for (const wrong of [writes.slice(1), [writes[0]!, { ...writes[1]!, expectedVersion: 9 }]]) {
      expect(refusal(() => checkUndo('A', wrong, changes, state, always))).toMatchObject({ code: 'invalid_payload' });
    }
  });
});
