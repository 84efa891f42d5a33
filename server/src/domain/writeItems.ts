/**
 * Deciding an item write, one item or many: all of it or nothing. Every item is checked (its
 * existence, the version the writer saw, an emergency's diversion, the stages' order) before anything
 * is written, so one conflict refuses the whole change and names every item that moved, with its
 * current value and who set it. Every item write of every door comes here (commands/itemAliases).
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
    // No expected version: a write whatever the current one (automation, scripts).
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      conflicts.push({ item: { kind: item.kind, id: item.id }, current });
    }
    if (item.kind === 'emergency') checkEmergencyTarget(ctx.registry, item.id, item.value);
    if (item.kind === 'stage') stages.set(item.id, item.value);
  }
  checkStageOrder(ctx.state, stages);
  if (conflicts.length === 1) {
    throw new CommandError('conflict', 'this item was changed since you loaded it', conflictDetails(conflicts));
  }
  if (conflicts.length > 0) {
    throw new CommandError(
      'conflict',
      `${conflicts.length} item(s) changed since you loaded them; nothing was changed`,
      conflictDetails(conflicts),
    );
  }
  const decisions = changes.map(({ item, hold }) =>
    writeItem(ctx, item, { effectiveAt: input.effectiveAt, hold, undoes: input.undoes }),
  );
  // A machine's writes to values a person holds are recorded as ignored, and the reply names them.
  const ignored = decisions.flatMap((d) => d.ignored ?? []);
  return { events: decisions.flatMap((d) => d.events), ...(ignored.length > 0 ? { data: { ignored } } : {}) };
}

/** A conflict's details: every item that moved, and when only one did, its current value and who set it. */
export function conflictDetails(conflicts: NonNullable<ConflictDetails['conflicts']>): ConflictDetails {
  return conflicts.length === 1 ? { current: conflicts[0]!.current, conflicts } : { conflicts };
}
