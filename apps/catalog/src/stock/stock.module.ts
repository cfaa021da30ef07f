import { Module } from '@nestjs/common';
import { Queues, Schemas } from '@pk/contracts';
import { consumerHost } from '@pk/messaging';
import { OrderEventsSubscriber } from './order-events.subscriber';
import { ReservationEffects } from './reservation-effects';
import { ReservationStock } from './reservation-stock';
import { ReservationSweeper } from './reservation-sweeper';
import { ReservationsController } from './reservations.controller';
import { ReservationsService } from './reservations.service';
import { StockHistoryController } from './stock-history.controller';
import { StockHistoryService } from './stock-history.service';

/** Stock reservations for orders' checkout, their expiry sweep, orders' events that move them, and each variant's stock history. */
@Module({
  controllers: [ReservationsController, StockHistoryController],
  providers: [
    ReservationStock,
    ReservationEffects,
    ReservationsService,
    ReservationSweeper,
    StockHistoryService,
    OrderEventsSubscriber,
    consumerHost({ queue: Queues.catalogEvents, consumer: 'catalog-stock', schema: Schemas.catalog, subscriber: OrderEventsSubscriber }),
  ],
})
export class StockModule {}
