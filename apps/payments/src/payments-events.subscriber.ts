import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, OrderPaidEvent, OrdersEvents, ShipmentCompletedEvent } from '@pk/contracts';
import { EventSubscriber } from '@pk/messaging';
import { LedgerService } from './ledger/ledger.service';

/** Orders' events into the payout ledger: a paid order's sales (pending), released when a shipment completes. */
@Injectable()
export class PaymentsEventsSubscriber implements EventSubscriber {
  constructor(private readonly ledger: LedgerService) {}

  async handle(event: EventEnvelope, tx: EntityManager): Promise<void> {
    switch (event.name) {
      case OrdersEvents.orderPaid:
        await this.ledger.postSale(tx, event.payload as OrderPaidEvent);
        return;
      case OrdersEvents.shipmentCompleted:
        await this.ledger.release(tx, event.payload as ShipmentCompletedEvent);
        return;
      default:
        return;
    }
  }
}
