import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignPatterns } from '@pk/contracts';
import { Public, RequestId } from '../auth/auth.decorators';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/** Campaigns and online exhibitions on now, for the storefront. */
@ApiTags('campaigns')
@Public()
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly catalog: RpcForwarder) {}

  @Get()
  @ApiOperation({ summary: 'Live campaigns and exhibitions, ending soonest first (?kind=, ?limit=, ?offset=).' })
  @Forwards(CampaignPatterns.publicList)
  list(@Query() query: Json, @RequestId() rid: string) {
    return this.catalog.send(CampaignPatterns.publicList, query, null, rid);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'A live campaign with a page of its listings; 404 when it is not on.' })
  @Forwards(CampaignPatterns.publicGet)
  get(@Param('slug') slug: string, @Query() query: Json, @RequestId() rid: string) {
    return this.catalog.send(CampaignPatterns.publicGet, { ...query, slug }, null, rid);
  }
}
