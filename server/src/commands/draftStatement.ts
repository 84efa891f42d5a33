/** Drafts a point de situation (staff only see drafts; it is numbered when published). */
import { checkTime } from '../domain/timeSpan.ts';
import { requireOpenIncident } from './requireIncident.ts';
import { defineCommand } from './defineCommand.ts';

export const draftStatement = defineCommand('statement:draft', 'statement:draft', (ctx, input) => {
  requireOpenIncident(ctx.state, undefined);
  checkTime(ctx, 'effectiveAt', input.effectiveAt, 'fact');
  checkTime(ctx, 'fields.nextPointAt', input.fields.nextPointAt, 'planned');
  const id = ctx.newId();
  return { events: [{ type: 'statement.drafted', data: { id, fields: input.fields } }], data: { statementId: id } };
});
