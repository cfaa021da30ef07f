import { EntityManager } from 'typeorm';
import type { ComplaintView, HistoryView, OrderLineView, ShipmentStatus, ShippingAddress } from '@pk/contracts';
import { LineRow } from './order-rows';

// What buyers, artisans and curators read besides the order itself: its timeline, complaints,
// the address a shipment goes to. The views are the reply schemas' types (libs/contracts/src/replies/orders.ts).
export type { ComplaintView, HistoryView, ShippingAddress } from '@pk/contracts';

interface HistoryRow {
  order_id: string;
  shipment_id: string | null;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_role: string;
  note: string | null;
  at: Date;
}

export interface ComplaintRow {
  id: string;
  shipment_id: string;
  buyer_id: string;
  reason: string;
  status: ComplaintView['status'];
  resolution: string | null;
  resolved_by: string | null;
  created_at: Date;
  resolved_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The timeline of these orders (or of these shipments only), oldest first, keyed by order. */
export async function historyOf(q: EntityManager, ref: { orderIds?: string[]; shipmentIds?: string[] }, opts: { actorIds?: boolean } = {}): Promise<Map<string, HistoryView[]>> {
  const rows: HistoryRow[] = ref.shipmentIds
    ? await q.query(`SELECT * FROM orders.history WHERE shipment_id = ANY($1::uuid[]) ORDER BY id`, [ref.shipmentIds])
    : await q.query(`SELECT * FROM orders.history WHERE order_id = ANY($1::uuid[]) ORDER BY id`, [ref.orderIds ?? []]);
  const byKey = new Map<string, HistoryView[]>();
  for (const r of rows) {
    const key = ref.shipmentIds ? (r.shipment_id as string) : r.order_id;
    const view: HistoryView = {
      at: new Date(r.at).toISOString(), shipmentId: r.shipment_id, from: r.from_status, to: r.to_status, by: r.actor_role,
      ...(opts.actorIds ? { byUserId: r.actor_id } : {}), note: r.note,
    };
    byKey.set(key, [...(byKey.get(key) ?? []), view]);
  }
  return byKey;
}

export function complaintView(c: ComplaintRow): ComplaintView {
  return {
    id: c.id,
    shipmentId: c.shipment_id,
    status: c.status,
    reason: c.reason,
    resolution: c.resolution,
    createdAt: new Date(c.created_at).toISOString(),
    resolvedAt: iso(c.resolved_at),
  };
}

/** The complaints on these orders' shipments, newest first, keyed by order. */
export async function complaintsOf(q: EntityManager, orderIds: string[]): Promise<Map<string, ComplaintView[]>> {
  const rows: Array<ComplaintRow & { order_id: string }> = await q.query(
    `SELECT c.*, s.order_id FROM orders.complaints c JOIN orders.shipments s ON s.id = c.shipment_id
     WHERE s.order_id = ANY($1::uuid[]) ORDER BY c.created_at DESC, c.id DESC`,
    [orderIds],
  );
  const byOrder = new Map<string, ComplaintView[]>();
  for (const r of rows) byOrder.set(r.order_id, [...(byOrder.get(r.order_id) ?? []), complaintView(r)]);
  return byOrder;
}

export function lineView(l: LineRow): OrderLineView {
  return {
    id: l.id, variantId: l.variant_id, listingId: l.listing_id, sku: l.sku, title: l.title, options: l.options,
    quantity: l.quantity, unitPrice: String(l.unit_price), total: String(l.line_total),
  };
}

/** The order's address as checkout froze it, reduced to what a label needs. */
export function shippingAddress(a: Record<string, unknown>): ShippingAddress {
  const s = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : '');
  return {
    recipient: s('recipient'), phone: s('phone'), street: s('street'), district: s('district'), city: s('city'), province: s('province'),
    postalCode: s('postalCode') || s('postal_code'),
  };
}

export const SHIPMENT_STATUSES: ShipmentStatus[] = ['pending_payment', 'paid', 'accepted', 'shipped', 'delivered', 'completed', 'cancelled'];
