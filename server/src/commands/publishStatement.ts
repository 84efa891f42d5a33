/** Publishes a draft point de situation with the next number; only then do viewers and the public see it. */
import { effectiveAt } from '../domain/writeItem.ts';
import { requireDraft } from './requireStatement.ts';
import { defineCommand } from './defineCommand.ts';

export const publishStatement = defineCommand('statement:publish', 'statement:publish', (ctx, input) => {
  requireDraft(ctx.state, input.statementId, input.expectedVersion);
  const published = Object.values(ctx.state.statements).filter((s) => s.status === 'published').length;
  const when = effectiveAt(ctx, input.effectiveAt);
  const data = { id: input.statementId, number: published + 1, ...(when ? { effectiveAt: when } : {}) };
  return { events: [{ type: 'statement.published', data }] };
});
