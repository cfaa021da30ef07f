import { Module } from '@nestjs/common';
import { CommissionService } from './commission.service';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';
import { PayoutsService } from './payouts.service';

/**
 * The payout ledger. Imported by the payments module, which calls LedgerService inside its own
 * transactions (order.paid, shipment.completed, refunds). Needs the app's DataSource and config.
 */
@Module({
  controllers: [LedgerController],
  providers: [CommissionService, LedgerService, PayoutsService],
  exports: [LedgerService],
})
export class LedgerModule {}
