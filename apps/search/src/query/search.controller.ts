import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcEnvelope, SearchPatterns } from '@pk/contracts';
import { SearchService } from './search.service';

/** Buyers' searches: anyone may search. */
@Controller()
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @MessagePattern(SearchPatterns.listings)
  listings(@Payload() env: RpcEnvelope) {
    return this.search.search(env.data);
  }

  @MessagePattern(SearchPatterns.suggest)
  suggest(@Payload() env: RpcEnvelope) {
    return this.search.suggest(env.data);
  }
}
