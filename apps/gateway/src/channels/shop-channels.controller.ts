import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, ChannelsPatterns } from '@pk/contracts';
import { CurrentCaller, RequestId } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/** An artisan's own shop on TikTok Shop and Lazada (the channels app checks the shop is theirs). */
@ApiTags('channels')
@ApiBearerAuth()
@Controller('channels')
export class ShopChannelsController {
  constructor(private readonly channels: RpcForwarder) {}

  @Get('listings')
  @ApiOperation({ summary: "Each of your listings' status on each channel, with the reason when it was refused or failed." })
  @Forwards(ChannelsPatterns.shopListings)
  listings(@CurrentCaller() caller: Caller, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.shopListings, {}, caller, rid);
  }

  @Post('sync')
  @HttpCode(202)
  @ApiOperation({ summary: 'Export your shop now, or {"dryRun": true} to see what would be sent.' })
  @Forwards(ChannelsPatterns.shopSync)
  sync(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.shopSync, body ?? {}, caller, rid);
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'A run of your shop with its result per listing.' })
  @Forwards(ChannelsPatterns.shopRun)
  run(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.shopRun, { id }, caller, rid);
  }
}
