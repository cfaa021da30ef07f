import { Module } from '@nestjs/common';
import { AddressesController } from './addresses.controller';
import { CartController } from './cart.controller';
import { CheckoutController } from './checkout.controller';
import { ArtisanShipmentsController, CurationOrdersController, NotificationsController, OrdersController, ReviewsController, ShipmentsController } from './orders.controller';
import { ShippingController } from './shipping.controller';

/** The orders app's REST face: cart, address book, shipping quotes, checkout and orders. */
@Module({
  controllers: [
    CartController, AddressesController, ShippingController, CheckoutController,
    OrdersController, ShipmentsController, ReviewsController, ArtisanShipmentsController, NotificationsController, CurationOrdersController,
  ],
})
export class OrdersApiModule {}
