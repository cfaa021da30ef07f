import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogPatterns, Caller, Roles as RoleNames } from '@pk/contracts';
import { CurrentCaller, RequestId, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/** The council's queue of artisans and its decisions: verify, reject, suspend, reinstate. */
@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation/artisans')
export class CurationArtisansController {
  constructor(private readonly catalog: RpcForwarder) {}

  @Get()
  @ApiOperation({ summary: 'Artisans by status (?status=, pending by default), oldest first (?limit=, ?offset=).' })
  @Forwards(CatalogPatterns.artisanQueue)
  queue(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.artisanQueue, query, caller, rid);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One artisan, with the full payout account.' })
  @Forwards(CatalogPatterns.artisanGet)
  get(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.artisanGet, { id }, caller, rid);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide: { decision: verify | reject | suspend | reinstate, reason } (a reason to reject or suspend).' })
  @Forwards(CatalogPatterns.artisanDecide)
  decide(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.artisanDecide, { ...body, id }, caller, rid);
  }
}
