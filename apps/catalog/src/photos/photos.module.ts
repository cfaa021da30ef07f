import { Module } from '@nestjs/common';
import { MediaModule } from '@pk/media';
import { ArtisanPhotoService } from './artisan-photo.service';
import { ImagePipeline } from './image-pipeline';
import { PhotoIntake } from './photo-intake';
import { PhotosController } from './photos.controller';
import { PhotosService } from './photos.service';

/** Photos: uploads checked by content, stripped of metadata, rendered in three sizes. */
@Module({
  imports: [MediaModule],
  controllers: [PhotosController],
  providers: [ArtisanPhotoService, ImagePipeline, PhotoIntake, PhotosService],
  // Campaign banners and collection covers take the same path as listing photos.
  exports: [PhotoIntake],
})
export class PhotosModule {}
