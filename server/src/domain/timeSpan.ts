/**
 * Bounds on the times a client gives. A fact (when a change took effect, when the power came back)
 * lies within the incident's span: at most 7 days before it started (a log opened late, a fact noted
 * late) and at most a minute ahead of the clock (skew). A planned time (an action's due date, a next
 * review, the next point de situation) may lie ahead, up to 30 days; the estimated return to normal
 * up to a year. "The clock" is the incident's: scenario time in a demo, the server's otherwise.
 */
import { ms } from '@vigie/shared';
import { CommandError } from './commandError.ts';
import type { CommandContext } from './context.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** How far before the incident's start (or now, with no incident) a given time may lie. */
export const BEFORE_START_MS = 7 * DAY;

/** How far ahead of the clock each kind of time may lie, and how the bound reads in an error. */
const AHEAD = {
  fact: { ms: MINUTE, words: '1 minute' },
  planned: { ms: 30 * DAY, words: '30 days' },
  estimate: { ms: 365 * DAY, words: 'a year' },
} as const;
export type TimeKind = keyof typeof AHEAD;

/** Refuses `value` (named `field` in the error) outside its span; null or absent passes. */
export function checkTime(ctx: CommandContext, field: string, value: string | null | undefined, kind: TimeKind): void {
  if (value === null || value === undefined) return;
  const now = ctx.effectiveNow ? ms(ctx.effectiveNow) : ctx.now.getTime();
  const clock = ctx.effectiveNow ? 'the incident’s clock' : 'the server clock';
  const start = ctx.state.incident?.startedAt;
  const earliest = (start ? ms(start) : now) - BEFORE_START_MS;
  const t = ms(value);
  if (Number.isNaN(t)) throw new CommandError('invalid_payload', `${field} ${value} is not a date`);
  if (t < earliest)
    throw new CommandError(
      'invalid_payload',
      `${field} ${value} is too early: the earliest accepted is ${iso(earliest)} (7 days before ${start ? 'the incident started' : 'now'})`,
    );
  const latest = now + AHEAD[kind].ms;
  if (t > latest)
    throw new CommandError(
      'invalid_payload',
      `${field} ${value} is too late: the latest accepted is ${iso(latest)} (${AHEAD[kind].words} ahead of ${clock})`,
    );
}

/** When an incident being opened started: within 7 days before now and a minute ahead (no earlier incident counts). */
export function checkStart(ctx: CommandContext, value: string | undefined): void {
  checkTime({ ...ctx, state: { ...ctx.state, incident: null } }, 'startedAt', value, 'fact');
}

const iso = (t: number) => new Date(t).toISOString();
