// The catalog app's RPC patterns, events and the shapes that cross its boundary.

/** Bali's eight regencies and the city of Denpasar, as stored (slug) and shown (name). */
export const REGENCIES = {
  badung: 'Badung',
  bangli: 'Bangli',
  buleleng: 'Buleleng',
  denpasar: 'Denpasar',
  gianyar: 'Gianyar',
  jembrana: 'Jembrana',
  karangasem: 'Karangasem',
  klungkung: 'Klungkung',
  tabanan: 'Tabanan',
} as const;
export type Regency = keyof typeof REGENCIES;
export const REGENCY_SLUGS = Object.keys(REGENCIES) as Regency[];

export const ArtisanStatus = {
  pending: 'pending',
  verified: 'verified',
  rejected: 'rejected',
  suspended: 'suspended',
} as const;
export type ArtisanStatus = (typeof ArtisanStatus)[keyof typeof ArtisanStatus];

export const ListingStatus = {
  draft: 'draft',
  submitted: 'submitted',
  published: 'published',
  archived: 'archived',
} as const;
export type ListingStatus = (typeof ListingStatus)[keyof typeof ListingStatus];

export const CatalogPatterns = {
  // artisans and shops
  artisanApply: 'catalog.artisans.apply',
  artisanMine: 'catalog.artisans.mine',
  artisanUpdateMine: 'catalog.artisans.update_mine',
  artisanQueue: 'catalog.artisans.queue',
  artisanGet: 'catalog.artisans.get',
  artisanDecide: 'catalog.artisans.decide',
  /** The caller's own shop and its status (ArtisanStanding): orders gates fulfilment on it. */
  artisanStanding: 'catalog.artisans.standing',
  shopPage: 'catalog.shops.page',
  // categories
  categoryTree: 'catalog.categories.tree',
  // listings
  listingCreate: 'catalog.listings.create',
  listingUpdate: 'catalog.listings.update',
  listingGet: 'catalog.listings.get',
  listingPublic: 'catalog.listings.public',
  listingMine: 'catalog.listings.mine',
  listingSubmit: 'catalog.listings.submit',
  listingArchive: 'catalog.listings.archive',
  listingRestore: 'catalog.listings.restore',
  listingQueue: 'catalog.listings.queue',
  listingDecide: 'catalog.listings.decide',
  listingSnapshots: 'catalog.listings.snapshots',
  listingIndexDigest: 'catalog.listings.indexDigest',
  variantAdd: 'catalog.variants.add',
  variantUpdate: 'catalog.variants.update',
  variantRemove: 'catalog.variants.remove',
  variantSetStock: 'catalog.variants.set_stock',
  variantsLookup: 'catalog.variants.lookup',
  stockHistory: 'catalog.stock.history',
  // stock reservations (orders' checkout)
  reservationCreate: 'catalog.reservations.create',
  reservationCommit: 'catalog.reservations.commit',
  reservationRelease: 'catalog.reservations.release',
  // a paid order cancelled before shipping: its sold stock goes back on sale
  reservationReturn: 'catalog.reservations.return',
  reservationGet: 'catalog.reservations.get',
  // photos
  photoAdd: 'catalog.photos.add',
  photoUpdate: 'catalog.photos.update',
  photoReorder: 'catalog.photos.reorder',
  photoRemove: 'catalog.photos.remove',
  artisanPhotoSet: 'catalog.photos.artisan_set',
  // bulk upload
  importPreview: 'catalog.imports.preview',
  importStart: 'catalog.imports.start',
  importGet: 'catalog.imports.get',
  exportShop: 'catalog.imports.export',
  // council settings and audit
  settingsGet: 'catalog.settings.get',
  settingsUpdate: 'catalog.settings.update',
  auditList: 'catalog.audit.list',
} as const;

export const CatalogEvents = {
  artisanVerified: 'artisan.verified',
  artisanSuspended: 'artisan.suspended',
  listingPublished: 'listing.published',
  listingUpdated: 'listing.updated',
  listingUnpublished: 'listing.unpublished',
  stockChanged: 'stock.changed',
} as const;

export interface ArtisanVerifiedEvent { artisanId: string; userId: string; shopSlug: string }
export interface ArtisanSuspendedEvent { artisanId: string; userId: string; reason: string }

/** A photo's three sizes, by name: as media-store keys inside the catalog, as URLs outside. */
export type PhotoRenditions = Record<'thumbnail' | 'card' | 'full', string>;

export interface ListingPublishedEvent { listingId: string; artisanId: string; version: number; snapshot: ListingSnapshot }
export interface ListingUpdatedEvent { listingId: string; artisanId: string; version: number; snapshot: ListingSnapshot }
export interface ListingUnpublishedEvent { listingId: string; artisanId: string; version: number; reason: 'archived' | 'artisan_suspended' | 'moderation' }
/** `stockVersion`: the variant's count of stock changes with this one (absent on events written before it was added). */
export interface StockChangedEvent { variantId: string; listingId: string; sku: string; stock: number; previous: number; reason: string; stockVersion?: number }

// Stock reservations, as orders' checkout sends and receives them.
export const ReservationStatus = { held: 'held', committed: 'committed', released: 'released' } as const;
export type ReservationStatus = (typeof ReservationStatus)[keyof typeof ReservationStatus];

/** `key` is the checkout's idempotency key: the same key from the same buyer is the same reservation. */
export interface ReservationRequest {
  key: string;
  lines: Array<{ variantId: string; quantity: number }>;
  ttlSeconds?: number;
}

// Bulk CSV upload: the preview's report and an import as the artisan polls it.
export const ImportStatus = { queued: 'queued', running: 'running', succeeded: 'succeeded', failed: 'failed' } as const;
export type ImportStatus = (typeof ImportStatus)[keyof typeof ImportStatus];

/** The RPC data of importPreview and importStart: the uploaded bytes, base64 (the catalog checks the encoding). */
export interface ImportUpload { csvBase64: string }

// Listings, artisans, shops and imports as the catalog answers them are the reply schemas' types
// (replies/catalog.ts); the events and the index feed carry the same ListingSnapshot.
export type {
  ArtisanStanding,
  ImportPreviewReport,
  ImportProblem,
  ImportView,
  ListingCampaign,
  ListingDigest,
  ListingDigestPage,
  ListingMark,
  ListingSnapshot,
  ListingStatesReply,
  ReservationReply,
  ShopExport,
  VariantInfo,
  VariantsLookupReply,
} from './replies/catalog';
import type { ListingSnapshot } from './replies/catalog';
