import { EntityManager } from 'typeorm';
import type { OrderView } from '@pk/contracts';
import { LineRow, OrderRow, ShipmentRow } from './order-rows';

// The views are the reply schemas' types (libs/contracts/src/replies/orders.ts).
export type { OrderLineView, OrderView, ShipmentView } from '@pk/contracts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function orderView(o: OrderRow, shipments: ShipmentRow[], lines: LineRow[]): OrderView {
  return {
    id: o.id,
    number: o.number,
    buyerId: o.buyer_id,
    status: o.status,
    paymentMethod: o.payment_method,
    paymentId: o.payment_id,
    goodsTotal: String(o.goods_total),
    shippingTotal: String(o.shipping_total),
    total: String(o.total),
    address: o.address,
    paymentDueAt: new Date(o.payment_due_at).toISOString(),
    paidAt: iso(o.paid_at),
    cancelledAt: iso(o.cancelled_at),
    cancelReason: o.cancel_reason,
    createdAt: new Date(o.created_at).toISOString(),
    shipments: shipments.map((s) => ({
      id: s.id,
      artisanId: s.artisan_id,
      shopName: s.shop_name,
      status: s.status,
      courier: s.courier,
      service: s.service,
      shippingFee: String(s.shipping_fee),
      goodsTotal: String(s.goods_total),
      trackingNumber: s.tracking_number,
      complaintOpen: s.complaint_open,
      refunded: String(s.refunded),
      paidAt: iso(s.paid_at),
      shippedAt: iso(s.shipped_at),
      deliveredAt: iso(s.delivered_at),
      completedAt: iso(s.completed_at),
      cancelledAt: iso(s.cancelled_at),
      lines: lines
        .filter((l) => l.shipment_id === s.id)
        .map((l) => ({
          id: l.id, variantId: l.variant_id, listingId: l.listing_id, sku: l.sku, title: l.title, options: l.options,
          quantity: l.quantity, unitPrice: String(l.unit_price), total: String(l.line_total),
        })),
    })),
  };
}

/** An order with its shipments and lines, read in three statements. */
export async function loadOrderView(q: EntityManager, orderId: string): Promise<{ order: OrderRow; view: OrderView } | null> {
  const orders: OrderRow[] = await q.query(`SELECT * FROM orders.orders WHERE id = $1`, [orderId]);
  if (!orders.length) return null;
  const shipments: ShipmentRow[] = await q.query(`SELECT * FROM orders.shipments WHERE order_id = $1 ORDER BY created_at, id`, [orderId]);
  const lines: LineRow[] = await q.query(`SELECT * FROM orders.order_lines WHERE order_id = $1 ORDER BY id`, [orderId]);
  return { order: orders[0], view: orderView(orders[0], shipments, lines) };
}
