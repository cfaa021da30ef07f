import type { ChannelAdapterConfig, ChannelTokens } from '../channel-adapter';
import { ChannelError, ChannelErrorKind } from '../channel-errors';
import { clientRule, sharedRateLimiter, type RateLimiter } from '../rate-limiter';
import { DEFAULT_RETRY, TokenKeeper, sleep, withRetries, type RetryPolicy } from '../request-policy';
import { lazadaError, type LazadaEnvelope } from './lazada.errors';
import { LAZADA_LIMITS } from './lazada.rules';
import { lazadaSignature, lazadaTimestamp } from './lazada.signing';

// processed/lazada/guides/quick-start-guide/seller-authorization-introduction.md: one auth host for every country
export const LAZADA_AUTH_URL = 'https://auth.lazada.com/rest';
export const LAZADA_AUTHORIZE_URL = 'https://auth.lazada.com/oauth/authorize';
// seller-authorization-introduction.md, usage note 3: refresh 30 minutes before the token lapses
export const LAZADA_REFRESH_MARGIN_MS = 30 * 60_000;

export interface LazadaConfig extends ChannelAdapterConfig {
  /** Lazada publishes no general rate; override the assumed one here (the sandbox takes the same). */
  requestsPerSecond?: number;
  /** brand_id of Lazada's "No Brand" in this country, when known; otherwise looked up with /category/brands/query. */
  noBrandId?: string;
}

export interface LazadaRequest {
  method: 'GET' | 'POST';
  /** The API path, signed as is: `/product/create`. */
  apiPath: string;
  params?: Record<string, string>;
  /** File parameters (multipart); left out of the signature. */
  files?: Record<string, { data: Buffer; type: string; name: string }>;
  idempotent: boolean;
}

export interface LazadaTransport {
  appKey: string;
  appSecret: string;
  clock: () => number;
  timeoutMs: number;
}

/**
 * One signed call. System parameters (app_key, timestamp in ms, sign_method=sha256, sign, and
 * access_token where given) go in the query, API parameters in the body of a POST, as the
 * official SDKs send them (calling-parameters.md, signature-algorithm.md, http-request-sample.md).
 */
export async function lazadaCall<T>(transport: LazadaTransport, baseUrl: string, req: LazadaRequest, extra: Record<string, string> = {}): Promise<T & LazadaEnvelope> {
  const system: Record<string, string> = {
    app_key: transport.appKey,
    timestamp: lazadaTimestamp(transport.clock()),
    sign_method: 'sha256',
    ...extra,
  };
  const params = req.params ?? {};
  const sign = lazadaSignature({ apiPath: req.apiPath, params: { ...system, ...params }, appSecret: transport.appSecret });
  const base = `${baseUrl.replace(/\/$/, '')}${req.apiPath}`;
  if (req.method === 'GET') {
    return exchange<T>(transport, `${base}?${new URLSearchParams({ ...system, ...params, sign })}`, { method: 'GET' });
  }
  const url = `${base}?${new URLSearchParams({ ...system, sign })}`;
  if (req.files) {
    const form = new FormData();
    for (const [key, value] of Object.entries(params)) form.append(key, value);
    for (const [key, file] of Object.entries(req.files)) form.append(key, new Blob([file.data], { type: file.type }), file.name);
    return exchange<T>(transport, url, { method: 'POST', body: form });
  }
  return exchange<T>(transport, url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: new URLSearchParams(params).toString(),
  });
}

async function exchange<T>(transport: LazadaTransport, url: string, init: RequestInit): Promise<T & LazadaEnvelope> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(transport.timeoutMs) });
  } catch (error) {
    throw new ChannelError({
      channel: 'lazada',
      kind: ChannelErrorKind.unavailable,
      code: 'network',
      reason: `Lazada could not be reached (${(error as Error).message}); the export tries again later.`,
    });
  }
  const text = await response.text();
  let body: (T & LazadaEnvelope) | null = null;
  try {
    body = JSON.parse(text) as T & LazadaEnvelope;
  } catch {
    body = null;
  }
  // The code is a string in every documented answer; a number is read the same.
  if (body && body.code !== undefined) body.code = String(body.code);
  if (!body || body.code !== '0') throw lazadaError(response.status, body);
  return body;
}

/** What /auth/token/create and /auth/token/refresh answer (system-api/generateaccesstoken.json, refreshaccesstoken.json). */
export interface LazadaTokenReply extends LazadaEnvelope {
  access_token: string;
  refresh_token: string;
  // the docs' examples give both numbers and strings
  expires_in: number | string;
  refresh_expires_in: number | string;
  country?: string;
  account?: string;
  country_user_info?: Array<{ country: string; seller_id: string; user_id: string | number; short_code?: string }>;
  country_user_info_list?: Array<{ country: string; seller_id: string; user_id: string | number; short_code?: string }>;
}

export function tokensFrom(reply: LazadaTokenReply, now: number): ChannelTokens {
  const refreshIn = Number(reply.refresh_expires_in);
  return {
    accessToken: reply.access_token,
    accessTokenExpiresAt: new Date(now + Number(reply.expires_in) * 1000).toISOString(),
    refreshToken: reply.refresh_token,
    // seller-authorization-introduction.md: refresh_expires_in = 0 means the token cannot be refreshed
    refreshTokenExpiresAt: new Date(now + Math.max(0, refreshIn) * 1000).toISOString(),
  };
}

/** Until when an account's API is banned after ApiCallLimit, shared like the rate limiter. */
const bans = new Map<string, number>();

/** Signed, rate-limited, retried calls to Lazada Open Platform for one seller. */
export class LazadaClient {
  readonly tokens: TokenKeeper;
  private readonly limiter: RateLimiter | null;
  private readonly retry: RetryPolicy;
  private readonly transport: LazadaTransport;

  constructor(private readonly config: LazadaConfig) {
    const clock = config.clock ?? Date.now;
    this.transport = { appKey: config.appKey, appSecret: config.appSecret, clock, timeoutMs: config.timeoutMs ?? 15_000 };
    this.limiter = config.rateLimiter === undefined ? sharedRateLimiter : config.rateLimiter;
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    this.tokens = new TokenKeeper(config.tokens, (rt) => this.exchangeRefreshToken(rt), config.onTokensRefreshed, config.refreshMarginMs ?? LAZADA_REFRESH_MARGIN_MS, clock);
  }

  /** Lazada answers with the data beside `code`; this returns the whole body. */
  request<T extends object>(req: LazadaRequest): Promise<T & LazadaEnvelope> {
    const key = `lazada:${this.config.accountId}:${req.apiPath}`;
    return withRetries(this.tokens, this.retry, { idempotent: req.idempotent }, async (accessToken) => {
      const rate = this.config.requestsPerSecond ?? LAZADA_LIMITS.requestsPerSecond;
      await this.limiter?.acquire(key, clientRule(rate));
      // create-update-product-q-a.md Q10: past the limit the API is banned for a while ("this ban will
      // last 1 seconds"); every call of this account and API waits it out instead of being refused in it.
      const banned = (bans.get(key) ?? 0) - this.transport.clock();
      if (banned > 0) await sleep(banned);
      try {
        return await lazadaCall<T>(this.transport, this.config.baseUrl, req, { access_token: accessToken });
      } catch (error) {
        const ban = error instanceof ChannelError && error.kind === ChannelErrorKind.throttled ? Number(error.details.retryAfterMs ?? 0) : 0;
        if (ban > 0) {
          bans.set(key, Math.max(bans.get(key) ?? 0, this.transport.clock() + ban));
          // sit the ban out before the retry's own backoff, so the export slows instead of hammering
          await sleep(ban);
        }
        throw error;
      }
    });
  }

  /** /auth/token/refresh on the auth host only (refreshaccesstoken.json: "the endpoint is https://auth.lazada.com/rest"). */
  private async exchangeRefreshToken(refreshToken: string): Promise<ChannelTokens> {
    const reply = await lazadaCall<LazadaTokenReply>(this.transport, this.config.authBaseUrl ?? LAZADA_AUTH_URL, {
      method: 'POST',
      apiPath: '/auth/token/refresh',
      params: { refresh_token: refreshToken },
      idempotent: false,
    });
    return tokensFrom(reply, this.transport.clock());
  }
}
