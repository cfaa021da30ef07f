import type { ListingSnapshot } from '@pk/contracts';
import type { PromotionNote } from './listing-content';
import type { RateLimiter } from './rate-limiter';
import type { RetryPolicy } from './request-policy';

export const ChannelCode = { tiktokShop: 'tiktok_shop', lazada: 'lazada' } as const;
export type ChannelCode = (typeof ChannelCode)[keyof typeof ChannelCode];

/** Where a category attribute's value comes from when a curator has not fixed one. */
export type ListingAttributeSource = 'materials' | 'techniques' | 'origin' | 'handmade';

// The channel's attribute values, leaf-category attributes and category nodes are the contracts'
// views (libs/contracts/src/channels.ts): the adapters return what the API shows.
export type {
  ChannelAttributeSpecView as ChannelAttributeSpec,
  ChannelAttributeValueView as ChannelAttributeValue,
  ChannelCategoryNodeView as ChannelCategoryNode,
} from '@pk/contracts';
import type { ChannelAttributeSpecView as ChannelAttributeSpec, ChannelAttributeValueView as ChannelAttributeValue, ChannelCategoryNodeView as ChannelCategoryNode } from '@pk/contracts';

/** One attribute of the channel's leaf category, as a curator mapped it. */
export interface ChannelAttributeMapping {
  /** The channel's attribute id (TikTok) or key (Lazada). */
  id: string;
  /** The name a person reads, for reasons. */
  name: string;
  required: boolean;
  /** Several values allowed; from the channel's attribute data. */
  multiple?: boolean;
  /** Free text accepted; from the channel's attribute data. */
  customizable?: boolean;
  /** Lazada: sent in each Sku rather than in the product's Attributes. */
  level?: 'product' | 'sku';
  /** The values a curator chose from the channel's list for every listing of this category. */
  values?: ChannelAttributeValue[];
  /** A fixed free-text value (only where the attribute is customizable; older mappings). */
  value?: string;
  /** Or the listing field the value is taken from, matched against `options` unless customizable. */
  from?: ListingAttributeSource;
  /** The channel's values for this attribute (from its attribute data), to turn listing text into ids. */
  options?: ChannelAttributeValue[];
}

/** A category sales (variant) attribute of the channel and the listing options that fill it. */
export interface ChannelSalesAttributeMapping {
  /** TikTok: the sales attribute's id; Lazada: the saleProp key (e.g. `color_family`). */
  id: string;
  name: string;
  /** Our variant option labels that fill it (e.g. "Warna", "Colour"), compared case-insensitively. */
  optionLabels: string[];
  /** The channel's values; a listing's value is matched to one by name, else sent as a custom name where allowed. */
  options?: ChannelAttributeValue[];
  customizable?: boolean;
}

/** Our category mapped to the channel's leaf category. */
export interface ChannelCategoryMapping {
  categoryId: string;
  categoryName?: string;
  attributes: ChannelAttributeMapping[];
  /** The category's sales attributes our variant options map to (at most 3 on TikTok). */
  salesAttributes?: ChannelSalesAttributeMapping[];
}

/** What an adapter sends: a published listing and how its category maps on this channel. */
export interface ChannelListing {
  listing: ListingSnapshot;
  category: ChannelCategoryMapping | null;
  /** Values the artisan gave this listing on this channel, by attribute id; they win over the mapping's. */
  attributeValues?: Record<string, ChannelAttributeValue[]>;
}

/** A problem that would make the channel refuse the listing, in words a person can act on. */
export interface ValidationProblem {
  field: string;
  /** English, for logs and the run record. */
  reason: string;
  /**
   * A stable code the web renders in the person's language (Indonesian first), with `params`
   * filling its text: e.g. `channel.title_length` with { channel, min, max, length }.
   */
  code?: string;
  params?: Record<string, string | number>;
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
  /** Our variant's SKU (the key the export matches variants by). */
  sellerSku: string;
  skuId: string;
  /** The SKU as the channel holds it, where the adapter namespaced ours (a council-wide account); absent means the same. */
  channelSku?: string;
}

/** The channel's ids for a product. Plain JSON, so it can be stored as is. */
export interface ChannelProductRef {
  productId: string;
  skus: ChannelSkuRef[];
  /** True when a create found the product an earlier, interrupted attempt had made. */
  recovered?: boolean;
  /** The channel's warnings on a create or edit (TikTok `warnings`: a value may have been blanked); a note for the run. */
  warnings?: string[];
}

/** A price and/or stock change for one SKU on the channel. Price is whole rupiah, as digits. */
export interface PriceStockItem {
  productId: string;
  skuId: string;
  sellerSku: string;
  /** As in ChannelSkuRef: the SKU as the channel holds it, when it differs from ours. */
  channelSku?: string;
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
  /** Per listing platform where the channel has several (TikTok Shop and Tokopedia for migrated sellers). */
  platforms?: Array<{ platform: string; state: ChannelProductState; channelStatus: string; reasons: string[] }>;
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
  /**
   * A council-wide account holds many artisans' listings in one channel store, where seller SKUs
   * must be unique: the adapter sends each SKU under its artisan's namespace (see `channelSkuFor`).
   */
  namespaceSkus?: boolean;
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
  /**
   * True where a SKU's stock cannot be 0 (TikTok Shop: 1-99,999), so a product with a sold-out SKU
   * is deactivated until every SKU has stock again, then put back on sale with `reactivateProduct`.
   * Absent: stock 0 is sent like any other (Lazada).
   */
  readonly hidesSoldOut?: boolean;
  /** Puts a product hidden as sold out back on sale with the listing's stock (where `hidesSoldOut`). */
  reactivateProduct?(product: ChannelProductRef, listing: ChannelListing): Promise<void>;
  getProductStatus(product: ChannelProductRef): Promise<ChannelProductStatus>;
  /** Whether price and stock updates may be sent for a product in this state (TikTok: ACTIVATE only). */
  acceptsPriceStock(state: ChannelProductState): boolean;
  /** What of the listing the channel is sent in the product body, for the export's content hash (stock aside). */
  contentForHash(listing: ChannelListing): unknown;
  /** The channel's category tree, for curators' mappings. */
  categories(): Promise<ChannelCategoryNode[]>;
  /** A leaf category's attributes with their values, required flags and kinds. */
  categoryAttributes(categoryId: string): Promise<ChannelAttributeSpec[]>;
  refreshToken(): Promise<ChannelTokens>;
  /** The tokens in use now (after any refresh). */
  currentTokens(): ChannelTokens;
}

/** What the channel's authorization gives us about the seller who authorized the app. */
export interface ChannelSeller {
  /** The seller's shop name on the channel, for people. */
  name: string;
  /** TikTok: the shop id; Lazada: the seller id. */
  sellerId: string;
  /** TikTok: the shop's cipher and the warehouse stock is kept in; Lazada: none. */
  shopCipher?: string;
  warehouseId?: string;
  /** TikTok: the platforms a seller migrated from Tokopedia lists on (`listing_platforms`); absent otherwise. */
  listingPlatforms?: Array<'TOKOPEDIA' | 'TIKTOK_SHOP'>;
  /** The region the seller sells in (ID). */
  region?: string;
}

/**
 * A channel's authorization flow for our app (one app key and secret per channel): the link a
 * seller follows, the code exchanged for tokens at the auth host, and the seller the tokens are for.
 */
export interface ChannelConnector {
  readonly channel: ChannelCode;
  /** Where to send the seller to authorize our app; `state` comes back with the code. */
  authorizeUrl(state: string, redirectUri: string): string;
  /** Exchanges the code from the callback at the auth host. */
  exchangeCode(code: string): Promise<ChannelTokens>;
  /** Refreshes tokens at the auth host (the scheduled refresh, with no adapter in hand). */
  refresh(refreshToken: string): Promise<ChannelTokens>;
  /** The seller (shop, cipher, warehouse) the tokens are for. */
  describeSeller(tokens: ChannelTokens): Promise<ChannelSeller>;
}
