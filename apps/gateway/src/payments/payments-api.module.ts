import { Module } from '@nestjs/common';
import { CurationLedgerController, StatementController } from './ledger.controller';
import { CurationPaymentsController, PaymentsController } from './payments.controller';
import { PaymentsRpc } from './payments-rpc';
import { WebhooksController } from './webhooks.controller';

/** The payments app's REST face: webhooks in, payments, refunds, the payout ledger. */
@Module({
  controllers: [WebhooksController, PaymentsController, CurationPaymentsController, CurationLedgerController, StatementController],
  providers: [PaymentsRpc],
})
export class PaymentsApiModule {}
