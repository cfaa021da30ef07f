import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrdersPatterns, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { AddressesService } from './addresses.service';

/** The caller's own address book; the owner is always the caller, never an id in the data. */
@Controller()
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  @MessagePattern(OrdersPatterns.addressList)
  list(@Payload() env: RpcEnvelope) {
    return this.addresses.list(requireCaller(env).userId);
  }

  @MessagePattern(OrdersPatterns.addressCreate)
  create(@Payload() env: RpcEnvelope) {
    return this.addresses.create(requireCaller(env).userId, env.data);
  }

  @MessagePattern(OrdersPatterns.addressUpdate)
  update(@Payload() env: RpcEnvelope) {
    return this.addresses.update(requireCaller(env).userId, env.data);
  }

  @MessagePattern(OrdersPatterns.addressDelete)
  remove(@Payload() env: RpcEnvelope) {
    return this.addresses.remove(requireCaller(env).userId, env.data);
  }
}
