import type { Rupiah } from '@pk/core';
import Stripe from 'stripe';
import {
  ProviderError,
  ProviderErrorKind,
  type CreatePaymentParams,
  type CreatedPayment,
  type PaymentProvider,
  type ProviderPaymentState,
  type ProviderRefund,
  type RefundParams,
} from './payment-provider';

export interface StripeProviderConfig {
  /** STRIPE_SECRET_KEY (sk_live_… / sk_test_…). */
  secretKey: string;
  /** STRIPE_API_URL: scheme, host and port only (the SDK takes no path prefix). */
  apiUrl?: string;
  /** STRIPE_PUBLISHABLE_KEY, handed to the web app with the client secret. */
  publishableKey?: string | null;
  /** Per attempt; the SDK's own default (80 s) would hold a checkout far too long. */
  timeoutMs?: number;
  /** Retries of connection errors, 409s and 5xx, each with the same Idempotency-Key. */
  maxNetworkRetries?: number;
}

export const DEFAULT_STRIPE_API_URL = 'https://api.stripe.com';

/** Stripe counts IDR in hundredths: Rp 150.000 is 15000000. */
export function toStripeIdr(amount: Rupiah): number {
  const hundredths = amount * 100n;
  if (amount <= 0n || hundredths > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ProviderError({
      method: 'card',
      kind: ProviderErrorKind.invalidRequest,
      message: `A card payment needs a positive amount in whole rupiah, got ${amount}`,
      param: 'amount',
    });
  }
  return Number(hundredths);
}

/** Back to whole rupiah; we only ever send whole rupiah, so a remainder cannot come from us. */
export const fromStripeIdr = (hundredths: number): Rupiah => BigInt(Math.trunc(hundredths)) / 100n;

/** Where the SDK should send requests, from a URL such as http://127.0.0.1:12111. */
export function stripeHostOptions(apiUrl: string): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new Error(`STRIPE_API_URL is not a URL: ${apiUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`STRIPE_API_URL must be http or https, got ${apiUrl}`);
  if (url.pathname !== '/' || url.search) throw new Error(`STRIPE_API_URL takes no path (the SDK adds /v1/…), got ${apiUrl}`);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}

export class StripeProvider implements PaymentProvider {
  readonly method = 'card' as const;
  private readonly stripe: Stripe;
  private readonly publishableKey: string | null;
  private readonly keyHint: string;

  constructor(config: StripeProviderConfig) {
    if (!config.secretKey) throw new Error('StripeProvider needs STRIPE_SECRET_KEY');
    this.publishableKey = config.publishableKey ?? null;
    this.keyHint = `…${config.secretKey.slice(-4)}`;
    this.stripe = new Stripe(config.secretKey, {
      ...stripeHostOptions(config.apiUrl || DEFAULT_STRIPE_API_URL),
      timeout: config.timeoutMs ?? 10_000,
      maxNetworkRetries: config.maxNetworkRetries ?? 2,
      appInfo: { name: 'pasar-kriya-payments' },
    });
  }

  /** PaymentIntents do not expire by themselves: the payments service cancels at `expiresAt`. */
  async create(params: CreatePaymentParams): Promise<CreatedPayment> {
    const amount = toStripeIdr(params.amount);
    const intent = await this.call(`create a card payment for order ${params.orderId}`, params.idempotencyKey, () =>
      this.stripe.paymentIntents.create(
        {
          amount,
          currency: 'idr',
          // API 2026-09-30.endive replaced payment_method_types with allowed_payment_method_types.
          allowed_payment_method_types: ['card'],
          // Stripe keeps the ids with the intent, so a webhook can be matched even before our row is found by ref.
          metadata: { paymentId: params.paymentId, orderId: params.orderId },
          ...(params.description ? { description: params.description } : {}),
          ...(params.buyerEmail ? { receipt_email: params.buyerEmail } : {}),
        },
        { idempotencyKey: params.idempotencyKey },
      ),
    );
    if (!intent.client_secret) {
      throw new ProviderError({ method: 'card', kind: ProviderErrorKind.unknown, message: `Stripe returned PaymentIntent ${intent.id} without a client secret` });
    }
    return {
      providerRef: intent.id,
      status: intent.status === 'requires_action' ? 'requires_action' : 'pending',
      instructions: { kind: 'card', clientSecret: intent.client_secret, publishableKey: this.publishableKey },
    };
  }

  async retrieve(providerRef: string): Promise<ProviderPaymentState> {
    const intent = await this.call(`read card payment ${providerRef}`, null, () => this.stripe.paymentIntents.retrieve(providerRef));
    return stateOfIntent(intent);
  }

  async refund(params: RefundParams): Promise<ProviderRefund> {
    const amount = toStripeIdr(params.amount);
    const metadata: Record<string, string> = { ...params.metadata };
    // Stripe caps metadata values at 500 characters.
    if (params.reason) metadata.reason = params.reason.slice(0, 500);
    const refund = await this.call(`refund ${params.amount} rupiah of card payment ${params.providerRef}`, params.idempotencyKey, () =>
      this.stripe.refunds.create({ payment_intent: params.providerRef, amount, metadata }, { idempotencyKey: params.idempotencyKey }),
    );
    return { refundRef: refund.id, status: refundStatus(refund.status) };
  }

  /** A refund as Stripe holds it now (card refunds can move from pending to succeeded or failed). */
  async retrieveRefund(refundRef: string): Promise<ProviderRefund & { amount: Rupiah; providerRef: string | null }> {
    const refund = await this.call(`read refund ${refundRef}`, null, () => this.stripe.refunds.retrieve(refundRef));
    const intent = refund.payment_intent;
    return {
      refundRef: refund.id,
      status: refundStatus(refund.status),
      amount: fromStripeIdr(refund.amount),
      providerRef: typeof intent === 'string' ? intent : (intent?.id ?? null),
    };
  }

  async cancel(providerRef: string): Promise<void> {
    try {
      await this.call(`cancel card payment ${providerRef}`, null, () => this.stripe.paymentIntents.cancel(providerRef, { cancellation_reason: 'abandoned' }));
    } catch (error) {
      if (!(error instanceof ProviderError) || error.kind !== ProviderErrorKind.invalidState) throw error;
      // Cancelling twice is fine; cancelling a paid intent is not (it needs a refund).
      const intent = await this.call(`read card payment ${providerRef}`, null, () => this.stripe.paymentIntents.retrieve(providerRef));
      if (intent.status === 'canceled') return;
      throw new ProviderError({
        method: 'card',
        kind: ProviderErrorKind.invalidState,
        message: `Card payment ${providerRef} cannot be cancelled: its status is ${intent.status}${intent.status === 'succeeded' ? '; refund it instead' : ''}`,
        providerCode: error.providerCode ?? undefined,
        providerMessage: error.providerMessage ?? undefined,
        httpStatus: error.httpStatus ?? undefined,
      });
    }
  }

  private async call<T>(what: string, idempotencyKey: string | null, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toProviderError(error, { what, idempotencyKey, keyHint: this.keyHint });
    }
  }
}

function stateOfIntent(intent: Stripe.PaymentIntent): ProviderPaymentState {
  const amountReceived = fromStripeIdr(intent.amount_received ?? 0);
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', amountReceived };
    case 'canceled':
      return { status: 'cancelled', amountReceived };
    case 'requires_payment_method':
      // Back here after a decline; the buyer may still try another card until we cancel it.
      return intent.last_payment_error
        ? { status: 'failed', amountReceived, failureMessage: intent.last_payment_error.message ?? intent.last_payment_error.code ?? 'payment failed' }
        : { status: 'pending', amountReceived };
    default:
      return { status: 'pending', amountReceived };
  }
}

function refundStatus(status: string | null): ProviderRefund['status'] {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'pending';
}

interface ErrorContext {
  what: string;
  idempotencyKey: string | null;
  keyHint: string;
}

/** Stripe's errors as our kinds, with a message that says what to do. */
export function toProviderError(error: unknown, ctx: ErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  if (!(error instanceof Stripe.errors.StripeError)) {
    return new ProviderError({ method: 'card', kind: ProviderErrorKind.unknown, message: `Could not ${ctx.what}: ${(error as Error)?.message ?? String(error)}` });
  }
  const base = {
    method: 'card' as const,
    providerCode: error.code,
    providerMessage: error.message,
    requestId: error.requestId,
    httpStatus: error.statusCode,
    param: error.param,
  };
  const make = (kind: ProviderErrorKind, message: string) => new ProviderError({ ...base, kind, message });
  const said = error.message ? ` Stripe said: ${error.message}` : '';

  if (error instanceof Stripe.errors.StripeAuthenticationError) {
    return make(ProviderErrorKind.authentication, `Stripe refused the secret key (${ctx.keyHint}) when trying to ${ctx.what}: set STRIPE_SECRET_KEY to the account's current secret key.`);
  }
  if (error instanceof Stripe.errors.StripePermissionError) {
    return make(ProviderErrorKind.authentication, `The Stripe key (${ctx.keyHint}) may not ${ctx.what}: use a key with PaymentIntent and Refund write access.${said}`);
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return make(
      ProviderErrorKind.idempotencyConflict,
      `Could not ${ctx.what}: idempotency key ${ctx.idempotencyKey ?? '(none)'} was used before with different values. Retry with the values first sent, or use a new key for a different request.`,
    );
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    return make(ProviderErrorKind.rateLimited, `Stripe is rate limiting requests; try to ${ctx.what} again shortly with the same idempotency key.`);
  }
  if (error instanceof Stripe.errors.StripeCardError) {
    const decline = error.decline_code ? ` (${error.decline_code})` : '';
    return make(ProviderErrorKind.cardDeclined, `The card was declined${decline}: the buyer can try another card.${said}`);
  }
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError) {
    return make(ProviderErrorKind.unavailable, `Stripe could not be reached or failed while trying to ${ctx.what}; retry with the same idempotency key.${said}`);
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    switch (error.code) {
      case 'amount_too_small':
        return make(ProviderErrorKind.amountTooSmall, `Could not ${ctx.what}: the amount is below Stripe's minimum charge; use bank transfer for small orders.${said}`);
      case 'amount_too_large':
        return make(ProviderErrorKind.amountTooLarge, `Could not ${ctx.what}: the amount is more than Stripe allows (or more than is left to refund).${said}`);
      case 'charge_already_refunded':
        return make(ProviderErrorKind.alreadyRefunded, `Could not ${ctx.what}: the payment has already been refunded in full.${said}`);
      case 'resource_missing':
        return make(ProviderErrorKind.notFound, `Could not ${ctx.what}: Stripe has no such object (a different account or a test/live key mix-up?).${said}`);
      case 'payment_intent_unexpected_state':
        return make(ProviderErrorKind.invalidState, `Could not ${ctx.what}: the payment is not in a state that allows it.${said}`);
      default:
        return make(ProviderErrorKind.invalidRequest, `Stripe refused the request to ${ctx.what}${error.param ? ` (parameter ${error.param})` : ''}.${said}`);
    }
  }
  return make(ProviderErrorKind.unknown, `Could not ${ctx.what}.${said}`);
}

export type StripeWebhookCheck = { ok: true; event: Stripe.Event } | { ok: false; reason: string };

/**
 * Verifies a webhook as Stripe documents it: HMAC-SHA256 of "{t}.{raw body}" with the endpoint
 * secret, the timestamp no older than `toleranceSeconds`. The body must be the bytes received.
 */
export function verifyStripeWebhook(rawBody: string | Buffer, signatureHeader: string | undefined, endpointSecret: string, toleranceSeconds = 300): StripeWebhookCheck {
  if (!signatureHeader) return { ok: false, reason: 'no Stripe-Signature header' };
  try {
    return { ok: true, event: Stripe.webhooks.constructEvent(rawBody, signatureHeader, endpointSecret, toleranceSeconds) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
