import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogPatterns, Caller } from '@pk/contracts';
import { CurrentCaller, RequestId } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { CatalogRpc } from './catalog-rpc';

/** A variant's stock audit for its shop. (Reservations have no REST route: orders calls them over RPC.) */
@ApiTags('listings')
@ApiBearerAuth()
@Controller('listings/:listingId/variants/:variantId')
export class StockController {
  constructor(private readonly catalog: CatalogRpc) {}

  @Get('stock-history')
  @ApiOperation({ summary: "A variant's stock movements, newest first: who, from, to, why (?limit=, ?before=). Its shop only." })
  history(
    @CurrentCaller() caller: Caller,
    @Param('listingId', new UuidParam('listingId')) listingId: string,
    @Param('variantId', new UuidParam('variantId')) variantId: string,
    @Query() query: Record<string, unknown>,
    @RequestId() rid: string,
  ) {
    return this.catalog.send(CatalogPatterns.stockHistory, { ...query, listingId, variantId }, caller, rid);
  }
}
