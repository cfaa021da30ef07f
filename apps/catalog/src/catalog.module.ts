import { DynamicModule, Module } from '@nestjs/common';
import { Schemas, Services } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { ServiceFoundationModule } from '@pk/messaging';
import { CatalogCoreModule } from './catalog-core.module';
import { CATALOG_ENTITIES } from './catalog.entities';
import { ArtisansModule } from './artisans/artisans.module';
import { BulkModule } from './bulk/bulk.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { CollectionsModule } from './collections/collections.module';
import { HomeModule } from './home/home.module';
import { MarksModule } from './marks/marks.module';
import { ListingsModule } from './listings/listings.module';
import { PhotosModule } from './photos/photos.module';
import { CatalogReportsModule } from './reports/reports.module';
import { StockModule } from './stock/stock.module';

/** Artisans and shops, the taxonomy, listings, variants and stock, photos, moderation, bulk upload, campaigns, marks, collections, the home page. */
@Module({})
export class CatalogModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CatalogModule,
      imports: [
        ServiceFoundationModule.forService({ config, service: Services.catalog, schema: Schemas.catalog, entities: CATALOG_ENTITIES }),
        CatalogCoreModule,
        ArtisansModule,
        BulkModule,
        ListingsModule,
        PhotosModule,
        StockModule,
        CampaignsModule,
        CollectionsModule,
        HomeModule,
        MarksModule,
        CatalogReportsModule,
      ],
    };
  }
}
