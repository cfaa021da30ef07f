import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ChannelAttributesView, ChannelCategoriesView, ChannelsPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { parseInput, requireCaller } from '@pk/core';
import { ChannelCatalogueService } from './channel-catalogue.service';
import { channelAttributesInput as attributesInput, channelCategoriesInput as categoriesInput } from '@pk/contracts/requests/channels';

// From a query string: "true" / "false".

/** Curators read the channels' own category trees and attributes (cached a week) to map our crafts. */
@Controller()
export class CatalogueController {
  constructor(private readonly catalogue: ChannelCatalogueService) {}

  @MessagePattern(ChannelsPatterns.channelCategories)
  categories(@Payload() env: RpcEnvelope): Promise<ChannelCategoriesView> {
    requireCaller(env, Roles.curator);
    const q = parseInput(categoriesInput, env.data);
    return this.catalogue.categories(q.channel, q.refresh);
  }

  @MessagePattern(ChannelsPatterns.channelAttributes)
  attributes(@Payload() env: RpcEnvelope): Promise<ChannelAttributesView> {
    requireCaller(env, Roles.curator);
    const q = parseInput(attributesInput, env.data);
    return this.catalogue.attributes(q.channel, q.categoryId, { refresh: q.refresh });
  }
}
