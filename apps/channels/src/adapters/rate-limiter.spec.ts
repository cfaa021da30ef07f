import { TokenBucketLimiter, clientRule } from './rate-limiter';

describe('TokenBucketLimiter', () => {
  it('lets a burst through, then books each caller the next token in turn', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(() => now);
    const rule = { ratePerSecond: 10, burst: 2 };
    const waits = Array.from({ length: 5 }, () => limiter.reserve('a', rule));
    expect(waits).toEqual([0, 0, 100, 200, 300]);
    // another key has its own bucket
    expect(limiter.reserve('b', rule)).toBe(0);
    // after a quiet second the bucket is full again, never fuller than the burst
    now = 10_000;
    expect([limiter.reserve('a', rule), limiter.reserve('a', rule), limiter.reserve('a', rule)]).toEqual([0, 0, 100]);
  });

  it('holds any second under the channel limit with the client rule', () => {
    const limiter = new TokenBucketLimiter(() => 0);
    const rule = clientRule(50);
    // 200 callers at once: when does each leave?
    const departures = Array.from({ length: 200 }, () => limiter.reserve('k', rule)).sort((x, y) => x - y);
    let peak = 0;
    for (let i = 0, j = 0; i < departures.length; i++) {
      while (departures[i]! - departures[j]! >= 1000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    expect(peak).toBeLessThanOrEqual(50);
    expect(peak).toBeGreaterThanOrEqual(47);
  });

  it('sleeps for the booked time', async () => {
    const slept: number[] = [];
    const limiter = new TokenBucketLimiter(() => 0, async (ms) => void slept.push(ms));
    await limiter.acquire('k', { ratePerSecond: 4, burst: 1 });
    await limiter.acquire('k', { ratePerSecond: 4, burst: 1 });
    expect(slept).toEqual([250]);
  });
});
