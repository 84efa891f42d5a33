/** The time axis of the charts: its span and round ticks in Europe/Paris time (epoch milliseconds). */
import { parisOffsetMs } from '../time/parisTime.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const STEPS = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10_080].map((m) => m * MINUTE);

/** The span that shows every given time (rows, markers, now), widened to an hour when it is a single instant. */
export function timeDomain(times: readonly number[]): [number, number] | null {
  if (times.length === 0) return null;
  const from = Math.min(...times);
  const to = Math.max(...times);
  return to > from ? [from, to] : [from - HOUR / 2, to + HOUR / 2];
}

/** At most `maxCount` ticks on round Paris times (every 5 min … every week) within `[from, to]`. */
export function timeTicks([from, to]: readonly [number, number], maxCount: number): number[] {
  const count = Math.max(1, maxCount);
  const step = STEPS.find((s) => (to - from) / s <= count) ?? Math.ceil((to - from) / count / HOUR) * HOUR;
  const offset = parisOffsetMs(from);
  const ticks: number[] = [];
  for (let t = Math.ceil((from + offset) / step) * step - offset; t <= to; t += step) ticks.push(t);
  return ticks;
}
