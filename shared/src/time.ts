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
