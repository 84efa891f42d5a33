/** Updates the incident's phase, cause and its sentence, power-restored time or patient-impact statement. */
import { requireOpenIncident } from './requireIncident.ts';
import { defineCommand } from './defineCommand.ts';

export const updateIncident = defineCommand('incident:update', 'incident:manage', (ctx, input) => {
  requireOpenIncident(ctx.state, input.expectedVersion);
  return { events: [{ type: 'incident.updated', data: input.fields }] };
});
