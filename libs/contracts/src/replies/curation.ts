import { z } from 'zod';
import { CampaignPatterns } from '../campaigns';
import { CatalogPatterns } from '../catalog';
import { CurationPatterns } from '../curation';
import { HomePatterns } from '../home';
import { listingCampaignSchema, listingMarkSchema } from './catalog';
import { bilingual, isoDate, money, page, photoRenditions, regency, reply, uuid } from './common';

// The council's side of the catalog app: campaigns and exhibitions, provenance marks, featured
// collections, the composed home page and the audit log of curator decisions.

// --- campaigns

/** A moment as stored (ISO 8601, UTC) and as shown in Bali ("2026-11-24 09:00 WITA"). */
export const campaignTimeSchema = reply({ at: isoDate, wita: z.string() });
export const campaignKindSchema = z.enum(['campaign', 'exhibition']);
export const campaignStateSchema = z.enum(['scheduled', 'live', 'ended', 'cancelled']);
/** A campaign as anyone sees it while it is live. */
export const publicCampaignViewSchema = reply({
  slug: z.string(),
  kind: campaignKindSchema,
  title: bilingual,
  description: bilingual,
  banner: photoRenditions.nullable(),
  startsAt: campaignTimeSchema,
  endsAt: campaignTimeSchema,
  discountPercent: z.number().int().nullable(),
});
/** A listing of a live campaign, as its page lists it: prices now and without the campaign. */
export const campaignListingCardSchema = reply({
  id: uuid,
  title: bilingual,
  shop: reply({ name: z.string(), slug: z.string() }),
  price: money,
  regularPrice: money,
  photo: photoRenditions.nullable(),
});
export const publicCampaignPageSchema = publicCampaignViewSchema.extend({
  listings: reply({ items: z.array(campaignListingCardSchema), total: z.number().int() }),
});
/** What curators see: any state, with members and campaign prices. */
export const campaignViewSchema = publicCampaignViewSchema.extend({
  id: uuid,
  state: campaignStateSchema,
  members: reply({ artisanIds: z.array(uuid), listingIds: z.array(uuid) }),
  prices: z.array(reply({ variantId: uuid, listingId: uuid, price: money, regularPrice: money })),
  createdBy: uuid,
  createdAt: isoDate,
  updatedAt: isoDate,
});
/** A row of the curators' campaign list. */
export const campaignSummarySchema = publicCampaignViewSchema.extend({
  id: uuid,
  state: campaignStateSchema,
  memberCounts: reply({ artisans: z.number().int(), listings: z.number().int() }),
  updatedAt: isoDate,
});
export type CampaignTime = z.infer<typeof campaignTimeSchema>;
export type PublicCampaignView = z.infer<typeof publicCampaignViewSchema>;
export type CampaignListingCard = z.infer<typeof campaignListingCardSchema>;
export type PublicCampaignPage = z.infer<typeof publicCampaignPageSchema>;
export type CampaignView = z.infer<typeof campaignViewSchema>;
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

// --- marks

/** A kind of mark the council grants: its own seal, or a registered geographical indication. */
export const markTypeViewSchema = reply({
  code: z.string(),
  name: reply({ id: z.string(), en: z.string() }),
  issuer: z.string(),
  kind: z.enum(['council', 'geographical_indication']),
});
/** A grant as curators see it: on an artisan or on one listing, with its evidence and its end. */
export const markViewSchema = reply({
  id: uuid,
  code: z.string(),
  name: reply({ id: z.string(), en: z.string() }),
  scope: z.enum(['artisan', 'listing']),
  artisan: reply({ id: uuid, shopName: z.string(), shopSlug: z.string() }),
  listing: reply({ id: uuid, title: z.string() }).nullable(),
  evidence: z.string(),
  state: z.enum(['live', 'expired', 'revoked']),
  grantedBy: uuid,
  grantedAt: isoDate,
  expiresAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  revokedBy: uuid.nullable(),
  revokeReason: z.string().nullable(),
});
export const markPageSchema = reply({ items: z.array(markViewSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type MarkTypeView = z.infer<typeof markTypeViewSchema>;
export type MarkView = z.infer<typeof markViewSchema>;
export type MarkPage = z.infer<typeof markPageSchema>;

// --- collections

const priceRange = reply({ min: money, max: money });
/** A listing in a collection, as a buyer sees it: prices now (and without a campaign), marks. */
export const collectionListingCardSchema = reply({
  id: uuid,
  title: bilingual,
  shop: reply({ name: z.string(), slug: z.string(), regency }),
  price: priceRange,
  /** The prices without a live campaign; null when no campaign price applies. */
  regularPrice: priceRange.nullable(),
  inStock: z.boolean(),
  photo: photoRenditions.nullable(),
  marks: z.array(listingMarkSchema),
});
const collectionFace = {
  id: uuid,
  slug: z.string(),
  title: bilingual,
  description: bilingual,
  cover: photoRenditions.nullable(),
};
/** A published collection on the home page: its first few public listings and how many it shows. */
export const publicCollectionSummarySchema = reply({ ...collectionFace, listings: z.array(collectionListingCardSchema), listingCount: z.number().int() });
/** A collection's page: its public listings in the curators' order. */
export const publicCollectionPageSchema = reply({ ...collectionFace, listings: z.array(collectionListingCardSchema) });
/** A collection as curators manage it: every item, with whether buyers can see it. */
export const collectionViewSchema = reply({
  ...collectionFace,
  position: z.number().int(),
  published: z.boolean(),
  items: z.array(reply({ listingId: uuid, title: z.string(), status: z.string(), visible: z.boolean() })),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type CollectionListingCard = z.infer<typeof collectionListingCardSchema>;
export type PublicCollectionSummary = z.infer<typeof publicCollectionSummarySchema>;
export type PublicCollectionPage = z.infer<typeof publicCollectionPageSchema>;
export type CollectionView = z.infer<typeof collectionViewSchema>;

// --- the home page

/** A listing as a home page tile: what buyers pay now (campaign price) beside the regular price. */
export const homeCardSchema = reply({
  id: uuid,
  title: bilingual,
  /** The cheapest variant's price now, and that variant's regular price (equal outside campaigns). */
  price: money,
  regularPrice: money,
  photo: photoRenditions.nullable(),
  shop: reply({ name: z.string(), slug: z.string() }),
  regency,
  marks: z.array(listingMarkSchema),
  campaigns: z.array(listingCampaignSchema),
  unitsSold: z.number().int(),
});
export const homeCampaignSchema = reply({
  id: uuid,
  slug: z.string(),
  kind: campaignKindSchema,
  title: bilingual,
  description: bilingual,
  banner: photoRenditions.nullable(),
  discountPercent: z.number().int().nullable(),
  startsAt: isoDate,
  endsAt: isoDate,
});
export const homeCollectionSchema = reply({
  ...collectionFace,
  /** The first public listings, in the curator's order. */
  listings: z.array(homeCardSchema),
});
export const homeArtisanSchema = reply({
  id: uuid,
  shopName: z.string(),
  shopSlug: z.string(),
  regency,
  verifiedAt: isoDate,
  photo: photoRenditions.nullable(),
});
export const homeRegionSchema = reply({
  regency,
  name: z.string(),
  /** Public listings made in the regency. */
  listingCount: z.number().int(),
  /** The most popular (units sold) public listings of the regency. */
  top: z.array(homeCardSchema),
});
export const homePageSchema = reply({
  campaigns: z.array(homeCampaignSchema),
  collections: z.array(homeCollectionSchema),
  newArtisans: z.array(homeArtisanSchema),
  regions: z.array(homeRegionSchema),
  generatedAt: isoDate,
});
export const homeReplySchema = reply({ page: homePageSchema, cache: z.enum(['hit', 'miss']) });
export type HomeCard = z.infer<typeof homeCardSchema>;
export type HomeCampaign = z.infer<typeof homeCampaignSchema>;
export type HomeCollection = z.infer<typeof homeCollectionSchema>;
export type HomeArtisan = z.infer<typeof homeArtisanSchema>;
export type HomeRegion = z.infer<typeof homeRegionSchema>;
export type HomePage = z.infer<typeof homePageSchema>;
export type HomeReply = z.infer<typeof homeReplySchema>;

/** A curator decision or council setting, as the catalog's audit log holds it. */
export const catalogAuditEntrySchema = reply({
  id: uuid,
  actorId: uuid,
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.record(z.unknown()).nullable(),
  after: z.record(z.unknown()).nullable(),
  reason: z.string().nullable(),
  createdAt: isoDate,
});
export type CatalogAuditEntry = z.infer<typeof catalogAuditEntrySchema>;

export const CurationReplies = {
  [CampaignPatterns.create]: campaignViewSchema,
  [CampaignPatterns.update]: campaignViewSchema,
  [CampaignPatterns.cancel]: campaignViewSchema,
  [CampaignPatterns.list]: page(campaignSummarySchema),
  [CampaignPatterns.get]: campaignViewSchema,
  [CampaignPatterns.addMembers]: campaignViewSchema,
  [CampaignPatterns.removeMember]: campaignViewSchema,
  [CampaignPatterns.setPrices]: campaignViewSchema,
  [CampaignPatterns.setBanner]: campaignViewSchema,
  [CampaignPatterns.publicList]: page(publicCampaignViewSchema),
  [CampaignPatterns.publicGet]: publicCampaignPageSchema,
  [CurationPatterns.markTypes]: z.array(markTypeViewSchema),
  [CurationPatterns.publicCollections]: reply({ items: z.array(publicCollectionSummarySchema) }),
  [CurationPatterns.publicCollection]: publicCollectionPageSchema,
  [CurationPatterns.markGrant]: markViewSchema,
  [CurationPatterns.markRevoke]: markViewSchema,
  [CurationPatterns.markList]: markPageSchema,
  [CurationPatterns.collectionCreate]: collectionViewSchema,
  [CurationPatterns.collectionUpdate]: collectionViewSchema,
  [CurationPatterns.collectionGet]: collectionViewSchema,
  [CurationPatterns.collectionList]: reply({ items: z.array(collectionViewSchema) }),
  [CurationPatterns.collectionSetItems]: collectionViewSchema,
  [CurationPatterns.collectionOrder]: reply({ items: z.array(collectionViewSchema) }),
  [CurationPatterns.collectionSetCover]: collectionViewSchema,
  [HomePatterns.get]: homeReplySchema,
  [CatalogPatterns.auditList]: page(catalogAuditEntrySchema),
} as const;
