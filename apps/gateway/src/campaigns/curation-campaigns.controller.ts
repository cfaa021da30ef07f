import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { CampaignPatterns, Caller, Roles as RoleNames } from '@pk/contracts';
import { MEDIA_STORE, MediaStore } from '@pk/media';
import { CurrentCaller, RequestId, Roles } from '../auth/auth.decorators';
import { handOverUpload, receivePhoto } from '../catalog/photo-upload';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

// Rendering a banner waits its turn behind listing photos in the catalog.
const UPLOAD_RPC_TIMEOUT_MS = 60_000;

/**
 * The council's campaigns and online exhibitions. Times are ISO 8601 with an offset, or
 * 'YYYY-MM-DDTHH:mm' read as WITA; the catalog checks every field and the curator role again.
 */
@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation/campaigns')
export class CurationCampaignsController {
  constructor(
    private readonly catalog: RpcForwarder,
    @Inject(MEDIA_STORE) private readonly store: MediaStore,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a campaign or exhibition: kind, slug, title, description, startsAt, endsAt, discountPercent (1–90, optional).' })
  @Forwards(CampaignPatterns.create)
  create(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CampaignPatterns.create, body, caller, rid);
  }

  @Get()
  @ApiOperation({ summary: 'Campaigns in every state, latest start first; filter with ?state= and ?kind=.' })
  @Forwards(CampaignPatterns.list)
  list(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.catalog.send(CampaignPatterns.list, query, caller, rid);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A campaign with its members and campaign prices.' })
  @Forwards(CampaignPatterns.get)
  get(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.catalog.send(CampaignPatterns.get, { id }, caller, rid);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a scheduled campaign; a live one changes only its title, description and end.' })
  @Forwards(CampaignPatterns.update)
  update(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() patch: Json, @RequestId() rid: string) {
    return this.catalog.send(CampaignPatterns.update, { id, patch }, caller, rid);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a scheduled or live campaign; its prices end at once.' })
  @Forwards(CampaignPatterns.cancel)
  cancel(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.catalog.send(CampaignPatterns.cancel, { id }, caller, rid);
  }

  @Post(':id/members')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add verified shops (artisanIds) and published listings (listingIds).' })
  @Forwards(CampaignPatterns.addMembers)
  addMembers(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CampaignPatterns.addMembers, { ...body, id }, caller, rid);
  }

  @Delete(':id/members/artisans/:artisanId')
  @ApiOperation({ summary: 'Take a shop out of the campaign.' })
  @Forwards(CampaignPatterns.removeMember)
  removeArtisan(
    @CurrentCaller() caller: Caller,
    @Param('id', new UuidParam('id')) id: string,
    @Param('artisanId', new UuidParam('artisanId')) artisanId: string,
    @RequestId() rid: string,
  ) {
    return this.catalog.send(CampaignPatterns.removeMember, { id, artisanId }, caller, rid);
  }

  @Delete(':id/members/listings/:listingId')
  @ApiOperation({ summary: 'Take a listing out of the campaign.' })
  @Forwards(CampaignPatterns.removeMember)
  removeListing(
    @CurrentCaller() caller: Caller,
    @Param('id', new UuidParam('id')) id: string,
    @Param('listingId', new UuidParam('listingId')) listingId: string,
    @RequestId() rid: string,
  ) {
    return this.catalog.send(CampaignPatterns.removeMember, { id, listingId }, caller, rid);
  }

  @Put(':id/prices')
  @ApiOperation({ summary: 'Campaign prices per variant: {"prices": [{"variantId", "price"}]}, below the regular price; null removes one.' })
  @Forwards(CampaignPatterns.setPrices)
  setPrices(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CampaignPatterns.setPrices, { ...body, id }, caller, rid);
  }

  @Put(':id/banner')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP, at most 10 MB' } } } })
  @ApiOperation({ summary: "Set the campaign's banner." })
  @Forwards(CampaignPatterns.setBanner, { gatewaySets: ['incomingKey'] })
  async setBanner(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Req() req: FastifyRequest, @RequestId() rid: string) {
    const { incomingKey } = await receivePhoto(req, this.store);
    return handOverUpload(this.store, incomingKey, () => this.catalog.send(CampaignPatterns.setBanner, { id, incomingKey }, caller, rid, UPLOAD_RPC_TIMEOUT_MS));
  }
}
