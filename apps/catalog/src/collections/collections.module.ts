import { Module } from '@nestjs/common';
import { PhotosModule } from '../photos/photos.module';
import { CollectionPagesService } from './collection-pages.service';
import { CollectionsController } from './collections.controller';
import { CollectionsService } from './collections.service';

/** Featured collections: curated, ordered sets of listings. */
@Module({
  imports: [PhotosModule],
  controllers: [CollectionsController],
  providers: [CollectionPagesService, CollectionsService],
})
export class CollectionsModule {}
