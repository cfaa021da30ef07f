import { DynamicModule, Module } from '@nestjs/common';
import { Queues, Schemas, Services } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { ServiceFoundationModule, consumerHost } from '@pk/messaging';
import { AccountsService } from './accounts/accounts.service';
import { AdapterFactory } from './accounts/adapter-factory';
import { ShopAccountsService } from './accounts/shop-accounts.service';
import { CatalogueController } from './catalogue/catalogue.controller';
import { ChannelCatalogueService } from './catalogue/channel-catalogue.service';
import { ChannelConnectors } from './connect/channel-connectors';
import { ConnectController } from './connect/connect.controller';
import { ConnectService } from './connect/connect.service';
import { TokenRefreshService } from './connect/token-refresh.service';
import { ChannelsController } from './channels.controller';
import { ExportJobs } from './export/export-jobs';
import { ExportProcessor } from './export/export.processor';
import { ExportQueue } from './export/export-queue';
import { ExportRunner } from './export/export-runner';
import { RunsService } from './export/runs.service';
import { ChannelsEventsSubscriber } from './listings/channels-events.subscriber';
import { ListingAttributesController } from './listings/listing-attributes.controller';
import { ListingAttributesService } from './listings/listing-attributes.service';
import { ListingCopy } from './listings/listing-copy';
import { MappingsService } from './mappings/mappings.service';
import { ChannelsReportsModule } from './reports/reports.module';
import { ShopChannelsService } from './shop-channels.service';

/** Channel accounts, category mappings and the export of public listings to TikTok Shop and Lazada. */
@Module({})
export class ChannelsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ChannelsModule,
      imports: [ServiceFoundationModule.forService({ config, service: Services.channels, schema: Schemas.channels }), ChannelsReportsModule],
      controllers: [ChannelsController, ConnectController, CatalogueController, ListingAttributesController],
      providers: [
        AccountsService,
        AdapterFactory,
        MappingsService,
        ListingCopy,
        ChannelsEventsSubscriber,
        consumerHost({ queue: Queues.channelsEvents, consumer: 'channels-export', schema: Schemas.channels, subscriber: ChannelsEventsSubscriber, concurrency: 8 }),
        RunsService,
        ExportQueue,
        ExportRunner,
        ExportJobs,
        ExportProcessor,
        ShopChannelsService,
        ShopAccountsService,
        ChannelConnectors,
        ConnectService,
        TokenRefreshService,
        ChannelCatalogueService,
        ListingAttributesService,
      ],
    };
  }
}
