import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogPatterns, RpcEnvelope } from '@pk/contracts';
import { requireCaller } from '@pk/core';
import { ArtisanPhotoService } from './artisan-photo.service';
import { PhotoIntake } from './photo-intake';
import { PhotosService } from './photos.service';

/** Listing photos and the artisan's profile photo. */
@Controller()
export class PhotosController {
  constructor(
    private readonly photos: PhotosService,
    private readonly artisanPhoto: ArtisanPhotoService,
    private readonly intake: PhotoIntake,
  ) {}

  // Uploads: the file waits in incoming/ and is deleted whatever happens, a refusal included.
  @MessagePattern(CatalogPatterns.photoAdd)
  add(@Payload() env: RpcEnvelope) {
    return this.intake.consume(env.data, (incomingKey) => this.photos.add(requireCaller(env), incomingKey, env.data));
  }

  @MessagePattern(CatalogPatterns.artisanPhotoSet)
  setArtisanPhoto(@Payload() env: RpcEnvelope) {
    return this.intake.consume(env.data, (incomingKey) => this.artisanPhoto.set(requireCaller(env), incomingKey));
  }

  @MessagePattern(CatalogPatterns.photoUpdate)
  update(@Payload() env: RpcEnvelope) {
    return this.photos.update(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.photoReorder)
  reorder(@Payload() env: RpcEnvelope) {
    return this.photos.reorder(requireCaller(env), env.data);
  }

  @MessagePattern(CatalogPatterns.photoRemove)
  async remove(@Payload() env: RpcEnvelope) {
    await this.photos.remove(requireCaller(env), env.data);
    return { removed: true };
  }
}
