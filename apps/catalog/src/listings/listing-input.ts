import { z } from 'zod';
import { REGENCY_SLUGS, Regency } from '@pk/contracts';

// One set of rules for a listing, whoever sends it: the REST API, the CSV import, another app.

const MAX_PRICE = 10_000_000_000n; // Rp 10 miliar: more is a typo, not a craft
const MAX_PACKAGE_CM = 500; // a side longer than 5 m is freight, not a parcel

const text = (min: number, max: number) => z.string().trim().min(min, `at least ${min} characters`).max(max, `at most ${max} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
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
