import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventSubscriptions, SubscriptionTable } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { OutboxWriter } from './outbox';
import { OutboxRelay } from './relay';
import { RetentionSweeper } from './retention-sweeper';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  schema: string;
  subscriptions?: SubscriptionTable;
}

/** Runs the app's outbox relay while workers are on (`WORKERS=off` serves RPC only). */
@Injectable()
export class OutboxRelayHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workers) return;
    this.relay = new OutboxRelay({
      dataSource: this.dataSource,
      databaseUrl: this.config.databaseUrl,
      schema: this.options.schema,
      redisUrl: this.config.redisUrl,
      prefix: this.config.redisPrefix,
      subscriptions: this.options.subscriptions ?? EventSubscriptions,
    });
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}

/** The outbox writer for an app's schema, its relay, and the pruning of its outbox and inbox. */
@Module({})
export class MessagingModule {
  static forApp(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: OutboxWriter, useValue: new OutboxWriter(options.schema) },
        OutboxRelayHost,
        {
          provide: RetentionSweeper,
          useFactory: (config: AppConfig, dataSource: DataSource) => new RetentionSweeper(config, options.schema, dataSource),
          inject: [APP_CONFIG, DataSource],
        },
      ],
      exports: [OutboxWriter],
    };
  }
}
