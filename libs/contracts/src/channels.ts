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

/** Why a connection failed: `?connectError=<code>` on the page the callback sends the browser to. */
export const CHANNEL_CONNECT_ERRORS = ['state_invalid', 'state_expired', 'denied', 'exchange_failed', 'channel_unconfigured', 'seller_taken'] as const;
export type ChannelConnectError = (typeof CHANNEL_CONNECT_ERRORS)[number];

// Accounts, runs, mappings and listings as the channels app answers them are the reply schemas'
// types (replies/channels.ts).
export type {
  ChannelAccountScope,
  ChannelAccountView,
  ChannelAttributeRule,
  ChannelAttributeSpecView,
  ChannelAttributesView,
  ChannelAttributeValueView,
  ChannelCategoriesView,
  ChannelCategoryNodeView,
  ChannelConnectStart,
  ChannelListingStatus,
  ChannelMappingView,
  ChannelProblemView,
  ChannelRunAction,
  ChannelRunCounts,
  ChannelRunItemView,
  ChannelRunKind,
  ChannelRunOutcome,
  ChannelRunStatus,
  ChannelRunView,
  ChannelSalesAttributeRule,
  ListingChannelAttributesView,
  ListingChannelAttributeView,
  ShopChannelListing,
} from './replies/channels';
