import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrdersPatterns, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { CheckoutService } from './checkout.service';

@Controller()
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  @MessagePattern(OrdersPatterns.checkout)
  run(@Payload() env: RpcEnvelope) {
    return this.checkout.checkout(requireCaller(env), env.data);
  }
}
