import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@pk/core';
import { CheckoutSteps } from '../checkout/checkout.steps';
import { NotificationsService } from '../notifications/notifications.service';
import { OrderRow, ShipmentRow } from './order-rows';
import { OrderRefunds } from './order-refunds';
import { OrderTransitions, Who } from './order-transitions';

export type CancelOutcome = 'cancelled' | 'already_closed' | 'paid_meanwhile';

const buyerCaller = (buyerId: string) => ({ userId: buyerId, roles: ['buyer' as const] });

/**
 * Cancelling an order, whoever asks (the buyer, a curator, the payment window, a failed
 * checkout): an unpaid order stops its payment, gives its stock back and closes; a paid order with
 * nothing shipped is refunded in full first, then closed.
 */
@Injectable()
export class OrderCancellation {
  constructor(
    private readonly db: DataSource,
    private readonly steps: CheckoutSteps,
    private readonly refunds: OrderRefunds,
    private readonly transitions: OrderTransitions,
    private readonly notifications: NotificationsService,
  ) {}

  async cancel(orderId: string, reason: string, who: Who, opts: { stopPayment?: boolean } = {}): Promise<CancelOutcome> {
    const order = await this.load(this.db.manager, orderId);
    if (order.status === 'cancelled' || order.status === 'completed') return 'already_closed';
    if (order.status === 'pending_payment') return this.cancelUnpaid(order, reason, who, opts.stopPayment ?? true);
    return this.cancelPaid(order, reason, who);
  }

  private async cancelUnpaid(order: OrderRow, reason: string, who: Who, stopPayment: boolean): Promise<CancelOutcome> {
    if (stopPayment && order.payment_id) {
      // The buyer may have paid in the last second: then the order goes on, paid.
      const payment = await this.steps.cancelPayment(order.id);
      if (payment.status === 'succeeded') return 'paid_meanwhile';
    }
    const closed = await this.db.transaction(async (tx) => {
      const current = await this.load(tx, order.id, true);
      if (current.status !== 'pending_payment') return false;
      await this.close(tx, current, reason, who, 'Pesanan dibatalkan', `Pesanan ${current.number} dibatalkan: ${reason}`);
      return true;
    });
    if (!closed) return 'already_closed';
    if (order.reservation_id) await this.steps.release(buyerCaller(order.buyer_id), order.reservation_id);
    return 'cancelled';
  }

  /**
   * Holds the order's shipments (then the order) while it refunds, so an artisan cannot ship in
   * between: what was checked is what is cancelled. Shipments before the order is the lock order of
   * every paid-order path (shipping, receipt, the sweep). Payments and the catalog have their own
   * connections, and the refund and the stock's return are keyed, so a retry after a failure
   * repeats nothing.
   */
  private async cancelPaid(order: OrderRow, reason: string, who: Who): Promise<CancelOutcome> {
    return this.db.transaction(async (tx) => {
      const shipments: ShipmentRow[] = await tx.query(`SELECT * FROM orders.shipments WHERE order_id = $1 ORDER BY id FOR UPDATE`, [order.id]);
      const current = await this.load(tx, order.id, true);
      if (current.status !== 'paid') return 'already_closed';
      const sent = shipments.find((s) => ['shipped', 'delivered', 'completed'].includes(s.status));
      if (sent) {
        throw new DomainError(ErrorCode.invalidTransition, `${sent.shop_name} has already shipped their part; open a complaint on that shipment instead.`, {
          shipmentId: sent.id, status: sent.status,
        });
      }
      const open = shipments.filter((s) => s.status !== 'cancelled');
      await this.refunds.refundOrder(current, open, reason, `order-cancel:${order.id}`, tx);
      if (current.reservation_id) {
        const variants: Array<{ variant_id: string }> = await tx.query(
          `SELECT DISTINCT variant_id FROM orders.order_lines WHERE shipment_id = ANY($1::uuid[])`, [open.map((s) => s.id)],
        );
        if (variants.length) await this.steps.returnSold(buyerCaller(order.buyer_id), current.reservation_id, variants.map((v) => v.variant_id));
      }
      await this.close(tx, current, reason, who, 'Pesanan dibatalkan dan dana dikembalikan', `Pesanan ${current.number} dibatalkan; dana Rp ${current.total} dikembalikan.`);
      return 'cancelled';
    });
  }

  private async close(tx: EntityManager, order: OrderRow, reason: string, who: Who, title: string, body: string): Promise<void> {
    const shipments: ShipmentRow[] = await tx.query(`SELECT * FROM orders.shipments WHERE order_id = $1 AND status <> 'cancelled' ORDER BY id FOR UPDATE`, [order.id]);
    for (const s of shipments) {
      const refund = s.status === 'pending_payment' ? '0' : (BigInt(s.goods_total) + BigInt(s.shipping_fee)).toString();
      await this.transitions.shipment(tx, s, order.buyer_id, 'cancelled', who, { note: reason, refund });
      if (s.status !== 'pending_payment') {
        await this.notifications.notify(tx, s.artisan_user_id, 'shipment.cancelled', `Pesanan ${order.number} dibatalkan`, `Jangan kirim pesanan ini: ${reason}`, { orderId: order.id, shipmentId: s.id });
      }
    }
    await this.transitions.order(tx, order, 'cancelled', who, reason);
    await this.notifications.notify(tx, order.buyer_id, 'order.cancelled', title, body, { orderId: order.id });
  }

  private async load(q: EntityManager, id: string, lock = false): Promise<OrderRow> {
    const rows: OrderRow[] = await q.query(`SELECT * FROM orders.orders WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!rows.length) throw new DomainError(ErrorCode.notFound, 'No such order.', { orderId: id });
    return rows[0];
  }
}
