import { Controller, DynamicModule, Global, Inject, Module, Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { HealthReply, ServiceName, SubscriptionTable, healthPattern } from '@pk/contracts';
import { APP_CONFIG, AppConfig, ConfigModule, DomainError, ErrorCode, loggingModule } from '@pk/core';
import { DatabaseModule } from '@pk/database';
import { failedJobsController } from './failed-jobs.controller';
import { MessagingModule } from './messaging.module';
import { SERVICE_SELF, ServiceClients } from './service-clients';

export interface ServiceFoundation {
  config: AppConfig;
  service: ServiceName;
  schema: string;
  entities?: Function[];
  subscriptions?: SubscriptionTable;
}

/** The `<service>.health` RPC: answers only when the service reaches its own schema. */
function healthController(service: ServiceName, schema: string): Type<unknown> {
  @Controller()
  class HealthController {
    constructor(
      private readonly db: DataSource,
      @Inject(APP_CONFIG) private readonly config: AppConfig,
    ) {}

    @MessagePattern(healthPattern(service))
    async health(): Promise<HealthReply> {
      const rows: unknown[] = await this.db
        .query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema])
        .catch(() => []);
      if (rows.length === 0) {
        throw new DomainError(ErrorCode.serviceUnavailable, `${service} cannot reach its schema "${schema}"`);
      }
      return { service, status: 'up', schema, workers: this.config.workers, uptimeSeconds: Math.round(process.uptime()) };
    }
  }
  return HealthController;
}

/** One set of RPC clients per process, for every module of the app, speaking as `service` when asked. */
@Global()
@Module({})
class ServiceClientsModule {
  static forService(service: ServiceName): DynamicModule {
    return { module: ServiceClientsModule, global: true, providers: [{ provide: SERVICE_SELF, useValue: service }, ServiceClients], exports: [ServiceClients] };
  }
}

/** What every back-end service is built on: config, JSON logs, its schema, outbox, RPC clients, health and failed-jobs RPCs. */
@Module({})
export class ServiceFoundationModule {
  static forService(f: ServiceFoundation): DynamicModule {
    return {
      module: ServiceFoundationModule,
      imports: [
        ConfigModule.forRoot(f.config),
        loggingModule(f.config, f.service),
        DatabaseModule.forApp(f.config, f.schema, f.entities),
        MessagingModule.forApp({ schema: f.schema, subscriptions: f.subscriptions }),
        ServiceClientsModule.forService(f.service),
      ],
      controllers: [healthController(f.service, f.schema), failedJobsController(f.service)],
      exports: [DatabaseModule, MessagingModule],
    };
  }
}
