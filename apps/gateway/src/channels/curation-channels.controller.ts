import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, ChannelsPatterns, Roles as RoleNames } from '@pk/contracts';
import { CurrentCaller, RequestId, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/** The council's channel accounts, category mappings and export runs. */
@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation/channels')
export class CurationChannelsController {
  constructor(private readonly channels: RpcForwarder) {}

  @Post('accounts')
  @ApiOperation({ summary: 'Connect a TikTok Shop or Lazada account, council-wide or for one shop (secrets are stored encrypted).' })
  @Forwards(ChannelsPatterns.accountCreate)
  createAccount(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.accountCreate, body, caller, rid);
  }

  @Get('accounts')
  @ApiOperation({ summary: 'Channel accounts with their last run (never their secrets).' })
  @Forwards(ChannelsPatterns.accountList)
  accounts(@CurrentCaller() caller: Caller, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.accountList, {}, caller, rid);
  }

  @Patch('accounts/:id')
  @ApiOperation({ summary: 'Rename, disable or re-enable an account, or give it new credentials.' })
  @Forwards(ChannelsPatterns.accountUpdate)
  updateAccount(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.accountUpdate, { ...body, id }, caller, rid);
  }

  @Post('accounts/:id/sync')
  @HttpCode(202)
  @ApiOperation({ summary: 'Export now, or {"dryRun": true} to see the payloads without sending anything.' })
  @Forwards(ChannelsPatterns.accountSync)
  sync(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.accountSync, { ...(body ?? {}), id }, caller, rid);
  }

  @Put('mappings/:channel/:categorySlug')
  @ApiOperation({ summary: "Map one of our crafts to the channel's leaf category and its attributes." })
  @Forwards(ChannelsPatterns.mappingPut)
  putMapping(@CurrentCaller() caller: Caller, @Param('channel') channel: string, @Param('categorySlug') categorySlug: string, @Body() body: Json, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.mappingPut, { ...body, channel, categorySlug }, caller, rid);
  }

  @Get('mappings')
  @ApiOperation({ summary: 'Category mappings (filter with ?channel=).' })
  @Forwards(ChannelsPatterns.mappingList)
  mappings(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.mappingList, query, caller, rid);
  }

  @Get(':channel/categories')
  @ApiOperation({ summary: "The channel's category tree (cached a week; ?refresh=true fetches it now), read through an active account of the channel." })
  @Forwards(ChannelsPatterns.channelCategories)
  categories(@CurrentCaller() caller: Caller, @Param('channel') channel: string, @Query() query: Json, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.channelCategories, { ...query, channel }, caller, rid);
  }

  @Get(':channel/categories/:categoryId/attributes')
  @ApiOperation({ summary: "A leaf category's attributes with their values, required flags and kinds (cached a week; ?refresh=true)." })
  @Forwards(ChannelsPatterns.channelAttributes)
  categoryAttributes(@CurrentCaller() caller: Caller, @Param('channel') channel: string, @Param('categoryId') categoryId: string, @Query() query: Json, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.channelAttributes, { ...query, channel, categoryId }, caller, rid);
  }

  @Get('runs')
  @ApiOperation({ summary: 'Export runs, newest first (?accountId=, limit, offset).' })
  @Forwards(ChannelsPatterns.runList)
  runs(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.runList, query, caller, rid);
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One run with its result per listing (failures with their reasons).' })
  @Forwards(ChannelsPatterns.runGet)
  run(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.runGet, { id }, caller, rid);
  }
}
