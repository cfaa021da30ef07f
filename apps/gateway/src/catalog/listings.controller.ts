import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogPatterns, Caller } from '@pk/contracts';
import { CurrentCaller, OptionalCaller, Public, RequestId } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/**
 * Listings and their variants. Bodies are checked by the catalog (one set of rules for the API
 * and the CSV import); the catalog also checks that the caller owns a verified shop.
 */
@ApiTags('listings')
@ApiBearerAuth()
@Controller('listings')
export class ListingsController {
  constructor(private readonly catalog: RpcForwarder) {}

  @Post()
  @ApiOperation({ summary: 'Create a draft listing with its variants in your shop.' })
  @Forwards(CatalogPatterns.listingCreate)
  create(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.listingCreate, body, caller, rid);
  }

  @Get('mine')
  @ApiOperation({ summary: "Your shop's listings, any status (filter with ?status=)." })
  @Forwards(CatalogPatterns.listingMine)
  mine(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.listingMine, query, caller, rid);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A listing: on sale for anyone; any status for its owner and curators.' })
  @Forwards(CatalogPatterns.listingGet, CatalogPatterns.listingPublic)
  get(@OptionalCaller() caller: Caller | null, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return caller
      ? this.catalog.send(CatalogPatterns.listingGet, { id }, caller, rid)
      : this.catalog.send(CatalogPatterns.listingPublic, { id }, null, rid);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a listing's fields (not its variants)." })
  @Forwards(CatalogPatterns.listingUpdate)
  update(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() patch: Json, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.listingUpdate, { id, patch }, caller, rid);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a draft to the curators (or straight on sale when auto-publish is on).' })
  @Forwards(CatalogPatterns.listingSubmit)
  submit(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.listingSubmit, { id }, caller, rid);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a listing off sale and out of your active list.' })
  @Forwards(CatalogPatterns.listingArchive)
  archive(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.listingArchive, { id }, caller, rid);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring an archived listing back as a draft.' })
  @Forwards(CatalogPatterns.listingRestore)
  restore(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.listingRestore, { id }, caller, rid);
  }

  @Post(':id/variants')
  @ApiOperation({ summary: 'Add a variant (SKU, options, price, stock).' })
  @Forwards(CatalogPatterns.variantAdd)
  addVariant(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) listingId: string, @Body() variant: Json, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.variantAdd, { listingId, variant }, caller, rid);
  }

  @Patch(':id/variants/:variantId')
  @ApiOperation({ summary: 'Change a variant.' })
  @Forwards(CatalogPatterns.variantUpdate)
  updateVariant(
    @CurrentCaller() caller: Caller,
    @Param('id', new UuidParam('id')) listingId: string,
    @Param('variantId', new UuidParam('variantId')) variantId: string,
    @Body() patch: Json,
    @RequestId() rid: string,
  ) {
    return this.catalog.send(CatalogPatterns.variantUpdate, { listingId, variantId, patch }, caller, rid);
  }

  @Delete(':id/variants/:variantId')
  @ApiOperation({ summary: 'Remove a variant (a listing keeps at least one).' })
  @Forwards(CatalogPatterns.variantRemove)
  removeVariant(
    @CurrentCaller() caller: Caller,
    @Param('id', new UuidParam('id')) listingId: string,
    @Param('variantId', new UuidParam('variantId')) variantId: string,
    @RequestId() rid: string,
  ) {
    return this.catalog.send(CatalogPatterns.variantRemove, { listingId, variantId }, caller, rid);
  }

  @Put(':id/variants/:variantId/stock')
  @ApiOperation({ summary: "Set a variant's stock on hand (audited: who, from, to, why)." })
  @Forwards(CatalogPatterns.variantSetStock)
  setStock(
    @CurrentCaller() caller: Caller,
    @Param('id', new UuidParam('id')) listingId: string,
    @Param('variantId', new UuidParam('variantId')) variantId: string,
    @Body() body: Json,
    @RequestId() rid: string,
  ) {
    return this.catalog.send(CatalogPatterns.variantSetStock, { ...body, listingId, variantId }, caller, rid);
  }
}
