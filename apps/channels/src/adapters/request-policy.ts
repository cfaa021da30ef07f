import type { ChannelTokens } from './channel-adapter';
import { ChannelError } from './channel-errors';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 4000 };

/** Exponential backoff with full jitter, so throttled callers do not come back in step. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface AttemptOptions {
  /**
   * Whether the call may be repeated after an answer that leaves its effect unknown (a network
   * failure, a 5xx). A throttled call was never taken, so it is always repeated.
   */
  idempotent: boolean;
}

/**
 * Runs `send` with a fresh token, refreshes once when the channel says the token lapsed, and
 * retries throttled (and, when idempotent, failed) calls with bounded backoff.
 */
export async function withRetries<T>(
  tokens: TokenKeeper,
  policy: RetryPolicy,
  options: AttemptOptions,
  send: (accessToken: string) => Promise<T>,
): Promise<T> {
  let refreshed = false;
  for (let attempt = 1; ; attempt++) {
    const accessToken = await tokens.fresh();
    try {
      return await send(accessToken);
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      if (error.isTokenProblem && !refreshed) {
        refreshed = true;
        await tokens.refreshAfterRejection(accessToken);
        attempt--;
        continue;
      }
      const repeatable = error.kind === 'throttled' || (error.retryable && options.idempotent);
      if (!repeatable || attempt >= policy.maxAttempts) throw error;
      await sleep(backoffDelay(attempt, policy));
    }
  }
}

/**
 * Holds an account's tokens and refreshes them once for all callers: refresh tokens rotate,
 * so two refreshes at once would leave one caller holding a dead token.
 */
export class TokenKeeper {
  private inFlight: Promise<ChannelTokens> | null = null;

  constructor(
    private tokens: ChannelTokens,
    private readonly exchange: (refreshToken: string) => Promise<ChannelTokens>,
    private readonly onRefreshed: ((tokens: ChannelTokens) => void | Promise<void>) | undefined,
    private readonly marginMs: number,
    private readonly clock: () => number,
  ) {}

  current(): ChannelTokens {
    return { ...this.tokens };
  }

  /** The access token, refreshed first when it lapses within the margin. */
  async fresh(): Promise<string> {
    if (this.inFlight) return (await this.inFlight).accessToken;
    const expiresAt = Date.parse(this.tokens.accessTokenExpiresAt);
    if (Number.isFinite(expiresAt) && expiresAt - this.clock() <= this.marginMs) return (await this.refresh()).accessToken;
    return this.tokens.accessToken;
  }

  /** The channel refused `used`; refresh unless another caller already did. */
  async refreshAfterRejection(used: string): Promise<void> {
    if (this.inFlight) {
      await this.inFlight;
      return;
    }
    if (this.tokens.accessToken !== used) return;
    await this.refresh();
  }

  refresh(): Promise<ChannelTokens> {
    if (!this.inFlight) {
      this.inFlight = (async () => {
        try {
          const next = await this.exchange(this.tokens.refreshToken);
          this.tokens = next;
          await this.onRefreshed?.({ ...next });
          return next;
        } finally {
          this.inFlight = null;
        }
      })();
    }
    return this.inFlight;
  }
}
