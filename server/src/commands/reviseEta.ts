/** Revises the estimated return to normal; every revision is kept with its reason and author. */
import { checkTime } from '../domain/timeSpan.ts';
import { checkVersion, effectiveAt } from '../domain/writeItem.ts';
import { requireOpenIncident } from './requireIncident.ts';
import { defineCommand } from './defineCommand.ts';

export const reviseEta = defineCommand('eta:revise', 'eta:revise', (ctx, input) => {
  requireOpenIncident(ctx.state, undefined);
  const last = ctx.state.eta.at(-1);
  checkVersion(input.expectedVersion, { version: last?.seq ?? 0 }, last ?? null);
  const { label, targetAt, reason } = input;
  checkTime(ctx, 'targetAt', targetAt, 'estimate');
  return {
    events: [
      { type: 'eta.revised', data: { label, targetAt, reason, effectiveAt: effectiveAt(ctx, input.effectiveAt) } },
    ],
  };
});
