import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogPatterns, RpcEnvelope, Services } from '@pk/contracts';
import { allow } from '@pk/core';
import { IndexFeedService } from './index-feed.service';
import { VariantLookupService } from './variant-lookup.service';

/** Read by other apps (search, channels, orders) as themselves; the gateway exposes none of it. */
@Controller()
export class IndexFeedController {
  constructor(
    private readonly feed: IndexFeedService,
    private readonly variants: VariantLookupService,
  ) {}

  @MessagePattern(CatalogPatterns.listingSnapshots)
  states(@Payload() env: RpcEnvelope) {
    allow(env, { services: [Services.search, Services.channels] });
    return this.feed.states(env.data);
  }

  @MessagePattern(CatalogPatterns.variantsLookup)
  lookup(@Payload() env: RpcEnvelope) {
    allow(env, { services: [Services.orders] });
    return this.variants.lookup(env.data);
  }

  @MessagePattern(CatalogPatterns.listingIndexDigest)
  digest(@Payload() env: RpcEnvelope) {
    allow(env, { services: [Services.search] });
    return this.feed.digest(env.data);
  }
}
