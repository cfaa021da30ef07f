import { z } from 'zod';
import { SLUG, slugText, text } from './common';

// What curators send to make, fill and order collections; what buyers ask for.

export const MAX_ITEMS = 100;

const uuid = z.string().uuid('must be a UUID');
const optionalText = (max: number) =>
  z.preprocess((v) => (v === '' ? null : v), text(1, max).nullish().transform((v) => v ?? null));

const slug = slugText(80, 'endek-untuk-selasa');

const fields = {
  slug,
  title: z.object({ id: text(3, 120), en: optionalText(120) }).strict(),
  description: z.object({ id: text(10, 2000), en: optionalText(2000) }).strict(),
  published: z.boolean({ invalid_type_error: 'true or false' }),
};

export const createInput = z.object({ ...fields, published: fields.published.default(false) }).strict();
export const updateInput = z
  .object({ id: uuid, ...fields })
  .partial({ slug: true, title: true, description: true, published: true })
  .strict();
export type UpdateInput = z.output<typeof updateInput>;

export const byIdInput = z.object({ id: uuid }).strict();
export const bySlugInput = z.object({ slug: z.string().trim().regex(SLUG, 'a collection slug').max(80, 'at most 80 characters') }).strict();

export const setItemsInput = z
  .object({
    id: uuid,
    listingIds: z
      .array(uuid, { required_error: 'the listings, in order', invalid_type_error: 'an array of listing ids' })
      .max(MAX_ITEMS, `at most ${MAX_ITEMS} listings`)
      .refine((ids) => new Set(ids).size === ids.length, 'each listing at most once'),
  })
  .strict();

export const orderInput = z
  .object({
    ids: z
      .array(uuid, { required_error: 'every collection id, first shown first' })
      .refine((ids) => new Set(ids).size === ids.length, 'each collection once'),
  })
  .strict();
