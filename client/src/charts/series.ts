/**
 * Series for the charts, pure: what to ask the server for (points, when), how to read its reply,
 * and how to turn its per-series step points into the rows recharts draws.
 */
import type { SeriesPoints } from '@vigie/shared';

/** One chart row: a time (epoch ms) and each series' value in effect then (null before its first point). */
export type SeriesRow = { t: number } & Record<string, number | null>;

/** Bounds of `history:series` maxPoints. */
const MIN_POINTS = 2;
const MAX_POINTS = 2000;
/** Series are re-read at most this often while the situation changes (ms). */
export const REFETCH_INTERVAL_MS = 10_000;
/** A width change larger than this share of the width last asked for asks again. */
export const WIDTH_CHANGE = 0.1;

/** About one point per pixel: the chart's width, rounded, within the query's bounds. */
export const maxPointsFor = (width: number) => Math.min(MAX_POINTS, Math.max(MIN_POINTS, Math.round(width)));

/** What the last request was made for, and when (epoch ms). */
export interface SeriesFetch {
  at: number;
  logId: string;
  seq: number;
  width: number;
}

/**
 * How long to wait before asking again (ms), or null when the data in hand is still right:
 * at once the first time, for a new log or a width more than 10 % off; otherwise, once the
 * situation moved, no sooner than 10 s after the previous request.
 */
export function refetchDelay(
  last: SeriesFetch | null,
  want: { logId: string; seq: number; width: number },
  now: number,
): number | null {
  if (!last || last.logId !== want.logId) return 0;
  if (Math.abs(want.width - last.width) > WIDTH_CHANGE * last.width) return 0;
  if (want.seq === last.seq) return null;
  return Math.max(0, last.at + REFETCH_INTERVAL_MS - now);
}

/**
 * Merges step series on time: one row per distinct time of any named series, each series carrying
 * its value forward until its next point (null before its first). When `until` is past the last
 * point, a final row holds every value up to it, so the last step is drawn to the present.
 */
export function seriesToRows(
  series: Readonly<Record<string, SeriesPoints>>,
  names: readonly string[],
  options: { until?: number } = {},
): SeriesRow[] {
  const times = new Set<number>();
  for (const name of names) for (const t of series[name]?.t ?? []) times.add(t);
  const sorted = [...times].sort((a, b) => a - b);
  const last = sorted.at(-1);
  if (last !== undefined && options.until !== undefined && options.until > last) sorted.push(options.until);

  // One cursor per series: the index of its first point after the current row's time.
  const cursors = names.map(() => 0);
  return sorted.map((t) => {
    const row: SeriesRow = { t };
    names.forEach((name, i) => {
      const points = series[name];
      let next = cursors[i]!;
      if (points) {
        const n = Math.min(points.t.length, points.v.length);
        while (next < n && points.t[next]! <= t) next += 1;
        cursors[i] = next;
      }
      row[name] = points && next > 0 ? points.v[next - 1]! : null;
    });
    return row;
  });
}

/** Time of the latest point among the named series (epoch ms), or null when they have none. */
export function lastPointTime(series: Readonly<Record<string, SeriesPoints>>, names: readonly string[]): number | null {
  let latest: number | null = null;
  for (const name of names) {
    const t = series[name]?.t.at(-1);
    if (t !== undefined && (latest === null || t > latest)) latest = t;
  }
  return latest;
}
