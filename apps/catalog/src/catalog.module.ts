import { DynamicModule, Module } from '@nestjs/common';
import { Schemas, Services } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { ServiceFoundationModule } from '@pk/messaging';

@Module({})
export class CatalogModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CatalogModule,
      imports: [ServiceFoundationModule.forService({ config, service: Services.catalog, schema: Schemas.catalog })],
    };
  }
}
