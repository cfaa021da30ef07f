import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { OrdersMailJobs, Queues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { closeWorker, workerConnection } from '@pk/messaging';
import { Mailer } from './mailer';

/**
 * How often notifications not yet emailed are looked for. A schedule, not a job per notification:
 * notifications are written inside many transactions across the app, and a scheduled run needs no
 * hook in any of them (nor an after-commit step that could be lost); it also picks up retries.
 */
export const MAIL_EVERY_MS = 5_000;

/** Runs the mailer on one Job Scheduler for all replicas, only when SMTP_URL is set. */
@Injectable()
export class MailProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailProcessor.name);
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private connections: IORedis[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: Mailer,
  ) {}

  /** Whether this process sends mail: workers on and an SMTP server configured. */
  get active(): boolean {
    return this.queue !== null;
  }

  onApplicationBootstrap(): void {
    if (!this.config.workers || !this.mailer.enabled) return;
    const { redisUrl, redisPrefix: prefix } = this.config;
    this.connections = [workerConnection(redisUrl), workerConnection(redisUrl)];
    this.queue = new Queue(Queues.ordersMail, { connection: this.connections[0], prefix });
    this.worker = new Worker(Queues.ordersMail, () => this.mailer.sendDue(), { connection: this.connections[1], prefix, concurrency: 1 });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    this.worker.on('failed', (_job, error) => this.logger.error(`mail run failed: ${error.message}`));
    this.queue
      .upsertJobScheduler(OrdersMailJobs.sendScheduler, { every: MAIL_EVERY_MS }, { name: OrdersMailJobs.send, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } })
      .catch((error: Error) => this.logger.error(`could not schedule the mailer: ${error.message}`));
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
