// The channels' shapes as the web reads them (mirroring libs/contracts/src/channels.ts, which the
// web build does not import), and the few rules both the seller centre and the console apply.
export const CHANNELS = ['tiktok_shop', 'lazada'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_NAMES: Record<Channel, string> = { tiktok_shop: 'TikTok Shop (Tokopedia)', lazada: 'Lazada' };
/** The short name on a button ("Hubungkan TikTok Shop"). */
export const CHANNEL_SHORT: Record<Channel, string> = { tiktok_shop: 'TikTok Shop', lazada: 'Lazada' };
export const channelName = (c: string): string => CHANNEL_NAMES[c as Channel] ?? c;

/** TikTok Shop takes at most three sales attributes (colour, size…) per product. */
export const SALES_ATTRIBUTE_MAX: Partial<Record<Channel, number>> = { tiktok_shop: 3 };

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ChannelAccountView {
  id: string;
  channel: Channel;
  scope: 'council' | 'shop';
  shopSlug: string | null;
  name: string;
  status: 'active' | 'disabled';
  lastRun: { id: string; status: RunStatus; kind: string; createdAt: string; finishedAt?: string | null } | null;
  connectedVia?: 'authorization' | 'tokens';
  sellerName?: string | null;
  needsReconnect?: boolean;
  reconnectReason?: string | null;
}

export interface ChannelConnectStart { url: string; expiresAt: string }

export interface AttributeValue { id?: string; name: string }

export interface AttributeSpec {
  id: string;
  name: string;
  required: boolean;
  sales: boolean;
  multiple: boolean;
  customizable: boolean;
  level: 'product' | 'sku';
  values: AttributeValue[];
}

export interface CategoryNodeView { id: string; parentId: string | null; name: string; leaf: boolean }

export type FieldSource = 'materials' | 'techniques' | 'origin' | 'handmade';
export const FIELD_SOURCES: FieldSource[] = ['materials', 'techniques', 'origin', 'handmade'];

export interface AttributeRule {
  id: string;
  name: string;
  required: boolean;
  multiple?: boolean;
  customizable?: boolean;
  values?: AttributeValue[];
  value?: string;
  from?: FieldSource;
}

export interface SalesAttributeRule { id: string; name: string; optionLabels: string[] }

export interface ChannelMappingView {
  channel: Channel;
  categorySlug: string;
  channelCategoryId: string;
  channelCategoryName: string | null;
  attributes: AttributeRule[];
  salesAttributes?: SalesAttributeRule[];
  updatedAt: string;
}

export interface ListingChannelAttribute extends AttributeSpec {
  value: AttributeValue[] | null;
  source: 'listing' | 'mapping' | 'field' | null;
}

export interface ListingChannelAttributesView {
  listingId: string;
  items: Array<{ channel: Channel; categoryId: string; categoryName: string | null; attributes: ListingChannelAttribute[] }>;
}

/** What a channel would refuse in a listing, with a code the web words in the person's language. */
export interface ChannelProblem {
  field: string;
  reason: string;
  code?: string;
  params?: Record<string, string | number>;
}

/** Required attributes first, then the rest, each group in the channel's order. */
export function requiredFirst<T extends { required: boolean }>(items: T[]): T[] {
  return [...items.filter((a) => a.required), ...items.filter((a) => !a.required)];
}

/** The connect flow's outcome codes (?connectError=), each with words in the messages. */
export const CONNECT_ERRORS = ['state_invalid', 'state_expired', 'denied', 'exchange_failed', 'channel_unconfigured', 'seller_taken'] as const;

/**
 * A field problem of a 400 that belongs to `prefix` (`values.color`, `attributes.2`): the field itself
 * or anything under it (`values.color.0.name`).
 */
export function errorFor(errors: Record<string, string>, prefix: string): string | undefined {
  const hits = Object.entries(errors).filter(([f]) => f === prefix || f.startsWith(`${prefix}.`) || f.startsWith(`${prefix}[`));
  return hits.length ? hits.map(([, m]) => m).join('; ') : undefined;
}
