/** Opens an incident: it starts a new log (its own id and sequence), from the registry's defaults. */
import { defineCommand } from './defineCommand.ts';
import { checkStart, checkTime } from '../domain/timeSpan.ts';
import { effectiveAt } from '../domain/writeItem.ts';

export const openIncident = defineCommand('incident:open', 'incident:manage', (ctx, input) => {
  const startedAt = input.startedAt ?? effectiveAt(ctx, undefined) ?? ctx.now.toISOString();
  const scenario = ctx.principal.scenario;
  // The demo's start sets its own clock (a past date, replayed): only a person's is bounded.
  if (!scenario) {
    checkStart(ctx, input.startedAt);
    checkTime(ctx, 'effectiveAt', input.effectiveAt, 'fact');
  }
  // The demo runs on scenario time: simulated time starts at the incident's start, now.
  const clock = scenario ? { simStart: startedAt, realStart: ctx.now.toISOString(), speed: scenario.speed } : null;
  return {
    opensLog: { demo: ctx.state.demo },
    events: [
      {
        type: 'incident.opened',
        data: {
          type: input.type,
          title: input.title,
          startedAt,
          cause: input.cause,
          causeNote: input.causeNote ?? null,
          phase: 'alerte',
          powerRestoredAt: null,
          patientImpact: null,
          clock,
        },
      },
    ],
  };
});
