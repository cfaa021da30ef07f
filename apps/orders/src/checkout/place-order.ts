import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, OrdersEvents, ReservationReply } from '@pk/contracts';
import { APP_CONFIG, AppConfig, newId } from '@pk/core';
import { violatedUnique } from '@pk/database';
import { OutboxWriter } from '@pk/messaging';
import { OrderRow } from '../orders/order-rows';
import { CheckoutInput } from './checkout-input';
import { CheckoutPlan, planLines } from './checkout-plan';
import { assertUnpaidHoldAllowed } from './unpaid-holds';

/** The order the checkout placed, as the workflow stores it. */
export interface PlacedOrder {
  id: string;
  number: string;
  method: string;
  total: string;
  paymentDueAt: string;
}

const placed = (o: OrderRow): PlacedOrder => ({
  id: o.id, number: o.number, method: o.payment_method, total: String(o.total), paymentDueAt: new Date(o.payment_due_at).toISOString(),
});

/** The checkout's order: one shipment per artisan, the reservation's prices frozen on its lines. */
@Injectable()
export class OrderPlacement {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Idempotent: the order this buyer's key already placed on this reservation is the answer again. */
  async place(buyer: Caller, input: CheckoutInput, hash: string, plan: CheckoutPlan, reservation: ReservationReply): Promise<PlacedOrder> {
    try {
      return placed(await this.insert(buyer, input, hash, plan, reservation));
    } catch (error) {
      if (!violatedUnique(error)) throw error;
      const [existing]: OrderRow[] = await this.db.query(
        `SELECT * FROM orders.orders WHERE buyer_id = $1 AND idempotency_key = $2 AND reservation_id = $3`,
        [buyer.userId, input.idempotencyKey, reservation.id],
      );
      if (!existing) throw error;
      return placed(existing);
    }
  }

  private insert(buyer: Caller, input: CheckoutInput, hash: string, plan: CheckoutPlan, reservation: ReservationReply): Promise<OrderRow> {
    const method = input.paymentMethod;
    const frozen = new Map(reservation.lines.map((l) => [l.variantId, BigInt(l.unitPrice)]));
    const shipments = plan.shipments.map((s) => ({
      ...s,
      lines: s.lines.map((l) => ({ ...l, unitPrice: frozen.get(l.variant.id) ?? BigInt(l.unitPrice) })),
    }));
    const goods = shipments.reduce((sum, s) => sum + s.lines.reduce((t, l) => t + l.unitPrice * BigInt(l.quantity), 0n), 0n);
    const shippingTotal = shipments.reduce((sum, s) => sum + BigInt(s.fee), 0n);
    return this.db.transaction(async (tx) => {
      if (method === 'bank_transfer') {
        // Again under a per-buyer lock: two checkouts at once must not both pass the cart check.
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('orders.unpaid-transfer'), hashtext($1))`, [buyer.userId]);
        await assertUnpaidHoldAllowed(tx, buyer.userId, planLines(plan), this.config.orders.unpaidTransfer);
      }
      const [{ n }]: Array<{ n: string }> = await tx.query(`SELECT nextval('orders.order_number_seq')::text AS n`);
      const number = `PK-${new Date().getFullYear()}-${n.padStart(6, '0')}`;
      const [order]: OrderRow[] = await tx.query(
        `INSERT INTO orders.orders (id, number, buyer_id, status, payment_method, reservation_id, goods_total, shipping_total, total,
           address, idempotency_key, request_hash, payment_due_at)
         VALUES ($1, $2, $3, 'pending_payment', $4, $5, $6, $7, $8, $9, $10, $11, now() + make_interval(secs => $12)) RETURNING *`,
        [newId(), number, buyer.userId, method, reservation.id, goods.toString(), shippingTotal.toString(), (goods + shippingTotal).toString(),
         JSON.stringify(plan.address), input.idempotencyKey, hash, plan.windowSeconds],
      );
      for (const s of shipments) {
        const goodsTotal = s.lines.reduce((t, l) => t + l.unitPrice * BigInt(l.quantity), 0n);
        await tx.query(
          `INSERT INTO orders.shipments (id, order_id, artisan_id, artisan_user_id, shop_name, shop_regency, status, courier, service, shipping_fee, goods_total, weight_grams)
           VALUES ($1, $2, $3, $4, $5, $6, 'pending_payment', $7, $8, $9, $10, $11)`,
          [s.id, order.id, s.artisanId, s.artisanUserId, s.shopName, s.shopRegency, s.courier, s.service, s.fee, goodsTotal.toString(), s.weightGrams],
        );
        for (const l of s.lines) {
          await tx.query(
            `INSERT INTO orders.order_lines (id, order_id, shipment_id, variant_id, listing_id, sku, title, options, category_slug, quantity, unit_price, line_total)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            [newId(), order.id, s.id, l.variant.id, l.variant.listingId, l.variant.sku, l.variant.title.id, JSON.stringify(l.variant.options),
             l.variant.categorySlug, l.quantity, l.unitPrice.toString(), (l.unitPrice * BigInt(l.quantity)).toString()],
          );
        }
      }
      await tx.query(
        `INSERT INTO orders.history (order_id, from_status, to_status, actor_id, actor_role, note) VALUES ($1, NULL, 'pending_payment', $2, 'buyer', $3)`,
        [order.id, buyer.userId, `checkout by ${method.replace('_', ' ')}`],
      );
      await this.outbox.add(tx, OrdersEvents.orderPlaced, { orderId: order.id, orderNumber: number, buyerId: buyer.userId, total: order.total.toString() });
      return order;
    });
  }
}
