import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ChannelsPatterns, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { ListingAttributesService } from './listing-attributes.service';

/** A listing's values on each channel: its owner or a curator (the service checks which). */
@Controller()
export class ListingAttributesController {
  constructor(private readonly attributes: ListingAttributesService) {}

  @MessagePattern(ChannelsPatterns.listingAttributesGet)
  get(@Payload() env: RpcEnvelope) {
    return this.attributes.get(requireCaller(env), env.data);
  }

  @MessagePattern(ChannelsPatterns.listingAttributesPut)
  put(@Payload() env: RpcEnvelope) {
    return this.attributes.put(requireCaller(env), env.data);
  }
}
