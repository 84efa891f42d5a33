/**
 * What a person may undo, decided from their own `value.set` events (newest first) and the current
 * situation: their latest item changes, each undoable only while it is not undone, no item of it has
 * moved since (then it is superseded: an undo never overwrites someone's later value) and the policy
 * still lets them write every item of it. An undo writes each item's previous value back, held as it
 * was, against the version the change gave it.
 */
import type {
  Actor,
  BulkChange,
  ChangedItem,
  ConflictDetails,
  ItemRef,
  ItemWrite,
  LogEvent,
  OwnChange,
  Situation,
  Tracked,
  UndoStatus,
} from '@vigie/shared';
import { CommandError } from './commandError.ts';
import { conflictDetails } from './writeItems.ts';

type SetEvent = Extract<LogEvent, { type: 'value.set' }>;

/** One change as the log holds it: the events of one command, in the order they were written. */
export interface LoggedChange {
  commandId: string;
  by: Actor;
  writes: SetEvent[];
}

const itemKeyOf = (item: { kind: string; id: string }) => `${item.kind}/${item.id}`;

/**
 * Groups a person's events, newest first, into their item changes, newest first, at most `limit`.
 * Writes without a recorded previous value (made before the log kept it) are left out: nothing to put back.
 */
export function groupChanges(events: readonly LogEvent[], limit: number): LoggedChange[] {
  const changes = new Map<string, LoggedChange>();
  for (const e of events) {
    if (e.type !== 'value.set' || !e.data.previous) continue;
    const change = changes.get(e.commandId);
    if (change) change.writes.unshift(e);
    else if (changes.size < limit) changes.set(e.commandId, { commandId: e.commandId, by: e.by, writes: [e] });
  }
  return [...changes.values()];
}

const currentOf = (state: Situation, e: SetEvent): Tracked<unknown> | undefined =>
  state.items[e.data.item.kind][e.data.item.id];

/** The items of a change that moved since it was written (its version is no longer the item's), with their current value. */
export function movedSince(change: LoggedChange, state: Situation): NonNullable<ConflictDetails['conflicts']> {
  return change.writes.flatMap((e) => {
    const current = currentOf(state, e);
    return current && current.version !== e.seq
      ? [{ item: { kind: e.data.item.kind, id: e.data.item.id }, current }]
      : [];
  });
}

/**
 * Whether `change` can be undone, and who stands in the way: `undone` when a change among `changes`
 * (the same person's, newest first) undoes it; `superseded` when one of its items moved since;
 * `forbidden` when the policy (`allowed`) no longer lets the person undo it.
 */
export function undoStatus(
  change: LoggedChange,
  changes: readonly LoggedChange[],
  state: Situation,
  allowed: boolean,
): { status: UndoStatus; by: Actor | null } {
  const undo = changes.find((c) => c.writes[0]?.data.undoes === change.commandId);
  if (undo) return { status: 'undone', by: undo.by };
  const moved = movedSince(change, state)[0];
  if (moved) return { status: 'superseded', by: moved.current.by };
  return { status: allowed ? 'undoable' : 'forbidden', by: null };
}

/**
 * What an undo writes for one item: its previous value, against the version the change gave it. A
 * value automation had set goes back to automation (not held), with the latest reading it sent while
 * the person held the item, if any (`reading`).
 */
export function undoWrite(e: SetEvent, reading?: { seq: number; value: unknown }): BulkChange {
  const previous = e.data.previous!;
  const value = !previous.held && reading && reading.seq > e.seq ? reading.value : previous.value;
  // The value was the item's own (read from the situation when written), so it has the item's shape.
  const item = { kind: e.data.item.kind, id: e.data.item.id, value } as ItemWrite;
  return { item, expectedVersion: e.seq, ...(previous.held ? {} : { hold: false }) };
}

/**
 * A person's changes as the console lists them: what each set (from → to), whether it can be undone,
 * and for those that can, what the undo writes. `allowed` is the policy's word on each change;
 * `reading` the latest machine reading of an item, for the items automation had set.
 */
export function presentChanges(
  changes: readonly LoggedChange[],
  state: Situation,
  allowed: (change: LoggedChange) => boolean,
  reading: (item: ItemRef) => { seq: number; value: unknown } | undefined = () => undefined,
): OwnChange[] {
  return changes.map((change) => {
    const { status, by } = undoStatus(change, changes, state, allowed(change));
    const first = change.writes[0]!;
    const items = change.writes.map((e): ChangedItem => ({
      item: { kind: e.data.item.kind, id: e.data.item.id },
      from: e.data.previous!.value,
      to: e.data.item.value,
      version: e.seq,
      undo: status === 'undoable' ? undoWrite(e, reading(e.data.item)) : null,
    }));
    return {
      commandId: change.commandId,
      seq: first.seq,
      recordedAt: first.recordedAt,
      undoes: first.data.undoes ?? null,
      items,
      status,
      by,
    };
  });
}

/**
 * Refuses an undo that may not be written: a change not among the person's recent ones (another's, or
 * too old), one already undone, one superseded (naming what moved), one the policy no longer allows,
 * or an undo that does not write back exactly the change's items against the versions it gave them.
 */
export function checkUndo(
  undoes: string,
  writes: readonly BulkChange[],
  changes: readonly LoggedChange[],
  state: Situation,
  allowed: (change: LoggedChange) => boolean,
): void {
  const change = changes.find((c) => c.commandId === undoes);
  if (!change) throw new CommandError('forbidden', 'only one of your own recent item changes can be undone');
  const { status } = undoStatus(change, changes, state, allowed(change));
  switch (status) {
    case 'undone':
      throw new CommandError('conflict', 'this change was already undone');
    case 'superseded': {
      throw new CommandError(
        'conflict',
        'an item of this change was changed since: undoing it would overwrite that',
        conflictDetails(movedSince(change, state)),
      );
    }
    case 'forbidden':
      throw new CommandError('forbidden', 'your rights no longer cover every item of this change');
    case 'undoable':
      break;
  }
  const expected = new Map(change.writes.map((e) => [itemKeyOf(e.data.item), e.seq]));
  const exact =
    writes.length === expected.size && writes.every((w) => expected.get(itemKeyOf(w.item)) === w.expectedVersion);
  if (!exact) {
    throw new CommandError(
      'invalid_payload',
      'an undo writes back exactly the items of the change it undoes, at the versions that change gave them',
    );
  }
}
