import { DynamicModule, Module } from '@nestjs/common';
import { Queues, Schemas, Services } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { ServiceFoundationModule, consumerHost } from '@pk/messaging';
import { LedgerModule } from './ledger/ledger.module';
import { PaymentProviders } from './payments/payment-providers';
import { PaymentsController } from './payments/payments.controller';
import { PaymentsService } from './payments/payments.service';
import { PaymentsEventsSubscriber } from './payments-events.subscriber';
import { RefundRequests } from './refunds/refund-requests';
import { RefundsService } from './refunds/refunds.service';
import { WebhookEvents } from './webhooks/webhook-events';
import { WebhookIntakeService } from './webhooks/webhook-intake.service';
import { WebhookApplier } from './webhooks/webhook-applier';
import { WebhookProcessor } from './webhooks/webhook-processor';

/** Payments by card (Stripe) or bank transfer, provider webhooks, refunds, the payout ledger. */
@Module({})
export class PaymentsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PaymentsModule,
      imports: [ServiceFoundationModule.forService({ config, service: Services.payments, schema: Schemas.payments }), LedgerModule],
      controllers: [PaymentsController],
      providers: [
        PaymentProviders,
        PaymentsService,
        RefundsService,
        RefundRequests,
        WebhookEvents,
        WebhookIntakeService,
        WebhookApplier,
        WebhookProcessor,
        PaymentsEventsSubscriber,
        consumerHost({ queue: Queues.paymentsEvents, consumer: 'payments-ledger', schema: Schemas.payments, subscriber: PaymentsEventsSubscriber }),
      ],
    };
  }
}
