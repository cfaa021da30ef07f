import type { ChannelAdapterConfig, ChannelTokens } from '../channel-adapter';
import { ChannelError, ChannelErrorKind } from '../channel-errors';
import { clientRule, sharedRateLimiter, type RateLimiter } from '../rate-limiter';
import { DEFAULT_RETRY, TokenKeeper, withRetries, type RetryPolicy } from '../request-policy';
import { tiktokError, type TikTokEnvelope } from './tiktok-shop.errors';
import { TIKTOK_SHOP_LIMITS } from './tiktok-shop.rules';
import { tiktokSignature, tiktokTimestamp } from './tiktok-shop.signing';

export interface TikTokShopConfig extends ChannelAdapterConfig {
  /** The shop's cipher, from TikTok's authorised-shops API. */
  shopCipher: string;
  /** The warehouse stock is kept in. */
  warehouseId: string;
  listingPlatforms?: Array<'TOKOPEDIA' | 'TIKTOK_SHOP'>;
}

export interface TikTokRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path as sent and signed. */
  path: string;
  /** The API's name, for rate limiting: TikTok counts each API separately. */
  api: string;
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  /** Safe to repeat when the answer is lost (see AttemptOptions). */
  idempotent: boolean;
}

interface RefreshData {
  access_token: string;
  access_token_expire_in: number;
  refresh_token: string;
  refresh_token_expire_in: number;
}

/** Signed, rate-limited, retried calls to TikTok Shop's Partner API for one shop. */
export class TikTokShopClient {
  readonly tokens: TokenKeeper;
  private readonly limiter: RateLimiter | null;
  private readonly retry: RetryPolicy;
  private readonly clock: () => number;
  private readonly timeoutMs: number;

  constructor(private readonly config: TikTokShopConfig) {
    this.clock = config.clock ?? Date.now;
    this.limiter = config.rateLimiter === undefined ? sharedRateLimiter : config.rateLimiter;
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    this.timeoutMs = config.timeoutMs ?? 15_000;
    this.tokens = new TokenKeeper(config.tokens, (rt) => this.exchangeRefreshToken(rt), config.onTokensRefreshed, config.refreshMarginMs ?? 60_000, this.clock);
  }

  request<T>(req: TikTokRequest): Promise<T> {
    return withRetries(this.tokens, this.retry, { idempotent: req.idempotent }, (accessToken) => this.send<T>(req, accessToken));
  }

  private async send<T>(req: TikTokRequest, accessToken: string): Promise<T> {
    await this.limiter?.acquire(`tiktok_shop:${this.config.accountId}:${req.api}`, clientRule(TIKTOK_SHOP_LIMITS.requestsPerSecond));
    const query: Record<string, string> = {
      app_key: this.config.appKey,
      timestamp: tiktokTimestamp(this.clock()),
      shop_cipher: this.config.shopCipher,
      ...req.query,
    };
    const body = req.json === undefined ? undefined : JSON.stringify(req.json);
    // A multipart body is left out of the signature.
    query.sign = tiktokSignature({ path: req.path, query, body, appSecret: this.config.appSecret });
    const headers: Record<string, string> = { 'x-tts-access-token': accessToken };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = `${this.config.baseUrl.replace(/\/$/, '')}${req.path}?${new URLSearchParams(query)}`;
    return this.exchange<T>(url, { method: req.method, headers, body: body ?? req.form });
  }

  /** GET /api/v2/token/refresh on the auth host: unsigned, with the app secret in the query. */
  private async exchangeRefreshToken(refreshToken: string): Promise<ChannelTokens> {
    const base = (this.config.authBaseUrl ?? this.config.baseUrl).replace(/\/$/, '');
    const query = new URLSearchParams({
      app_key: this.config.appKey,
      app_secret: this.config.appSecret,
      refresh_token: refreshToken,
      grant_type: 'refresh_token',
    });
    const data = await this.exchange<RefreshData>(`${base}/api/v2/token/refresh?${query}`, { method: 'GET' });
    return {
      accessToken: data.access_token,
      // TikTok gives expiry as a Unix time in seconds, not a duration.
      accessTokenExpiresAt: new Date(data.access_token_expire_in * 1000).toISOString(),
      refreshToken: data.refresh_token,
      refreshTokenExpiresAt: new Date(data.refresh_token_expire_in * 1000).toISOString(),
    };
  }

  private async exchange<T>(url: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new ChannelError({
        channel: 'tiktok_shop',
        kind: ChannelErrorKind.unavailable,
        code: 'network',
        reason: `TikTok Shop could not be reached (${(error as Error).message}); the export tries again later.`,
      });
    }
    const text = await response.text();
    let body: TikTokEnvelope<T> | null = null;
    try {
      body = JSON.parse(text) as TikTokEnvelope<T>;
    } catch {
      body = null;
    }
    if (!body || body.code !== 0) throw tiktokError(response.status, body);
    return body.data as T;
  }
}
