import { DynamicModule, Global, Module } from '@nestjs/common';
import { Queues, Schemas, Services } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { ServiceFoundationModule, consumerHost } from '@pk/messaging';
import { AddressesModule } from './addresses/addresses.module';
import { CartModule } from './cart/cart.module';
import { CheckoutController } from './checkout/checkout.controller';
import { CheckoutService } from './checkout/checkout.service';
import { CheckoutSteps } from './checkout/checkout.steps';
import { CheckoutPlanner } from './checkout/checkout-plan';
import { CheckoutEngine, CheckoutOwners, CheckoutRecovery } from './checkout/checkout-recovery';
import { OrderPlacement } from './checkout/place-order';
import { FulfilmentProcessor } from './fulfilment/fulfilment.processor';
import { FulfilmentService } from './fulfilment/fulfilment.service';
import { PaymentEventsSubscriber } from './fulfilment/payment-events.subscriber';
import { MailModule } from './notifications/mail.module';
import { NotificationsService } from './notifications/notifications.service';
import { OrderCancellation } from './orders/order-cancellation';
import { OrderRefunds } from './orders/order-refunds';
import { OrderTransitions } from './orders/order-transitions';
import { ComplaintsService } from './orders/complaints.service';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { OrdersReportsModule } from './reports/reports.module';
import { ReviewsService } from './orders/reviews.service';
import { ShipmentsService } from './orders/shipments.service';
import { ArtisanStandingCheck } from './orders/artisan-standing';
import { ShippingModule } from './shipping/shipping.module';

/** What every part of the orders app moves orders with: transitions, cancellation, refunds, notifications. */
@Global()
@Module({
  providers: [OrderTransitions, OrderCancellation, OrderRefunds, NotificationsService],
  exports: [OrderTransitions, OrderCancellation, OrderRefunds, NotificationsService],
})
class OrdersCoreModule {}

/** Carts, addresses, shipping, checkout, orders split per artisan, and the fulfilment workers. */
@Module({})
export class OrdersModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: OrdersModule,
      imports: [
        ServiceFoundationModule.forService({ config, service: Services.orders, schema: Schemas.orders }),
        OrdersCoreModule,
        CartModule,
        AddressesModule,
        ShippingModule,
        MailModule,
        OrdersReportsModule,
      ],
      controllers: [CheckoutController, OrdersController],
      providers: [
        CheckoutService,
        CheckoutSteps,
        CheckoutPlanner,
        OrderPlacement,
        CheckoutOwners,
        CheckoutEngine,
        CheckoutRecovery,
        FulfilmentService,
        FulfilmentProcessor,
        PaymentEventsSubscriber,
        OrdersService,
        ShipmentsService,
        ArtisanStandingCheck,
        ComplaintsService,
        ReviewsService,
        consumerHost({ queue: Queues.ordersEvents, consumer: 'orders-payments', schema: Schemas.orders, subscriber: PaymentEventsSubscriber }),
      ],
    };
  }
}
