// The channels app: accounts on TikTok Shop and Lazada, category mappings, export runs.

export const ChannelsPatterns = {
  accountCreate: 'channels.accounts.create',
  accountList: 'channels.accounts.list',
  accountUpdate: 'channels.accounts.update',
  accountSync: 'channels.accounts.sync',
  mappingPut: 'channels.mappings.put',
  mappingList: 'channels.mappings.list',
  runList: 'channels.runs.list',
  runGet: 'channels.runs.get',
  // an artisan's own shop
  shopListings: 'channels.shop.listings',
  shopSync: 'channels.shop.sync',
  shopRun: 'channels.shop.run',
  // connecting a seller account by the channel's authorization flow
  connectStart: 'channels.connect.start',
  connectCallback: 'channels.connect.callback',
  shopAccounts: 'channels.shop.accounts',
  shopDisconnect: 'channels.shop.disconnect',
  // the channels' own category trees and attributes, cached
  channelCategories: 'channels.catalogue.categories',
  channelAttributes: 'channels.catalogue.attributes',
  // the values an artisan gives one listing on each channel
  listingAttributesGet: 'channels.listing.attributes.get',
  listingAttributesPut: 'channels.listing.attributes.put',
} as const;

export const CHANNELS = ['tiktok_shop', 'lazada'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_NAMES: Record<Channel, string> = { tiktok_shop: 'TikTok Shop (Tokopedia)', lazada: 'Lazada' };

export type ChannelAccountScope = 'council' | 'shop';

export interface ChannelAccountView {
  id: string;
  channel: Channel;
  scope: ChannelAccountScope;
  artisanId: string | null;
  shopSlug: string | null;
  name: string;
  status: 'active' | 'disabled';
  appKey: string;
  accessTokenExpiresAt: string;
  createdAt: string;
  /** The last export run (nightly, sync now or dry run); stock pushes are listed with the runs. */
  lastRun: ChannelRunView | null;
  /** How it was connected: the channel's authorization flow, or tokens pasted by a curator (older accounts). */
  connectedVia: 'authorization' | 'tokens';
  /** The seller's shop name on the channel, from the authorization. */
  sellerName: string | null;
  /** True when a token refresh failed for good: the owner must connect again. */
  needsReconnect: boolean;
  /** Why, in English, when needsReconnect (the web shows its own words for the code). */
  reconnectReason: string | null;
}

/** POST /channels/connect/:channel → the link the seller follows to authorize Pasar Kriya. */
export interface ChannelConnectStart {
  url: string;
  /** When the link stops working (ISO). */
  expiresAt: string;
}

/** Why a connection failed: `?connectError=<code>` on the page the callback sends the browser to. */
export const CHANNEL_CONNECT_ERRORS = ['state_invalid', 'state_expired', 'denied', 'exchange_failed', 'channel_unconfigured', 'seller_taken'] as const;
export type ChannelConnectError = (typeof CHANNEL_CONNECT_ERRORS)[number];

/** GET /curation/channels/:channel/categories: the channel's tree as last fetched (cached a week). */
export interface ChannelCategoriesView {
  items: ChannelCategoryNodeView[];
  fetchedAt: string;
}

/** GET /curation/channels/:channel/categories/:id/attributes: a leaf category's attributes (cached a week). */
export interface ChannelAttributesView {
  items: ChannelAttributeSpecView[];
  fetchedAt: string;
}

/**
 * A value of a channel attribute: a built-in value by the channel's id (and its name, for people),
 * or, where the attribute is customizable, a name alone.
 */
export interface ChannelAttributeValueView {
  id?: string;
  name: string;
}

/** A channel's leaf-category attribute as the channel describes it (TikTok Get Attributes, Lazada /category/attributes/get). */
export interface ChannelAttributeSpecView {
  /** TikTok's attribute id; Lazada's attribute `name` (its key in Attributes / saleProp). */
  id: string;
  /** The name a person reads. */
  name: string;
  required: boolean;
  /** A variant attribute: TikTok SALES_PROPERTY, Lazada is_sale_prop = 1. */
  sales: boolean;
  /** Several values allowed (TikTok is_multiple_selection, Lazada multiSelect / multiEnumInput). */
  multiple: boolean;
  /** A value outside the list is taken (TikTok is_customizable; Lazada text, richText, numeric, date, enumInput…). */
  customizable: boolean;
  /** Lazada: attributes that belong in each Sku rather than the product (attribute_type "sku"). */
  level: 'product' | 'sku';
  /** The channel's own values (options), empty where free text is expected. */
  values: ChannelAttributeValueView[];
}

export interface ChannelCategoryNodeView {
  id: string;
  parentId: string | null;
  name: string;
  leaf: boolean;
}

/** One attribute a listing has on a channel, with where its value comes from now. */
export interface ListingChannelAttributeView extends ChannelAttributeSpecView {
  value: ChannelAttributeValueView[] | null;
  /** 'listing': the artisan set it; 'mapping': the curator's fixed value; 'field': from the listing's materials etc.; null: none yet. */
  source: 'listing' | 'mapping' | 'field' | null;
}

/** GET /channels/listings/:id/attributes: per channel the listing's category maps on. */
export interface ListingChannelAttributesView {
  listingId: string;
  items: Array<{
    channel: Channel;
    categoryId: string;
    categoryName: string | null;
    attributes: ListingChannelAttributeView[];
  }>;
}

export interface ChannelAttributeRule {
  id: string;
  name: string;
  required: boolean;
  multiple?: boolean;
  customizable?: boolean;
  level?: 'product' | 'sku';
  /** Values chosen from the channel's list (or typed, where customizable) for every listing of the category. */
  values?: ChannelAttributeValueView[];
  value?: string;
  from?: 'materials' | 'techniques' | 'origin' | 'handmade';
  /** The channel's values for this attribute. */
  options?: ChannelAttributeValueView[];
}

export interface ChannelSalesAttributeRule {
  id: string;
  name: string;
  /** Our variant option labels that fill it ("Warna", "Ukuran"). */
  optionLabels: string[];
  options?: ChannelAttributeValueView[];
  customizable?: boolean;
}

export interface ChannelMappingView {
  channel: Channel;
  categorySlug: string;
  channelCategoryId: string;
  channelCategoryName: string | null;
  attributes: ChannelAttributeRule[];
  salesAttributes: ChannelSalesAttributeRule[];
  updatedAt: string;
}

export type ChannelRunKind = 'scheduled' | 'manual' | 'dry_run' | 'stock';
export type ChannelRunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ChannelRunCounts {
  considered: number;
  created: number;
  updated: number;
  deactivated: number;
  unchanged: number;
  refused: number;
  failed: number;
  stockUpdated: number;
}

export interface ChannelRunView {
  id: string;
  accountId: string;
  channel: Channel;
  kind: ChannelRunKind;
  status: ChannelRunStatus;
  artisanId: string | null;
  counts: ChannelRunCounts;
  requests: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export type ChannelRunAction = 'create' | 'update' | 'deactivate' | 'stock' | 'skip';
export type ChannelRunOutcome = 'ok' | 'refused' | 'failed' | 'planned';

export interface ChannelRunItemView {
  listingId: string;
  action: ChannelRunAction;
  outcome: ChannelRunOutcome;
  reason: string | null;
  payload: unknown;
}

/** `sold_out`: hidden on the channel while a SKU it cannot take at 0 is sold out (TikTok Shop); put back when stock returns. */
export type ChannelListingStatus = 'pending' | 'synced' | 'in_review' | 'rejected' | 'failed' | 'sold_out';

/** A problem of a listing on a channel: `code` and `params` for the web's own words, `reason` in English. */
export interface ChannelProblemView {
  field: string;
  reason: string;
  code?: string;
  params?: Record<string, string | number>;
}

export interface ShopChannelListing {
  listingId: string;
  title: string;
  channels: Array<{
    channel: Channel;
    accountId: string;
    status: ChannelListingStatus;
    reason: string | null;
    /** The reason as codes with params (the web words them in the person's language); empty when all is well. */
    problems: ChannelProblemView[];
    rejectedBy: 'precheck' | 'channel' | null;
    productId: string | null;
    lastSyncedAt: string | null;
  }>;
}
