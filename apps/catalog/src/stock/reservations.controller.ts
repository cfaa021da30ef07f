import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogPatterns, RpcEnvelope, Services } from '@pk/contracts';
import { CallerRule, allow } from '@pk/core';
import { ReservationsService } from './reservations.service';

/**
 * Called by orders (no REST route): for the signed-in buyer (who reserves as themself and touches
 * only their own), or by orders as itself, which names the buyer of a reservation it makes.
 */
const buyersAndOrders: CallerRule = { roles: 'any', services: [Services.orders] };

@Controller()
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @MessagePattern(CatalogPatterns.reservationCreate)
  create(@Payload() env: RpcEnvelope) {
    return this.reservations.create(allow(env, buyersAndOrders), env.data);
  }

  @MessagePattern(CatalogPatterns.reservationGet)
  get(@Payload() env: RpcEnvelope) {
    return this.reservations.get(allow(env, buyersAndOrders), env.data);
  }

  @MessagePattern(CatalogPatterns.reservationCommit)
  commit(@Payload() env: RpcEnvelope) {
    return this.reservations.commit(allow(env, buyersAndOrders), env.data);
  }

  @MessagePattern(CatalogPatterns.reservationReturn)
  returnSold(@Payload() env: RpcEnvelope) {
    return this.reservations.returnSold(allow(env, buyersAndOrders), env.data);
  }

  @MessagePattern(CatalogPatterns.reservationRelease)
  release(@Payload() env: RpcEnvelope) {
    return this.reservations.release(allow(env, buyersAndOrders), env.data);
  }
}
