import { BeforeApplicationShutdown, OnApplicationBootstrap, Provider, Type } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { EventConsumer } from './consumer';

/**
 * What an app does with each event of its queue, inside the transaction that records it in the
 * inbox. One subscriber per queue: it sees every event the queue is subscribed to and switches
 * on `event.name` (two workers on one queue would each get only some of the events).
 */
export interface EventSubscriber {
  handle(event: EventEnvelope, tx: EntityManager): Promise<void>;
}

export interface ConsumerHostOptions {
  /** The app's own event queue (a `Queues` name). */
  queue: string;
  /** The inbox key: names who applied an event, so redelivery applies nothing twice. */
  consumer: string;
  /** The app's schema, which holds its inbox. */
  schema: string;
  subscriber: Type<EventSubscriber>;
  concurrency?: number;
}

/** Runs an EventConsumer for one queue while workers are on (`WORKERS=off` consumes nothing). */
export class ConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: EventConsumer | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly options: ConsumerHostOptions,
    private readonly subscriber: EventSubscriber,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workers) return;
    const { queue, consumer, schema, concurrency } = this.options;
    this.consumer = new EventConsumer({
      queue,
      consumer,
      schema,
      concurrency,
      dataSource: this.dataSource,
      redisUrl: this.config.redisUrl,
      prefix: this.config.redisPrefix,
      handle: (event, tx) => this.subscriber.handle(event, tx),
    });
    this.consumer.start();
  }

  // Before shutdown, not at it: the data source closes in an onApplicationShutdown hook, and
  // jobs in hand should finish while it is still open.
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = null;
  }
}

/**
 * A provider that consumes `queue` with `subscriber` (also a provider of the same module):
 * `providers: [MySubscriber, consumerHost({ queue, consumer, schema, subscriber: MySubscriber })]`.
 */
export function consumerHost(options: ConsumerHostOptions): Provider {
  return {
    provide: `ConsumerHost:${options.queue}`,
    useFactory: (config: AppConfig, dataSource: DataSource, subscriber: EventSubscriber) =>
      new ConsumerHost(config, dataSource, options, subscriber),
    inject: [APP_CONFIG, DataSource, options.subscriber],
  };
}
