import { Body, Controller, Delete, Get, Logger, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Caller, ChannelsPatterns } from '@pk/contracts';
import { CurrentCaller, Public, RequestId } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/**
 * Connecting a TikTok Shop or Lazada seller account by the channel's authorization page, an
 * artisan's own accounts, and the values a listing takes on each channel.
 */
@ApiTags('channels')
@ApiBearerAuth()
@Controller('channels')
export class ChannelConnectController {
  private readonly logger = new Logger(ChannelConnectController.name);

  constructor(private readonly channels: RpcForwarder) {}

  @Post('connect/:channel')
  @ApiOperation({
    summary:
      'Start connecting an account: {"scope": "shop"} (a verified shop owner, for their shop) or {"scope": "council"} (curators). ' +
      "Answers the channel's authorization link, good for 10 minutes and one use.",
  })
  @Forwards(ChannelsPatterns.connectStart)
  start(@CurrentCaller() caller: Caller, @Param('channel') channel: string, @Body() body: Json, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.connectStart, { ...(body ?? {}), channel }, caller, rid);
  }

  @Get('connect/:channel/callback')
  @Public()
  @ApiOperation({
    summary:
      "Where the channel sends the seller's browser back (?code&state): redirects to the seller centre or curator console " +
      'with ?connected=<channel> or ?connectError=<code>.',
  })
  @Forwards(ChannelsPatterns.connectCallback, { gatewaySets: ['channel'], redirects: true })
  async callback(@Param('channel') channel: string, @Query() query: Json, @RequestId() rid: string, @Res() reply: FastifyReply): Promise<void> {
    const pick = (k: string) => (typeof query[k] === 'string' ? (query[k] as string) : undefined);
    let location = `/seller/channels?connectError=exchange_failed&channel=${encodeURIComponent(channel)}`;
    try {
      const out = await this.channels.send<{ location: string }>(
        ChannelsPatterns.connectCallback,
        { channel, code: pick('code'), auth_code: pick('auth_code'), state: pick('state'), error: pick('error') },
        null,
        rid,
      );
      location = out.location;
    } catch (error) {
      // The browser gets a page with the outcome, never an error page.
      this.logger.error(`connect callback for ${channel} failed: ${(error as Error).message}`);
    }
    await reply.header('cache-control', 'no-store').redirect(location, 302);
  }

  @Get('accounts')
  @ApiOperation({ summary: "Your shop's own channel accounts (never their tokens)." })
  @Forwards(ChannelsPatterns.shopAccounts)
  accounts(@CurrentCaller() caller: Caller, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.shopAccounts, {}, caller, rid);
  }

  @Delete('accounts/:id')
  @ApiOperation({ summary: "Disconnect your shop's account: it stops exporting and its tokens are wiped." })
  @Forwards(ChannelsPatterns.shopDisconnect)
  disconnect(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.shopDisconnect, { id }, caller, rid);
  }

  @Get('listings/:listingId/attributes')
  @ApiOperation({ summary: "A listing's attributes on each channel its category is mapped on, with their values and where each comes from (owner or curator)." })
  @Forwards(ChannelsPatterns.listingAttributesGet)
  listingAttributes(@CurrentCaller() caller: Caller, @Param('listingId', new UuidParam('listingId')) listingId: string, @RequestId() rid: string) {
    return this.channels.send(ChannelsPatterns.listingAttributesGet, { listingId }, caller, rid);
  }

  @Put('listings/:listingId/attributes/:channel')
  @ApiOperation({ summary: 'Set the listing\'s own values on a channel: {"values": {"<attributeId>": [{"id": "…", "name": "…"}]}}; exported soon after.' })
  @Forwards(ChannelsPatterns.listingAttributesPut)
  putListingAttributes(
    @CurrentCaller() caller: Caller,
    @Param('listingId', new UuidParam('listingId')) listingId: string,
    @Param('channel') channel: string,
    @Body() body: Json,
    @RequestId() rid: string,
  ) {
    return this.channels.send(ChannelsPatterns.listingAttributesPut, { ...(body ?? {}), listingId, channel }, caller, rid);
  }
}
