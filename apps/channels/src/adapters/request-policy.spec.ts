import type { ChannelTokens } from './channel-adapter';
import { ChannelError } from './channel-errors';
import { TokenKeeper, backoffDelay, withRetries } from './request-policy';

const tokens = (n: number, expiresAt = '2099-01-01T00:00:00.000Z'): ChannelTokens => ({
  accessToken: `access-${n}`,
  accessTokenExpiresAt: expiresAt,
  refreshToken: `refresh-${n}`,
  refreshTokenExpiresAt: null,
});

const error = (kind: ChannelError['kind']) => new ChannelError({ channel: 'lazada', kind, reason: kind });
const fast = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 };

function keeper(start = tokens(1), clock = () => 0) {
  const exchanged: string[] = [];
  const saved: ChannelTokens[] = [];
  let n = 1;
  const keeper = new TokenKeeper(
    start,
    async (rt) => {
      exchanged.push(rt);
      await new Promise((r) => setTimeout(r, 5));
      return tokens(++n);
    },
    (t) => void saved.push(t),
    60_000,
    clock,
  );
  return { keeper, exchanged, saved };
}

describe('backoffDelay', () => {
  it('grows exponentially, jittered within the upper half, and is capped', () => {
    const policy = { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect([1, 2, 3].map((a) => backoffDelay(a, policy, () => 0))).toEqual([50, 100, 200]);
  });
});

describe('withRetries', () => {
  it('refreshes once when the token lapsed and repeats the call with the new token', async () => {
    const { keeper: k, exchanged, saved } = keeper();
    const used: string[] = [];
    const result = await withRetries(k, fast, { idempotent: false }, async (token) => {
      used.push(token);
      if (token === 'access-1') throw error('expired_token');
      return 'done';
    });
    expect(result).toBe('done');
    expect(used).toEqual(['access-1', 'access-2']);
    expect(exchanged).toEqual(['refresh-1']);
    expect(saved.map((t) => t.accessToken)).toEqual(['access-2']);
  });

  it('does not refresh twice for one call', async () => {
    const { keeper: k, exchanged } = keeper();
    await expect(withRetries(k, fast, { idempotent: true }, async () => Promise.reject(error('invalid_token')))).rejects.toMatchObject({ kind: 'invalid_token' });
    expect(exchanged).toHaveLength(1);
  });

  it('repeats throttled calls up to the bound, even when not idempotent', async () => {
    const { keeper: k } = keeper();
    let calls = 0;
    await expect(withRetries(k, fast, { idempotent: false }, async () => (calls++, Promise.reject(error('throttled'))))).rejects.toMatchObject({ kind: 'throttled' });
    expect(calls).toBe(4);
    calls = 0;
    expect(await withRetries(k, fast, { idempotent: false }, async () => (++calls < 3 ? Promise.reject(error('throttled')) : calls))).toBe(3);
  });

  it('repeats a call whose answer was lost only when it is idempotent', async () => {
    const { keeper: k } = keeper();
    let calls = 0;
    await expect(withRetries(k, fast, { idempotent: false }, async () => (calls++, Promise.reject(error('unavailable'))))).rejects.toMatchObject({ kind: 'unavailable' });
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetries(k, fast, { idempotent: true }, async () => (calls++, Promise.reject(error('unavailable'))))).rejects.toMatchObject({ kind: 'unavailable' });
    expect(calls).toBe(4);
  });

  it('never repeats a refusal', async () => {
    const { keeper: k } = keeper();
    let calls = 0;
    await expect(withRetries(k, fast, { idempotent: true }, async () => (calls++, Promise.reject(error('bad_signature'))))).rejects.toMatchObject({ kind: 'bad_signature' });
    expect(calls).toBe(1);
  });
});

describe('TokenKeeper', () => {
  it('refreshes once for many callers whose token was refused together (refresh tokens rotate)', async () => {
    const { keeper: k, exchanged } = keeper();
    await Promise.all(Array.from({ length: 10 }, () => k.refreshAfterRejection('access-1')));
    expect(exchanged).toEqual(['refresh-1']);
    expect(k.current().accessToken).toBe('access-2');
    // a caller that still held the old token does not refresh again
    await k.refreshAfterRejection('access-1');
    expect(exchanged).toHaveLength(1);
  });

  it('refreshes before a token lapses within the margin', async () => {
    const { keeper: k, exchanged } = keeper(tokens(1, new Date(30_000).toISOString()), () => 0);
    expect(await k.fresh()).toBe('access-2');
    expect(exchanged).toEqual(['refresh-1']);
  });
});
