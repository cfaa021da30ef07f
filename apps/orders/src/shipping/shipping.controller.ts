import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrdersPatterns, RpcEnvelope } from '@pk/contracts';
import { ShippingService } from './shipping.service';

@Controller()
export class ShippingController {
  constructor(private readonly shipping: ShippingService) {}

  /** `{ addressId }`: the caller's cart, per artisan; `{ province, weightGrams }`: an estimate for anyone. */
  @MessagePattern(OrdersPatterns.shippingQuote)
  quote(@Payload() env: RpcEnvelope) {
    return this.shipping.quoteRequest(env.caller, env.data);
  }
}
