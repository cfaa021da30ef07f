import { Module } from '@nestjs/common';
import { MediaModule } from '@pk/media';
import { CollectionsController, CurationCollectionsController } from './collections.controller';
import { CurationMarksController, MarkTypesController } from './marks.controller';
import { CurationRpc } from './curation-rpc';

/** Provenance marks and collections: public reads, curators' writes. */
@Module({
  imports: [MediaModule],
  controllers: [MarkTypesController, CurationMarksController, CollectionsController, CurationCollectionsController],
  providers: [CurationRpc],
})
export class CurationApiModule {}
