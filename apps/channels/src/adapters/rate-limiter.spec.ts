import { PacedLimiter, TokenBucketLimiter, clientRule } from './rate-limiter';

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

describe('PacedLimiter', () => {
  /** A clock and timers the test moves by hand; `stall` moves the clock without firing timers. */
  function manualTime() {
    let now = 0;
    const timers: Array<{ at: number; run: () => void }> = [];
    return {
      clock: () => now,
      schedule: (run: () => void, ms: number) => timers.push({ at: now + ms, run }),
      stall: (ms: number) => void (now += ms),
      /** Fires the due timers in order, each at its time (or now, if the clock already passed it). */
      async advance(ms: number) {
        const end = now + ms;
        for (;;) {
          timers.sort((a, b) => a.at - b.at);
          const next = timers[0];
          if (!next || next.at > end) break;
          timers.shift();
          now = Math.max(now, next.at);
          next.run();
          await Promise.resolve();
        }
        now = Math.max(now, end);
      },
    };
  }

  it('spaces callers by their real departures, so a stalled event loop releases one, not a burst', async () => {
    const time = manualTime();
    const limiter = new PacedLimiter(time.clock, time.schedule);
    const rule = { ratePerSecond: 20, burst: 1 };
    const left: number[] = [];
    for (let i = 0; i < 10; i++) void limiter.acquire('lazada', rule).then(() => left.push(time.clock()));
    await Promise.resolve();
    expect(left).toEqual([0]);
    // The loop is blocked for 400 ms: the booking bucket would now let 8 callers out at once.
    time.stall(400);
    await time.advance(1000);
    const gaps = left.slice(1).map((t, i) => t - left[i]);
    expect(left).toHaveLength(10);
    // After the stall one leaves at once, then each 50 ms after the one before (the first 5 ms
    // sooner: the lateness a slot may have and keep its place is all a stall leaves behind).
    expect(gaps.slice(1)).toEqual([45, 50, 50, 50, 50, 50, 50, 50]);
    let peak = 0;
    for (let i = 0, j = 0; i < left.length; i++) {
      while (left[i] - left[j] >= 1000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    expect(peak).toBeLessThanOrEqual(20);
  });

  it('holds the rule\'s rate when every timer fires a little late', async () => {
    const time = manualTime();
    const late = (run: () => void, ms: number) => time.schedule(run, ms + 2);
    const limiter = new PacedLimiter(time.clock, late);
    const rule = clientRule(20);
    const left: number[] = [];
    for (let i = 0; i < 200; i++) void limiter.acquire('lazada', rule).then(() => left.push(time.clock()));
    await time.advance(10_000);
    const perSecond = left.filter((t) => t >= 1000 && t < 9000).length / 8;
    // 19 a second is the rule (0.95 of 20); late timers must not drag it down, nor push a second past 20.
    expect(perSecond).toBeGreaterThanOrEqual(18.5);
    let peak = 0;
    for (let i = 0, j = 0; i < left.length; i++) {
      while (left[i] - left[j] >= 1000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    expect(peak).toBeLessThanOrEqual(20);
  });

  it('shows what the booking bucket did after the same stall (the burst this replaces)', () => {
    let now = 0;
    const booking = new TokenBucketLimiter(() => now);
    const due = Array.from({ length: 10 }, () => booking.reserve('lazada', { ratePerSecond: 20, burst: 1 }));
    now = 400;
    // Every caller booked before the stall whose time has passed wakes in the same turn.
    expect(due.filter((ms) => ms <= 400)).toHaveLength(9);
  });

  it('keeps a lane per key, lets a burst through after a quiet spell and never more', async () => {
    const time = manualTime();
    const limiter = new PacedLimiter(time.clock, time.schedule);
    const rule = { ratePerSecond: 10, burst: 2 };
    const left: Array<[string, number]> = [];
    for (const key of ['a', 'a', 'a', 'b']) void limiter.acquire(key, rule).then(() => left.push([key, time.clock()]));
    await time.advance(0);
    expect(left).toEqual([['a', 0], ['a', 0], ['b', 0]]);
    await time.advance(100);
    expect(left).toContainEqual(['a', 95]);
    time.stall(10_000);
    for (let i = 0; i < 3; i++) void limiter.acquire('a', rule).then(() => left.push(['a', time.clock()]));
    await time.advance(0);
    expect(left.filter(([k, t]) => k === 'a' && t === 10_100)).toHaveLength(2);
  });
});
