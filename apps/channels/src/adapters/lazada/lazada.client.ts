import type { ChannelAdapterConfig, ChannelTokens } from '../channel-adapter';
import { ChannelError, ChannelErrorKind } from '../channel-errors';
import { clientRule, sharedRateLimiter, type RateLimiter } from '../rate-limiter';
import { DEFAULT_RETRY, TokenKeeper, withRetries, type RetryPolicy } from '../request-policy';
import { lazadaError, type LazadaEnvelope } from './lazada.errors';
import { LAZADA_LIMITS } from './lazada.rules';
import { lazadaSignature, lazadaTimestamp } from './lazada.signing';

export interface LazadaConfig extends ChannelAdapterConfig {
  /** Lazada publishes no rate; override the assumed one here (the sandbox takes the same). */
  requestsPerSecond?: number;
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

interface TokenReply extends LazadaEnvelope {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  refresh_expires_in: number;
}

/** Signed, rate-limited, retried calls to Lazada Open Platform for one seller. */
export class LazadaClient {
  readonly tokens: TokenKeeper;
  private readonly limiter: RateLimiter | null;
  private readonly retry: RetryPolicy;
  private readonly clock: () => number;
  private readonly timeoutMs: number;

  constructor(private readonly config: LazadaConfig) {
    this.clock = config.clock ?? Date.now;
    this.limiter = config.rateLimiter === undefined ? sharedRateLimiter : config.rateLimiter;
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    this.timeoutMs = config.timeoutMs ?? 15_000;
    this.tokens = new TokenKeeper(config.tokens, (rt) => this.exchangeRefreshToken(rt), config.onTokensRefreshed, config.refreshMarginMs ?? 60_000, this.clock);
  }

  /** Lazada answers with the data beside `code`; this returns the whole body. */
  request<T extends object>(req: LazadaRequest): Promise<T & LazadaEnvelope> {
    return withRetries(this.tokens, this.retry, { idempotent: req.idempotent }, async (accessToken) => {
      const rate = this.config.requestsPerSecond ?? LAZADA_LIMITS.requestsPerSecond;
      await this.limiter?.acquire(`lazada:${this.config.accountId}:${req.apiPath}`, clientRule(rate));
      return this.send<T>(this.config.baseUrl, req, { access_token: accessToken });
    });
  }

  private send<T>(baseUrl: string, req: LazadaRequest, extra: Record<string, string>): Promise<T & LazadaEnvelope> {
    const system: Record<string, string> = {
      app_key: this.config.appKey,
      timestamp: lazadaTimestamp(this.clock()),
      sign_method: 'sha256',
      ...extra,
    };
    const params = req.params ?? {};
    const sign = lazadaSignature({ apiPath: req.apiPath, params: { ...system, ...params }, appSecret: this.config.appSecret });
    const base = `${baseUrl.replace(/\/$/, '')}${req.apiPath}`;
    if (req.method === 'GET') {
      return this.exchange<T>(`${base}?${new URLSearchParams({ ...system, ...params, sign })}`, { method: 'GET' });
    }
    // System parameters in the query, API parameters in the body, as the official SDKs send them.
    const url = `${base}?${new URLSearchParams({ ...system, sign })}`;
    if (req.files) {
      const form = new FormData();
      for (const [key, value] of Object.entries(params)) form.append(key, value);
      for (const [key, file] of Object.entries(req.files)) form.append(key, new Blob([file.data], { type: file.type }), file.name);
      return this.exchange<T>(url, { method: 'POST', body: form });
    }
    return this.exchange<T>(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(params).toString(),
    });
  }

  /** /auth/token/refresh on the auth host, signed like any call; the refresh token rotates. */
  private async exchangeRefreshToken(refreshToken: string): Promise<ChannelTokens> {
    const reply = await this.send<TokenReply>(this.config.authBaseUrl ?? this.config.baseUrl, {
      method: 'POST',
      apiPath: '/auth/token/refresh',
      params: { refresh_token: refreshToken },
      idempotent: false,
    }, {});
    const now = this.clock();
    return {
      accessToken: reply.access_token,
      accessTokenExpiresAt: new Date(now + reply.expires_in * 1000).toISOString(),
      refreshToken: reply.refresh_token,
      refreshTokenExpiresAt: new Date(now + reply.refresh_expires_in * 1000).toISOString(),
    };
  }

  private async exchange<T>(url: string, init: RequestInit): Promise<T & LazadaEnvelope> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
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
    if (!body || body.code !== '0') throw lazadaError(response.status, body);
    return body;
  }
}
