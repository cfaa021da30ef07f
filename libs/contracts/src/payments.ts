// The payments app: payments by card (Stripe) or bank transfer, webhooks, refunds, the payout ledger.

export const PaymentsPatterns = {
  // from orders' checkout and cancellations (service to service; the caller is the buyer or the system)
  create: 'payments.create',
  cancel: 'payments.cancel',
  refund: 'payments.refund',
  // buyers: their own only (curators read any through curationGet)
  get: 'payments.get',
  // webhook intake at the gateway: the raw body and its signature header
  stripeWebhook: 'payments.webhooks.stripe',
  bankCallback: 'payments.webhooks.bank',
  // curators
  confirmTransfer: 'payments.transfers.confirm',
  list: 'payments.list',
  curationGet: 'payments.curation.get',
  // the payout ledger
  statement: 'payments.ledger.statement',
  commissionGet: 'payments.commission.get',
  commissionPut: 'payments.commission.put',
  payoutCreate: 'payments.payouts.create',
  payoutList: 'payments.payouts.list',
  payoutGet: 'payments.payouts.get',
  payoutCsv: 'payments.payouts.csv',
  payoutMarkPaid: 'payments.payouts.mark_paid',
  ledgerTotals: 'payments.ledger.totals',
} as const;

export const PaymentsEvents = {
  paymentSucceeded: 'payment.succeeded',
  paymentFailed: 'payment.failed',
  paymentRefunded: 'payment.refunded',
} as const;

export type PaymentMethod = 'card' | 'bank_transfer';
export const PAYMENT_METHODS: PaymentMethod[] = ['card', 'bank_transfer'];
// PaymentStatus, PaymentInstructions, PaymentView and RefundView are the reply schemas' types (replies/payments.ts).
export type { PaymentInstructions, PaymentStatus, PaymentView, RefundView } from './replies/payments';

/** payments.create, from orders' checkout. Amounts are whole rupiah as digits. */
export interface CreatePaymentRequest {
  orderId: string;
  orderNumber: string;
  buyerId: string;
  method: PaymentMethod;
  amount: string;
  expiresAt: string;
  /** The same key (the order's) returns the same payment. */
  idempotencyKey: string;
}

/** payments.refund: a shipment's part (or an amount) of a paid order; idempotent by key. */
export interface RefundRequest {
  orderId: string;
  shipmentId?: string;
  amount: string;
  reason: string;
  idempotencyKey: string;
}

export interface PaymentSucceededEvent { paymentId: string; orderId: string; amount: string; method: PaymentMethod }
export interface PaymentFailedEvent { paymentId: string; orderId: string; reason: string; final: boolean }
export interface PaymentRefundedEvent { paymentId: string; orderId: string; refundId: string; shipmentId: string | null; amount: string }
