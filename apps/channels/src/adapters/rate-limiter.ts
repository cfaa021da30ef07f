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

/**
 * How late a departure may be and still keep its place on the lane's schedule: timers fire a
 * millisecond or two late, and losing that every time would sag the rate below the rule. Later
 * than this (the event loop stalled) and the schedule starts again from now, with no backlog.
 */
const LATENESS_TOLERANCE_MS = 5;

interface Lane {
  waiting: Array<() => void>;
  /** When the next caller may leave: a slot on a grid of 1/rate, in the clock's milliseconds. */
  nextAt: number;
  timer: unknown;
}

/**
 * A rate limit per key that paces callers by when they really leave, not by when they asked.
 * Callers queue per key; one timer lets the head out at its slot. The booking bucket above hands
 * every waiter its own due time up front, so after the event loop stalls (a long export's JSON,
 * a GC pause) every waiter whose time has passed wakes in the same turn and they go out
 * together: bursts a channel counting a sliding second refuses (Lazada's ApiCallLimit, with its
 * one-second ban). Here a stall forfeits the slots it covered: one caller leaves at once and the
 * rest one interval apart. A lane idle for a while lets `burst` leave at once, as the bucket did.
 */
export class PacedLimiter implements RateLimiter {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly clock: () => number = () => performance.now(),
    private readonly schedule: (run: () => void, ms: number) => unknown = (run, ms) => setTimeout(run, ms),
  ) {}

  acquire(key: string, rule: RateRule): Promise<void> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { waiting: [], nextAt: -Infinity, timer: null };
      this.lanes.set(key, lane);
    }
    const queued = lane;
    return new Promise<void>((resolve) => {
      queued.waiting.push(resolve);
      this.release(queued, rule);
    });
  }

  /** Lets out every waiter whose slot has come, then sleeps until the next slot. */
  private release(lane: Lane, rule: RateRule): void {
    if (lane.timer !== null) return;
    const interval = 1000 / rule.ratePerSecond;
    while (lane.waiting.length > 0) {
      const now = this.clock();
      // Slots long past are not owed: at most `burst` of them, and a little lateness, carry over.
      lane.nextAt = Math.max(lane.nextAt, now - (rule.burst - 1) * interval - LATENESS_TOLERANCE_MS);
      if (lane.nextAt <= now) {
        lane.nextAt += interval;
        lane.waiting.shift()!();
        continue;
      }
      lane.timer = this.schedule(() => {
        lane.timer = null;
        this.release(lane, rule);
      }, Math.ceil(lane.nextAt - now));
      return;
    }
  }
}

/** One limiter for the whole process, so every adapter of an account draws from the same bucket. */
export const sharedRateLimiter: RateLimiter = new PacedLimiter();

/**
 * The client-side rule for a channel limit. The channels count a sliding second, and a bucket
 * of rate r and burst b can send b + r in one: 95% of the limit with a burst of one keeps
 * under it with room for network jitter.
 */
export function clientRule(limitPerSecond: number): RateRule {
  return { ratePerSecond: limitPerSecond * 0.95, burst: 1 };
}
