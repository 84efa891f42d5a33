/** Every write to one tracked item, newest first, a page at a time: the value, who sent it, when, and when it took effect. */
import type { ItemHistory, ItemHistoryEntry, QueryParams } from '@vigie/shared';
import { CommandError } from '../domain/commandError.ts';
import { itemKey, type StoredEvent } from '../store/eventStore.ts';
import { authorize, type QueryContext } from './queryContext.ts';

function toEntry({ event: e }: StoredEvent): ItemHistoryEntry | null {
  const at = { seq: e.seq, by: e.by, recordedAt: e.recordedAt };
  if (e.type === 'value.set' || e.type === 'value.ignored') {
    return { ...at, type: e.type, value: e.data.item.value, effectiveAt: e.data.effectiveAt };
  }
  if (e.type === 'value.released') return { ...at, type: e.type, value: null, effectiveAt: null };
  return null;
}

export async function listItemHistory(ctx: QueryContext, input: QueryParams<'history:item'>): Promise<ItemHistory> {
  authorize(ctx.principal, 'history:read');
  const { item, before, limit } = input;
  if (!Object.hasOwn(ctx.log.situation.items[item.kind], item.id)) {
    throw new CommandError('not_found', `no ${item.kind} "${item.id}" in this log`);
  }
  const page = await ctx.store.itemEvents(ctx.log.current.logId, itemKey(item), { before, limit });
  return { entries: page.events.map(toEntry).filter((e) => e !== null), before: page.before };
}
