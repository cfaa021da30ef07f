import { Module } from '@nestjs/common';
import { MediaModule } from '@pk/media';
import { CollectionsController, CurationCollectionsController } from './collections.controller';
import { CurationMarksController, MarkTypesController } from './marks.controller';

/** Provenance marks and collections: public reads, curators' writes. */
@Module({
  imports: [MediaModule],
  controllers: [MarkTypesController, CurationMarksController, CollectionsController, CurationCollectionsController],
})
export class CurationApiModule {}
