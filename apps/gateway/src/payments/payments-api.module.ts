import { Module } from '@nestjs/common';
import { CurationLedgerController, StatementController } from './ledger.controller';
import { CurationPaymentsController, PaymentsController } from './payments.controller';
import { WebhooksController } from './webhooks.controller';

/** The payments app's REST face: webhooks in, payments, refunds, the payout ledger. */
@Module({
  controllers: [WebhooksController, PaymentsController, CurationPaymentsController, CurationLedgerController, StatementController],
})
export class PaymentsApiModule {}
