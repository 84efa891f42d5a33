/** The history, audit and own-changes queries, as socket events: validated, then read with the socket's principal. */
import { querySchemas, type QueryName, type QueryParams, type Reply } from '@vigie/shared';
import { CommandError } from '../../../domain/commandError.ts';
import { listAudit } from '../../../queries/listAudit.ts';
import { listItemHistory } from '../../../queries/listItemHistory.ts';
import { listLogEntries } from '../../../queries/listLogEntries.ts';
import { listOwnChanges } from '../../../queries/listOwnChanges.ts';
import type { QueryContext } from '../../../queries/queryContext.ts';
import { readSeries } from '../../../queries/readSeries.ts';
import { defineHandler, type Handler } from '../defineHandler.ts';

const queries: { [N in QueryName]: (ctx: QueryContext, input: QueryParams<N>) => Promise<unknown> } = {
  'history:series': readSeries,
  'history:item': listItemHistory,
  'audit:list': listAudit,
  'log:list': listLogEntries,
  'changes:list': listOwnChanges,
};

/** A refusal as a reply; anything else is rethrown for the wrapper to answer `internal`. */
async function answer(run: () => Promise<unknown>): Promise<Reply> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    if (error instanceof CommandError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}

export const queryHandlers = (deps: Omit<QueryContext, 'principal'>) =>
  Object.fromEntries(
    (Object.keys(queries) as QueryName[]).map((name) => [
      name,
      defineHandler(querySchemas[name], (socket, input) =>
        answer(() => {
          // The public summary's readers see the latest published statement, not the history behind it.
          if (socket.data.audience === 'public')
            throw new CommandError('forbidden', 'not available to the public audience');
          return queries[name]({ principal: socket.data.principal, ...deps }, input as never);
        }),
      ),
    ]),
  ) as Record<QueryName, Handler>;
