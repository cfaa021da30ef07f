import { Injectable, Logger } from '@nestjs/common';
import { Caller, CatalogPatterns, PaymentView, PaymentsPatterns, ReservationReply, Services, VariantInfo } from '@pk/contracts';
import { ServiceClients } from '@pk/messaging';

/**
 * The checkout's steps that reach other apps, each with the step that undoes it. The saga
 * (checkout.service.ts) runs them in order and, when a later one fails, the compensations of
 * those that succeeded, so a failure leaves nothing half-done.
 */
@Injectable()
export class CheckoutSteps {
  private readonly logger = new Logger(CheckoutSteps.name);

  constructor(private readonly clients: ServiceClients) {}

  /** All or nothing, under the buyer's key: the same key is the same reservation. */
  reserve(buyer: Caller, key: string, lines: Array<{ variant: VariantInfo; quantity: number }>, ttlSeconds: number): Promise<ReservationReply> {
    return this.clients.send(Services.catalog, CatalogPatterns.reservationCreate, {
      key: `checkout:${key}`,
      lines: lines.map((l) => ({ variantId: l.variant.id, quantity: l.quantity })),
      ttlSeconds,
    }, buyer);
  }

  async release(buyer: Caller, reservationId: string): Promise<void> {
    await this.clients
      .send(Services.catalog, CatalogPatterns.reservationRelease, { id: reservationId }, buyer)
      // The sweeper releases it at expiry anyway: a failed release is late, not lost.
      .catch((error: Error) => this.logger.warn(`release of reservation ${reservationId} failed (it expires by itself): ${error.message}`));
  }

  /** Sold units back on sale (a paid order cancelled before shipping); each line once, so a retry is safe. */
  returnSold(buyer: Caller, reservationId: string, variantIds?: string[]): Promise<ReservationReply> {
    return this.clients.send(Services.catalog, CatalogPatterns.reservationReturn, { id: reservationId, ...(variantIds ? { variantIds } : {}) }, buyer);
  }

  commit(buyer: Caller, reservationId: string): Promise<ReservationReply> {
    return this.clients.send(Services.catalog, CatalogPatterns.reservationCommit, { id: reservationId }, buyer);
  }

  createPayment(buyer: Caller, p: { orderId: string; orderNumber: string; method: string; amount: bigint; expiresAt: Date }): Promise<PaymentView> {
    return this.clients.send(Services.payments, PaymentsPatterns.create, {
      orderId: p.orderId,
      orderNumber: p.orderNumber,
      buyerId: buyer.userId,
      method: p.method,
      amount: p.amount.toString(),
      expiresAt: p.expiresAt.toISOString(),
      idempotencyKey: `order:${p.orderId}`,
    }, buyer, { timeoutMs: 20_000 });
  }

  getPayment(buyer: Caller, orderId: string): Promise<PaymentView> {
    return this.clients.send(Services.payments, PaymentsPatterns.get, { orderId }, buyer);
  }

  cancelPayment(orderId: string): Promise<PaymentView> {
    return this.clients.send(Services.payments, PaymentsPatterns.cancel, { orderId }, null, { timeoutMs: 20_000 });
  }
}
