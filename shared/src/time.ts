/** Instants travel as ISO-8601 strings with a UTC offset; compared as epoch milliseconds. */
import { z } from 'zod';

/** An ISO-8601 instant, e.g. 2024-08-03T09:00:00.000Z. */
export const InstantSchema = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof InstantSchema>;

/** Epoch milliseconds of an instant. */
export const ms = (instant: string) => Date.parse(instant);

/** Simulated time of a demo's scenario clock at real instant `now` (the demo runs on it; data age stays real). */
export function scenarioTime(clock: { simStart: string; realStart: string; speed: number }, now: Date): Date {
  return new Date(ms(clock.simStart) + (now.getTime() - ms(clock.realStart)) * clock.speed);
}

/**
 * A recorded (real) instant as a person reads it: on the demo's scenario clock when there is one, so a
 * screen never shows real and simulated times side by side; itself otherwise.
 */
export const onIncidentClock = (
  clock: { simStart: string; realStart: string; speed: number } | null,
  instant: string,
) => (clock ? scenarioTime(clock, new Date(instant)).toISOString() : instant);
