import { ListingCampaign, ListingMark, PhotoRenditions, Regency } from './catalog';

// The storefront's home page, composed and cached by the catalog app, and the gateway's log of
// every curator action.

export const HomePatterns = {
  /** The composed home page (public); replies HomeReply. */
  get: 'catalog.home',
} as const;

/** A listing as a home page tile: what buyers pay now (campaign price) beside the regular price. */
export interface HomeCard {
  id: string;
  title: { id: string; en: string | null };
  /** The cheapest variant's price now, and that variant's regular price (equal outside campaigns). */
  price: string;
  regularPrice: string;
  photo: PhotoRenditions | null;
  shop: { name: string; slug: string };
  regency: Regency;
  marks: ListingMark[];
  campaigns: ListingCampaign[];
  unitsSold: number;
}

export interface HomeCampaign {
  id: string;
  slug: string;
  kind: 'campaign' | 'exhibition';
  title: { id: string; en: string | null };
  description: { id: string; en: string | null };
  banner: PhotoRenditions | null;
  discountPercent: number | null;
  startsAt: string;
  endsAt: string;
}

export interface HomeCollection {
  id: string;
  slug: string;
  title: { id: string; en: string | null };
  description: { id: string; en: string | null };
  cover: PhotoRenditions | null;
  /** The first public listings, in the curator's order. */
  listings: HomeCard[];
}

export interface HomeArtisan {
  id: string;
  shopName: string;
  shopSlug: string;
  regency: Regency;
  verifiedAt: string;
  photo: PhotoRenditions | null;
}

export interface HomeRegion {
  regency: Regency;
  name: string;
  /** Public listings made in the regency. */
  listingCount: number;
  /** The most popular (units sold) public listings of the regency. */
  top: HomeCard[];
}

export interface HomePage {
  campaigns: HomeCampaign[];
  collections: HomeCollection[];
  newArtisans: HomeArtisan[];
  regions: HomeRegion[];
  generatedAt: string;
}

export interface HomeReply {
  page: HomePage;
  cache: 'hit' | 'miss';
}

export const CuratorActionOutcome = { pending: 'pending', succeeded: 'succeeded', failed: 'failed' } as const;
export type CuratorActionOutcome = (typeof CuratorActionOutcome)[keyof typeof CuratorActionOutcome];

/**
 * One write request of a curator, as the audit log shows it. `action` is `METHOD /route/template`;
 * `targets` the route's ids; `body` a redacted, size-capped summary. A `pending` row whose
 * `finishedAt` is null is an attempt that never finished (e.g. a crash mid-action).
 */
export interface CuratorActionView {
  id: string;
  curatorId: string;
  curatorEmail: string | null;
  action: string;
  path: string;
  targets: Record<string, string>;
  body: unknown;
  requestId: string | null;
  outcome: CuratorActionOutcome;
  status: number | null;
  errorCode: string | null;
  startedAt: string;
  finishedAt: string | null;
}
