import { Module } from '@nestjs/common';
import { AddressesModule } from '../addresses/addresses.module';
import { CartModule } from '../cart/cart.module';
import { ShippingController } from './shipping.controller';
import { ShippingService } from './shipping.service';

/** Shipping quotes; ShippingService (quote, choose, fee) is exported for checkout. */
@Module({
  imports: [CartModule, AddressesModule],
  controllers: [ShippingController],
  providers: [ShippingService],
  exports: [ShippingService],
})
export class ShippingModule {}
