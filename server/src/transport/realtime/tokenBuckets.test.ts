import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './tokenBuckets.ts';

const clock = () => {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
};
const takes = (take: () => boolean, n: number) => Array.from({ length: n }, take).filter(Boolean).length;

describe('TokenBuckets', () => {
  it('allows a burst, then refills at its rate, per key', () => {
    const c = clock();
    const buckets = new TokenBuckets({ perSecond: 1, burst: 10 }, c.now);
    expect(takes(() => buckets.take('a'), 12)).toBe(10);
    expect(buckets.take('b')).toBe(true);
    c.advance(2000);
    expect(takes(() => buckets.take('a'), 5)).toBe(2);
    c.advance(60_000);
    expect(takes(() => buckets.take('a'), 20)).toBe(10);
  });

  it('forgets refilled buckets as keys come and go, so its size follows the keys recently active', () => {
    const c = clock();
    const buckets = new TokenBuckets({ perSecond: 10, burst: 10 }, c.now);
    for (let i = 0; i < 10_000; i++) {
      buckets.take(`address-${i}`);
      c.advance(10);
    }
    expect(buckets.size).toBeLessThanOrEqual(1024);
  });
});
