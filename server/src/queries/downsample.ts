/**
 * M4 down-sampling of a time series: the time range is cut into `floor(maxPoints / 4)` equal
 * buckets and each keeps its first, last, lowest and highest point, so a chart drawn from the
 * result shows the same extremes and steps as one drawn from every point.
 */

/** Points `t` (non-decreasing) and `v`, reduced to at most `maxPoints` (≥ 2); always keeps the first and last point. */
export function downsample(
  t: readonly number[],
  v: readonly number[],
  maxPoints: number,
): { t: number[]; v: number[] } {
  const n = Math.min(t.length, v.length);
  if (n <= maxPoints) return { t: t.slice(0, n), v: v.slice(0, n) };
  const buckets = Math.floor(maxPoints / 4);
  const keep = buckets === 0 ? [0, n - 1] : bucketExtremes(t, v, n, buckets);
  return { t: keep.map((i) => t[i]!), v: keep.map((i) => v[i]!) };
}

/** Indexes of each bucket's first, last, min and max points, in time order, without repeats. */
function bucketExtremes(t: readonly number[], v: readonly number[], n: number, buckets: number): number[] {
  const start = t[0]!;
  const span = t[n - 1]! - start;
  // With every point at one instant (span 0) they all fall in the first bucket.
  const bucketOf = (i: number) =>
    span === 0 ? 0 : Math.min(buckets - 1, Math.floor(((t[i]! - start) / span) * buckets));
  const keep: number[] = [];
  let first = 0;
  while (first < n) {
    const bucket = bucketOf(first);
    let last = first;
    let min = first;
    let max = first;
    while (last + 1 < n && bucketOf(last + 1) === bucket) {
      last += 1;
      if (v[last]! < v[min]!) min = last;
      if (v[last]! > v[max]!) max = last;
    }
    keep.push(...[...new Set([first, min, max, last])].sort((a, b) => a - b));
    first = last + 1;
  }
  return keep;
}
