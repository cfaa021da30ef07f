import { Inject, Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, assertSafeInput, parseInput } from '@pk/core';
import { parseBankCallback, verifyBankCallback } from '../providers/bank-callback-signature';
import { WebhookEvents } from './webhook-events';
import { webhookIntakeInput as intakeInput } from '@pk/contracts/requests/payments';

// Stripe's signed-payload tolerance, and ours for the bank.
const TOLERANCE_SECONDS = 300;

/**
 * Webhook intake: the signature is checked over the raw body, the event stored, and the answer
 * given; processing happens in the worker. Forged or stale signatures are a 400 and a log line.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger(WebhookIntakeService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: WebhookEvents,
  ) {}

  async stripe(data: unknown): Promise<{ received: true; duplicate: boolean }> {
    const { rawBody, signature } = parseInput(intakeInput, data);
    const secret = this.config.payments.stripe?.webhookSecret;
    if (!secret) throw new DomainError(ErrorCode.notFound, 'Card payments are not configured here.');
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(rawBody, signature ?? '', secret, TOLERANCE_SECONDS);
    } catch (error) {
      this.logger.warn(`refused a Stripe webhook: ${(error as Error).message}`);
      throw new DomainError(ErrorCode.invalidSignature, 'The Stripe-Signature header does not match this body, or is too old.');
    }
    // Stored as jsonb, which refuses NUL and lone surrogates: a 400 naming the field, not a 500.
    assertSafeInput(event);
    const object = event.data.object as { id?: string; object?: string; payment_intent?: string | { id: string } | null };
    const ref = object.object === 'payment_intent' ? object.id : typeof object.payment_intent === 'string' ? object.payment_intent : object.payment_intent?.id;
    const fresh = await this.events.store('stripe', event.id, event.type, ref ?? null, event);
    return { received: true, duplicate: !fresh };
  }

  async bank(data: unknown): Promise<{ received: true; duplicate: boolean }> {
    const { rawBody, signature } = parseInput(intakeInput, data);
    const check = verifyBankCallback(rawBody, signature ?? undefined, this.config.payments.bankCallbackSecret, { toleranceSeconds: TOLERANCE_SECONDS });
    if (!check.ok) {
      this.logger.warn(`refused a bank callback: ${check.message}`);
      throw new DomainError(ErrorCode.invalidSignature, `The bank callback's signature is not valid: ${check.message}`);
    }
    const parsed = parseBankCallback(rawBody);
    if (!parsed.ok) {
      const details = parsed.field ? [{ field: parsed.field, messages: [parsed.message] }] : undefined;
      throw new DomainError(ErrorCode.validationFailed, `The bank callback is malformed: ${parsed.message}`, details);
    }
    const { callback } = parsed;
    const fresh = await this.events.store('bank', callback.reference, 'transfer.received', callback.virtualAccount, {
      virtualAccount: callback.virtualAccount,
      amount: callback.amount.toString(),
      paidAt: callback.paidAt.toISOString(),
      reference: callback.reference,
    });
    return { received: true, duplicate: !fresh };
  }
}
