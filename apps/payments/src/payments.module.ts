import { DynamicModule, Module } from '@nestjs/common';
import { Schemas, Services } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { ServiceFoundationModule } from '@pk/messaging';

@Module({})
export class PaymentsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PaymentsModule,
      imports: [ServiceFoundationModule.forService({ config, service: Services.payments, schema: Schemas.payments })],
    };
  }
}
