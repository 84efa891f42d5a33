/** Adds a human entry to the main courante; an information entry says whether it is verified. */
import { checkTime } from '../domain/timeSpan.ts';
import { effectiveAt } from '../domain/writeItem.ts';
import { defineCommand } from './defineCommand.ts';

export const addLogEntry = defineCommand('log:add-entry', 'log:write', (ctx, input) => {
  checkTime(ctx, 'dueAt', input.dueAt, 'planned');
  return {
    events: [
      {
        type: 'log.entry-added',
        data: {
          type: input.type,
          text: input.text,
          verification: input.type === 'information' ? (input.verification ?? 'a-verifier') : null,
          owner: input.owner ?? null,
          dueAt: input.dueAt ?? null,
          effectiveAt: effectiveAt(ctx, input.effectiveAt),
        },
      },
    ],
  };
});
