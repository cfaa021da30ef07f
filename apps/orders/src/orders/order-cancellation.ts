import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogPatterns, PaymentView, PaymentsPatterns, Services } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import { NotificationsService } from '../notifications/notifications.service';
import { OrderRow, ShipmentRow } from './order-rows';
import { OrderRefunds } from './order-refunds';
import { OrderTransitions, Who } from './order-transitions';

export type CancelOutcome = 'cancelled' | 'already_closed' | 'paid_meanwhile';

// How long a paid order's cancellation waits for its refunds and its stock to come back before it
// answers what is true by then (the gateway gives the call 40 s).
const SETTLE_MS = 25_000;
const SETTLE_POLL_MS = 50;

/**
 * Cancelling an order, whoever asks (the buyer, a curator, the payment window, a failed payment,
 * stock that lapsed): an unpaid order stops its payment, closes and gives its stock back; a paid
 * order with nothing shipped closes, and asks payments for the money and the catalog for the
 * stock through the outbox, in the transaction that closes it. No call to another app is made
 * while a row of orders is locked.
 */
@Injectable()
export class OrderCancellation {
  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
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

  /**
   * In the caller's transaction (the consumer of payment.failed): an unpaid order closes; the
   * catalog releases its stock on order.cancelled. False when it was no longer unpaid.
   */
  async closeUnpaid(tx: EntityManager, orderId: string, reason: string, who: Who): Promise<boolean> {
    const current = await this.load(tx, orderId, true);
    // Money that arrived is waiting for the catalog's answer: that order is paid, not cancelled.
    if (current.status !== 'pending_payment' || current.payment_received_at) return false;
    await this.close(tx, current, reason, who, { paid: false }, 'Pesanan dibatalkan', `Pesanan ${current.number} dibatalkan: ${reason}`);
    return true;
  }

  /**
   * In the caller's transaction, holding the shipments then the order (the lock order of every
   * paid-order path: shipping, receipt, the sweep), so an artisan cannot ship in between: every
   * open shipment is cancelled, what is left on each is asked back from payments, and
   * order.cancelled names the sold units the catalog puts back on sale.
   */
  async closePaid(tx: EntityManager, orderId: string, reason: string, who: Who, keyPrefix: string): Promise<ShipmentRow[] | 'already_closed'> {
    const shipments: ShipmentRow[] = await tx.query(`SELECT * FROM orders.shipments WHERE order_id = $1 ORDER BY id FOR UPDATE`, [orderId]);
    const current = await this.load(tx, orderId, true);
    if (current.status !== 'paid') return 'already_closed';
    const sent = shipments.find((s) => ['shipped', 'delivered', 'completed'].includes(s.status));
    if (sent) {
      throw new DomainError(ErrorCode.invalidTransition, `${sent.shop_name} has already shipped their part; open a complaint on that shipment instead.`, {
        shipmentId: sent.id, status: sent.status,
      });
    }
    const open = shipments.filter((s) => s.status !== 'cancelled');
    await this.refunds.requestOrder(tx, open, reason, keyPrefix);
    await this.close(tx, current, reason, who, { paid: true }, 'Pesanan dibatalkan dan dana dikembalikan', `Pesanan ${current.number} dibatalkan; dana Rp ${current.total} dikembalikan.`);
    return open;
  }

  private async cancelUnpaid(order: OrderRow, reason: string, who: Who, stopPayment: boolean): Promise<CancelOutcome> {
    if (order.payment_received_at) return 'paid_meanwhile';
    if (stopPayment && order.payment_id) {
      // The buyer may have paid in the last second: then the order goes on, paid.
      const payment = await this.clients.sendAsService<PaymentView>(Services.payments, PaymentsPatterns.cancel, { orderId: order.id }, { timeoutMs: 20_000 });
      if (payment.status === 'succeeded') return 'paid_meanwhile';
    }
    // The stock first, with nothing locked, so whoever sees the order cancelled sees its stock back
    // (released after the commit, a buyer polling the order could read the stock in between). The
    // payment is stopped by now; the catalog releases it on order.cancelled as well, and either
    // finds the other's work done.
    if (order.reservation_id) await this.release(order.reservation_id);
    const closed = await this.db.transaction((tx) => this.closeUnpaid(tx, order.id, reason, who));
    if (!closed) return (await this.load(this.db.manager, order.id)).payment_received_at ? 'paid_meanwhile' : 'already_closed';
    return 'cancelled';
  }

  private async cancelPaid(order: OrderRow, reason: string, who: Who): Promise<CancelOutcome> {
    const closed = await this.db.transaction((tx) => this.closePaid(tx, order.id, reason, who, `order-cancel:${order.id}`));
    if (closed === 'already_closed') return closed;
    await this.settled(order, closed);
    return 'cancelled';
  }

  /**
   * The reply of a paid order's cancellation says it was refunded and its stock is back, as it did
   * when both were called under the lock: wait (holding nothing) until payment.refunded and
   * reservation.returned have reached these shipments, or answer what is true at the deadline.
   */
  private async settled(order: OrderRow, shipments: ShipmentRow[]): Promise<void> {
    if (!shipments.length) return;
    const deadline = Date.now() + SETTLE_MS;
    while (Date.now() < deadline) {
      const [{ waiting }]: Array<{ waiting: number }> = await this.db.query(
        `SELECT count(*)::int AS waiting FROM orders.shipments
         WHERE id = ANY($1::uuid[]) AND (refunded < goods_total + shipping_fee OR ($2::uuid IS NOT NULL AND stock_returned_at IS NULL))`,
        [shipments.map((s) => s.id), order.reservation_id],
      );
      if (waiting === 0) return;
      await sleep(SETTLE_POLL_MS);
    }
  }

  private async release(reservationId: string): Promise<void> {
    // The sweeper and order.cancelled release it anyway: a failed call is late, not lost.
    await this.clients.sendAsService(Services.catalog, CatalogPatterns.reservationRelease, { id: reservationId }).catch(() => undefined);
  }

  private async close(tx: EntityManager, order: OrderRow, reason: string, who: Who, money: { paid: boolean }, title: string, body: string): Promise<void> {
    const shipments: ShipmentRow[] = await tx.query(`SELECT * FROM orders.shipments WHERE order_id = $1 AND status <> 'cancelled' ORDER BY id FOR UPDATE`, [order.id]);
    for (const s of shipments) {
      const refund = money.paid ? (BigInt(s.goods_total) + BigInt(s.shipping_fee) - BigInt(s.refunded)).toString() : '0';
      await this.transitions.shipment(tx, s, order.buyer_id, 'cancelled', who, { note: reason, refund });
      if (s.status !== 'pending_payment') {
        await this.notifications.notify(tx, s.artisan_user_id, 'shipment.cancelled', `Pesanan ${order.number} dibatalkan`, `Jangan kirim pesanan ini: ${reason}`, { orderId: order.id, shipmentId: s.id });
      }
    }
    // Sold units of what never shipped go back on sale (none when the order was never paid).
    const returnVariantIds = money.paid ? await this.transitions.variantsOf(tx, shipments.map((s) => s.id)) : [];
    await this.transitions.order(tx, order, 'cancelled', who, reason, returnVariantIds);
    await this.notifications.notify(tx, order.buyer_id, 'order.cancelled', title, body, { orderId: order.id });
  }

  private async load(q: EntityManager, id: string, lock = false): Promise<OrderRow> {
    const rows: OrderRow[] = await q.query(`SELECT * FROM orders.orders WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!rows.length) throw new DomainError(ErrorCode.notFound, 'No such order.', { orderId: id });
    return rows[0];
  }
}
