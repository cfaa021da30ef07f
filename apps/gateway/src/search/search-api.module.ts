import { Module } from '@nestjs/common';
import { CurationSearchController } from './curation-search.controller';
import { SearchController } from './search.controller';
import { SearchRpc } from './search-rpc';

/** The search app's REST face: buyers' search and suggestions, curators' index control. */
@Module({
  controllers: [SearchController, CurationSearchController],
  providers: [SearchRpc],
})
export class SearchApiModule {}
