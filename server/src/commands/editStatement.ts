/** Edits a draft point de situation. */
import { requireDraft } from './requireStatement.ts';
import { defineCommand } from './defineCommand.ts';

export const editStatement = defineCommand('statement:edit', 'statement:draft', (ctx, input) => {
  requireDraft(ctx.state, input.statementId, input.expectedVersion);
  return { events: [{ type: 'statement.edited', data: { id: input.statementId, fields: input.fields } }] };
});
