/**
 * Every item write of the console goes through one bulk command (`items:set`), one item or many:
 * each carries the version the person saw, so a change made meanwhile is a conflict, never an
 * overwrite. The server keeps what a person changed, and what they may undo (`changes:list`).
 */
import type { ItemWrite } from '@vigie/shared';
import { useCallback } from 'react';
import { useCommand } from './useCommand.ts';

/** One item to write: its new value and the version the person saw. */
export interface ItemChange {
  item: ItemWrite;
  expectedVersion: number;
  /** false: leave the value to automation rather than hold it (an undo restoring a machine's value). */
  hold?: boolean | undefined;
}

export function useItemWrites() {
  const { send, outcome, reset } = useCommand();
  const write = useCallback(
    /** Writes the changes as one command; `undoes` names the change this one compensates. */
    (changes: readonly ItemChange[], undoes?: string) =>
      send('items:set', {
        changes: changes.map(({ item, expectedVersion, hold }) => ({
          item,
          expectedVersion,
          ...(hold === false ? { hold } : {}),
        })),
        ...(undoes ? { undoes } : {}),
      }),
    [send],
  );
  return { write, outcome, reset, sending: outcome.state === 'sending' };
}
