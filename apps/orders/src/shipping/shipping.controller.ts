import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrdersPatterns, RpcEnvelope } from '@pk/contracts';
import { userOrAnonymous } from '@pk/core';
import { ShippingService } from './shipping.service';
import { PROVINCES } from './zones';

@Controller()
export class ShippingController {
  constructor(private readonly shipping: ShippingService) {}

  /** `{ addressId }`: the caller's cart, per artisan; `{ province, weightGrams }`: an estimate for anyone. */
  /** The 38 provinces an address may name, as the address book spells them. */
  @MessagePattern(OrdersPatterns.shippingProvinces)
  provinces(): { provinces: string[] } {
    return { provinces: PROVINCES };
  }

  @MessagePattern(OrdersPatterns.shippingQuote)
  quote(@Payload() env: RpcEnvelope) {
    return this.shipping.quoteRequest(userOrAnonymous(env), env.data);
  }
}
