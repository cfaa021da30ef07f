import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PRICE_BANDS, REGENCY_SLUGS, SEARCH_SORTS, SearchPatterns, SearchResult, SuggestResult } from '@pk/contracts';
import { Public, RequestId } from '../auth/auth.decorators';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/** Buyers' search over published listings: anyone may search. The search app checks the parameters. */
@ApiTags('search')
@Public()
@Controller('search')
export class SearchController {
  constructor(private readonly search: RpcForwarder) {}

  @Get('listings')
  @ApiOperation({ summary: 'Search listings: text, facets, sort and paging; facet counts and highlights.' })
  @ApiQuery({ name: 'q', required: false, description: 'Words, in Indonesian or English; typos forgiven.' })
  @ApiQuery({ name: 'category', required: false, description: 'Category slug (a group or a craft); repeat or comma-separate for several.' })
  @ApiQuery({ name: 'regency', required: false, enum: REGENCY_SLUGS, isArray: true })
  @ApiQuery({ name: 'material', required: false, isArray: true })
  @ApiQuery({ name: 'technique', required: false, isArray: true })
  @ApiQuery({ name: 'priceBand', required: false, enum: PRICE_BANDS.map((b) => b.value), isArray: true })
  @ApiQuery({ name: 'minPrice', required: false, description: 'Whole rupiah.' })
  @ApiQuery({ name: 'maxPrice', required: false, description: 'Whole rupiah.' })
  @ApiQuery({ name: 'inStock', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'mark', required: false, isArray: true, description: 'A provenance mark code (GET /api/v1/marks); repeat or comma-separate for several.' })
  @ApiQuery({ name: 'campaign', required: false, isArray: true, description: 'A live campaign slug; repeat or comma-separate for several.' })
  @ApiQuery({ name: 'shop', required: false, description: 'A shop slug.' })
  @ApiQuery({ name: 'sort', required: false, enum: SEARCH_SORTS })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 48, default 24.' })
  @Forwards(SearchPatterns.listings)
  listings(@Query() query: Json, @RequestId() rid: string): Promise<SearchResult> {
    return this.search.send(SearchPatterns.listings, query, null, rid);
  }

  @Get('suggest')
  @ApiOperation({ summary: 'Search as you type: matching titles and categories.' })
  @ApiQuery({ name: 'q', required: true })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 10, default 6.' })
  @Forwards(SearchPatterns.suggest)
  suggest(@Query() query: Json, @RequestId() rid: string): Promise<SuggestResult> {
    return this.search.send(SearchPatterns.suggest, query, null, rid);
  }
}
