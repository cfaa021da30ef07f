import { DynamicModule, Module } from '@nestjs/common';
import { Schemas, Services } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { ServiceFoundationModule } from '@pk/messaging';

@Module({})
export class ChannelsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ChannelsModule,
      imports: [ServiceFoundationModule.forService({ config, service: Services.channels, schema: Schemas.channels })],
    };
  }
}
