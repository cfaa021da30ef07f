import { z } from 'zod';
import { PAYMENT_METHODS } from '../payments';
import { paging } from './common';

// The payments app's requests: payments, refunds, the ledger, commission, payouts, webhooks.

const digits = z.string().regex(/^[1-9]\d{0,15}$/, 'whole rupiah as digits');

/** payments.create: only orders asks, for a checkout. */
export const paymentCreateInput = z
  .object({
    orderId: z.string().uuid(),
    orderNumber: z.string().min(1).max(40),
    buyerId: z.string().uuid(),
    method: z.enum(PAYMENT_METHODS as ['card', 'bank_transfer']),
    amount: digits,
    expiresAt: z.string().datetime({ offset: true }),
    idempotencyKey: z.string().min(1).max(200),
  })
  .strict();
export const paymentRef = z.union([z.object({ id: z.string().uuid('must be a UUID') }).strict(), z.object({ orderId: z.string().uuid('must be a UUID') }).strict()]);
export const paymentListInput = z.object({ status: z.enum(['pending', 'succeeded', 'failed', 'cancelled', 'expired']).optional(), ...paging(100, 20) }).strict();
export const paymentCancelInput = z.object({ orderId: z.string().uuid() }).strict();
export const confirmTransferInput = z.object({ id: z.string().uuid('must be a UUID') }).strict();

export const refundInput = z
  .object({
    orderId: z.string().uuid('must be a UUID'),
    shipmentId: z.string().uuid('must be a UUID').optional(),
    amount: z.string().regex(/^[1-9]\d{0,15}$/, 'whole rupiah as digits, more than 0'),
    reason: z.string().trim().min(3, 'say why, in a few words').max(500),
    idempotencyKey: z.string().min(1).max(200),
  })
  .strict();

export const statementInput = z.object({ artisanId: z.string().uuid('must be a UUID').optional(), ...paging(100, 20) }).strict();

export const commissionPutInput = z
  .object({
    categorySlug: z.string().trim().min(1, 'required').max(80),
    // null: back to the council's default
    rateBps: z.number({ invalid_type_error: 'a whole number of basis points (1000 = 10%)' })
      .int('a whole number of basis points (1000 = 10%)')
      .min(0, 'cannot be negative')
      .max(5000, 'at most 5000 (50%)')
      .nullable(),
  })
  .strict();

export const payoutRef = z.object({ id: z.string().uuid('must be a UUID') }).strict();
export const payoutListInput = z.object({ status: z.enum(['created', 'paid']).optional(), ...paging(100, 20) }).strict();
export const payoutMarkPaidInput = z
  .object({ id: z.string().uuid('must be a UUID'), bankReference: z.string().trim().min(1, 'required').max(100, 'at most 100 characters') })
  .strict();

/** A provider's callback as the gateway received it: the raw body and its signature header. */
export const webhookIntakeInput = z.object({ rawBody: z.string().max(1_000_000), signature: z.string().max(2000).nullish() }).strict();
