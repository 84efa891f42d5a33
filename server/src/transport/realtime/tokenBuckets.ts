/**
 * Token buckets by key: `burst` requests in a row, refilled at `perSecond`. A bucket that has
 * refilled is the same as none, so such buckets are forgotten as the map grows: its size follows
 * the keys active within the last few seconds, not every key ever seen.
 */
export interface Rate {
  perSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private buckets = new Map<string, Bucket>();
  private forgetAbove = 1024;

  constructor(
    private readonly rate: Rate,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token from `key`'s bucket; false (and nothing taken) when it is empty. */
  take(key: string): boolean {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.forgetAbove) this.forgetRefilled(now);
      bucket = { tokens: this.rate.burst, at: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = this.level(bucket, now);
      bucket.at = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** How many keys are tracked (for tests). */
  get size(): number {
    return this.buckets.size;
  }

  private level(bucket: Bucket, now: number): number {
    return Math.min(this.rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate.perSecond);
  }

  private forgetRefilled(now: number): void {
    for (const [key, bucket] of this.buckets) if (this.level(bucket, now) >= this.rate.burst) this.buckets.delete(key);
    // Many live keys: let the map grow before trying again, so a sweep costs O(1) per insertion.
    this.forgetAbove = Math.max(1024, this.buckets.size * 2);
  }
}
