import { z } from 'zod';
import { canonicalProvince } from '../shipping/zones';

export const ADDRESS_LIMIT = 20;

/**
 * An Indonesian phone number as people write it (+62 812-3456-7890, 0812 3456 7890, 62361…,
 * (0361) 234567), stored as +62 and the digits; null when it is not one.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s\-.()]/g, '');
  const match = /^(?:\+62|62|0)([1-9]\d{7,11})$/.exec(compact);
  return match ? `+62${match[1]}` : null;
}

const text = (min: number, max: number) =>
  z
    .string({ invalid_type_error: 'text', required_error: 'required' })
    .trim()
    .min(min, min === 1 ? 'required' : `at least ${min} characters`)
    .max(max, `at most ${max} characters`);

const phone = z.string({ invalid_type_error: 'text', required_error: 'required' }).transform((value, ctx) => {
  const normalized = normalizePhone(value);
  if (!normalized) {
    ctx.addIssue({ code: 'custom', message: 'an Indonesian phone number, e.g. +62 812 3456 7890 or 0812 3456 7890' });
    return z.NEVER;
  }
  return normalized;
});

const province = z.string({ invalid_type_error: 'text', required_error: 'required' }).transform((value, ctx) => {
  const name = canonicalProvince(value);
  if (!name) {
    ctx.addIssue({ code: 'custom', message: "one of Indonesia's 38 provinces, e.g. Bali, Jawa Timur, DKI Jakarta, Nusa Tenggara Timur" });
    return z.NEVER;
  }
  return name;
});

const postalCode = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z.string({ invalid_type_error: 'text', required_error: 'required' }).trim().regex(/^[1-9]\d{4}$/, '5 digits, e.g. 80361'),
);

const fields = {
  label: text(1, 40).nullable().optional(),
  recipient: text(2, 100),
  phone,
  street: text(5, 200),
  district: text(2, 100),
  city: text(2, 100),
  province,
  postalCode,
  isDefault: z.boolean({ invalid_type_error: 'true or false' }).optional(),
};

export const createAddressInput = z.object(fields).strict();

export const updateAddressInput = z
  .object({
    id: z.string().uuid('must be a UUID'),
    label: fields.label,
    recipient: fields.recipient.optional(),
    phone: fields.phone.optional(),
    street: fields.street.optional(),
    district: fields.district.optional(),
    city: fields.city.optional(),
    province: fields.province.optional(),
    postalCode: fields.postalCode.optional(),
    isDefault: fields.isDefault,
  })
  .strict();

export const addressRef = z.object({ id: z.string().uuid('must be a UUID') }).strict();

export type CreateAddressInput = z.output<typeof createAddressInput>;
