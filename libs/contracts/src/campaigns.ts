// Campaigns and online exhibitions: RPC patterns, events, jobs and views (catalog app).

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

// Campaigns as the catalog answers them are the reply schemas' types (replies/curation.ts).
export type {
  CampaignListingCard,
  CampaignSummary,
  CampaignTime,
  CampaignView,
  PublicCampaignPage,
  PublicCampaignView,
} from './replies/curation';
