/** Edits a draft point de situation. */
import { checkTime } from '../domain/timeSpan.ts';
import { requireDraft } from './requireStatement.ts';
import { defineCommand } from './defineCommand.ts';

export const editStatement = defineCommand('statement:edit', 'statement:draft', (ctx, input) => {
  requireDraft(ctx.state, input.statementId, input.expectedVersion);
  checkTime(ctx, 'effectiveAt', input.effectiveAt, 'fact');
  checkTime(ctx, 'fields.nextPointAt', input.fields.nextPointAt, 'planned');
  return { events: [{ type: 'statement.edited', data: { id: input.statementId, fields: input.fields } }] };
});
