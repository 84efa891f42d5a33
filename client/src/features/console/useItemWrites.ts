/**
 * Every item write of the console goes through one bulk command (`items:set`), one item or many:
 * each carries the version the person saw, so a change made meanwhile is a conflict, never an
 * overwrite; a success is recorded with the previous values, so it can be undone.
 */
import type { ItemWrite } from '@vigie/shared';
import { useCallback, useContext } from 'react';
import { StoreContext } from '../../app/StoreContext.ts';
import { useCommand } from './useCommand.ts';

/** One item to write: its new value, the version the person saw and the value it had then. */
export interface ItemChange {
  item: ItemWrite;
  expectedVersion: number;
  previous: unknown;
}

export function useItemWrites() {
  const store = useContext(StoreContext);
  const { send, outcome, reset } = useCommand();
  const write = useCallback(
    /** Writes the changes as one command; `undoes` names the change this one compensates. */
    async (changes: ItemChange[], label: string, undoes?: string) => {
      const reply = await send('items:set', {
        changes: changes.map(({ item, expectedVersion }) => ({ item, expectedVersion })),
        ...(undoes ? { undoes } : {}),
      });
      if (reply.ok && undoes) store.getState().markUndone(undoes, reply.data.commandId);
      if (reply.ok) {
        const versions = new Map((reply.data.written ?? []).map((w) => [`${w.kind}\n${w.id}`, w.version]));
        const items = changes.flatMap(({ item, previous }) => {
          const version = versions.get(`${item.kind}\n${item.id}`);
          return version === undefined
            ? []
            : [{ item: { kind: item.kind, id: item.id }, previous, value: item.value, version }];
        });
        store.getState().recordChange({
          commandId: reply.data.commandId,
          label,
          at: new Date().toISOString(),
          items,
          undoneBy: null,
        });
      }
      return reply;
    },
    [send, store],
  );
  return { write, outcome, reset };
}
