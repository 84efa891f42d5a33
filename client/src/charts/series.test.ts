import { describe, expect, it } from 'vitest';
import type { SeriesPoints } from '@vigie/shared';
import {
  lastPointTime,
  maxPointsFor,
  REFETCH_INTERVAL_MS,
  refetchDelay,
  seriesToRows,
  type SeriesFetch,
} from './series.ts';

const points = (...pairs: [t: number, v: number][]): SeriesPoints => ({
  t: pairs.map(([t]) => t),
  v: pairs.map(([, v]) => v),
});

describe('seriesToRows', () => {
  it('merges series on time, each carrying its value forward until its next point', () => {
    const series = { a: points([0, 1], [20, 2]), b: points([10, 5], [20, 6], [30, 7]) };

    const rows = seriesToRows(series, ['a', 'b']);

    expect(rows).toEqual([
      { t: 0, a: 1, b: null },
      { t: 10, a: 1, b: 5 },
      { t: 20, a: 2, b: 6 },
      { t: 30, a: 2, b: 7 },
    ]);
  });

  it('keeps the last value of a series when several of its points share a time', () => {
    const rows = seriesToRows({ a: points([0, 0], [0, 3], [5, 4]) }, ['a']);

    expect(rows).toEqual([
      { t: 0, a: 3 },
      { t: 5, a: 4 },
    ]);
  });

  it('draws the last step up to `until` when it is later than the last point, and not otherwise', () => {
    const series = { a: points([0, 1], [10, 2]) };

    expect(seriesToRows(series, ['a'], { until: 25 }).at(-1)).toEqual({ t: 25, a: 2 });
    expect(seriesToRows(series, ['a'], { until: 10 })).toHaveLength(2);
    expect(seriesToRows(series, ['a'], { until: 5 })).toHaveLength(2);
  });

  it('reads only the named series, leaving a missing one empty, and gives no rows without points', () => {
    const series = { a: points([0, 1]), other: points([7, 9]) };

    expect(seriesToRows(series, ['a', 'missing'])).toEqual([{ t: 0, a: 1, missing: null }]);
    expect(seriesToRows({ a: { t: [], v: [] } }, ['a'], { until: 100 })).toEqual([]);
  });
});

describe('lastPointTime', () => {
  it('gives the latest point among the named series, or null when they have none', () => {
    const series = { a: points([0, 1], [40, 2]), b: points([10, 5]), c: points([99, 1]) };

    expect(lastPointTime(series, ['a', 'b'])).toBe(40);
    expect(lastPointTime(series, ['missing'])).toBeNull();
  });
});

describe('maxPointsFor', () => {
  it('asks for about one point per pixel, within the query bounds', () => {
    expect(maxPointsFor(612.4)).toBe(612);
    expect(maxPointsFor(0)).toBe(2);
    expect(maxPointsFor(3840)).toBe(2000);
  });
});

describe('refetchDelay', () => {
  const last: SeriesFetch = { at: 100_000, logId: 'log-1.1', seq: 10, width: 600 };

  it('asks at once the first time and for a new log', () => {
    expect(refetchDelay(null, { logId: 'log-1.1', seq: 0, width: 600 }, 0)).toBe(0);
    expect(refetchDelay(last, { logId: 'log-2.1', seq: 1, width: 600 }, 100_001)).toBe(0);
  });

  it('does not ask again while nothing moved', () => {
    expect(refetchDelay(last, { logId: 'log-1.1', seq: 10, width: 600 }, 500_000)).toBeNull();
  });

  it('asks again when the situation moved, but no sooner than 10 s after the previous request', () => {
    expect(refetchDelay(last, { logId: 'log-1.1', seq: 11, width: 600 }, 103_000)).toBe(REFETCH_INTERVAL_MS - 3_000);
    expect(refetchDelay(last, { logId: 'log-1.1', seq: 11, width: 600 }, 125_000)).toBe(0);
  });

  it('asks at once when the width changes by more than 10 %, and ignores smaller changes', () => {
    expect(refetchDelay(last, { logId: 'log-1.1', seq: 10, width: 661 }, 100_001)).toBe(0);
    expect(refetchDelay(last, { logId: 'log-1.1', seq: 10, width: 539 }, 100_001)).toBe(0);
    expect(refetchDelay(last, { logId: 'log-1.1', seq: 10, width: 650 }, 100_001)).toBeNull();
  });
});
