import { Provider, Type } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, QueueName } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { EventJob, applyOnce, describeEvent, eventWorkerOptions } from './consumer';
import { WorkerHost } from './queue-worker';

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
  queue: QueueName;
  /** The inbox key: names who applied an event, so redelivery applies nothing twice. */
  consumer: string;
  /** The app's schema, which holds its inbox. */
  schema: string;
  subscriber: Type<EventSubscriber>;
  concurrency?: number;
}

/** Consumes one event queue while workers are on (`WORKERS=off` consumes nothing), like every worker. */
export class ConsumerHost extends WorkerHost<EventJob> {
  constructor(
    config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly options: ConsumerHostOptions,
    private readonly subscriber: EventSubscriber,
  ) {
    super(config, options.queue, eventWorkerOptions(options.concurrency));
  }

  process(job: EventJob): Promise<boolean> {
    const { consumer, schema } = this.options;
    return applyOnce({ dataSource: this.dataSource, schema, consumer, handle: (event, tx) => this.subscriber.handle(event, tx) }, job.data);
  }

  protected override describe(job: EventJob & Job): string {
    return describeEvent(job);
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
