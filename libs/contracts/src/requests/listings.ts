import { z } from 'zod';
import { REGENCY_SLUGS, Regency } from '../catalog';
import { dateInput, optionalText, paging, text } from './common';

// One set of rules for a listing, whoever sends it: the REST API, the CSV import, another app.

const MAX_PRICE = 10_000_000_000n; // Rp 10 miliar: more is a typo, not a craft
const MAX_PACKAGE_CM = 500; // a side longer than 5 m is freight, not a parcel

const words = (label: string) => z.array(text(1, 40)).max(10, `at most 10 ${label}`);

/** Whole rupiah, as a JSON integer or a digit string; bigint inside. */
export const rupiahInput = z
  .union([z.number().int('whole rupiah, no decimals').safe(), z.string().regex(/^\d+$/, 'whole rupiah as digits')])
  .transform((v) => BigInt(v))
  .refine((v) => v > 0n, 'must be more than 0')
  .refine((v) => v <= MAX_PRICE, 'at most Rp 10.000.000.000');

export const SKU_PATTERN = /^[A-Za-z0-9._-]{1,50}$/;

export const variantInput = z
  .object({
    sku: z.string().trim().regex(SKU_PATTERN, '1 to 50 letters, digits, dots, dashes or underscores, no spaces'),
    options: z
      .record(text(1, 30), text(1, 60))
      .refine((o) => Object.keys(o).length <= 5, 'at most 5 options')
      .default({}),
    price: rupiahInput,
    stock: z.number().int('a whole number').min(0, 'cannot be negative').max(1_000_000),
  })
  .strict();
export type VariantInput = z.output<typeof variantInput>;

const dimension = z.number().positive('must be more than 0').max(10_000, 'at most 10000 cm');
// A parcel couriers carry: stored with one decimal, so less than 0.1 cm would be stored as 0.
const packageDimension = z.number().min(0.1, 'at least 0.1 cm').max(MAX_PACKAGE_CM, `at most ${MAX_PACKAGE_CM} cm`);

const listingFields = {
  title: z.object({ id: text(3, 150), en: optionalText(150) }).strict(),
  description: z.object({ id: text(10, 5000), en: optionalText(5000) }).strict(),
  /** A leaf of the craft taxonomy, by slug; existence is checked against the table. */
  category: z.string().trim().min(1).max(60),
  materials: words('materials').default([]),
  techniques: words('techniques').default([]),
  regency: z.enum(REGENCY_SLUGS as [Regency, ...Regency[]], {
    errorMap: () => ({ message: `one of ${REGENCY_SLUGS.join(', ')}` }),
  }),
  dimensionsCm: z.object({ length: dimension, width: dimension, height: dimension }).strict(),
  weightGrams: z.number().int('whole grams').positive('must be more than 0').max(1_000_000, 'at most 1000 kg'),
  /** The parcel as shipped (a cloth folded), when it differs from the piece; null clears it, absent keeps it. */
  packageCm: z.object({ length: packageDimension, width: packageDimension, height: packageDimension }).strict().nullish(),
  handmade: z.boolean().default(true),
  /** Made to order: days to make it; null when it is in stock. */
  leadTimeDays: z.number().int().min(1).max(365).nullable().default(null),
};

export const listingInput = z
  .object({
    ...listingFields,
    variants: z.array(variantInput).min(1, 'at least one variant').max(100, 'at most 100 variants'),
  })
  .strict()
  .superRefine((l, ctx) => {
    const seen = new Set<string>();
    l.variants.forEach((v, i) => {
      const key = v.sku.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'sku'], message: `SKU ${v.sku} appears twice` });
      seen.add(key);
    });
  });
export type ListingInput = z.output<typeof listingInput>;

export const listingPatch = z.object(listingFields).partial().strict();
export type ListingPatch = z.output<typeof listingPatch>;

export const variantPatch = variantInput.partial().strict();
export type VariantPatch = z.output<typeof variantPatch>;

// --- The requests of the listing and variant patterns.

const uuid = z.string().uuid('must be a UUID');

/** catalog.listings.update: the body is the patch; the catalog names a bad field from the patch. */
export const listingUpdateInput = z.object({ id: uuid, patch: listingPatch }).strict();

export const listingMineQuery = z
  .object({
    status: z.enum(['draft', 'submitted', 'published', 'archived']).optional(),
    ...paging(100, 20),
  })
  .strict();

export const listingDecisionInput = z
  .object({
    id: uuid,
    decision: z.enum(['approve', 'reject', 'unpublish']),
    reason: z.string().trim().min(3, 'at least 3 characters').max(1000).optional(),
  })
  .strict()
  .refine((d) => d.decision === 'approve' || d.reason, { path: ['reason'], message: 'say why, so the artisan can fix it' });

export const listingQueueQuery = z
  .object({
    ...paging(100, 20),
  })
  .strict();

export const variantAddInput = z.object({ listingId: uuid, variant: variantInput }).strict();
export const variantUpdateInput = z.object({ listingId: uuid, variantId: uuid, patch: variantPatch }).strict();
export const variantRemoveInput = z.object({ listingId: uuid, variantId: uuid }).strict();
export const variantStockInput = z
  .object({
    listingId: uuid,
    variantId: uuid,
    stock: z.number().int('a whole number').min(0, 'cannot be negative').max(1_000_000),
    note: z.string().trim().max(200).optional(),
  })
  .strict();

/** catalog.variants.lookup (orders' carts). */
export const variantsLookupInput = z.object({ ids: z.array(z.string().uuid('must be a UUID')).max(200, 'at most 200 ids') }).strict();

/** catalog.listings.snapshots and catalog.listings.index_digest (search's index). */
export const listingStatesInput = z.object({ ids: z.array(uuid).max(1000, 'at most 1000 ids') }).strict();
export const listingDigestInput = z
  .object({ after: uuid.nullish(), limit: z.number().int().min(1).max(5000).default(1000) })
  .strict();

/** catalog.imports.*: a CSV as base64, or one import by id. */
export const importUploadInput = z.object({ csvBase64: z.string().max(30_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64') }).strict();

/** catalog.settings.update */
export const settingsUpdateInput = z.object({ autoPublishVerified: z.boolean() }).partial().strict();

/** catalog.audit.list */
export const auditListQuery = z
  .object({
    actorId: z.string().uuid().optional(),
    action: z.string().max(100).optional(),
    entityType: z.string().max(50).optional(),
    entityId: z.string().max(100).optional(),
    from: dateInput().optional(),
    to: dateInput().optional(),
    ...paging(200, 50),
  })
  .strict();
