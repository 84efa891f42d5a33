/**
 * M4 down-sampling of a time series: the time range is cut into `floor(maxPoints / 4)` equal
 * buckets and each keeps its first, last, lowest and highest point, so a chart drawn from the
 * result shows the same extremes and steps as one drawn from every point.
 */
import type { BlockExtremes } from '../domain/pointList.ts';

/**
 * Points `t` (non-decreasing) and `v`, reduced to at most `maxPoints` (≥ 2); always keeps the first
 * and last point. With `blocks`, a bucket's extremes are read from its whole blocks rather than
 * from each of their points: the same result, in time that barely grows with the points.
 */
export function downsample(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  maxPoints: number,
  blocks?: BlockExtremes,
): { t: number[]; v: number[] } {
  const n = Math.min(t.length, v.length);
  if (n <= maxPoints)
    return { t: Array.from({ length: n }, (_, i) => t[i]!), v: Array.from({ length: n }, (_, i) => v[i]!) };
  const buckets = Math.floor(maxPoints / 4);
  const keep = buckets === 0 ? [0, n - 1] : bucketExtremes(t, v, n, buckets, blocks);
  return { t: keep.map((i) => t[i]!), v: keep.map((i) => v[i]!) };
}

/** Indexes of each bucket's first, last, min and max points, in time order, without repeats. */
function bucketExtremes(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  n: number,
  buckets: number,
  blocks: BlockExtremes | undefined,
): number[] {
  const start = t[0]!;
  const span = t[n - 1]! - start;
  // With every point at one instant (span 0) they all fall in the first bucket.
  const bucketOf = (i: number) =>
    span === 0 ? 0 : Math.min(buckets - 1, Math.floor(((t[i]! - start) / span) * buckets));
  const keep: number[] = [];
  let first = 0;
  while (first < n) {
    // Times never decrease, so neither do buckets: the bucket's last point is found by bisection.
    const bucket = bucketOf(first);
    let lo = first + 1;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bucketOf(mid) > bucket) hi = mid;
      else lo = mid + 1;
    }
    const last = lo - 1;
    const [min, max] = extremes(v, first, last, blocks);
    const chosen = [first, min, max, last].sort((a, b) => a - b);
    for (let i = 0; i < chosen.length; i++) if (i === 0 || chosen[i] !== chosen[i - 1]) keep.push(chosen[i]!);
    first = last + 1;
  }
  return keep;
}

/** The first lowest and first highest of points `a`…`b`, whole blocks read from their kept extremes. */
function extremes(v: ArrayLike<number>, a: number, b: number, blocks: BlockExtremes | undefined): [number, number] {
  let min = a;
  let max = a;
  for (let i = a + 1; i <= b;) {
    const at = blocks ? i + blocks.offset : -1;
    if (blocks && at % blocks.size === 0 && i + blocks.size - 1 <= b) {
      // Strictly lower or higher only: equal extremes keep the earlier point, as the scan would.
      const block = at / blocks.size;
      const low = blocks.lo[block]! - blocks.offset;
      const high = blocks.hi[block]! - blocks.offset;
      if (v[low]! < v[min]!) min = low;
      if (v[high]! > v[max]!) max = high;
      i += blocks.size;
      continue;
    }
    if (v[i]! < v[min]!) min = i;
    if (v[i]! > v[max]!) max = i;
    i += 1;
  }
  return [min, max];
}
