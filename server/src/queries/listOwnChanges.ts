/** The signed-in person's latest item changes in the current log, newest first: what each set, and whether it can still be undone. */
import { isPerson, type OwnChanges, type QueryParams } from '@vigie/shared';
import { CommandError } from '../domain/commandError.ts';
import { presentChanges, type LoggedChange } from '../domain/undo.ts';
import { readOwnChanges } from '../log/ownChanges.ts';
import { mayUndo } from '../policies/can.ts';
import { itemKey } from '../store/eventStore.ts';
import { authorize, type QueryContext } from './queryContext.ts';

export async function listOwnChanges(ctx: QueryContext, _input: QueryParams<'changes:list'>): Promise<OwnChanges> {
  authorize(ctx.principal, 'status:write');
  const principal = ctx.principal!;
  if (!isPerson(principal.actor)) throw new CommandError('forbidden', 'only a person has changes to undo');
  const { logId } = ctx.log.current;
  const changes = await readOwnChanges(ctx.store, logId, principal.actor);
  const allowed = (change: LoggedChange) => mayUndo(principal, change, ctx.registry);
  // The situation read after the store: it holds at least every change read.
  const presented = presentChanges(changes, ctx.log.situation, allowed);
  // An item automation had set goes back to automation with the latest reading it sent meanwhile.
  const machineItems = presented.flatMap((c) => c.items.filter((i) => i.undo?.hold === false).map((i) => i.item));
  if (machineItems.length === 0) return { changes: presented };
  const readings = new Map<string, { seq: number; value: unknown }>();
  const keys = [...new Set(machineItems.map(itemKey))];
  const latest = await Promise.all(keys.map((key) => ctx.store.itemEvents(logId, key, { limit: 1 })));
  keys.forEach((key, i) => {
    const event = latest[i]!.events[0]?.event;
    if (event?.type === 'value.ignored') readings.set(key, { seq: event.seq, value: event.data.item.value });
  });
  return { changes: presentChanges(changes, ctx.log.situation, allowed, (item) => readings.get(itemKey(item))) };
}
