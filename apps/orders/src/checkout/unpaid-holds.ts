import { EntityManager } from 'typeorm';
import { AppConfig, DomainError, ErrorCode } from '@pk/core';
import { CheckoutLine } from '../cart/cart.service';

type Limits = AppConfig['orders']['unpaidTransfer'];

/**
 * A bank transfer keeps its stock reserved for the whole transfer window (24 h by default), so one
 * buyer could hold most of a piece's stock without paying. Before a new transfer order: at most
 * `maxOrders` unpaid transfer orders per buyer, and of one variant at most the larger of `maxUnits`
 * and `maxStockPercent` of its stock (what is on sale plus what this buyer already holds) unpaid.
 * Card orders are not counted: their window is 30 minutes.
 */
export async function assertUnpaidHoldAllowed(q: EntityManager, buyerId: string, lines: CheckoutLine[], limits: Limits): Promise<void> {
  const open: Array<{ number: string }> = await q.query(
    `SELECT number FROM orders.orders WHERE buyer_id = $1 AND status = 'pending_payment' AND payment_method = 'bank_transfer'
     ORDER BY created_at`,
    [buyerId],
  );
  if (open.length >= limits.maxOrders) {
    throw new DomainError(
      ErrorCode.unpaidOrdersLimit,
      `You have ${open.length} bank-transfer orders waiting for payment (at most ${limits.maxOrders}); pay or cancel one of them first, or pay by card.`,
      { field: 'paymentMethod', limit: limits.maxOrders, unpaidOrders: open.map((o) => o.number) },
    );
  }
  const held: Array<{ variant_id: string; units: number }> = await q.query(
    `SELECT l.variant_id, sum(l.quantity)::int AS units FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id
     WHERE o.buyer_id = $1 AND o.status = 'pending_payment' AND o.payment_method = 'bank_transfer' AND l.variant_id = ANY($2::uuid[])
     GROUP BY l.variant_id`,
    [buyerId, lines.map((l) => l.variant.id)],
  );
  const heldBy = new Map(held.map((h) => [h.variant_id, h.units]));
  const over = lines.flatMap((l) => {
    const already = heldBy.get(l.variant.id) ?? 0;
    const limit = unitLimit(l.variant.stock + already, limits);
    return already + l.quantity > limit ? [{ variantId: l.variant.id, sku: l.variant.sku, requested: l.quantity, alreadyUnpaid: already, limit }] : [];
  });
  if (over.length) {
    const [first] = over;
    throw new DomainError(
      ErrorCode.unpaidUnitsLimit,
      `By bank transfer you can hold at most ${first.limit} of ${first.sku} unpaid (you asked for ${first.requested}, ${first.alreadyUnpaid} already waiting); pay or cancel your earlier orders, lower the quantity, or pay by card.`,
      { field: 'paymentMethod', problems: over },
    );
  }
}

/** The larger of the fixed floor and the share of the stock (rounded down). */
export function unitLimit(stock: number, limits: Pick<Limits, 'maxUnits' | 'maxStockPercent'>): number {
  return Math.max(limits.maxUnits, Math.floor((Math.max(0, stock) * limits.maxStockPercent) / 100));
}
