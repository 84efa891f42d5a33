/**
 * Deciding a bulk change: all of it or nothing. Every item is checked against the version the
 * person saw before anything is written, so one conflict refuses the whole change and names every
 * item that moved, with its current value and who set it.
 */
import type { BulkChange, ConflictDetails, StageState } from '@vigie/shared';
import { CommandError } from './commandError.ts';
import type { CommandContext, Decision } from './context.ts';
import { checkEmergencyTarget } from './emergencyTarget.ts';
import { checkStageOrder } from './stageOrder.ts';
import { currentItem, writeItem } from './writeItem.ts';

export function writeItems(
  ctx: CommandContext,
  changes: readonly BulkChange[],
  input: { effectiveAt?: string | undefined; undoes?: string | undefined },
): Decision {
  const conflicts: NonNullable<ConflictDetails['conflicts']> = [];
  const stages = new Map<string, StageState>();
  for (const { item, expectedVersion } of changes) {
    const current = currentItem(ctx.state, item);
    if (current.version !== expectedVersion) conflicts.push({ item: { kind: item.kind, id: item.id }, current });
    if (item.kind === 'emergency') checkEmergencyTarget(ctx.registry, item.value);
    if (item.kind === 'stage') stages.set(item.id, item.value);
  }
  checkStageOrder(ctx.state, stages);
  if (conflicts.length > 0) {
    const details: ConflictDetails = { conflicts };
    throw new CommandError(
      'conflict',
      `${conflicts.length} item(s) changed since you loaded them; nothing was changed`,
      details,
    );
  }
  const events = changes.flatMap(
    ({ item, hold }) => writeItem(ctx, item, { effectiveAt: input.effectiveAt, hold, undoes: input.undoes }).events,
  );
  return { events };
}
