/** Hands a value a person holds back to automation. */
import { isPerson } from '@vigie/shared';
import { CommandError } from '../domain/commandError.ts';
import { checkTime } from '../domain/timeSpan.ts';
import { checkVersion, currentItem } from '../domain/writeItem.ts';
import { defineCommand } from './defineCommand.ts';

export const releaseItem = defineCommand(
  'item:release',
  'status:write',
  (ctx, input) => {
    // People over automation: only a person hands a value back to the machines.
    if (!isPerson(ctx.principal.actor)) throw new CommandError('forbidden', 'only a person can release a value');
    checkTime(ctx, 'effectiveAt', input.effectiveAt, 'fact');
    const current = currentItem(ctx.state, input.item);
    checkVersion(input.expectedVersion, current, current);
    if (!current.heldBy) throw new CommandError('conflict', 'no one holds this value', { current });
    return { events: [{ type: 'value.released', data: { item: input.item } }] };
  },
  (input) => input.item,
);
