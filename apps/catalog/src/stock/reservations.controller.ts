import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogPatterns, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { ReservationsService } from './reservations.service';

/** Called by orders' checkout (no REST route): any signed-in caller reserves, as the buyer. */
@Controller()
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @MessagePattern(CatalogPatterns.reservationCreate)
  create(@Payload() env: RpcEnvelope) {
    return this.reservations.create(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.reservationGet)
  get(@Payload() env: RpcEnvelope) {
    return this.reservations.get(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.reservationCommit)
  commit(@Payload() env: RpcEnvelope) {
    return this.reservations.commit(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.reservationReturn)
  returnSold(@Payload() env: RpcEnvelope) {
    return this.reservations.returnSold(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.reservationRelease)
  release(@Payload() env: RpcEnvelope) {
    return this.reservations.release(requireCaller(env), env.data);
  }
}
