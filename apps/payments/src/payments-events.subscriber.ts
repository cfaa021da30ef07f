import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, OrderPaidEvent, OrdersEvents, RefundEvents, RefundRequestedEvent, ShipmentCompletedEvent } from '@pk/contracts';
import { EventSubscriber } from '@pk/messaging';
import { LedgerService } from './ledger/ledger.service';
import { RefundRequests } from './refunds/refund-requests';

/** Orders' events into the payout ledger (a paid order's sales, pending, released when a shipment completes), and the refunds orders asks for. */
@Injectable()
export class PaymentsEventsSubscriber implements EventSubscriber {
  constructor(
    private readonly ledger: LedgerService,
    private readonly refundRequests: RefundRequests,
  ) {}

  async handle(event: EventEnvelope, tx: EntityManager): Promise<void> {
    switch (event.name) {
      case OrdersEvents.orderPaid:
        await this.ledger.postSale(tx, event.payload as OrderPaidEvent);
        return;
      case OrdersEvents.shipmentCompleted:
        await this.ledger.release(tx, event.payload as ShipmentCompletedEvent);
        return;
      case RefundEvents.requested:
        // Its own transactions, keyed: the refund stands even if this inbox row is written again.
        await this.refundRequests.handle(event.payload as RefundRequestedEvent);
        return;
      default:
        return;
    }
  }
}
