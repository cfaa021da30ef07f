import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { CHANNELS, ChannelAttributesView, ChannelCategoriesView, ChannelsPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { parseInput, requireCaller } from '@pk/core';
import { ChannelCatalogueService } from './channel-catalogue.service';

const channel = z.enum(CHANNELS, { errorMap: () => ({ message: `one of: ${CHANNELS.join(', ')}` }) });
// From a query string: "true" / "false".
const refresh = z.preprocess((v) => (v === 'true' || v === true ? true : v === 'false' || v === false || v === undefined ? false : v), z.boolean({ invalid_type_error: 'true or false' }));
const categoriesInput = z.object({ channel, refresh }).strict();
const attributesInput = z.object({ channel, categoryId: z.string().trim().min(1).max(60), refresh }).strict();

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
