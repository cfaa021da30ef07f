// Campaigns and online exhibitions: RPC patterns, events, jobs and views (catalog app).
import type { PhotoRenditions } from './catalog';

export const CampaignKind = { campaign: 'campaign', exhibition: 'exhibition' } as const;
export type CampaignKind = (typeof CampaignKind)[keyof typeof CampaignKind];

/** scheduled → live → ended by the clock; scheduled or live → cancelled by a curator. */
export const CampaignState = { scheduled: 'scheduled', live: 'live', ended: 'ended', cancelled: 'cancelled' } as const;
export type CampaignState = (typeof CampaignState)[keyof typeof CampaignState];

export const CampaignPatterns = {
  // curators
  create: 'catalog.campaigns.create',
  update: 'catalog.campaigns.update',
  cancel: 'catalog.campaigns.cancel',
  list: 'catalog.campaigns.list',
  get: 'catalog.campaigns.get',
  addMembers: 'catalog.campaigns.add_members',
  removeMember: 'catalog.campaigns.remove_member',
  setPrices: 'catalog.campaigns.set_prices',
  setBanner: 'catalog.campaigns.set_banner',
  // anyone
  publicList: 'catalog.campaigns.public_list',
  publicGet: 'catalog.campaigns.public_get',
} as const;

export const CampaignEvents = {
  started: 'campaign.started',
  ended: 'campaign.ended',
  cancelled: 'campaign.cancelled',
} as const;

/** Every campaign event: which campaign, and how many public listings changed with it. */
export interface CampaignChangedEvent {
  campaignId: string;
  slug: string;
  kind: CampaignKind;
  startsAt: string;
  endsAt: string;
  listingCount: number;
}

/**
 * The catalog's campaign clock: one delayed job per campaign and phase (its id is
 * `<campaignId>-<phase>`, so an edit replaces it), and a sweep on its own queue that applies any
 * start or end the jobs missed.
 */
export const CampaignQueues = { transitions: 'catalog-campaigns', sweep: 'catalog-campaigns-sweep' } as const;
export const CampaignJobs = { start: 'campaigns.start', end: 'campaigns.end', sweepScheduler: 'campaigns-sweep', sweep: 'campaigns.sweep' } as const;
export interface CampaignJobData { campaignId: string }

/** A moment as stored (ISO 8601, UTC) and as shown in Bali ("2026-11-24 09:00 WITA"). */
export interface CampaignTime { at: string; wita: string }

/** A campaign as anyone sees it while it is live. */
export interface PublicCampaignView {
  slug: string;
  kind: CampaignKind;
  title: { id: string; en: string | null };
  description: { id: string; en: string | null };
  banner: PhotoRenditions | null;
  startsAt: CampaignTime;
  endsAt: CampaignTime;
  discountPercent: number | null;
}

/** A listing of a live campaign, as its page lists it: prices now and without the campaign. */
export interface CampaignListingCard {
  id: string;
  title: { id: string; en: string | null };
  shop: { name: string; slug: string };
  price: string;
  regularPrice: string;
  photo: PhotoRenditions | null;
}

export interface PublicCampaignPage extends PublicCampaignView {
  listings: { items: CampaignListingCard[]; total: number };
}

/** What curators see: any state, with members and campaign prices. */
export interface CampaignView extends PublicCampaignView {
  id: string;
  state: CampaignState;
  members: { artisanIds: string[]; listingIds: string[] };
  prices: Array<{ variantId: string; listingId: string; price: string; regularPrice: string }>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A row of the curators' campaign list. */
export interface CampaignSummary extends PublicCampaignView {
  id: string;
  state: CampaignState;
  memberCounts: { artisans: number; listings: number };
  updatedAt: string;
}
