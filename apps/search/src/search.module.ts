import { DynamicModule, Module } from '@nestjs/common';
import { Queues, Schemas, Services } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { ServiceFoundationModule, consumerHost } from '@pk/messaging';
import { MeiliHealth } from './index/meili-health';
import { SearchIndex } from './index/search-index';
import { CatalogFeed } from './indexing/catalog-feed';
import { IndexWriter } from './indexing/index-writer';
import { SearchEventsSubscriber } from './indexing/search-events.subscriber';
import { SearchMeta } from './indexing/search-meta';
import { IndexKeeper } from './maintenance/index-keeper';
import { MaintenanceController } from './maintenance/maintenance.controller';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { MaintenanceRuns } from './maintenance/maintenance-runs';
import { MaintenanceQueue } from './maintenance/maintenance-queue';
import { Reconciler } from './maintenance/reconciler';
import { Reindexer } from './maintenance/reindexer';
import { SearchRuns } from './maintenance/search-runs';
import { DidYouMean } from './query/did-you-mean';
import { FacetLabels } from './query/facet-labels';
import { SearchController } from './query/search.controller';
import { SearchService } from './query/search.service';

/** The Meilisearch index of public listings: kept in sync from catalog events, searched by buyers. */
@Module({})
export class SearchModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SearchModule,
      imports: [ServiceFoundationModule.forService({ config, service: Services.search, schema: Schemas.search })],
      controllers: [SearchController, MaintenanceController],
      providers: [
        SearchIndex,
        MeiliHealth,
        SearchMeta,
        CatalogFeed,
        IndexWriter,
        SearchEventsSubscriber,
        consumerHost({ queue: Queues.searchEvents, consumer: 'search-index', schema: Schemas.search, subscriber: SearchEventsSubscriber, concurrency: 8 }),
        FacetLabels,
        DidYouMean,
        SearchService,
        SearchRuns,
        MaintenanceQueue,
        Reindexer,
        Reconciler,
        MaintenanceRuns,
        MaintenanceProcessor,
        IndexKeeper,
      ],
    };
  }
}
