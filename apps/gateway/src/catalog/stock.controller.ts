import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogPatterns, Caller } from '@pk/contracts';
import { CurrentCaller, RequestId } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/** A variant's stock audit for its shop. (Reservations have no REST route: orders calls them over RPC.) */
@ApiTags('listings')
@ApiBearerAuth()
@Controller('listings/:listingId/variants/:variantId')
export class StockController {
  constructor(private readonly catalog: RpcForwarder) {}

  @Get('stock-history')
  @ApiOperation({ summary: "A variant's stock movements, newest first: who, from, to, why (?limit=, ?before=). Its shop only." })
  @Forwards(CatalogPatterns.stockHistory)
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
