import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope, OrderCancelledEvent, OrderPaidEvent, OrdersEvents, ReservationEvents, ReservationStatus, ShipmentCancelledEvent,
} from '@pk/contracts';
import { EventSubscriber, OutboxWriter } from '@pk/messaging';
import { ReservationEffects } from './reservation-effects';
import { Reservation } from './reservation.entity';

/**
 * Orders' events move the stock they reserved, after orders committed its own change: a paid order's
 * stock is sold, a cancelled unpaid order's is released, sold units that never shipped come back.
 * Each answer goes back to orders as an event, so orders never waits on the catalog with a row
 * locked and the catalog never calls orders. The inbox applies each event once; the steps are keyed
 * by the rows they change besides.
 */
@Injectable()
export class OrderEventsSubscriber implements EventSubscriber {
  constructor(
    private readonly effects: ReservationEffects,
    private readonly outbox: OutboxWriter,
  ) {}

  async handle(event: EventEnvelope, tx: EntityManager): Promise<void> {
    switch (event.name) {
      case OrdersEvents.orderPaid:
        return this.paid(event.payload as OrderPaidEvent, tx);
      case OrdersEvents.orderCancelled:
      case OrdersEvents.shipmentCancelled: {
        const e = event.payload as OrderCancelledEvent | ShipmentCancelledEvent;
        return this.cancelled(e.orderId, e.reservationId, e.returnVariantIds ?? [], tx);
      }
      default:
        return;
    }
  }

  private async paid(e: OrderPaidEvent, tx: EntityManager): Promise<void> {
    if (!e.reservationId) return;
    const reservation = await this.lock(tx, e.reservationId);
    if (!reservation) return;
    const committed = reservation.status === ReservationStatus.committed || (await this.effects.commit(tx, reservation.id));
    if (committed) {
      await this.outbox.add(tx, ReservationEvents.committed, { reservationId: reservation.id, orderId: e.orderId });
      return;
    }
    // Released, or held past its expiry (the sweeper releases it): the money came too late.
    await this.outbox.add(tx, ReservationEvents.lapsed, { reservationId: reservation.id, orderId: e.orderId, reason: reservation.releaseReason ?? 'expired' });
  }

  private async cancelled(orderId: string, reservationId: string | null, variantIds: string[], tx: EntityManager): Promise<void> {
    if (!reservationId) return;
    const reservation = await this.lock(tx, reservationId);
    if (!reservation) return;
    if (reservation.status === ReservationStatus.held) {
      await this.effects.release(tx, reservation.id, null);
      return;
    }
    // Released: nothing of it was sold (a lapsed reservation), so nothing comes back twice.
    if (reservation.status !== ReservationStatus.committed || !variantIds.length) return;
    await this.effects.returnSold(tx, reservation.id, variantIds, null);
    await this.outbox.add(tx, ReservationEvents.returned, { reservationId: reservation.id, orderId, variantIds });
  }

  private lock(tx: EntityManager, id: string): Promise<Reservation | null> {
    return tx.getRepository(Reservation).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
