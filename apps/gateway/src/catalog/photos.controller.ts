import { Body, Controller, Delete, HttpCode, Inject, Param, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { CatalogPatterns, Caller } from '@pk/contracts';
import { MEDIA_STORE, MediaStore } from '@pk/media';
import { CurrentCaller, RequestId } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { handOverUpload, receivePhoto } from './photo-upload';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

// Rendering takes a second or two and uploads take turns in the catalog, so an upload may
// wait behind others longer than the ordinary RPC deadline.
const UPLOAD_RPC_TIMEOUT_MS = 60_000;

const uploadForm = (withAlt: boolean) => ({
  schema: {
    type: 'object',
    required: withAlt ? ['file', 'alt'] : ['file'],
    properties: {
      file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP, at most 10 MB, at least 300 px on the shorter side' },
      ...(withAlt ? { alt: { type: 'string', minLength: 1, maxLength: 200, description: 'what the photo shows, for buyers who cannot see it' } } : {}),
    },
  },
});

/**
 * Photos of listings and the artisan's profile photo. The gateway only stores the upload under
 * incoming/; the catalog checks the caller and the image, renders it and deletes the upload.
 */
@ApiTags('photos')
@ApiBearerAuth()
@Controller()
export class PhotosController {
  constructor(
    private readonly catalog: RpcForwarder,
    @Inject(MEDIA_STORE) private readonly store: MediaStore,
  ) {}

  @Post('listings/:id/photos')
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadForm(true))
  @ApiOperation({ summary: "Add a photo at the end of a listing's photos (at most 9)." })
  @Forwards(CatalogPatterns.photoAdd, { gatewaySets: ['incomingKey'] })
  async add(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) listingId: string, @Req() req: FastifyRequest, @RequestId() rid: string) {
    const { incomingKey, fields } = await receivePhoto(req, this.store);
    return handOverUpload(this.store, incomingKey, () => this.catalog.send(CatalogPatterns.photoAdd, { listingId, incomingKey, alt: fields.alt }, caller, rid, UPLOAD_RPC_TIMEOUT_MS));
  }

  @Put('artisans/me/photo')
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadForm(false))
  @ApiOperation({ summary: "Set your shop's profile photo (any application status)." })
  @Forwards(CatalogPatterns.artisanPhotoSet, { gatewaySets: ['incomingKey'] })
  async setArtisanPhoto(@CurrentCaller() caller: Caller, @Req() req: FastifyRequest, @RequestId() rid: string) {
    const { incomingKey } = await receivePhoto(req, this.store);
    return handOverUpload(this.store, incomingKey, () => this.catalog.send(CatalogPatterns.artisanPhotoSet, { incomingKey }, caller, rid, UPLOAD_RPC_TIMEOUT_MS));
  }

  @Patch('listings/:id/photos/:photoId')
  @ApiOperation({ summary: "Change a photo's alt text." })
  @Forwards(CatalogPatterns.photoUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', new UuidParam('id')) listingId: string,
    @Param('photoId', new UuidParam('photoId')) photoId: string,
    @Body() body: Json,
    @RequestId() rid: string,
  ) {
    return this.catalog.send(CatalogPatterns.photoUpdate, { ...body, listingId, photoId }, caller, rid);
  }

  @Put('listings/:id/photos/order')
  @ApiOperation({ summary: "Reorder a listing's photos: `photoIds`, each of its photos once, first shown first." })
  @Forwards(CatalogPatterns.photoReorder)
  reorder(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) listingId: string, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CatalogPatterns.photoReorder, { ...body, listingId }, caller, rid);
  }

  @Delete('listings/:id/photos/:photoId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a photo; the others move up.' })
  @Forwards(CatalogPatterns.photoRemove)
  async remove(
    @CurrentCaller() caller: Caller,
    @Param('id', new UuidParam('id')) listingId: string,
    @Param('photoId', new UuidParam('photoId')) photoId: string,
    @RequestId() rid: string,
  ): Promise<void> {
    await this.catalog.send(CatalogPatterns.photoRemove, { listingId, photoId }, caller, rid);
  }
}
