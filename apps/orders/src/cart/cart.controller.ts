import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrdersPatterns, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { CartService, cartOwner } from './cart.service';

/** The caller's cart: a signed-in buyer's own, or an anonymous one by the token the gateway passes on. */
@Controller()
export class CartController {
  constructor(private readonly cart: CartService) {}

  @MessagePattern(OrdersPatterns.cartCreateAnonymous)
  createAnonymous() {
    return this.cart.createAnonymous();
  }

  @MessagePattern(OrdersPatterns.cartGet)
  get(@Payload() env: RpcEnvelope) {
    return this.cart.view(cartOwner(env));
  }

  @MessagePattern(OrdersPatterns.cartAddLine)
  addLine(@Payload() env: RpcEnvelope) {
    return this.cart.addLine(cartOwner(env), env.data);
  }

  @MessagePattern(OrdersPatterns.cartSetLine)
  setLine(@Payload() env: RpcEnvelope) {
    return this.cart.setLine(cartOwner(env), env.data);
  }

  @MessagePattern(OrdersPatterns.cartRemoveLine)
  removeLine(@Payload() env: RpcEnvelope) {
    return this.cart.removeLine(cartOwner(env), env.data);
  }

  @MessagePattern(OrdersPatterns.cartMerge)
  merge(@Payload() env: RpcEnvelope) {
    return this.cart.merge(requireCaller(env).userId, env.data);
  }
}
