import type { PaymentInstructions, PaymentMethod } from '@pk/contracts';
import type { Rupiah } from '@pk/core';

export type { PaymentInstructions, PaymentMethod };

/**
 * One way of taking money. Amounts are whole rupiah (bigint) on this side; each provider converts
 * to its own units. Providers hold no state of ours: the payments service keeps the records and
 * passes the ids and idempotency keys it stored.
 */
export interface PaymentProvider {
  readonly method: PaymentMethod;
  create(params: CreatePaymentParams): Promise<CreatedPayment>;
  /** The provider's object as it is now (not as some event once said it was). */
  retrieve(providerRef: string): Promise<ProviderPaymentState>;
  refund(params: RefundParams): Promise<ProviderRefund>;
  /** Stops a payment that has not succeeded; cancelling one already cancelled is not an error. */
  cancel(providerRef: string): Promise<void>;
}

export interface CreatePaymentParams {
  paymentId: string;
  orderId: string;
  amount: Rupiah;
  buyerEmail?: string;
  /** Shown in Stripe's dashboard ("Pasar Kriya order PK-…"); part of the idempotent request. */
  description?: string;
  expiresAt: Date;
  /** Ours, stored with the payment: a retry with the same key and the same values is the same payment. */
  idempotencyKey: string;
}

export interface CreatedPayment {
  /** Stripe's PaymentIntent id (pi_…), or the virtual account number for a bank transfer. */
  providerRef: string;
  status: 'pending' | 'requires_action';
  instructions: PaymentInstructions;
}

export type ProviderPaymentStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';

export interface ProviderPaymentState {
  status: ProviderPaymentStatus;
  amountReceived: Rupiah;
  /** Why the last attempt failed, in the provider's words (a buyer may still retry while pending). */
  failureMessage?: string;
}

export interface RefundParams {
  providerRef: string;
  amount: Rupiah;
  idempotencyKey: string;
  /** Free text for our records; sent as metadata, never as Stripe's enumerated reason. */
  reason?: string;
  /** Our ids (refundId, shipmentId), kept with the provider's refund for reconciliation. */
  metadata?: Record<string, string>;
}

export interface ProviderRefund {
  refundRef: string;
  status: 'succeeded' | 'pending' | 'failed';
}

/** What went wrong, whatever the provider called it. */
export const ProviderErrorKind = {
  /** Our request was wrong (a parameter, a currency): fix the code or the data, do not retry. */
  invalidRequest: 'invalid_request',
  cardDeclined: 'card_declined',
  amountTooSmall: 'amount_too_small',
  /** Above the provider's maximum, or a refund above what is left to refund. */
  amountTooLarge: 'amount_too_large',
  alreadyRefunded: 'already_refunded',
  /** The object is in a state that does not allow this (cancelling a paid intent, refunding an unpaid one). */
  invalidState: 'invalid_state',
  notFound: 'not_found',
  /** The idempotency key was used before with other values. */
  idempotencyConflict: 'idempotency_conflict',
  /** The secret key was refused: configuration, not data. */
  authentication: 'authentication',
  rateLimited: 'rate_limited',
  /** The provider could not be reached or failed on its side: retry with the same key. */
  unavailable: 'unavailable',
  unknown: 'unknown',
} as const;
export type ProviderErrorKind = (typeof ProviderErrorKind)[keyof typeof ProviderErrorKind];

const RETRYABLE: ReadonlySet<ProviderErrorKind> = new Set([ProviderErrorKind.rateLimited, ProviderErrorKind.unavailable]);

export interface ProviderErrorInit {
  method: PaymentMethod;
  kind: ProviderErrorKind;
  /** For a person: what happened and what to do about it. */
  message: string;
  /** The provider's own code (amount_too_small, card_declined, resource_missing). */
  providerCode?: string;
  providerMessage?: string;
  requestId?: string;
  httpStatus?: number;
  param?: string;
}

export class ProviderError extends Error {
  readonly method: PaymentMethod;
  readonly kind: ProviderErrorKind;
  readonly providerCode: string | null;
  readonly providerMessage: string | null;
  readonly requestId: string | null;
  readonly httpStatus: number | null;
  readonly param: string | null;

  constructor(init: ProviderErrorInit) {
    super(init.message);
    this.name = 'ProviderError';
    this.method = init.method;
    this.kind = init.kind;
    this.providerCode = init.providerCode ?? null;
    this.providerMessage = init.providerMessage ?? null;
    this.requestId = init.requestId ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.param = init.param ?? null;
  }

  /** Worth trying again later with the same idempotency key. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

export const isProviderError = (error: unknown): error is ProviderError => error instanceof ProviderError;
