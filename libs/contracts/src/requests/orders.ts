import { z } from 'zod';
import type { OrderStatus, ShipmentStatus } from '../orders';
import { PAYMENT_METHODS } from '../payments';
import { SALES_GROUPS } from '../reports';
import { paging } from './common';
import { canonicalProvince } from './provinces';

// The orders app's requests: addresses, carts, shipping, checkout, orders, shipments,
// complaints, reviews, notifications and the sales report.

const id = z.string().uuid('must be a UUID');
const ref = z.object({ id }).strict();

// --- Addresses

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

// --- Checkout
export const checkoutInput = z
  .object({
    idempotencyKey: z.string().trim().min(8, 'send a unique Idempotency-Key header per checkout (a UUID)').max(100),
    addressId: z.string().uuid('must be a UUID (one of your addresses)'),
    // artisanId → a shipping option code from the quote (e.g. "JNE:REG", "pickup")
    shipping: z.record(z.string().uuid('artisan ids are UUIDs'), z.string().min(1).max(60)),
    paymentMethod: z.enum(PAYMENT_METHODS as ['card', 'bank_transfer'], { errorMap: () => ({ message: `one of: ${PAYMENT_METHODS.join(', ')}` }) }),
  })
  .strict();
export type CheckoutInput = z.infer<typeof checkoutInput>;


// --- Carts
export const CART_LIMITS = { perLine: 20, lines: 50 } as const;

export const cartTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'a cart token from POST /api/v1/cart/anonymous');

const quantity = z
  .number({ invalid_type_error: 'a whole number from 1 to 20' })
  .int('a whole number')
  .min(1, 'at least 1 (remove the line instead)')
  .max(CART_LIMITS.perLine, `at most ${CART_LIMITS.perLine}`);
// The gateway passes the X-Cart-Token header along as `token`; the owner is resolved from it first.
const token = z.unknown().optional();

export const cartGetInput = z.object({ token }).strict();
export const cartAddInput = z.object({ token, variantId: id, quantity }).strict();
export const cartSetInput = z.object({ token, variantId: id, quantity }).strict();
export const cartRemoveInput = z.object({ token, variantId: id }).strict();
export const cartMergeInput = z.object({ token: cartTokenSchema }).strict();

// --- Shipping
const MAX_WEIGHT_GRAMS = 1_000_000;

/** A rate estimate to a province, for a parcel's weight. */
export const shippingEstimateInput = z
  .object({
    province: z.string({ required_error: 'required', invalid_type_error: 'text' }),
    weightGrams: z
      .number({ required_error: 'required', invalid_type_error: 'a whole number of grams' })
      .int('a whole number of grams')
      .min(0, 'cannot be negative')
      .max(MAX_WEIGHT_GRAMS, `at most ${MAX_WEIGHT_GRAMS}`),
  })
  .strict();
/** The caller's cart to one of their addresses. */
export const shippingCartQuoteInput = z.object({ addressId: z.string({ required_error: 'required' }).uuid('must be a UUID') }).strict();
/** orders.shipping.quote: a cart quote when `addressId` is sent, else an estimate. */
export const shippingQuoteInput = z.union([shippingCartQuoteInput, shippingEstimateInput]);
export const shippingQuoteBranch = (data: unknown) =>
  data && typeof data === 'object' && 'addressId' in data ? shippingCartQuoteInput : shippingEstimateInput;

// --- Orders
export const ORDER_STATUSES = ['pending_payment', 'paid', 'completed', 'cancelled'] as const satisfies readonly OrderStatus[];
const status = z.enum(ORDER_STATUSES, { errorMap: () => ({ message: `one of: ${ORDER_STATUSES.join(', ')}` }) });
const reason = z.string().trim().min(3, 'at least 3 characters').max(300);

export const orderRef = ref;
export const orderCancelInput = z.object({ id, reason: reason.optional() }).strict();
export const curationOrderCancelInput = z.object({ id, reason }).strict();
export const orderListInput = z.object({ status: status.optional(), ...paging(50, 20) }).strict();
const day = z.string().date('a date, YYYY-MM-DD (a day in Bali time)');
export const curationOrdersInput = z
  .object({
    status: status.optional(),
    buyerId: id.optional(),
    artisanId: id.optional(),
    number: z.string().trim().min(1).max(40).optional(),
    from: day.optional(),
    to: day.optional(),
    complaint: z.enum(['open'], { errorMap: () => ({ message: 'only "open"' }) }).optional(),
    ...paging(100, 20),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'on or after from', path: ['to'] });

// --- Shipments
/** What an artisan's inbox lists: every status but the unpaid one. */
export const INBOX_STATUSES = ['paid', 'accepted', 'shipped', 'delivered', 'completed', 'cancelled'] as const satisfies readonly ShipmentStatus[];

export const shipmentRef = ref;
export const shipmentInboxInput = z
  .object({
    // one status or several, comma-separated: "paid,accepted" is what is waiting to be shipped
    status: z.string().transform((s) => s.split(',').map((p) => p.trim())).pipe(z.array(z.enum(INBOX_STATUSES, { errorMap: () => ({ message: `each one of: ${INBOX_STATUSES.join(', ')}` }) }))).optional(),
    ...paging(50, 20),
  })
  .strict();
export const shipmentShipInput = z
  .object({
    id,
    courier: z.string().trim().min(2, 'name the courier (at least 2 characters)').max(40).optional(),
    trackingNumber: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(/^[A-Z0-9-]{6,40}$/, '6–40 letters, digits or dashes, as on the receipt')),
  })
  .strict();

// --- Complaints
export const complaintOpenInput = z
  .object({
    shipmentId: id,
    reason: z.string().trim().min(10, 'tell the council what is wrong, in a sentence or two (at least 10 characters)').max(2000),
  })
  .strict();
export const complaintResolveInput = z.discriminatedUnion('resolution', [
  z
    .object({
      id,
      resolution: z.literal('refund'),
      // whole rupiah; the shipment's total not yet refunded when left out
      amount: z.string().regex(/^[1-9]\d{0,15}$/, 'whole rupiah as digits, more than 0').optional(),
      note: z.string().trim().min(3, 'at least 3 characters').max(400).optional(),
    })
    .strict(),
  z
    .object({
      id,
      resolution: z.literal('reject'),
      note: z.string().trim().min(3, 'tell the buyer why (at least 3 characters)').max(1000),
    })
    .strict(),
]);

// --- Reviews
const reviewText = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
export const reviewCreateInput = z
  .object({
    orderLineId: id,
    rating: z.number({ invalid_type_error: 'a whole number from 1 to 5' }).int('a whole number from 1 to 5').min(1, 'at least 1').max(5, 'at most 5'),
    body: reviewText(2000).optional(),
  })
  .strict();
export const reviewReplyInput = z.object({ id, reply: reviewText(2000).min(2, 'write a reply (at least 2 characters)') }).strict();
export const reviewsOfListingInput = z.object({ listingId: id, ...paging(50, 10) }).strict();

// --- Notifications
export const notificationListInput = z.object({ unread: z.enum(['true', 'false']).optional(), ...paging(100, 20) }).strict();
export const notificationReadInput = z.object({ ids: z.array(z.string().uuid('must be a UUID')).min(1).max(100) }).strict();

// --- The sales report

const DAY_MS = 86_400_000;
const WITA_OFFSET_MS = 8 * 3_600_000;
// A day-by-day report over more than this is not a report anyone reads.
const MAX_SPAN_DAYS = 1_100;

/** Today's date in Bali (WITA, UTC+8, no daylight saving). */
export const todayWita = (now = Date.now()): string => new Date(now + WITA_OFFSET_MS).toISOString().slice(0, 10);

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

// A real calendar day: 2026-02-30 is refused, not rolled over into March.
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

/** `orders.reports.sales`: the period defaults to the last 30 days, today included. */
export const salesInput = z
  .object({
    groupBy: z.enum(SALES_GROUPS, { message: `one of ${SALES_GROUPS.join(', ')}` }).default('regency'),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number().int('a whole number').min(1, 'at least 1').max(1000, 'at most 1000').default(100),
  })
  .strict()
  .transform((q) => {
    const to = q.to ?? todayWita();
    return { ...q, to, from: q.from ?? addDays(to, -29) };
  })
  .superRefine((q, ctx) => {
    const span = (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS;
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (span > MAX_SPAN_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_SPAN_DAYS} days after from` });
  });
export type SalesInput = z.output<typeof salesInput>;
