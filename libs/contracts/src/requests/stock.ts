import { z } from 'zod';

// What orders' checkout may ask of the catalog: checked here, whoever calls.

const uuid = z.string().uuid('must be a UUID');

const line = z
  .object({
    // Postgres reads a UUID in any case: lower-case it so a variant cannot appear twice disguised.
    variantId: uuid.transform((v) => v.toLowerCase()),
    quantity: z.number().int('a whole number').min(1, 'at least 1').max(100, 'at most 100'),
  })
  .strict();

export const reservationInput = z
  .object({
    // Only from orders calling as itself (a user reserves as themself): see buyerOf.
    buyerId: uuid.optional(),
    key: z.string().min(1, 'at least 1 character').max(100, 'at most 100 characters'),
    lines: z
      .array(line)
      .min(1, 'at least one line')
      .max(100, 'at most 100 lines')
      .superRefine((lines, ctx) => {
        const seen = new Set<string>();
        lines.forEach((l, i) => {
          if (seen.has(l.variantId)) ctx.addIssue({ code: 'custom', path: [i, 'variantId'], message: 'this variant is already on another line' });
          seen.add(l.variantId);
        });
      }),
    // A bank transfer's 24-hour window, and a little more, is the longest a checkout holds stock.
    ttlSeconds: z.number().int('whole seconds').min(60, 'at least 60').max(2 * 86_400, 'at most 172800 (two days)').default(900),
  })
  .strict();
export type ReservationInput = z.output<typeof reservationInput>;
export type WantedLine = ReservationInput['lines'][number];

export const reservationRef = z.object({ id: uuid }).strict();

export const stockHistoryQuery = z
  .object({
    listingId: uuid,
    variantId: uuid,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** A movement id from the previous page: older movements only. */
    before: z.string().regex(/^\d{1,18}$/, 'a movement id').optional(),
  })
  .strict();

/** reservationReturn: the reservation, and the variants whose sold units come back (all when left out). */
export const returnInput = z
  .object({ id: z.string().uuid('must be a UUID'), variantIds: z.array(z.string().uuid('must be a UUID')).min(1).max(100).optional() })
  .strict();
