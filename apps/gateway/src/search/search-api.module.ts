import { Module } from '@nestjs/common';
import { CurationSearchController } from './curation-search.controller';
import { SearchController } from './search.controller';

/** The search app's REST face: buyers' search and suggestions, curators' index control. */
@Module({
  controllers: [SearchController, CurationSearchController],
})
export class SearchApiModule {}
