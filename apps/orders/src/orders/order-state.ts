import { OrderStatus, ShipmentStatus } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';

/** Who moves an order or a shipment; each transition names who may make it. */
export type Actor = 'buyer' | 'artisan' | 'curator' | 'system';

/** The order: it waits for payment, is paid, and ends completed (every shipment done) or cancelled. */
export const ORDER_TRANSITIONS: Record<OrderStatus, Partial<Record<OrderStatus, Actor[]>>> = {
  pending_payment: { paid: ['system'], cancelled: ['buyer', 'curator', 'system'] },
  paid: { completed: ['system'], cancelled: ['buyer', 'curator', 'system'] },
  completed: {},
  cancelled: {},
};

/**
 * A shipment, one per artisan: paid with its order, accepted and shipped (courier and tracking
 * number) by the artisan, delivered, then completed by the buyer's confirmation or 7 days after
 * shipping. Cancelled (and refunded if paid) before it ships, or on a complaint the council upholds.
 */
export const SHIPMENT_TRANSITIONS: Record<ShipmentStatus, Partial<Record<ShipmentStatus, Actor[]>>> = {
  pending_payment: { paid: ['system'], cancelled: ['buyer', 'curator', 'system'] },
  paid: { accepted: ['artisan'], shipped: ['artisan'], cancelled: ['buyer', 'curator', 'system'] },
  accepted: { shipped: ['artisan'], cancelled: ['buyer', 'curator', 'system'] },
  shipped: { delivered: ['artisan', 'system'], completed: ['buyer', 'system'], cancelled: ['curator'] },
  delivered: { completed: ['buyer', 'system'], cancelled: ['curator'] },
  completed: {},
  cancelled: {},
};

function check<S extends string>(table: Record<S, Partial<Record<S, Actor[]>>>, what: string, from: S, to: S, actor: Actor): void {
  const allowed = table[from][to];
  if (!allowed) {
    const next = Object.keys(table[from]);
    throw new DomainError(ErrorCode.invalidTransition, `This ${what} is ${from.replace('_', ' ')}; it cannot become ${to.replace('_', ' ')}.`, {
      from, to, possible: next,
    });
  }
  if (!allowed.includes(actor)) {
    throw new DomainError(ErrorCode.forbidden, `Only the ${allowed.join(' or ')} can make this ${what} ${to.replace('_', ' ')}.`, { from, to });
  }
}

export const checkOrderTransition = (from: OrderStatus, to: OrderStatus, actor: Actor) => check(ORDER_TRANSITIONS, 'order', from, to, actor);
export const checkShipmentTransition = (from: ShipmentStatus, to: ShipmentStatus, actor: Actor) => check(SHIPMENT_TRANSITIONS, 'shipment', from, to, actor);
