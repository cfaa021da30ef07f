import { Module } from '@nestjs/common';
import { ReservationStock } from './reservation-stock';
import { ReservationSweeper } from './reservation-sweeper';
import { ReservationsController } from './reservations.controller';
import { ReservationsService } from './reservations.service';
import { StockHistoryController } from './stock-history.controller';
import { StockHistoryService } from './stock-history.service';

/** Stock reservations for orders' checkout, their expiry sweep, and each variant's stock history. */
@Module({
  controllers: [ReservationsController, StockHistoryController],
  providers: [ReservationStock, ReservationsService, ReservationSweeper, StockHistoryService],
})
export class StockModule {}
