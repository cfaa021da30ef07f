import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { OrdersJobs, Queues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { closeWorker, workerConnection } from '@pk/messaging';
import { FulfilmentService } from './fulfilment.service';

/** Runs the fulfilment sweep every ORDERS_SWEEP_SECONDS (one Job Scheduler for all replicas). */
@Injectable()
export class FulfilmentProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FulfilmentProcessor.name);
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private connections: IORedis[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly fulfilment: FulfilmentService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workers) return;
    const { redisUrl, redisPrefix: prefix } = this.config;
    this.connections = [workerConnection(redisUrl), workerConnection(redisUrl)];
    this.queue = new Queue(Queues.ordersFulfilment, { connection: this.connections[0], prefix });
    this.worker = new Worker(Queues.ordersFulfilment, () => this.fulfilment.sweep(), { connection: this.connections[1], prefix, concurrency: 1 });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    this.worker.on('failed', (_job, error) => this.logger.error(`sweep failed: ${error.message}`));
    this.queue
      .upsertJobScheduler(OrdersJobs.sweepScheduler, { every: this.config.orders.sweepSeconds * 1000 }, { name: OrdersJobs.sweep, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } })
      .catch((error: Error) => this.logger.error(`could not schedule the fulfilment sweep: ${error.message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await closeWorker(this.worker);
    await this.queue?.close().catch(() => undefined);
    for (const c of this.connections) c.disconnect();
    this.worker = null;
    this.queue = null;
    this.connections = [];
  }
}
