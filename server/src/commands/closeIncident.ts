/** Closes the incident (phase clôturé); its log stays readable. */
import { effectiveAt } from '../domain/writeItem.ts';
import { requireOpenIncident } from './requireIncident.ts';
import { defineCommand } from './defineCommand.ts';

export const closeIncident = defineCommand('incident:close', 'incident:manage', (ctx, input) => {
  requireOpenIncident(ctx.state, input.expectedVersion);
  const closedAt = effectiveAt(ctx, input.effectiveAt) ?? ctx.now.toISOString();
  return { events: [{ type: 'incident.closed', data: { closedAt } }] };
});
