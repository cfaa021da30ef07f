import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogPatterns, Caller } from '@pk/contracts';
import { CurrentCaller, Public, RequestId } from '../auth/auth.decorators';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/**
 * Artisans' own shops and the public shop page. Any signed-in user may apply; the catalog
 * checks bodies and ownership itself, so a stale role in the token never matters.
 */
@ApiTags('artisans')
@Controller()
export class ArtisansController {
  constructor(private readonly catalog: RpcForwarder) {}

  @Post('artisans')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Apply for a shop (one per user; again after a rejection). The council verifies it.' })
  @Forwards(CatalogPatterns.artisanApply)
  apply(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.artisanApply, body, caller, rid);
  }

  @Get('artisans/me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Your shop profile and its status, with the full payout account.' })
  @Forwards(CatalogPatterns.artisanMine)
  mine(@CurrentCaller() caller: Caller, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.artisanMine, {}, caller, rid);
  }

  @Patch('artisans/me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Edit your shop profile; the address (slug) is fixed once the shop is verified.' })
  @Forwards(CatalogPatterns.artisanUpdateMine)
  updateMine(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.artisanUpdateMine, body, caller, rid);
  }

  @Get('shops/:slug')
  @Public()
  @ApiOperation({ summary: "A verified shop's public page: its profile and published listings, newest first (?limit=, ?offset=)." })
  @Forwards(CatalogPatterns.shopPage)
  shop(@Param('slug') slug: string, @Query() query: Json, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.shopPage, { ...query, slug }, null, rid);
  }
}
