import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { Queues, ReservationJobs } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { closeWorker, workerConnection } from '@pk/messaging';
import { ReservationsService } from './reservations.service';

/**
 * Releases expired reservations every RESERVATION_SWEEP_SECONDS while workers are on. A BullMQ
 * Job Scheduler with one id for all replicas: each start updates it rather than adding another,
 * and each tick is one job for one worker (SKIP LOCKED covers ticks that overlap anyway).
 */
@Injectable()
export class ReservationSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReservationSweeper.name);
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private connections: IORedis[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reservations: ReservationsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workers) return;
    const { redisUrl, redisPrefix: prefix } = this.config;
    this.connections = [workerConnection(redisUrl), workerConnection(redisUrl)];
    this.queue = new Queue(Queues.catalogReservations, { connection: this.connections[0], prefix });
    this.worker = new Worker(Queues.catalogReservations, () => this.reservations.sweep(), {
      connection: this.connections[1],
      prefix,
      concurrency: 1,
    });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    this.worker.on('failed', (_job, error) => this.logger.error(`sweep failed: ${error.message}`));
    // Not awaited: while Redis is down the app still serves RPC, and the schedule lands when it returns.
    this.queue
      .upsertJobScheduler(
        ReservationJobs.sweepScheduler,
        { every: this.config.reservations.sweepSeconds * 1000 },
        { name: ReservationJobs.sweep, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } },
      )
      .catch((error: Error) => this.logger.error(`could not schedule the reservation sweep: ${error.message}`));
  }

  // Before shutdown, not at it: a sweep in hand finishes while the data source is still open.
  async beforeApplicationShutdown(): Promise<void> {
    await closeWorker(this.worker);
    await this.queue?.close().catch(() => undefined);
    // BullMQ does not close a connection it was handed.
    for (const c of this.connections) c.disconnect();
    this.worker = null;
    this.queue = null;
    this.connections = [];
  }
}
