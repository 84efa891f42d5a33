/** The history and audit queries, as socket events: validated, then read with the socket's principal. */
import { querySchemas, type QueryName, type QueryParams, type Reply } from '@vigie/shared';
import { CommandError } from '../../../domain/commandError.ts';
import { listAudit } from '../../../queries/listAudit.ts';
import { listItemHistory } from '../../../queries/listItemHistory.ts';
import type { QueryContext } from '../../../queries/queryContext.ts';
import { readSeries } from '../../../queries/readSeries.ts';
import { defineHandler } from '../defineHandler.ts';
import type { VigieSocket } from '../io.ts';

const queries: { [N in QueryName]: (ctx: QueryContext, input: QueryParams<N>) => Promise<unknown> } = {
  'history:series': readSeries,
  'history:item': listItemHistory,
  'audit:list': listAudit,
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

export function registerQueryHandlers(socket: VigieSocket, deps: Omit<QueryContext, 'principal'>): void {
  const on = <N extends QueryName>(name: N) =>
    defineHandler(socket, name, querySchemas[name], (input) =>
      answer(() => {
        // The public summary's readers see the latest published statement, not the history behind it.
        if (socket.data.audience === 'public')
          throw new CommandError('forbidden', 'not available to the public audience');
        return queries[name]({ principal: socket.data.principal, ...deps }, input as QueryParams<N>);
      }),
    );
  on('history:series');
  on('history:item');
  on('audit:list');
}
