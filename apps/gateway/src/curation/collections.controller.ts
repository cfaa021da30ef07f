import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Caller, CurationPatterns, Roles as RoleNames } from '@pk/contracts';
import { MEDIA_STORE, MediaStore } from '@pk/media';
import { CurrentCaller, Public, RequestId, Roles } from '../auth/auth.decorators';
import { handOverUpload, receivePhoto } from '../catalog/photo-upload';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

// Rendering a cover waits its turn behind listing photos in the catalog.
const UPLOAD_RPC_TIMEOUT_MS = 60_000;

/** Featured collections as buyers see them: published ones, only listings on sale. */
@ApiTags('collections')
@Public()
@Controller('collections')
export class CollectionsController {
  constructor(private readonly catalog: RpcForwarder) {}

  @Get()
  @ApiOperation({ summary: 'Published collections in the curators’ order, each with its first few listings.' })
  @Forwards(CurationPatterns.publicCollections)
  list(@RequestId() rid: string) {
    return this.catalog.send(CurationPatterns.publicCollections, {}, null, rid);
  }

  @Get(':slug')
  @ApiOperation({ summary: "A published collection's listings, in the curators' order." })
  @Forwards(CurationPatterns.publicCollection)
  get(@Param('slug') slug: string, @RequestId() rid: string) {
    return this.catalog.send(CurationPatterns.publicCollection, { slug }, null, rid);
  }
}

/** Curators make, fill and order collections; the catalog checks every field and the role again. */
@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation/collections')
export class CurationCollectionsController {
  constructor(
    private readonly catalog: RpcForwarder,
    @Inject(MEDIA_STORE) private readonly store: MediaStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every collection, published or not, in order, with every item.' })
  @Forwards(CurationPatterns.collectionList)
  list(@CurrentCaller() caller: Caller, @RequestId() rid: string) {
    return this.catalog.send(CurationPatterns.collectionList, {}, caller, rid);
  }

  @Post()
  @ApiOperation({ summary: 'Create: { slug, title: { id, en? }, description: { id, en? }, published? }; it goes last.' })
  @Forwards(CurationPatterns.collectionCreate)
  create(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CurationPatterns.collectionCreate, body, caller, rid);
  }

  // Before ':id' routes: "order" is not an id.
  @Put('order')
  @ApiOperation({ summary: 'Order the collections: { ids }, every collection once, first shown first.' })
  @Forwards(CurationPatterns.collectionOrder)
  order(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CurationPatterns.collectionOrder, body, caller, rid);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One collection with every item and whether buyers can see it.' })
  @Forwards(CurationPatterns.collectionGet)
  get(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.catalog.send(CurationPatterns.collectionGet, { id }, caller, rid);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change any of: slug, title, description, published.' })
  @Forwards(CurationPatterns.collectionUpdate)
  update(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CurationPatterns.collectionUpdate, { ...body, id }, caller, rid);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a collection (its listings stay).' })
  @Forwards(CurationPatterns.collectionRemove)
  async remove(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string): Promise<void> {
    await this.catalog.send(CurationPatterns.collectionRemove, { id }, caller, rid);
  }

  @Put(':id/items')
  @ApiOperation({ summary: 'Set the listings, in order: { listingIds } (at most 100, each an existing listing).' })
  @Forwards(CurationPatterns.collectionSetItems)
  setItems(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CurationPatterns.collectionSetItems, { ...body, id }, caller, rid);
  }

  @Put(':id/cover')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP, at most 10 MB' } } } })
  @ApiOperation({ summary: "Set the collection's cover image." })
  @Forwards(CurationPatterns.collectionSetCover, { gatewaySets: ['incomingKey'] })
  async setCover(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Req() req: FastifyRequest, @RequestId() rid: string) {
    const { incomingKey } = await receivePhoto(req, this.store);
    return handOverUpload(this.store, incomingKey, () => this.catalog.send(CurationPatterns.collectionSetCover, { id, incomingKey }, caller, rid, UPLOAD_RPC_TIMEOUT_MS));
  }
}
