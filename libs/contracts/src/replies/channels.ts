import { z } from 'zod';
import { CHANNELS, ChannelsPatterns } from '../channels';
import { isoDate, page, reply, uuid } from './common';

// The channels app's replies: accounts on TikTok Shop and Lazada, connecting them, category
// mappings, export runs, and each listing's state per channel.

export const channelSchema = z.enum(CHANNELS);
export const channelRunKindSchema = z.enum(['scheduled', 'manual', 'dry_run', 'stock']);
export const channelRunStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);
/** `sold_out`: hidden on the channel while a SKU it cannot take at 0 is sold out (TikTok Shop); put back when stock returns. */
export const channelListingStatusSchema = z.enum(['pending', 'synced', 'in_review', 'rejected', 'failed', 'sold_out']);
export type ChannelRunKind = z.infer<typeof channelRunKindSchema>;
export type ChannelRunStatus = z.infer<typeof channelRunStatusSchema>;
export type ChannelListingStatus = z.infer<typeof channelListingStatusSchema>;

const count = z.number().int();
export const channelRunCountsSchema = reply({
  considered: count, created: count, updated: count, deactivated: count, unchanged: count, refused: count, failed: count, stockUpdated: count,
});
export const channelRunViewSchema = reply({
  id: uuid,
  accountId: uuid,
  channel: channelSchema,
  kind: channelRunKindSchema,
  status: channelRunStatusSchema,
  artisanId: uuid.nullable(),
  counts: channelRunCountsSchema,
  requests: count,
  error: z.string().nullable(),
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
});
export const channelRunItemViewSchema = reply({
  listingId: uuid,
  action: z.enum(['create', 'update', 'deactivate', 'stock', 'skip']),
  outcome: z.enum(['ok', 'refused', 'failed', 'planned']),
  reason: z.string().nullable(),
  payload: z.unknown(),
});
export const channelRunDetailSchema = channelRunViewSchema.extend({ items: z.array(channelRunItemViewSchema) });
export type ChannelRunCounts = z.infer<typeof channelRunCountsSchema>;
export type ChannelRunView = z.infer<typeof channelRunViewSchema>;
export type ChannelRunItemView = z.infer<typeof channelRunItemViewSchema>;
export type ChannelRunDetail = z.infer<typeof channelRunDetailSchema>;
export type ChannelRunAction = ChannelRunItemView['action'];
export type ChannelRunOutcome = ChannelRunItemView['outcome'];

export const channelAccountViewSchema = reply({
  id: uuid,
  channel: channelSchema,
  scope: z.enum(['council', 'shop']),
  artisanId: uuid.nullable(),
  shopSlug: z.string().nullable(),
  name: z.string(),
  status: z.enum(['active', 'disabled']),
  appKey: z.string(),
  accessTokenExpiresAt: isoDate,
  createdAt: isoDate,
  /** The last export run (nightly, sync now or dry run); stock pushes are listed with the runs. */
  lastRun: channelRunViewSchema.nullable(),
  /** How it was connected: the channel's authorization flow, or tokens pasted by a curator (older accounts). */
  connectedVia: z.enum(['authorization', 'tokens']),
  /** The seller's shop name on the channel, from the authorization. */
  sellerName: z.string().nullable(),
  /** True when a token refresh failed for good: the owner must connect again. */
  needsReconnect: z.boolean(),
  /** Why, in English, when needsReconnect (the web shows its own words for the code). */
  reconnectReason: z.string().nullable(),
});
export type ChannelAccountView = z.infer<typeof channelAccountViewSchema>;
export type ChannelAccountScope = ChannelAccountView['scope'];

/** POST /channels/connect/:channel → the link the seller follows to authorize Pasar Kriya. */
export const channelConnectStartSchema = reply({ url: z.string(), /** When the link stops working. */ expiresAt: isoDate });
export type ChannelConnectStart = z.infer<typeof channelConnectStartSchema>;

/**
 * A value of a channel attribute: a built-in value by the channel's id (and its name, for people),
 * or, where the attribute is customizable, a name alone.
 */
export const channelAttributeValueSchema = reply({ id: z.string().optional(), name: z.string() });
/** A channel's leaf-category attribute as the channel describes it (TikTok Get Attributes, Lazada /category/attributes/get). */
export const channelAttributeSpecSchema = reply({
  /** TikTok's attribute id; Lazada's attribute `name` (its key in Attributes / saleProp). */
  id: z.string(),
  /** The name a person reads. */
  name: z.string(),
  required: z.boolean(),
  /** A variant attribute: TikTok SALES_PROPERTY, Lazada is_sale_prop = 1. */
  sales: z.boolean(),
  /** Several values allowed (TikTok is_multiple_selection, Lazada multiSelect / multiEnumInput). */
  multiple: z.boolean(),
  /** A value outside the list is taken (TikTok is_customizable; Lazada text, richText, numeric, date, enumInput…). */
  customizable: z.boolean(),
  /** Lazada: attributes that belong in each Sku rather than the product (attribute_type "sku"). */
  level: z.enum(['product', 'sku']),
  /** The channel's own values (options), empty where free text is expected. */
  values: z.array(channelAttributeValueSchema),
});
export const channelCategoryNodeSchema = reply({ id: z.string(), parentId: z.string().nullable(), name: z.string(), leaf: z.boolean() });
/** The channel's tree as last fetched (cached a week). */
export const channelCategoriesSchema = reply({ items: z.array(channelCategoryNodeSchema), fetchedAt: isoDate });
/** A leaf category's attributes (cached a week). */
export const channelAttributesSchema = reply({ items: z.array(channelAttributeSpecSchema), fetchedAt: isoDate });
export type ChannelAttributeValueView = z.infer<typeof channelAttributeValueSchema>;
export type ChannelAttributeSpecView = z.infer<typeof channelAttributeSpecSchema>;
export type ChannelCategoryNodeView = z.infer<typeof channelCategoryNodeSchema>;
export type ChannelCategoriesView = z.infer<typeof channelCategoriesSchema>;
export type ChannelAttributesView = z.infer<typeof channelAttributesSchema>;

/** One attribute a listing has on a channel, with where its value comes from now. */
export const listingChannelAttributeSchema = channelAttributeSpecSchema.extend({
  value: z.array(channelAttributeValueSchema).nullable(),
  /** 'listing': the artisan set it; 'mapping': the curator's fixed value; 'field': from the listing's materials etc.; null: none yet. */
  source: z.enum(['listing', 'mapping', 'field']).nullable(),
});
/** Per channel the listing's category maps on. */
export const listingChannelAttributesSchema = reply({
  listingId: uuid,
  items: z.array(reply({ channel: channelSchema, categoryId: z.string(), categoryName: z.string().nullable(), attributes: z.array(listingChannelAttributeSchema) })),
});
export type ListingChannelAttributeView = z.infer<typeof listingChannelAttributeSchema>;
export type ListingChannelAttributesView = z.infer<typeof listingChannelAttributesSchema>;

export const channelAttributeRuleSchema = reply({
  id: z.string(),
  name: z.string(),
  required: z.boolean(),
  multiple: z.boolean().optional(),
  customizable: z.boolean().optional(),
  level: z.enum(['product', 'sku']).optional(),
  /** Values chosen from the channel's list (or typed, where customizable) for every listing of the category. */
  values: z.array(channelAttributeValueSchema).optional(),
  value: z.string().optional(),
  from: z.enum(['materials', 'techniques', 'origin', 'handmade']).optional(),
  /** The channel's values for this attribute. */
  options: z.array(channelAttributeValueSchema).optional(),
});
export const channelSalesAttributeRuleSchema = reply({
  id: z.string(),
  name: z.string(),
  /** Our variant option labels that fill it ("Warna", "Ukuran"). */
  optionLabels: z.array(z.string()),
  options: z.array(channelAttributeValueSchema).optional(),
  customizable: z.boolean().optional(),
});
export const channelMappingViewSchema = reply({
  channel: channelSchema,
  categorySlug: z.string(),
  channelCategoryId: z.string(),
  channelCategoryName: z.string().nullable(),
  attributes: z.array(channelAttributeRuleSchema),
  salesAttributes: z.array(channelSalesAttributeRuleSchema),
  updatedAt: isoDate,
});
export type ChannelAttributeRule = z.infer<typeof channelAttributeRuleSchema>;
export type ChannelSalesAttributeRule = z.infer<typeof channelSalesAttributeRuleSchema>;
export type ChannelMappingView = z.infer<typeof channelMappingViewSchema>;

/** A problem of a listing on a channel: `code` and `params` for the web's own words, `reason` in English. */
export const channelProblemSchema = reply({
  field: z.string(),
  reason: z.string(),
  code: z.string().optional(),
  params: z.record(z.union([z.string(), z.number()])).optional(),
});
export const shopChannelListingSchema = reply({
  listingId: uuid,
  title: z.string(),
  channels: z.array(
    reply({
      channel: channelSchema,
      accountId: uuid,
      status: channelListingStatusSchema,
      reason: z.string().nullable(),
      /** The reason as codes with params (the web words them in the person's language); empty when all is well. */
      problems: z.array(channelProblemSchema),
      rejectedBy: z.enum(['precheck', 'channel']).nullable(),
      productId: z.string().nullable(),
      lastSyncedAt: isoDate.nullable(),
    }),
  ),
});
export type ChannelProblemView = z.infer<typeof channelProblemSchema>;
export type ShopChannelListing = z.infer<typeof shopChannelListingSchema>;

const accounts = reply({ items: z.array(channelAccountViewSchema) });

export const ChannelsReplies = {
  [ChannelsPatterns.accountCreate]: channelAccountViewSchema,
  [ChannelsPatterns.accountList]: accounts,
  [ChannelsPatterns.accountUpdate]: channelAccountViewSchema,
  [ChannelsPatterns.accountSync]: channelRunViewSchema,
  [ChannelsPatterns.mappingPut]: channelMappingViewSchema,
  [ChannelsPatterns.mappingList]: reply({ items: z.array(channelMappingViewSchema) }),
  [ChannelsPatterns.runList]: page(channelRunViewSchema),
  [ChannelsPatterns.runGet]: channelRunDetailSchema,
  [ChannelsPatterns.shopListings]: reply({ items: z.array(shopChannelListingSchema) }),
  [ChannelsPatterns.shopSync]: reply({ runs: z.array(channelRunViewSchema) }),
  [ChannelsPatterns.shopRun]: channelRunDetailSchema,
  [ChannelsPatterns.connectStart]: channelConnectStartSchema,
  // where the callback sends the browser next (the seller centre or the console, with any error code)
  [ChannelsPatterns.connectCallback]: reply({ location: z.string() }),
  [ChannelsPatterns.shopAccounts]: accounts,
  [ChannelsPatterns.shopDisconnect]: channelAccountViewSchema,
  [ChannelsPatterns.channelCategories]: channelCategoriesSchema,
  [ChannelsPatterns.channelAttributes]: channelAttributesSchema,
  [ChannelsPatterns.listingAttributesGet]: listingChannelAttributesSchema,
  [ChannelsPatterns.listingAttributesPut]: listingChannelAttributesSchema,
} as const;
