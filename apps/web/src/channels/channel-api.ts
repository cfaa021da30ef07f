// The channels' shapes as the web reads them (types from libs/contracts), and the few rules both
// the seller centre and the console apply.
export const CHANNELS = ['tiktok_shop', 'lazada'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_NAMES: Record<Channel, string> = { tiktok_shop: 'TikTok Shop (Tokopedia)', lazada: 'Lazada' };
/** The short name on a button ("Hubungkan TikTok Shop"). */
export const CHANNEL_SHORT: Record<Channel, string> = { tiktok_shop: 'TikTok Shop', lazada: 'Lazada' };
export const channelName = (c: string): string => CHANNEL_NAMES[c as Channel] ?? c;

/** TikTok Shop takes at most three sales attributes (colour, size…) per product. */
export const SALES_ATTRIBUTE_MAX: Partial<Record<Channel, number>> = { tiktok_shop: 3 };

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export type {
  ChannelAccountView,
  ChannelAttributeRule as AttributeRule,
  ChannelAttributeSpecView as AttributeSpec,
  ChannelAttributeValueView as AttributeValue,
  ChannelCategoryNodeView as CategoryNodeView,
  ChannelConnectStart,
  ChannelMappingView,
  ChannelProblemView as ChannelProblem,
  ChannelSalesAttributeRule as SalesAttributeRule,
  ListingChannelAttributeView as ListingChannelAttribute,
  ListingChannelAttributesView,
} from '@pk/contracts';

export type FieldSource = 'materials' | 'techniques' | 'origin' | 'handmade';
export const FIELD_SOURCES: FieldSource[] = ['materials', 'techniques', 'origin', 'handmade'];

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
