import { DynamicModule, Module } from '@nestjs/common';
import { Schemas, Services } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { ServiceFoundationModule } from '@pk/messaging';
import { CatalogCoreModule } from './catalog-core.module';
import { CATALOG_ENTITIES } from './catalog.entities';

/** Artisans and shops, the taxonomy, listings, variants and stock, photos, moderation, bulk upload. */
@Module({})
export class CatalogModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CatalogModule,
      imports: [
        ServiceFoundationModule.forService({ config, service: Services.catalog, schema: Schemas.catalog, entities: CATALOG_ENTITIES }),
        CatalogCoreModule,
      ],
    };
  }
}
