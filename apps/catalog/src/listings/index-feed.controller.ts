import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogPatterns, RpcEnvelope } from '@pk/contracts';
import { IndexFeedService } from './index-feed.service';

/** Read by the search app (service to service; the gateway exposes none of it). */
@Controller()
export class IndexFeedController {
  constructor(private readonly feed: IndexFeedService) {}

  @MessagePattern(CatalogPatterns.listingSnapshots)
  states(@Payload() env: RpcEnvelope) {
    return this.feed.states(env.data);
  }

  @MessagePattern(CatalogPatterns.listingIndexDigest)
  digest(@Payload() env: RpcEnvelope) {
    return this.feed.digest(env.data);
  }
}
