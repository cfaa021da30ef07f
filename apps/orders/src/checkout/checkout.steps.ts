import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, CatalogPatterns, PaymentView, PaymentsPatterns, ReservationReply, Services } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { ServiceClients, WorkflowFailure, WorkflowRun, createStep, createWorkflow } from '@pk/messaging';
import { CartService } from '../cart/cart.service';
import { OrderCancellation } from '../orders/order-cancellation';
import { CheckoutInput } from './checkout-input';
import { CheckoutPlan, CheckoutPlanner } from './checkout-plan';
import { OrderPlacement, PlacedOrder } from './place-order';

/** What a checkout run is started with: the buyer, their request, and its hash (the key's body). */
export interface CheckoutRunInput {
  buyer: Caller;
  input: CheckoutInput;
  hash: string;
}

/** Each step's output, by step name, as the run stores it. */
export interface CheckoutOutputs {
  check: CheckoutPlan;
  reserve: ReservationReply;
  'place-order': PlacedOrder;
  'create-payment': PaymentView;
  'attach-payment': { attached: true };
}

export type CheckoutRun = WorkflowRun<CheckoutRunInput, CheckoutOutputs>;

// The reservation outlives the payment window a little, so the order's own expiry releases it.
const RESERVATION_MARGIN_SECONDS = 300;

/** Why the order is cancelled, as the buyer reads it on the order. */
const cancelReason = (f: WorkflowFailure) =>
  (f.step === 'create-payment' ? `payment could not be created: ${f.message}` : `checkout could not finish (${f.step}): ${f.message}`).slice(0, 500);

/**
 * The checkout's steps, each with the step that undoes it:
 *   check the cart            (reads only)
 *   reserve the stock        ⇄ release it
 *   place the order          ⇄ cancel it
 *   create the payment       ⇄ cancel it
 *   attach the payment       (the order points at it; the cart lets go of the lines)
 * Calls to other apps go as orders itself (a resumed run has no buyer session), naming the buyer.
 *
 * Recovery (a run whose process died): forward while the buyer could still pay, that is within
 * the payment window from the start of the run (the reservation is held that long and more);
 * after it, compensated: the order would only expire unpaid, and the stock should go back now.
 */
@Injectable()
export class CheckoutSteps {
  private readonly logger = new Logger(CheckoutSteps.name);

  readonly workflow = createWorkflow<CheckoutRunInput, CheckoutOutputs>(
    'checkout',
    [
      createStep('check', ({ input }) => this.planner.check(input.buyer, input.input)),
      createStep(
        'reserve',
        ({ input, outputs, key }) => this.reserve(input.buyer, `checkout:${key}`, outputs.check!),
        (_ctx, reservation) => this.release(reservation.id),
      ),
      createStep(
        'place-order',
        ({ input, outputs }) => this.placement.place(input.buyer, input.input, input.hash, outputs.check!, outputs.reserve!),
        ({ failure }, order) => this.cancelOrder(order, failure),
      ),
      createStep(
        'create-payment',
        ({ input, outputs }) => this.createPayment(input.buyer.userId, outputs['place-order']!),
        (_ctx, payment) => this.cancelPayment(payment.orderId).then(() => undefined),
        // Payments still opening this order's payment (its first creator died mid-way): not a
        // refusal; the run waits for the buyer's retry or the recovery instead of being undone.
        { pauseOn: (error) => error instanceof DomainError && error.code === ErrorCode.conflict },
      ),
      createStep('attach-payment', async ({ input, outputs }) => {
        const order = outputs['place-order']!;
        const variantIds = outputs.check!.shipments.flatMap((s) => s.lines.map((l) => l.variant.id));
        if (!(await this.attachPayment(input.buyer.userId, order.id, outputs['create-payment']!.id, variantIds))) {
          throw new DomainError(ErrorCode.conflict, 'This order no longer waits for its payment; look at your orders.', { orderNumber: order.number });
        }
        return { attached: true as const };
      }),
    ],
    (run) => {
      const window = run.outputs.check?.windowSeconds;
      return window === undefined || Date.now() < new Date(run.createdAt).getTime() + window * 1000 ? 'forward' : 'compensate';
    },
  );

  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
    private readonly cart: CartService,
    private readonly planner: CheckoutPlanner,
    private readonly placement: OrderPlacement,
    private readonly cancellation: OrderCancellation,
  ) {}

  /** All or nothing, under the step's key: the same key is the same reservation. */
  private reserve(buyer: Caller, key: string, plan: CheckoutPlan): Promise<ReservationReply> {
    return this.clients.sendAsService(Services.catalog, CatalogPatterns.reservationCreate, {
      buyerId: buyer.userId,
      key,
      lines: plan.shipments.flatMap((s) => s.lines.map((l) => ({ variantId: l.variant.id, quantity: l.quantity }))),
      ttlSeconds: plan.windowSeconds + RESERVATION_MARGIN_SECONDS,
    });
  }

  private async release(reservationId: string): Promise<void> {
    await this.clients
      .sendAsService(Services.catalog, CatalogPatterns.reservationRelease, { id: reservationId })
      // The sweeper releases it at expiry anyway: a failed release is late, not lost.
      .catch((error: Error) => this.logger.warn(`release of reservation ${reservationId} failed (it expires by itself): ${error.message}`));
  }

  /** The order is cancelled, saying why; an order already closed stays as it is. */
  private async cancelOrder(order: PlacedOrder, failure: WorkflowFailure): Promise<void> {
    await this.cancellation.cancel(order.id, cancelReason(failure), { actor: 'system', userId: null }, { stopPayment: false });
  }

  /** Payments makes one payment per order however often asked (its key is the order). */
  createPayment(buyerId: string, order: PlacedOrder): Promise<PaymentView> {
    return this.clients.sendAsService(Services.payments, PaymentsPatterns.create, {
      orderId: order.id,
      orderNumber: order.number,
      buyerId,
      method: order.method,
      amount: order.total,
      expiresAt: order.paymentDueAt,
      idempotencyKey: `order:${order.id}`,
    }, { timeoutMs: 20_000 });
  }

  getPayment(orderId: string): Promise<PaymentView> {
    return this.clients.sendAsService(Services.payments, PaymentsPatterns.get, { orderId });
  }

  private cancelPayment(orderId: string): Promise<PaymentView> {
    return this.clients.sendAsService(Services.payments, PaymentsPatterns.cancel, { orderId }, { timeoutMs: 20_000 });
  }

  /**
   * The checkout's last step: the order points at its payment and the cart lets go of the lines
   * bought. False when the order no longer waits for a payment (or has another).
   */
  attachPayment(buyerId: string, orderId: string, paymentId: string, variantIds: string[]): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [, updated]: [unknown, number] = await tx.query(
        `UPDATE orders.orders SET payment_id = $2 WHERE id = $1 AND status = 'pending_payment' AND (payment_id IS NULL OR payment_id = $2)`,
        [orderId, paymentId],
      );
      if (updated) await this.cart.clear(tx, buyerId, variantIds);
      return updated > 0;
    });
  }
}
