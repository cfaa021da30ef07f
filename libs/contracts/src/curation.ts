// Provenance marks and featured collections: RPC patterns, events, jobs and views (catalog app).

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

// Marks and collections as the catalog answers them are the reply schemas' types (replies/curation.ts).
export type {
  CollectionListingCard,
  CollectionView,
  MarkPage,
  MarkTypeView,
  MarkView,
  PublicCollectionPage,
  PublicCollectionSummary,
} from './replies/curation';
