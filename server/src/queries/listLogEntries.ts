/** The current log's main courante, newest first, a page at a time: every entry ever added, not only the situation's latest. */
import { logEntriesOf, type LogPage, type QueryParams } from '@vigie/shared';
import { authorize, type QueryContext } from './queryContext.ts';

export async function listLogEntries(ctx: QueryContext, input: QueryParams<'log:list'>): Promise<LogPage> {
  // Every reader of the situation sees its main courante (its window is in every viewer's projection).
  authorize(ctx.principal, 'history:read');
  const page = await ctx.store.typeEvents(ctx.log.current.logId, 'log.entry-added', input);
  return {
    entries: logEntriesOf(page.events.map((stored) => stored.event)),
    before: page.before,
  };
}
