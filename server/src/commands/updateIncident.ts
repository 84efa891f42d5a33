/** Updates the incident's phase, cause and its sentence, power-restored time or patient-impact statement. */
import { checkTime } from '../domain/timeSpan.ts';
import { effectiveAt } from '../domain/writeItem.ts';
import { requireOpenIncident } from './requireIncident.ts';
import { defineCommand } from './defineCommand.ts';

export const updateIncident = defineCommand('incident:update', 'incident:manage', (ctx, input) => {
  requireOpenIncident(ctx.state, input.expectedVersion);
  checkTime(ctx, 'fields.powerRestoredAt', input.fields.powerRestoredAt, 'fact');
  const when = effectiveAt(ctx, input.effectiveAt);
  return { events: [{ type: 'incident.updated', data: { ...input.fields, ...(when ? { effectiveAt: when } : {}) } }] };
});
