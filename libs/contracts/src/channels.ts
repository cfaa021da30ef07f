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
}

export interface ChannelAttributeRule {
  id: string;
  name: string;
  required: boolean;
  value?: string;
  from?: 'materials' | 'techniques' | 'origin' | 'handmade';
}

export interface ChannelMappingView {
  channel: Channel;
  categorySlug: string;
  channelCategoryId: string;
  channelCategoryName: string | null;
  attributes: ChannelAttributeRule[];
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

export type ChannelListingStatus = 'pending' | 'synced' | 'in_review' | 'rejected' | 'failed';

export interface ShopChannelListing {
  listingId: string;
  title: string;
  channels: Array<{
    channel: Channel;
    accountId: string;
    status: ChannelListingStatus;
    reason: string | null;
    rejectedBy: 'precheck' | 'channel' | null;
    productId: string | null;
    lastSyncedAt: string | null;
  }>;
}
