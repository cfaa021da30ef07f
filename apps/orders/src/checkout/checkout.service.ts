import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, CheckoutResult, PaymentView } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput } from '@pk/core';
import { WorkflowTakenOver } from '@pk/messaging';
import { OrderRow } from '../orders/order-rows';
import { OrderView, loadOrderView } from '../orders/order-view';
import { checkoutInput, requestHash } from './checkout-input';
import { CheckoutEngine } from './checkout-recovery';
import { CheckoutRun, CheckoutSteps } from './checkout.steps';

// The reply schema's type (libs/contracts/src/replies/orders.ts).
export type { CheckoutResult } from '@pk/contracts';

const stillRunning = (orderNumber?: string) =>
  new DomainError(ErrorCode.conflict, 'This checkout is still being processed, or its payment could not be created; look at your orders.', orderNumber ? { orderNumber } : undefined);

/**
 * One checkout across artisans, as the workflow of CheckoutSteps (check the cart → reserve every
 * line → place the order, one shipment per artisan, prices frozen → create the payment → attach
 * it), run under the buyer's Idempotency-Key: a retry returns the same order; the same key with
 * a different body is refused; a retry of a run whose process died takes it over and finishes it.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly db: DataSource,
    private readonly steps: CheckoutSteps,
    private readonly engine: CheckoutEngine,
  ) {}

  async checkout(buyer: Caller, data: unknown): Promise<CheckoutResult> {
    const input = parseInput(checkoutInput, data);
    const hash = requestHash(input);
    const key = `${buyer.userId}:${input.idempotencyKey}`;
    const wf = this.steps.workflow;
    let { run, created } = await this.engine.start(wf, key, { buyer: { userId: buyer.userId, roles: buyer.roles }, input, hash });
    if (!created) {
      const settled = await this.settle(run, hash);
      if (settled) return settled;
      // This key's earlier try was undone before it placed an order: a new try, as a new run.
      await this.engine.forget(run);
      ({ run, created } = await this.engine.start(wf, key, { buyer: { userId: buyer.userId, roles: buyer.roles }, input, hash }));
      if (!created) throw stillRunning();
    }
    const outputs = await this.engine.execute(wf, run).catch((error: unknown) => {
      // Another process took the run over (this one lost its owner lock): it finishes it; the retry reads it.
      throw error instanceof WorkflowTakenOver ? stillRunning() : error;
    });
    return { order: await this.view(outputs['place-order'].id), payment: outputs['create-payment'] };
  }

  /** What an earlier run under this key comes to; null when it placed no order and is over. */
  private async settle(found: CheckoutRun, hash: string): Promise<CheckoutResult | null> {
    const number = found.outputs['place-order']?.number;
    if (found.input.hash !== hash) {
      throw new DomainError(ErrorCode.idempotencyKeyReused, 'This Idempotency-Key was used for a different checkout; use a new key for a new checkout.', number ? { orderNumber: number } : undefined);
    }
    // Still going: left alone while its process lives, taken over and finished when it died.
    const run = await this.engine.takeOver(this.steps.workflow, found);
    if (!run || run.status === 'running' || run.status === 'compensating') throw stillRunning(number);
    const placed = run.outputs['place-order'];
    if (!placed) return null;
    const [order]: OrderRow[] = await this.db.query(`SELECT * FROM orders.orders WHERE id = $1`, [placed.id]);
    if (run.status !== 'completed' || (order.status === 'cancelled' && !order.payment_id)) {
      // This key's checkout failed and was undone: say so again, rather than hand back a dead order.
      throw new DomainError(ErrorCode.paymentFailed, `This checkout did not go through (${order.cancel_reason ?? 'cancelled'}); your cart is as it was. Check out again with a new Idempotency-Key.`, {
        orderNumber: order.number,
      });
    }
    const view = await this.view(order.id);
    const payment = await this.finishPayment(run.input.buyer, order, view);
    if (!payment) throw stillRunning(order.number);
    return { order: view, payment };
  }

  /**
   * The payment of an order this key made, as it is now. Payments likewise opens at the provider
   * a payment its creator died before opening, when asked for it again; and an order found without
   * its payment (lost after the run) points at it again. Null when there is none and the order no
   * longer waits for one.
   */
  private async finishPayment(buyer: Caller, order: OrderRow, view: OrderView): Promise<PaymentView | null> {
    let payment = await this.steps.getPayment(order.id).catch(() => null);
    // None, or one its creator never opened at the provider (nothing to pay with yet): asked for again.
    const unopened = !payment || (payment.status === 'pending' && !payment.instructions);
    if (unopened && order.status === 'pending_payment') {
      payment = await this.steps.createPayment(buyer.userId, {
        id: order.id, number: order.number, method: order.payment_method, total: String(order.total), paymentDueAt: new Date(order.payment_due_at).toISOString(),
      }).catch(() => null);
    }
    if (!payment || order.payment_id) return payment;
    const linked = await this.steps.attachPayment(buyer.userId, order.id, payment.id, view.shipments.flatMap((s) => s.lines.map((l) => l.variantId)));
    return linked ? payment : null;
  }

  private async view(orderId: string): Promise<OrderView> {
    return ((await loadOrderView(this.db.manager, orderId)) as { view: OrderView }).view;
  }
}
