import { z } from 'zod';
import { PaymentsPatterns } from '../payments';
import { isoDate, money, page, pageAt, reply, serialId, signedMoney, uuid } from './common';

// The payments app's replies: payments and refunds, webhooks' receipts, the payout ledger.

export const paymentMethodSchema = z.enum(['card', 'bank_transfer']);
export const paymentInstructionsSchema = z.discriminatedUnion('kind', [
  reply({ kind: z.literal('card'), clientSecret: z.string(), publishableKey: z.string().nullable() }),
  reply({ kind: z.literal('bank_transfer'), bank: z.string(), virtualAccount: z.string(), amount: money, expiresAt: isoDate }),
]);

export const paymentStatusSchema = z.enum(['pending', 'succeeded', 'failed', 'cancelled', 'expired']);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;
export type PaymentInstructions = z.infer<typeof paymentInstructionsSchema>;

export const paymentViewSchema = reply({
  id: uuid,
  orderId: uuid,
  buyerId: uuid,
  method: paymentMethodSchema,
  status: paymentStatusSchema,
  amount: money,
  refunded: money,
  /** How to pay, while the payment is pending; null after. */
  instructions: paymentInstructionsSchema.nullable(),
  expiresAt: isoDate,
  paidAt: isoDate.nullable(),
  createdAt: isoDate,
});
export type PaymentView = z.infer<typeof paymentViewSchema>;

export const refundViewSchema = reply({
  id: uuid,
  paymentId: uuid,
  orderId: uuid,
  shipmentId: uuid.nullable(),
  amount: money,
  status: z.enum(['pending', 'succeeded', 'failed']),
  reason: z.string(),
  createdAt: isoDate,
});
export type RefundView = z.infer<typeof refundViewSchema>;

const webhookReceipt = reply({ received: z.literal(true), duplicate: z.boolean() });

// Signed: a refund after a payout can leave an artisan owing.
export const balancesSchema = reply({ pending: signedMoney, available: signedMoney });
export type Balances = z.infer<typeof balancesSchema>;
export const statementEntrySchema = reply({
  id: serialId,
  kind: z.enum(['sale', 'commission', 'refund', 'adjustment', 'payout']),
  /** Signed: what the artisan is owed goes up (sale, a commission given back) or down. */
  amount: signedMoney,
  state: z.enum(['pending', 'available']),
  orderId: uuid.nullable(),
  shipmentId: uuid.nullable(),
  payoutId: uuid.nullable(),
  memo: z.string().nullable(),
  createdAt: isoDate,
});
export const statementSchema = pageAt(statementEntrySchema).extend({ artisanId: uuid, balances: balancesSchema });
export type StatementEntry = z.infer<typeof statementEntrySchema>;
export type Statement = z.infer<typeof statementSchema>;

export const commissionRatesSchema = reply({
  defaultBps: z.number().int(),
  rates: z.array(reply({ categorySlug: z.string(), rateBps: z.number().int(), updatedBy: uuid.nullable(), updatedAt: isoDate })),
});
export type CommissionRates = z.infer<typeof commissionRatesSchema>;

export const payoutSummarySchema = reply({
  id: uuid,
  status: z.enum(['created', 'paid']),
  minimum: money,
  total: money,
  artisans: z.number().int(),
  createdBy: uuid,
  createdAt: isoDate,
  paidBy: uuid.nullable(),
  paidAt: isoDate.nullable(),
  bankReference: z.string().nullable(),
});
export const payoutItemViewSchema = reply({
  artisanId: uuid,
  amount: money,
  shopName: z.string(),
  shopSlug: z.string(),
  bankName: z.string(),
  accountName: z.string(),
  accountNumber: z.string(),
  /** The transfer's reference ("berita"), unique per item. */
  reference: z.string(),
});
export const payoutViewSchema = payoutSummarySchema.extend({ items: z.array(payoutItemViewSchema) });
export type PayoutSummary = z.infer<typeof payoutSummarySchema>;
export type PayoutView = z.infer<typeof payoutViewSchema>;
export const payoutFileSchema = reply({ fileName: z.string(), csv: z.string() });
export type PayoutFile = z.infer<typeof payoutFileSchema>;
export type PayoutItemView = z.infer<typeof payoutItemViewSchema>;

export const ledgerTotalsSchema = reply({
  /** Every entry of the ledger added up: always '0'. */
  sum: signedMoney,
  byAccount: z.record(signedMoney),
  artisans: reply({ pending: signedMoney, available: signedMoney }),
  postings: z.number().int(),
  unbalancedPostings: z.number().int(),
});
export type LedgerTotals = z.infer<typeof ledgerTotalsSchema>;

export const PaymentsReplies = {
  [PaymentsPatterns.create]: paymentViewSchema,
  [PaymentsPatterns.cancel]: paymentViewSchema,
  [PaymentsPatterns.refund]: refundViewSchema,
  [PaymentsPatterns.get]: paymentViewSchema,
  [PaymentsPatterns.curationGet]: paymentViewSchema,
  [PaymentsPatterns.list]: page(paymentViewSchema),
  [PaymentsPatterns.confirmTransfer]: paymentViewSchema,
  [PaymentsPatterns.stripeWebhook]: webhookReceipt,
  [PaymentsPatterns.bankCallback]: webhookReceipt,
  [PaymentsPatterns.statement]: statementSchema,
  [PaymentsPatterns.commissionGet]: commissionRatesSchema,
  [PaymentsPatterns.commissionPut]: commissionRatesSchema,
  [PaymentsPatterns.payoutCreate]: payoutViewSchema,
  [PaymentsPatterns.payoutList]: page(payoutSummarySchema),
  [PaymentsPatterns.payoutGet]: payoutViewSchema,
  [PaymentsPatterns.payoutCsv]: payoutFileSchema,
  [PaymentsPatterns.payoutMarkPaid]: payoutViewSchema,
  [PaymentsPatterns.ledgerTotals]: ledgerTotalsSchema,
} as const;
