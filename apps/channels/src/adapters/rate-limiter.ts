/** Waits until a request under `key` may go out. */
export interface RateLimiter {
  acquire(key: string, rule: RateRule): Promise<void>;
}

export interface RateRule {
  ratePerSecond: number;
  /** Requests that may go at once after a quiet spell. */
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per key. A caller that finds the bucket empty reserves the next token (the
 * count goes negative) and sleeps until it is due, so waiting callers leave in arrival order
 * without a queue.
 */
export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async acquire(key: string, rule: RateRule): Promise<void> {
    const wait = this.reserve(key, rule);
    if (wait > 0) await this.sleep(wait);
  }

  /** Takes a token now or books the next one; returns how long to wait, in ms. */
  reserve(key: string, { ratePerSecond, burst }: RateRule): number {
    const now = this.clock();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: burst, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * ratePerSecond);
    bucket.updatedAt = now;
    bucket.tokens -= 1;
    return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens / ratePerSecond) * 1000);
  }
}

/** One limiter for the whole process, so every adapter of an account draws from the same bucket. */
export const sharedRateLimiter = new TokenBucketLimiter();

/**
 * The client-side rule for a channel limit. The channels count a sliding second, and a bucket
 * of rate r and burst b can send b + r in one: 95% of the limit with a burst of one keeps
 * under it with room for network jitter.
 */
export function clientRule(limitPerSecond: number): RateRule {
  return { ratePerSecond: limitPerSecond * 0.95, burst: 1 };
}
