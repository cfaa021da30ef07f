import { DynamicModule, Module } from '@nestjs/common';
import { Schemas, Services } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { ServiceFoundationModule } from '@pk/messaging';

@Module({})
export class OrdersModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: OrdersModule,
      imports: [ServiceFoundationModule.forService({ config, service: Services.orders, schema: Schemas.orders })],
    };
  }
}
