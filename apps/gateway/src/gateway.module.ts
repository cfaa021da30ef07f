import { DynamicModule, Global, Module } from '@nestjs/common';
import { Schemas } from '@pk/contracts';
import { AppConfig, ConfigModule, loggingModule } from '@pk/core';
import { DatabaseModule } from '@pk/database';
import { MessagingModule } from '@pk/messaging';
import { AuthModule } from './auth/auth.module';
import { CampaignsApiModule } from './campaigns/campaigns-api.module';
import { CatalogApiModule } from './catalog/catalog-api.module';
import { ChannelsApiModule } from './channels/channels-api.module';
import { CurationApiModule } from './curation/curation-api.module';
import { GatewayRedis } from './gateway-redis';
import { HealthController } from './health/health.controller';
import { ReadinessService } from './health/readiness.service';
import { CuratorAction } from './home/curator-action.entity';
import { HomeApiModule } from './home/home-api.module';
import { IdentityModule } from './identity/identity.module';
import { JobsApiModule } from './jobs/jobs-api.module';
import { RefreshToken } from './identity/refresh-token.entity';
import { User } from './identity/user.entity';
import { PaymentsApiModule } from './payments/payments-api.module';
import { OrdersApiModule } from './orders/orders-api.module';
import { ReportsApiModule } from './reports/reports-api.module';
import { RpcModule } from './rpc/rpc.module';
import { SearchApiModule } from './search/search-api.module';

@Global()
@Module({ providers: [GatewayRedis], exports: [GatewayRedis] })
class GatewayRedisModule {}

/** The public REST API: identity lives here (schema `identity`); everything else is an RPC away. */
@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule(config, 'gateway'),
        DatabaseModule.forApp(config, Schemas.identity, [User, RefreshToken, CuratorAction]),
        MessagingModule.forApp({ schema: Schemas.identity }),
        GatewayRedisModule,
        RpcModule,
        AuthModule.forRoot(config),
        IdentityModule,
        CatalogApiModule,
        SearchApiModule,
        ChannelsApiModule,
        PaymentsApiModule,
        OrdersApiModule,
        CampaignsApiModule,
        CurationApiModule,
        HomeApiModule,
        ReportsApiModule,
        JobsApiModule,
      ],
      controllers: [HealthController],
      providers: [ReadinessService],
    };
  }
}
