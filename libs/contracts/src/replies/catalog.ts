import { z } from 'zod';
import { CatalogPatterns } from '../catalog';
import { bilingual, dimensions, isoDate, money, options, pageAt, photoRenditions, regency, reply, serialId, uuid } from './common';

// The catalog app's replies: artisans and shops, the taxonomy, listings as owners, curators and
// buyers read them, photos, stock, bulk upload, settings. Money is rupiah as digits.

export const artisanStatusSchema = z.enum(['pending', 'verified', 'rejected', 'suspended']);
export const listingStatusSchema = z.enum(['draft', 'submitted', 'published', 'archived']);

/** A provenance mark as a listing carries it: `scope` says whether it was granted to the listing or its artisan. */
export const listingMarkSchema = reply({
  code: z.string(),
  name: reply({ id: z.string(), en: z.string() }),
  scope: z.enum(['artisan', 'listing']),
  expiresAt: isoDate.nullable(),
});
/** A live campaign as a listing carries it. */
export const listingCampaignSchema = reply({ slug: z.string(), title: bilingual, endsAt: isoDate });
export type ListingMark = z.infer<typeof listingMarkSchema>;
export type ListingCampaign = z.infer<typeof listingCampaignSchema>;

/**
 * What a published listing looks like to the apps that copy it (search, channels) and to buyers.
 * `version` grows with every change, so a consumer that gets events out of order keeps the newest.
 */
export const listingSnapshotSchema = reply({
  id: uuid,
  version: z.number().int(),
  artisan: reply({ id: uuid, shopName: z.string(), shopSlug: z.string(), regency }),
  title: bilingual,
  description: bilingual,
  category: reply({ id: uuid, slug: z.string(), path: z.array(z.string()), names: z.array(z.string()) }),
  materials: z.array(z.string()),
  techniques: z.array(z.string()),
  regency,
  /** The piece itself. */
  dimensionsCm: dimensions,
  /**
   * The parcel as shipped (a cloth folded) when the artisan gave it; null otherwise, when the
   * piece's size stands for the package. The catalog always sets it; snapshots stored before it
   * was added (channels, search) lack it, hence optional.
   */
  packageCm: dimensions.nullable().optional(),
  weightGrams: z.number().int(),
  handmade: z.boolean(),
  leadTimeDays: z.number().int().nullable(),
  /** `price` is what a buyer pays now (the campaign price while one is live); `regularPrice` without it. */
  /**
   * `stockVersion`: how many stock changes the variant has had (its stock movements); a copy of the
   * listing (search, channels) keeps, per variant, the stock of the highest version it was told.
   * Optional: snapshots stored before it was added lack it.
   */
  variants: z.array(reply({ id: uuid, sku: z.string(), options, price: money, regularPrice: money, stock: z.number().int(), stockVersion: z.number().int().optional() })),
  photos: z.array(reply({ id: uuid, alt: z.string(), urls: photoRenditions })),
  /** Live provenance marks of the listing or of its artisan (unrevoked, unexpired). */
  marks: z.array(listingMarkSchema),
  /** Live campaigns the listing takes part in (directly or through its artisan). */
  campaigns: z.array(listingCampaignSchema),
  /** Units sold (paid orders): the popularity buyers sort by. */
  unitsSold: z.number().int(),
  /** '' while the listing was never published (an owner's draft). */
  publishedAt: isoDate.or(z.literal('')),
  updatedAt: isoDate,
});
export type ListingSnapshot = z.infer<typeof listingSnapshotSchema>;

/** What anyone sees of a published listing of a verified shop. */
export const publicListingViewSchema = listingSnapshotSchema.extend({ story: z.string() });
/** What the owner and curators see: the listing as buyers would, plus its workflow state. */
export const listingViewSchema = publicListingViewSchema.extend({ status: listingStatusSchema, rejectionReason: z.string().nullable() });
export type PublicListingView = z.infer<typeof publicListingViewSchema>;
export type ListingView = z.infer<typeof listingViewSchema>;

/** A row of the artisan's own listings table. */
export const listingCardSchema = reply({
  id: uuid,
  status: listingStatusSchema,
  title: z.string(),
  category: z.string(),
  minPrice: money,
  maxPrice: money,
  stock: z.number().int(),
  variants: z.number().int(),
  thumbnail: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  updatedAt: isoDate,
});
export type ListingCard = z.infer<typeof listingCardSchema>;

/** A submitted listing waiting for a curator. */
export const listingQueueItemSchema = reply({
  id: uuid,
  title: z.string(),
  shopName: z.string(),
  shopSlug: z.string(),
  category: z.string(),
  submittedAt: isoDate,
});
export type ListingQueueItem = z.infer<typeof listingQueueItemSchema>;

/** An artisan's profile as the owner, a curator or another signed-in reader sees it. */
export const artisanViewSchema = reply({
  id: uuid,
  userId: uuid,
  shopName: z.string(),
  shopSlug: z.string(),
  story: z.string(),
  regency,
  regencyName: z.string(),
  craftTypes: z.array(z.string()),
  nib: z.string().nullable(),
  /** The number is masked ("•••• 6789") for anyone but the owner and curators. */
  bankAccount: reply({ bankName: z.string(), accountName: z.string(), accountNumber: z.string() }),
  photo: photoRenditions.nullable(),
  status: artisanStatusSchema,
  statusReason: z.string().nullable(),
  verifiedAt: isoDate.nullable(),
  decidedAt: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type ArtisanView = z.infer<typeof artisanViewSchema>;

/** What anyone sees of a verified shop: never bank details. */
export const shopProfileSchema = reply({
  id: uuid,
  name: z.string(),
  slug: z.string(),
  story: z.string(),
  regency,
  regencyName: z.string(),
  craftTypes: z.array(reply({ slug: z.string(), name: z.string(), nameEn: z.string() })),
  photo: photoRenditions.nullable(),
  verifiedSince: isoDate.nullable(),
});
/** A published listing on a shop page. */
export const shopListingCardSchema = reply({
  id: uuid,
  title: bilingual,
  /** What a buyer pays now (campaign prices included); `regularMinPrice` without campaigns. */
  minPrice: money,
  maxPrice: money,
  regularMinPrice: money,
  inStock: z.boolean(),
  thumbnail: z.string().nullable(),
  publishedAt: isoDate,
  marks: z.array(listingMarkSchema),
  campaigns: z.array(listingCampaignSchema),
});
export const shopPageSchema = reply({
  shop: shopProfileSchema.extend({ marks: z.array(listingMarkSchema) }),
  listings: pageAt(shopListingCardSchema),
});
export type ShopProfile = z.infer<typeof shopProfileSchema>;
export type ShopListingCard = z.infer<typeof shopListingCardSchema>;
export type ShopPage = z.infer<typeof shopPageSchema>;

/** The caller's shop as the council left it; nulls when the caller has none. */
export const artisanStandingSchema = reply({ artisanId: uuid.nullable(), status: artisanStatusSchema.nullable() });
export type ArtisanStanding = z.infer<typeof artisanStandingSchema>;

export interface CategoryNode {
  id: string;
  slug: string;
  name: { id: string; en: string };
  children: CategoryNode[];
}
export const categoryNodeSchema: z.ZodType<CategoryNode> = z.lazy(() =>
  reply({ id: uuid, slug: z.string(), name: reply({ id: z.string(), en: z.string() }), children: z.array(categoryNodeSchema) }),
);

export const photoViewSchema = reply({
  id: uuid,
  position: z.number().int(),
  alt: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  urls: photoRenditions,
});
export const artisanPhotoViewSchema = reply({ width: z.number().int(), height: z.number().int(), urls: photoRenditions });
export type PhotoView = z.infer<typeof photoViewSchema>;
export type ArtisanPhotoView = z.infer<typeof artisanPhotoViewSchema>;

export const stockHistorySchema = reply({
  variant: reply({ id: uuid, listingId: uuid, sku: z.string(), stock: z.number().int() }),
  movements: z.array(
    reply({ id: serialId, from: z.number().int(), to: z.number().int(), reason: z.string(), reference: z.string().nullable(), actorId: uuid.nullable(), at: isoDate }),
  ),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
});
export type StockHistoryReply = z.infer<typeof stockHistorySchema>;

/** A problem with the file: its row (as a spreadsheet numbers them, the header is 1) and column when known. */
export const importProblemSchema = reply({ line: z.number().int().optional(), column: z.string().optional(), message: z.string() });
export const importPreviewSchema = reply({
  rows: z.number().int(),
  listings: reply({ create: z.number().int(), update: z.number().int() }),
  errors: z.array(importProblemSchema),
});
export const importViewSchema = reply({
  id: uuid,
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  rows: z.number().int(),
  processedRows: z.number().int(),
  listings: reply({ create: z.number().int(), update: z.number().int() }),
  createdListingIds: z.array(uuid),
  updatedListingIds: z.array(uuid),
  errors: z.array(importProblemSchema),
  attempts: z.number().int(),
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
});
/** The reply of exportShop: the CSV text (with a BOM, for spreadsheets) and a file name. */
export const shopExportSchema = reply({ fileName: z.string(), csv: z.string() });
export type ImportProblem = z.infer<typeof importProblemSchema>;
export type ImportPreviewReport = z.infer<typeof importPreviewSchema>;
export type ImportView = z.infer<typeof importViewSchema>;
export type ShopExport = z.infer<typeof shopExportSchema>;

export const catalogSettingsSchema = reply({
  /** Verified artisans' submitted listings go live without waiting for a curator. */
  autoPublishVerified: z.boolean(),
});
export type CatalogSettings = z.infer<typeof catalogSettingsSchema>;

// --- what other apps ask of the catalog (not forwarded by the gateway)

/**
 * variantsLookup({ ids }): what a cart and a checkout need of each variant, now. `purchasable` is
 * false when its listing is not published or its shop not verified; unknown ids are left out.
 */
export const variantInfoSchema = reply({
  id: uuid,
  listingId: uuid,
  artisanId: uuid,
  /** The shop owner's user id: whom orders notify, and whose inbox a shipment is in. */
  artisanUserId: uuid,
  shopName: z.string(),
  shopRegency: regency,
  sku: z.string(),
  options,
  /** What a buyer pays now (the campaign price while one is live). */
  price: money,
  regularPrice: money,
  stock: z.number().int(),
  title: bilingual,
  categorySlug: z.string(),
  weightGrams: z.number().int(),
  thumbnail: z.string().nullable(),
  purchasable: z.boolean(),
});
export const variantsLookupSchema = reply({ variants: z.array(variantInfoSchema) });
export type VariantInfo = z.infer<typeof variantInfoSchema>;
export type VariantsLookupReply = z.infer<typeof variantsLookupSchema>;

/**
 * listingSnapshots({ ids }): each listing's current version and, when buyers can see it (published,
 * verified shop), its snapshot; ids of no listing are left out.
 */
export const listingStatesSchema = reply({
  listings: z.array(reply({ id: uuid, version: z.number().int(), snapshot: listingSnapshotSchema.nullable() })),
});
export type ListingStatesReply = z.infer<typeof listingStatesSchema>;

/** listingIndexDigest({ after, limit }): public listings in id order, reduced to what an index copy must match. */
export const listingDigestSchema = reply({
  id: uuid,
  version: z.number().int(),
  priceMin: money,
  priceMax: money,
  stockTotal: z.number().int(),
  unitsSold: z.number().int(),
});
/** `total` (public listings in all) comes with the first page only. */
export const listingDigestPageSchema = reply({ items: z.array(listingDigestSchema), next: z.string().nullable(), total: z.number().int().optional() });
export type ListingDigest = z.infer<typeof listingDigestSchema>;
export type ListingDigestPage = z.infer<typeof listingDigestPageSchema>;

/** A reservation's lines carry what the order freezes: shop, SKU and unit price (rupiah, as digits). */
export const reservationReplySchema = reply({
  id: uuid,
  status: z.enum(['held', 'committed', 'released']),
  releaseReason: z.enum(['cancelled', 'expired']).nullable(),
  expiresAt: isoDate,
  lines: z.array(reply({ variantId: uuid, listingId: uuid, artisanId: uuid, sku: z.string(), quantity: z.number().int(), unitPrice: money })),
});
export type ReservationReply = z.infer<typeof reservationReplySchema>;

export const CatalogReplies = {
  [CatalogPatterns.artisanApply]: artisanViewSchema,
  [CatalogPatterns.artisanMine]: artisanViewSchema,
  [CatalogPatterns.artisanUpdateMine]: artisanViewSchema,
  [CatalogPatterns.artisanGet]: artisanViewSchema,
  [CatalogPatterns.artisanQueue]: pageAt(artisanViewSchema),
  [CatalogPatterns.artisanDecide]: artisanViewSchema,
  [CatalogPatterns.artisanStanding]: artisanStandingSchema,
  [CatalogPatterns.shopPage]: shopPageSchema,
  [CatalogPatterns.categoryTree]: z.array(categoryNodeSchema),
  [CatalogPatterns.listingCreate]: listingViewSchema,
  [CatalogPatterns.listingUpdate]: listingViewSchema,
  // the owner and curators read the workflow state too; anyone else the public view
  [CatalogPatterns.listingGet]: z.union([listingViewSchema, publicListingViewSchema]),
  [CatalogPatterns.listingPublic]: publicListingViewSchema,
  [CatalogPatterns.listingMine]: pageAt(listingCardSchema),
  [CatalogPatterns.listingSubmit]: listingViewSchema,
  [CatalogPatterns.listingArchive]: listingViewSchema,
  [CatalogPatterns.listingRestore]: listingViewSchema,
  [CatalogPatterns.listingQueue]: z.object({ items: z.array(listingQueueItemSchema), total: z.number().int() }).strict(),
  [CatalogPatterns.listingDecide]: listingViewSchema,
  [CatalogPatterns.variantAdd]: listingViewSchema,
  [CatalogPatterns.variantUpdate]: listingViewSchema,
  [CatalogPatterns.variantRemove]: listingViewSchema,
  [CatalogPatterns.variantSetStock]: listingViewSchema,
  [CatalogPatterns.stockHistory]: stockHistorySchema,
  [CatalogPatterns.photoAdd]: photoViewSchema,
  [CatalogPatterns.photoUpdate]: photoViewSchema,
  [CatalogPatterns.photoReorder]: reply({ photos: z.array(photoViewSchema) }),
  [CatalogPatterns.artisanPhotoSet]: reply({ photo: artisanPhotoViewSchema }),
  [CatalogPatterns.importPreview]: importPreviewSchema,
  [CatalogPatterns.importStart]: importViewSchema,
  [CatalogPatterns.importGet]: importViewSchema,
  [CatalogPatterns.exportShop]: shopExportSchema,
  [CatalogPatterns.settingsGet]: catalogSettingsSchema,
  [CatalogPatterns.settingsUpdate]: catalogSettingsSchema,
  [CatalogPatterns.variantsLookup]: variantsLookupSchema,
  [CatalogPatterns.listingSnapshots]: listingStatesSchema,
  [CatalogPatterns.listingIndexDigest]: listingDigestPageSchema,
  [CatalogPatterns.reservationCreate]: reservationReplySchema,
  [CatalogPatterns.reservationCommit]: reservationReplySchema,
  [CatalogPatterns.reservationRelease]: reservationReplySchema,
  [CatalogPatterns.reservationReturn]: reservationReplySchema,
  [CatalogPatterns.reservationGet]: reservationReplySchema,
} as const;
