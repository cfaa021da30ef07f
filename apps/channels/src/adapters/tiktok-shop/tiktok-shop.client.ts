import type { ChannelAdapterConfig } from '../channel-adapter';
import { clientRule, sharedRateLimiter, type RateLimiter } from '../rate-limiter';
import { DEFAULT_RETRY, TokenKeeper, withRetries, type RetryPolicy } from '../request-policy';
import { tiktokAuthHost, tiktokExchange, tiktokTokens } from './tiktok-shop.http';
import { TIKTOK_SHOP_LIMITS } from './tiktok-shop.rules';
import { tiktokSignature, tiktokTimestamp } from './tiktok-shop.signing';

export type ListingPlatform = 'TOKOPEDIA' | 'TIKTOK_SHOP';

export interface TikTokShopConfig extends ChannelAdapterConfig {
  /** The shop's cipher, from Get Authorized Shops (authorization/get-authorized-shops.spec.json). */
  shopCipher: string;
  /** The warehouse stock is kept in (logistics/get-warehouse-list.spec.json). */
  warehouseId: string;
  /**
   * Only for sellers migrated from Tokopedia (products/create-product.spec.json: listing_platforms
   * "Applicable only for sellers that migrated from Tokopedia"); absent otherwise, and then not sent.
   */
  listingPlatforms?: ListingPlatform[];
}

export interface TikTokRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path as sent and signed. */
  path: string;
  /** The API's name, for rate limiting: TikTok counts each API separately (rate-limits.json). */
  api: string;
  /**
   * Whether the endpoint takes `shop_cipher` (its spec lists it as a query parameter). Those that
   * do not refuse it with 36009004 "Unexpected identifier" (common-errors.json): Upload Product
   * Image (products/upload-product-image.spec.json) and Get Authorized Shops
   * (authorization/get-authorized-shops.spec.json).
   */
  shopScoped: boolean;
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  /** Safe to repeat when the answer is lost (see AttemptOptions). */
  idempotent: boolean;
}

/** Signed, rate-limited, retried calls to TikTok Shop's Partner API for one shop. */
export class TikTokShopClient {
  readonly tokens: TokenKeeper;
  private readonly limiter: RateLimiter | null;
  private readonly retry: RetryPolicy;
  private readonly clock: () => number;
  private readonly timeoutMs: number;

  constructor(private readonly config: Omit<TikTokShopConfig, 'shopCipher' | 'warehouseId'> & { shopCipher?: string }) {
    this.clock = config.clock ?? Date.now;
    this.limiter = config.rateLimiter === undefined ? sharedRateLimiter : config.rateLimiter;
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    this.timeoutMs = config.timeoutMs ?? 15_000;
    // Token refresh lives at the auth host, not the API host (authorization-overview-202407.json).
    const authHost = { authUrl: tiktokAuthHost(config.authBaseUrl, config.baseUrl), appKey: config.appKey, appSecret: config.appSecret, timeoutMs: this.timeoutMs };
    this.tokens = new TokenKeeper(
      config.tokens,
      async (refreshToken) => (await tiktokTokens(authHost, { refreshToken })).tokens,
      config.onTokensRefreshed,
      config.refreshMarginMs ?? 60_000,
      this.clock,
    );
  }

  request<T>(req: TikTokRequest): Promise<T> {
    return withRetries(this.tokens, this.retry, { idempotent: req.idempotent }, (accessToken) => this.send<T>(req, accessToken));
  }

  private async send<T>(req: TikTokRequest, accessToken: string): Promise<T> {
    await this.limiter?.acquire(`tiktok_shop:${this.config.accountId}:${req.api}`, clientRule(TIKTOK_SHOP_LIMITS.requestsPerSecond));
    // common-parameters.json: app_key, sign, timestamp (seconds) on every call.
    const query: Record<string, string> = { app_key: this.config.appKey, timestamp: tiktokTimestamp(this.clock()), ...req.query };
    if (req.shopScoped) {
      if (!this.config.shopCipher) throw new Error(`${req.api} needs the shop's cipher; this channel account has none (connect the shop again)`);
      query.shop_cipher = this.config.shopCipher;
    }
    const body = req.json === undefined ? undefined : JSON.stringify(req.json);
    // sign-your-api-request.json: a multipart body is left out of the signature.
    query.sign = tiktokSignature({ path: req.path, query, body, appSecret: this.config.appSecret });
    const headers: Record<string, string> = { 'x-tts-access-token': accessToken };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = `${this.config.baseUrl.replace(/\/$/, '')}${req.path}?${new URLSearchParams(query)}`;
    return tiktokExchange<T>(url, { method: req.method, headers, body: body ?? req.form }, this.timeoutMs);
  }
}
