/**
 * Every item write of the console goes through one bulk command (`items:set`), one item or many:
 * each carries the version the person saw, so a change made meanwhile is a conflict, never an
 * overwrite; a success is recorded with the previous values (and whether a person held them), so
 * it can be undone.
 */
import type { ItemWrite } from '@vigie/shared';
import { useCallback, useContext } from 'react';
import { StoreContext } from '../../store/StoreContext.ts';
import { useCommand } from './useCommand.ts';

/** One item to write: its new value, the version the person saw and the value it had then. */
export interface ItemChange {
  item: ItemWrite;
  expectedVersion: number;
  previous: unknown;
  /** false: leave the value to automation rather than hold it (an undo restoring a machine's value). */
  hold?: boolean;
}

const key = (ref: { kind: string; id: string }) => `${ref.kind}\n${ref.id}`;

export function useItemWrites() {
  const store = useContext(StoreContext);
  const { send, outcome, reset } = useCommand();
  const write = useCallback(
    /** Writes the changes as one command; `undoes` names the change this one compensates. */
    async (changes: ItemChange[], label: string, undoes?: string) => {
      // Who held each item before: read from the copy the versions were checked against.
      const { sync } = store.getState();
      const heldBefore = new Map(
        changes.map(({ item }) => [
          key(item),
          sync.kind === 'situation' && (sync.state.items[item.kind][item.id]?.heldBy ?? null) !== null,
        ]),
      );
      const reply = await send('items:set', {
        changes: changes.map(({ item, expectedVersion, hold }) => ({
          item,
          expectedVersion,
          ...(hold === false ? { hold } : {}),
        })),
        ...(undoes ? { undoes } : {}),
      });
      if (!reply.ok || sync.kind !== 'situation') return reply;
      if (undoes) store.getState().markUndone(undoes, reply.data.commandId);
      const versions = new Map((reply.data.written ?? []).map((w) => [key(w), w.version]));
      const items = changes.flatMap(({ item, previous }) => {
        const version = versions.get(key(item));
        if (version === undefined) return [];
        const previousHeld = heldBefore.get(key(item)) ?? false;
        return [{ item: { kind: item.kind, id: item.id }, previous, previousHeld, value: item.value, version }];
      });
      store.getState().recordChange({
        commandId: reply.data.commandId,
        logId: sync.logId,
        label,
        at: new Date().toISOString(),
        items,
        undoneBy: null,
      });
      return reply;
    },
    [send, store],
  );
  return { write, outcome, reset, sending: outcome.state === 'sending' };
}
