import type { ListingSnapshot } from '@pk/contracts';
import type { PromotionNote } from './listing-content';
import type { RateLimiter } from './rate-limiter';
import type { RetryPolicy } from './request-policy';

export const ChannelCode = { tiktokShop: 'tiktok_shop', lazada: 'lazada' } as const;
export type ChannelCode = (typeof ChannelCode)[keyof typeof ChannelCode];

/** Where a category attribute's value comes from when a curator has not fixed one. */
export type ListingAttributeSource = 'materials' | 'techniques' | 'origin' | 'handmade';

/** One attribute of the channel's leaf category, as a curator mapped it. */
export interface ChannelAttributeMapping {
  /** The channel's attribute id (TikTok) or key (Lazada). */
  id: string;
  /** The name a person reads, for reasons. */
  name: string;
  required: boolean;
  /** A fixed value the curator set for every listing of this category. */
  value?: string;
  /** Or the listing field the value is taken from. */
  from?: ListingAttributeSource;
}

/** Our category mapped to the channel's leaf category. */
export interface ChannelCategoryMapping {
  categoryId: string;
  categoryName?: string;
  attributes: ChannelAttributeMapping[];
}

/** What an adapter sends: a published listing and how its category maps on this channel. */
export interface ChannelListing {
  listing: ListingSnapshot;
  category: ChannelCategoryMapping | null;
}

/** A problem that would make the channel refuse the listing, in words a person can act on. */
export interface ValidationProblem {
  field: string;
  reason: string;
}

/** An image the channel holds: TikTok's uri or Lazada's image URL, by the URL it came from. */
export interface ChannelImageRef {
  sourceUrl: string;
  /** What product payloads reference (TikTok `uri`, Lazada image URL). */
  ref: string;
  url: string;
  width: number | null;
  height: number | null;
}

export interface ChannelSkuRef {
  sellerSku: string;
  skuId: string;
}

/** The channel's ids for a product. Plain JSON, so it can be stored as is. */
export interface ChannelProductRef {
  productId: string;
  skus: ChannelSkuRef[];
  /** True when a create found the product an earlier, interrupted attempt had made. */
  recovered?: boolean;
}

/** A price and/or stock change for one SKU on the channel. Price is whole rupiah, as digits. */
export interface PriceStockItem {
  productId: string;
  skuId: string;
  sellerSku: string;
  price?: string;
  stock?: number;
  /** A campaign price the channel applies from `from` and ends by itself at `to` (ISO times). */
  special?: { price: string; from: string; to: string };
}

export interface PriceStockFailure {
  item: PriceStockItem;
  code: string;
  reason: string;
}

export interface PriceStockResult {
  updated: PriceStockItem[];
  failed: PriceStockFailure[];
  /** How many requests the batches took. */
  requests: number;
}

export const ChannelProductState = {
  inReview: 'in_review',
  live: 'live',
  rejected: 'rejected',
  inactive: 'inactive',
  deleted: 'deleted',
} as const;
export type ChannelProductState = (typeof ChannelProductState)[keyof typeof ChannelProductState];

/** The channel's audit / quality-control verdict on a product. */
export interface ChannelProductStatus {
  state: ChannelProductState;
  /** The channel's reasons when it rejected the product. */
  reasons: string[];
  /** The channel's own status word, for support. */
  channelStatus: string;
}

/** Access and refresh tokens of one channel account; times are ISO strings so they store as JSON. */
export interface ChannelTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string | null;
}

/** The numbers a channel enforces, so callers (export, benchmark) can plan around them. */
export interface ChannelLimits {
  requestsPerSecond: number;
  /** Per API, or for the account as a whole. */
  rateLimitScope: 'api' | 'account';
  priceStockBatchMax: number;
  titleLength: { min: number; max: number };
  images: { min: number; max: number; minPx: number; maxPx: number; maxBytes: number };
  skus: { min: number; max: number };
}

export interface ChannelAdapterConfig {
  /** Our channel account: the key for client-side rate limiting. */
  accountId: string;
  baseUrl: string;
  /** Token refresh host; defaults to baseUrl. */
  authBaseUrl?: string;
  appKey: string;
  appSecret: string;
  tokens: ChannelTokens;
  /** Called after every token refresh, so the account can store the new tokens. */
  onTokensRefreshed?: (tokens: ChannelTokens) => void | Promise<void>;
  /** A limiter shared by every adapter of the process; null turns client-side limiting off. */
  rateLimiter?: RateLimiter | null;
  retry?: Partial<RetryPolicy>;
  /** Refresh the access token this long before it lapses. */
  refreshMarginMs?: number;
  timeoutMs?: number;
  /** Milliseconds since the epoch; replaceable so tests can skew the clock. */
  clock?: () => number;
}

/** A promotion activity on the channel (TikTok Shop), by the channel's id. */
export interface PromotionActivity {
  activityId: string;
  /** The title as the channel holds it (the name cut to the channel's limit, then the tag). */
  title: string;
  /** True when an earlier, interrupted attempt had created it and it was adopted. */
  recovered?: boolean;
}

/**
 * Campaign prices as the channel's own promotion activities: one activity per campaign, its
 * products added with an activity price per SKU, and deactivated when the campaign ends early.
 */
export interface ChannelPromotions {
  /**
   * Creates the activity, or adopts the open one of the same title an interrupted run made; `tag`
   * makes the title unique to our campaign and account, so it survives cutting the name short.
   */
  openActivity(activity: { name: string; tag: string; beginsAt: string; endsAt: string }): Promise<PromotionActivity>;
  /** Adds the product to the activity, or updates it, with these prices per seller SKU (whole rupiah). */
  setProductPrices(activityId: string, product: ChannelProductRef, prices: Record<string, string>): Promise<void>;
  removeProduct(activityId: string, product: ChannelProductRef): Promise<void>;
  /** Ends the activity now; one already ended counts as done. */
  deactivateActivity(activityId: string): Promise<void>;
}

export interface CreateProductOptions {
  /** The same key for the same listing: a retried or resumed create never makes a second product. */
  idempotencyKey: string;
}

/**
 * A marketplace's API as the export uses it. Every method signs, rate-limits, refreshes the
 * token when it lapses and retries throttled calls; failures are ChannelErrors with a reason.
 */
export interface ChannelAdapter {
  readonly channel: ChannelCode;
  readonly limits: ChannelLimits;
  /** The channel's rules, checked before anything is sent. Empty when the listing would pass. */
  validate(listing: ChannelListing): ValidationProblem[];
  /** Whether a live campaign price of the listing goes out as a promotion, in words for the run; null when it has none. */
  describePromotion(listing: ChannelListing): PromotionNote | null;
  /** Present where campaign prices go out as promotion activities of their own (TikTok Shop). */
  readonly promotions?: ChannelPromotions;
  /** Uploads (or has the channel migrate) images; payloads may only reference the results. */
  uploadImages(urls: string[]): Promise<ChannelImageRef[]>;
  createProduct(listing: ChannelListing, images: ChannelImageRef[], options: CreateProductOptions): Promise<ChannelProductRef>;
  updateProduct(product: ChannelProductRef, listing: ChannelListing, images: ChannelImageRef[]): Promise<ChannelProductRef>;
  /** Splits the items into batches within the channel's limit; one SKU's failure keeps the rest. */
  updatePriceStock(items: PriceStockItem[]): Promise<PriceStockResult>;
  deactivateProduct(product: ChannelProductRef): Promise<void>;
  getProductStatus(product: ChannelProductRef): Promise<ChannelProductStatus>;
  refreshToken(): Promise<ChannelTokens>;
  /** The tokens in use now (after any refresh). */
  currentTokens(): ChannelTokens;
}
