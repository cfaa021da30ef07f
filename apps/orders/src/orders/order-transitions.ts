import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrderStatus, OrdersEvents, ShipmentMoney, ShipmentStatus } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { returned } from '@pk/database';
import { OutboxWriter } from '@pk/messaging';
import { Actor, checkOrderTransition, checkShipmentTransition } from './order-state';
import { LineRow, OrderRow, ShipmentRow } from './order-rows';

export interface Who {
  actor: Actor;
  userId: string | null;
}

const SHIPMENT_EVENTS: Partial<Record<ShipmentStatus, string>> = {
  accepted: OrdersEvents.shipmentAccepted,
  shipped: OrdersEvents.shipmentShipped,
  delivered: OrdersEvents.shipmentDelivered,
  completed: OrdersEvents.shipmentCompleted,
  cancelled: OrdersEvents.shipmentCancelled,
};

const STAMP: Partial<Record<ShipmentStatus, string>> = {
  paid: 'paid_at',
  accepted: 'accepted_at',
  shipped: 'shipped_at',
  delivered: 'delivered_at',
  completed: 'completed_at',
  cancelled: 'cancelled_at',
};

/**
 * Every status change of an order or a shipment: checked against the transition table, applied
 * only if the row is still in the status it was read in, kept as history (who, when) and
 * published through the outbox, in the caller's transaction.
 */
@Injectable()
export class OrderTransitions {
  constructor(private readonly outbox: OutboxWriter) {}

  /** `returnVariantIds`: on a paid order's cancellation, the sold units the catalog puts back on sale. */
  async order(tx: EntityManager, order: OrderRow, to: OrderStatus, who: Who, note?: string, returnVariantIds: string[] = []): Promise<OrderRow> {
    checkOrderTransition(order.status, to, who.actor);
    const rows = returned<OrderRow>(await tx.query(
      `UPDATE orders.orders SET status = $3, updated_at = now(),
         paid_at = CASE WHEN $3 = 'paid' THEN now() ELSE paid_at END,
         cancelled_at = CASE WHEN $3 = 'cancelled' THEN now() ELSE cancelled_at END,
         cancel_reason = CASE WHEN $3 = 'cancelled' THEN $4 ELSE cancel_reason END
       WHERE id = $1 AND status = $2 RETURNING *`,
      [order.id, order.status, to, note ?? null],
    ));
    if (!rows.length) throw this.moved('order');
    await this.history(tx, order.id, null, order.status, to, who, note);
    const updated = rows[0];
    if (to === 'cancelled') {
      await this.outbox.add(tx, OrdersEvents.orderCancelled, {
        orderId: updated.id, orderNumber: updated.number, buyerId: updated.buyer_id, reason: note ?? '', wasPaid: order.status !== 'pending_payment',
        reservationId: updated.reservation_id, returnVariantIds,
      });
    }
    return updated;
  }

  /**
   * The buyer's money arrived (the order is still pending payment): the catalog commits the stock on
   * this and answers reservation.committed or .lapsed; the payout ledger posts the sale.
   */
  async announcePaid(tx: EntityManager, order: OrderRow): Promise<void> {
    const lines: Array<{ variantId: string; quantity: number }> = await tx.query(
      `SELECT variant_id AS "variantId", sum(quantity)::int AS quantity FROM orders.order_lines WHERE order_id = $1 GROUP BY variant_id ORDER BY variant_id`,
      [order.id],
    );
    await this.outbox.add(tx, OrdersEvents.orderPaid, {
      orderId: order.id, orderNumber: order.number, buyerId: order.buyer_id, paymentId: order.payment_id ?? '',
      total: String(order.total), shipments: await this.money(tx, order.id), reservationId: order.reservation_id, lines,
    });
  }

  /** `returnStock`: a paid shipment cancelled before it left, whose sold units the catalog puts back on sale. */
  async shipment(tx: EntityManager, shipment: ShipmentRow, buyerId: string, to: ShipmentStatus, who: Who, extra: { note?: string; courier?: string; tracking?: string; refund?: string; returnStock?: boolean } = {}): Promise<ShipmentRow> {
    checkShipmentTransition(shipment.status, to, who.actor);
    const stamp = STAMP[to];
    const rows = returned<ShipmentRow>(await tx.query(
      `UPDATE orders.shipments SET status = $3${stamp ? `, ${stamp} = now()` : ''},
         tracking_number = coalesce($4, tracking_number), courier = coalesce($5, courier),
         cancel_reason = CASE WHEN $3 = 'cancelled' THEN $6 ELSE cancel_reason END
       WHERE id = $1 AND status = $2 RETURNING *`,
      [shipment.id, shipment.status, to, extra.tracking ?? null, extra.courier ?? null, extra.note ?? null],
    ));
    if (!rows.length) throw this.moved('shipment');
    const note = extra.tracking ? `${extra.courier ?? shipment.courier} ${extra.tracking}` : extra.note;
    await this.history(tx, shipment.order_id, shipment.id, shipment.status, to, who, note);
    const updated = rows[0];
    const event = SHIPMENT_EVENTS[to];
    if (event) {
      const base = { orderId: updated.order_id, shipmentId: updated.id, artisanId: updated.artisan_id, buyerId, status: to, at: new Date().toISOString() };
      const payload = to === 'completed'
        ? { ...base, money: (await this.money(tx, updated.order_id)).find((m) => m.shipmentId === updated.id) }
        : to === 'cancelled' ? { ...base, reason: extra.note ?? '', refund: extra.refund ?? '0', ...(await this.stockBack(tx, updated, extra.returnStock ?? false)) } : base;
      await this.outbox.add(tx, event, payload);
    }
    return updated;
  }

  /**
   * After a shipment ends: the order completes when every shipment has ended and one was completed;
   * it is cancelled when all were cancelled.
   */
  async closeIfDone(tx: EntityManager, orderId: string, who: Who): Promise<void> {
    // NO KEY UPDATE, not UPDATE: two shipments of one order ending at once each hold a KEY SHARE
    // lock on the order from their history rows' foreign key, which FOR UPDATE waits on (deadlock).
    const [order]: OrderRow[] = await tx.query(`SELECT * FROM orders.orders WHERE id = $1 FOR NO KEY UPDATE`, [orderId]);
    if (!order || order.status !== 'paid') return;
    const statuses: Array<{ status: ShipmentStatus }> = await tx.query(`SELECT status FROM orders.shipments WHERE order_id = $1`, [orderId]);
    if (statuses.some((s) => s.status !== 'completed' && s.status !== 'cancelled')) return;
    const to = statuses.some((s) => s.status === 'completed') ? 'completed' : 'cancelled';
    await this.order(tx, order, to, { actor: 'system', userId: who.userId }, to === 'cancelled' ? 'every shipment was cancelled' : undefined);
  }

  /** Each shipment's goods by category and its shipping fee: what the payout ledger posts. */
  async money(tx: EntityManager, orderId: string): Promise<ShipmentMoney[]> {
    const shipments: ShipmentRow[] = await tx.query(`SELECT * FROM orders.shipments WHERE order_id = $1 ORDER BY created_at, id`, [orderId]);
    const lines: LineRow[] = await tx.query(`SELECT * FROM orders.order_lines WHERE order_id = $1`, [orderId]);
    return shipments.map((s) => {
      const byCategory = new Map<string, bigint>();
      for (const l of lines.filter((l) => l.shipment_id === s.id)) byCategory.set(l.category_slug, (byCategory.get(l.category_slug) ?? 0n) + BigInt(l.line_total));
      return {
        shipmentId: s.id,
        artisanId: s.artisan_id,
        goods: [...byCategory].map(([categorySlug, amount]) => ({ categorySlug, amount: amount.toString() })),
        shipping: String(s.shipping_fee),
      };
    });
  }

  private async stockBack(tx: EntityManager, s: ShipmentRow, returnStock: boolean): Promise<{ reservationId: string | null; returnVariantIds: string[] }> {
    const [{ reservation_id: reservationId }]: Array<{ reservation_id: string | null }> = await tx.query(`SELECT reservation_id FROM orders.orders WHERE id = $1`, [s.order_id]);
    if (!returnStock || !reservationId) return { reservationId, returnVariantIds: [] };
    return { reservationId, returnVariantIds: await this.variantsOf(tx, [s.id]) };
  }

  /** The variants bought in these shipments: what comes back on sale when they are cancelled unshipped. */
  async variantsOf(tx: EntityManager, shipmentIds: string[]): Promise<string[]> {
    const rows: Array<{ variant_id: string }> = await tx.query(
      `SELECT DISTINCT variant_id FROM orders.order_lines WHERE shipment_id = ANY($1::uuid[]) ORDER BY variant_id`, [shipmentIds],
    );
    return rows.map((r) => r.variant_id);
  }

  private async history(tx: EntityManager, orderId: string, shipmentId: string | null, from: string, to: string, who: Who, note?: string): Promise<void> {
    await tx.query(
      `INSERT INTO orders.history (order_id, shipment_id, from_status, to_status, actor_id, actor_role, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [orderId, shipmentId, from, to, who.userId, who.actor, note ?? null],
    );
  }

  private moved(what: string): DomainError {
    return new DomainError(ErrorCode.conflict, `This ${what} changed meanwhile; reload it and try again.`);
  }
}
