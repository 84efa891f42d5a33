/**
 * Deciding a write to a tracked item: existence, version (conflict), people over automation
 * (a machine write to a held item is recorded as ignored), and the effective time. writeItems
 * decides every item write with these.
 */
import { isPerson, type Actor, type ItemRef, type ItemWrite, type Situation, type Tracked } from '@vigie/shared';
import { CommandError } from './commandError.ts';
import type { CommandContext, EventBody } from './context.ts';
import { checkTime } from './timeSpan.ts';

export function currentItem(state: Situation, ref: { kind: ItemWrite['kind']; id: string }): Tracked<unknown> {
  const items = state.items[ref.kind];
  const current = Object.hasOwn(items, ref.id) ? items[ref.id] : undefined;
  if (!current) throw new CommandError('not_found', `unknown ${ref.kind} "${ref.id}"`);
  return current;
}

/** Refuses a request made against an older version of the item, naming the current value and its author. */
export function checkVersion(expected: number | undefined, current: { version: number }, describe: unknown): void {
  if (expected !== undefined && expected !== current.version) {
    throw new CommandError('conflict', 'this item was changed since you loaded it', { current: describe });
  }
}

/** The effective time of a write: as given (within the incident's span, see timeSpan), else the context's default. */
export function effectiveAt(ctx: CommandContext, given: string | undefined): string | null {
  if (given === undefined) return ctx.effectiveNow;
  checkTime(ctx, 'effectiveAt', given, 'fact');
  return given;
}

/** One item's write, once writeItems has checked the change: held values, the hold, the effective time. */
export function writeItem(
  ctx: CommandContext,
  item: ItemWrite,
  input: {
    effectiveAt?: string | undefined;
    hold?: boolean | undefined;
    /** The command this write compensates (an undo). */
    undoes?: string | undefined;
  },
): { events: EventBody[]; ignored?: { item: ItemRef; heldBy: Actor } } {
  const current = currentItem(ctx.state, item);
  if (item.kind === 'emergency') checkTime(ctx, 'value.nextReviewAt', item.value.nextReviewAt, 'planned');
  const when = effectiveAt(ctx, input.effectiveAt);
  const { actor } = ctx.principal;
  if (!isPerson(actor) && current.heldBy) {
    return {
      events: [{ type: 'value.ignored', data: { item, effectiveAt: when, heldBy: current.heldBy } }],
      ignored: { item: { kind: item.kind, id: item.id }, heldBy: current.heldBy },
    };
  }
  // A person holds what they set unless they leave it to automation; a machine never holds.
  const hold = isPerson(actor) && input.hold !== false;
  const undoes = input.undoes ? { undoes: input.undoes } : {};
  // A person's write keeps what it replaced, so it can be listed and undone later (domain/undo); a machine never undoes.
  const previous = isPerson(actor) ? { previous: { value: current.value, held: current.heldBy !== null } } : {};
  return { events: [{ type: 'value.set', data: { item, effectiveAt: when, hold, ...undoes, ...previous } }] };
}
