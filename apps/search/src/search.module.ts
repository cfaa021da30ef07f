import { DynamicModule, Module } from '@nestjs/common';
import { Schemas, Services } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { ServiceFoundationModule } from '@pk/messaging';

@Module({})
export class SearchModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SearchModule,
      imports: [ServiceFoundationModule.forService({ config, service: Services.search, schema: Schemas.search })],
    };
  }
}
