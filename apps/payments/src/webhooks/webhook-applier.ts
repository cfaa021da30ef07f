import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PaymentProviders } from '../payments/payment-providers';
import { PaymentRow } from '../payments/payment-view';
import { PaymentsService } from '../payments/payments.service';
import { WebhookEvents } from './webhook-events';

interface StoredEvent {
  provider: 'stripe' | 'bank';
  event_id: string;
  type: string;
  object_ref: string | null;
  payload: { amount?: string };
  processed_at: Date | null;
}

/**
 * Applies stored provider events, each once. A Stripe event is a hint: the payment intent is read
 * back and its current state applied, so events that come late or out of order change nothing
 * wrongly. A bank callback is the bank's word that money arrived on a virtual account.
 */
@Injectable()
export class WebhookApplier {
  private readonly logger = new Logger(WebhookApplier.name);

  constructor(
    private readonly db: DataSource,
    private readonly events: WebhookEvents,
    private readonly payments: PaymentsService,
    private readonly providers: PaymentProviders,
  ) {}

  /** Events stored but not handed over (Redis was down at intake). */
  async sweep(): Promise<void> {
    const rows: Array<{ provider: string; event_id: string }> = await this.db.query(
      `SELECT provider, event_id FROM payments.webhook_events WHERE processed_at IS NULL AND received_at < now() - interval '10 seconds' LIMIT 500`,
    );
    for (const r of rows) await this.events.handOver(r.provider, r.event_id);
  }

  async process(provider: string, eventId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows: StoredEvent[] = await tx.query(
        `SELECT * FROM payments.webhook_events WHERE provider = $1 AND event_id = $2 FOR UPDATE`,
        [provider, eventId],
      );
      const event = rows[0];
      if (!event || event.processed_at) return;
      const outcome = event.provider === 'stripe' ? await this.stripe(event, tx) : await this.bank(event, tx);
      await tx.query(`UPDATE payments.webhook_events SET processed_at = now(), outcome = $3 WHERE provider = $1 AND event_id = $2`, [provider, eventId, outcome]);
    });
  }

  private async stripe(event: StoredEvent, tx: EntityManager): Promise<string> {
    if (!event.object_ref) return 'ignored: no payment intent';
    const payment = await this.payment(tx, 'stripe', event.object_ref);
    if (!payment) return `ignored: no payment for ${event.object_ref}`;
    const state = await this.providers.for('card').retrieve(event.object_ref);
    switch (state.status) {
      case 'succeeded':
        return (await this.payments.succeed(payment.id, state.amountReceived, null, tx)) ? 'payment succeeded' : 'already succeeded';
      case 'failed':
        await this.payments.fail(payment.id, state.failureMessage ?? 'The card was declined.', false, tx);
        return 'attempt failed';
      case 'cancelled':
        await this.payments.fail(payment.id, 'The payment was cancelled at Stripe.', true, tx);
        return 'cancelled';
      default:
        return `still ${state.status}`;
    }
  }

  private async bank(event: StoredEvent, tx: EntityManager): Promise<string> {
    const payment = event.object_ref ? await this.payment(tx, 'bank_transfer', event.object_ref) : null;
    if (!payment) return `ignored: no payment for virtual account ${event.object_ref}`;
    const received = BigInt(event.payload.amount ?? '0');
    if (received !== BigInt(payment.amount)) {
      // Not this payment's amount: the council sorts it out with the buyer; nothing is applied.
      this.logger.warn(`transfer of ${received} to ${event.object_ref} does not match payment ${payment.id} of ${payment.amount}`);
      return `amount mismatch: received ${received}, expected ${payment.amount}`;
    }
    return (await this.payments.succeed(payment.id, received, null, tx)) ? 'payment succeeded' : 'already succeeded';
  }

  private async payment(tx: EntityManager, provider: string, ref: string): Promise<PaymentRow | null> {
    const rows: PaymentRow[] = await tx.query(`SELECT * FROM payments.payments WHERE provider = $1 AND provider_ref = $2`, [provider, ref]);
    return rows[0] ?? null;
  }
}
