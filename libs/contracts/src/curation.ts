// Provenance marks and featured collections: RPC patterns, events, jobs and views (catalog app).
import type { ListingMark, PhotoRenditions, Regency } from './catalog';

export const MarkKind = { council: 'council', geographicalIndication: 'geographical_indication' } as const;
export type MarkKind = (typeof MarkKind)[keyof typeof MarkKind];

/** live until it expires or a curator revokes it; the list filters by these. */
export const MarkState = { live: 'live', expired: 'expired', revoked: 'revoked' } as const;
export type MarkState = (typeof MarkState)[keyof typeof MarkState];

export const CurationPatterns = {
  // anyone
  markTypes: 'catalog.marks.types',
  publicCollections: 'catalog.collections.public_list',
  publicCollection: 'catalog.collections.public_get',
  // curators
  markGrant: 'catalog.marks.grant',
  markRevoke: 'catalog.marks.revoke',
  markList: 'catalog.marks.list',
  collectionCreate: 'catalog.collections.create',
  collectionUpdate: 'catalog.collections.update',
  collectionRemove: 'catalog.collections.remove',
  collectionGet: 'catalog.collections.get',
  collectionList: 'catalog.collections.list',
  collectionSetItems: 'catalog.collections.set_items',
  collectionOrder: 'catalog.collections.order',
  collectionSetCover: 'catalog.collections.set_cover',
} as const;

export const CurationEvents = {
  markGranted: 'mark.granted',
  markRevoked: 'mark.revoked',
  markExpired: 'mark.expired',
} as const;

/** Every mark event: which mark, on whom, and how many public listings changed with it. */
export interface MarkChangedEvent {
  markId: string;
  code: string;
  artisanId: string | null;
  listingId: string | null;
  listingCount: number;
}

/** The catalog's sweep of marks past their expiry (a Job Scheduler, every MARKS_SWEEP_SECONDS). */
export const MarkQueues = { sweep: 'catalog-marks' } as const;
export const MarkJobs = { sweepScheduler: 'marks-sweep', sweep: 'marks.sweep' } as const;

/** A kind of mark the council grants: its own seal, or a registered geographical indication. */
export interface MarkTypeView {
  code: string;
  name: { id: string; en: string };
  issuer: string;
  kind: MarkKind;
}

/** A grant as curators see it: on an artisan or on one listing, with its evidence and its end. */
export interface MarkView {
  id: string;
  code: string;
  name: { id: string; en: string };
  scope: ListingMark['scope'];
  artisan: { id: string; shopName: string; shopSlug: string };
  listing: { id: string; title: string } | null;
  evidence: string;
  state: MarkState;
  grantedBy: string;
  grantedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}
export interface MarkPage { items: MarkView[]; total: number; limit: number; offset: number }

/** A listing in a collection, as a buyer sees it: prices now (and without a campaign), marks. */
export interface CollectionListingCard {
  id: string;
  title: { id: string; en: string | null };
  shop: { name: string; slug: string; regency: Regency };
  price: { min: string; max: string };
  /** The prices without a live campaign; null when no campaign price applies. */
  regularPrice: { min: string; max: string } | null;
  inStock: boolean;
  photo: PhotoRenditions | null;
  marks: ListingMark[];
}

interface CollectionFace {
  id: string;
  slug: string;
  title: { id: string; en: string | null };
  description: { id: string; en: string | null };
  cover: PhotoRenditions | null;
}

/** A published collection on the home page: its first few public listings and how many it shows. */
export interface PublicCollectionSummary extends CollectionFace {
  listings: CollectionListingCard[];
  listingCount: number;
}

/** A collection's page: its public listings in the curators' order. */
export interface PublicCollectionPage extends CollectionFace {
  listings: CollectionListingCard[];
}

/** A collection as curators manage it: every item, with whether buyers can see it. */
export interface CollectionView extends CollectionFace {
  position: number;
  published: boolean;
  items: Array<{ listingId: string; title: string; status: string; visible: boolean }>;
  createdAt: string;
  updatedAt: string;
}
