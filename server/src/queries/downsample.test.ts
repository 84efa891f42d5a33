import { describe, expect, it } from 'vitest';
import { PointList } from '../domain/pointList.ts';
import { downsample } from './downsample.ts';

/** A series of `n` points one second apart whose values come from `value(i)`. */
function buildSeries(n: number, value: (i: number) => number) {
  const t = Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 1000);
  return { t, v: t.map((_, i) => value(i)) };
}

const pairs = (s: { t: number[]; v: number[] }) => s.t.map((t, i) => [t, s.v[i]]);

describe('downsample', () => {
  it('returns the points unchanged when there are no more than maxPoints', () => {
    const s = buildSeries(10, (i) => i % 3);
    const out = downsample(s.t, s.v, 10);
    expect(out).toEqual(s);
    expect(out.t).not.toBe(s.t);
  });

  it('keeps the first and last point and never more than maxPoints', () => {
    const s = buildSeries(10_000, (i) => Math.sin(i / 37) * 100);
    for (const maxPoints of [2, 3, 4, 5, 17, 100, 500]) {
      const out = downsample(s.t, s.v, maxPoints);
      expect(out.t.length).toBeLessThanOrEqual(maxPoints);
      expect(out.t[0]).toBe(s.t[0]);
      expect(out.v[0]).toBe(s.v[0]);
      expect(out.t.at(-1)).toBe(s.t.at(-1));
      expect(out.v.at(-1)).toBe(s.v.at(-1));
    }
  });

  it('keeps the first, last, lowest and highest point of every bucket, in time order', () => {
    // 100 points over 4 buckets of 25 (maxPoints 16), each with one spike up and one down.
    const s = buildSeries(100, (i) => (i % 25 === 7 ? 1000 : i % 25 === 18 ? -1000 : i));
    const out = downsample(s.t, s.v, 16);
    const expected = [0, 7, 18, 24, 25, 32, 43, 49, 50, 57, 68, 74, 75, 82, 93, 99].map((i) => [s.t[i], s.v[i]]);
    expect(pairs(out)).toEqual(expected);
  });

  it('keeps the global minimum and maximum', () => {
    const s = buildSeries(5_000, (i) => (i === 1234 ? -1 : i === 4321 ? 1e6 : i % 10));
    const out = downsample(s.t, s.v, 40);
    expect(Math.min(...out.v)).toBe(-1);
    expect(Math.max(...out.v)).toBe(1e6);
  });

  it('keeps a point once when it is both the first and an extreme of its bucket', () => {
    const s = buildSeries(40, (i) => 40 - i); // falling: each bucket's first is its max, its last its min
    const out = downsample(s.t, s.v, 8);
    expect(out.t).toEqual([...new Set(out.t)]);
    expect(pairs(out)).toEqual([0, 19, 20, 39].map((i) => [s.t[i], s.v[i]]));
  });

  it('handles many points at the same instant', () => {
    const t = Array.from({ length: 50 }, () => 1_000);
    const v = Array.from({ length: 50 }, (_, i) => (i === 10 ? 9 : i === 30 ? -9 : 0));
    const out = downsample(t, v, 8);
    expect(pairs(out)).toEqual([
      [1_000, 0],
      [1_000, 9],
      [1_000, -9],
      [1_000, 0],
    ]);
  });

  it('handles runs of equal times inside a longer series', () => {
    const t = [...Array.from({ length: 30 }, () => 0), ...Array.from({ length: 30 }, (_, i) => 1000 + i)];
    const v = t.map((_, i) => (i === 15 ? 100 : i));
    const out = downsample(t, v, 8);
    expect(out.t.length).toBeLessThanOrEqual(8);
    expect(out.t).toEqual([...out.t].sort((a, b) => a - b));
    expect(out.v).toContain(100);
    expect(out.v[0]).toBe(0);
    expect(out.v.at(-1)).toBe(59);
  });

  it('gives the same points from the blocks’ kept extremes as from every point, for any window', () => {
    // Few distinct values, so extremes tie often; times in runs, so buckets split unevenly.
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const list = new PointList();
    let time = 1_700_000_000_000;
    for (let i = 0; i < 20_000; i++)
      list.push((time += next() < 0.3 ? 0 : Math.floor(next() * 5000)), Math.floor(next() * 7));
    for (let round = 0; round < 60; round++) {
      const start = Math.floor(next() * 15_000);
      const end = start + Math.floor(next() * (list.length - start));
      const t = list.times(start, end);
      const v = list.values(start, end);
      for (const maxPoints of [2, 5, 40, 333, 2000]) {
        expect(downsample(t, v, maxPoints, list.extremes(start)), `${start}–${end} ${maxPoints}`).toEqual(
          downsample(Array.from(t), Array.from(v), maxPoints),
        );
      }
    }
  });
});
