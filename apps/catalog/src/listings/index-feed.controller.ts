import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogPatterns, RpcEnvelope } from '@pk/contracts';
import { IndexFeedService } from './index-feed.service';
import { VariantLookupService } from './variant-lookup.service';

/** Read by other apps (search, channels, orders), service to service; the gateway exposes none of it. */
@Controller()
export class IndexFeedController {
  constructor(
    private readonly feed: IndexFeedService,
    private readonly variants: VariantLookupService,
  ) {}

  @MessagePattern(CatalogPatterns.listingSnapshots)
  states(@Payload() env: RpcEnvelope) {
    return this.feed.states(env.data);
  }

  @MessagePattern(CatalogPatterns.variantsLookup)
  lookup(@Payload() env: RpcEnvelope) {
    return this.variants.lookup(env.data);
  }

  @MessagePattern(CatalogPatterns.listingIndexDigest)
  digest(@Payload() env: RpcEnvelope) {
    return this.feed.digest(env.data);
  }
}
