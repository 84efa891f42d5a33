/**
 * The points of one step series in two growing columns, times (epoch ms, never decreasing) and
 * values: 16 bytes a point. Each block of BLOCK points keeps where its lowest and highest values are,
 * so down-sampling a million points visits a few thousand (see queries/downsample.ts).
 */

/** Points per block of kept extremes. */
export const BLOCK = 64;

/**
 * Per block of `size` points from the list's start: the index of its first lowest (`lo`) and first
 * highest (`hi`) value; `offset` is the list index of the first point of the view they go with.
 */
export interface BlockExtremes {
  size: number;
  lo: Int32Array;
  hi: Int32Array;
  offset: number;
}

export class PointList {
  private t: Float64Array;
  private v: Float64Array;
  private lo: Int32Array;
  private hi: Int32Array;
  length = 0;

  constructor(capacity = 8) {
    this.t = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
    this.lo = new Int32Array(Math.ceil(capacity / BLOCK));
    this.hi = new Int32Array(Math.ceil(capacity / BLOCK));
  }

  push(t: number, v: number): void {
    if (this.length === this.t.length) this.grow(this.length + 1);
    this.t[this.length] = t;
    this.v[this.length] = v;
    this.length += 1;
    this.noteExtremes(this.length - 1);
  }

  /** Appends points given as two columns. */
  append(t: ArrayLike<number>, v: ArrayLike<number>): void {
    if (this.length + t.length > this.t.length) this.grow(this.length + t.length);
    this.t.set(t, this.length);
    this.v.set(v, this.length);
    this.length += t.length;
    this.noteExtremes(this.length - t.length);
  }

  /** Times of points [start, end): a view, no copy. */
  times(start = 0, end = this.length): Float64Array {
    return this.t.subarray(start, end);
  }

  values(start = 0, end = this.length): Float64Array {
    return this.v.subarray(start, end);
  }

  /** Where each full block's extremes are, for a view of the points from `offset` (valid for the points held now). */
  extremes(offset: number): BlockExtremes {
    return { size: BLOCK, lo: this.lo, hi: this.hi, offset };
  }

  /** Sets every point's time (a log whose start is only known from its first event). */
  fillTimes(time: number): void {
    this.t.fill(time, 0, this.length);
  }

  /** Index of the first point with time ≥ `time` (`length` when none). */
  firstAtOrAfter(time: number): number {
    return this.search((t) => t >= time);
  }

  /** Index of the first point with time > `time` (`length` when none). */
  firstAfter(time: number): number {
    return this.search((t) => t > time);
  }

  /** Takes points `from`…the end into their blocks' extremes. */
  private noteExtremes(from: number): void {
    const values = this.v;
    for (let block = Math.floor(from / BLOCK); block * BLOCK < this.length; block++) {
      const start = block * BLOCK;
      const end = Math.min(this.length, start + BLOCK);
      let i = Math.max(from, start);
      let lo = i === start ? i : this.lo[block]!;
      let hi = i === start ? i : this.hi[block]!;
      let low = values[lo]!;
      let high = values[hi]!;
      // Strict comparisons: a block keeps the first of equal extremes, as a scan of its points would.
      for (; i < end; i++) {
        const x = values[i]!;
        if (x < low) {
          low = x;
          lo = i;
        }
        if (x > high) {
          high = x;
          hi = i;
        }
      }
      this.lo[block] = lo;
      this.hi[block] = hi;
    }
  }

  // Doubling: a point costs the same whatever the length.
  private grow(needed: number): void {
    const capacity = Math.max(needed, 2 * this.t.length);
    const t = new Float64Array(capacity);
    const v = new Float64Array(capacity);
    const lo = new Int32Array(Math.ceil(capacity / BLOCK));
    const hi = new Int32Array(Math.ceil(capacity / BLOCK));
    t.set(this.times());
    v.set(this.values());
    lo.set(this.lo);
    hi.set(this.hi);
    this.t = t;
    this.v = v;
    this.lo = lo;
    this.hi = hi;
  }

  private search(past: (t: number) => boolean): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (past(this.t[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
