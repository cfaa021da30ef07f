import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { AppConfig } from '@pk/core';
import { closeWorker } from './close-worker';
import { workerConnection } from './redis';

export interface ScheduledWorkOptions {
  redisUrl: string;
  prefix: string;
  /** The queue (a `Queues` name) the schedule's jobs go to. */
  queue: string;
  /** One scheduler id for all replicas: each start updates it rather than adding another. */
  schedulerId: string;
  jobName: string;
  everyMs: number;
  /** What one tick does; called by one worker at a time. */
  run: () => Promise<unknown>;
  /** For log lines: "the reservation sweep", "the mailer". */
  what: string;
}

/**
 * Work done every N milliseconds by whichever replica's worker takes the tick: a BullMQ Job
 * Scheduler and one worker with concurrency 1. While Redis is down the app still serves RPC and
 * the schedule lands when it returns.
 */
export class ScheduledWork {
  private readonly logger: Logger;
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private connections: IORedis[] = [];

  constructor(private readonly opts: ScheduledWorkOptions) {
    this.logger = new Logger(`ScheduledWork:${opts.queue}`);
  }

  get running(): boolean {
    return this.worker !== null;
  }

  start(): void {
    const { redisUrl, prefix, queue, schedulerId, jobName, everyMs, run, what } = this.opts;
    this.connections = [workerConnection(redisUrl), workerConnection(redisUrl)];
    this.queue = new Queue(queue, { connection: this.connections[0], prefix });
    this.worker = new Worker(queue, () => run(), { connection: this.connections[1], prefix, concurrency: 1 });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    this.worker.on('failed', (_job, error) => this.logger.error(`${what} failed: ${error.message}`));
    this.queue
      .upsertJobScheduler(schedulerId, { every: everyMs }, { name: jobName, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } })
      .catch((error: Error) => this.logger.error(`could not schedule ${what}: ${error.message}`));
  }

  /** Lets a tick in hand finish (within closeWorker's deadline), then lets go of Redis. */
  async stop(): Promise<void> {
    await closeWorker(this.worker);
    await this.queue?.close().catch(() => undefined);
    // BullMQ does not close a connection it was handed.
    for (const c of this.connections) c.disconnect();
    this.worker = null;
    this.queue = null;
    this.connections = [];
  }
}

/**
 * A provider that runs its ScheduledWork while the app's workers are on, and stops it before
 * shutdown, not at it: a tick in hand finishes while the data source is still open.
 */
export abstract class ScheduledWorkHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly work: ScheduledWork;

  protected constructor(
    protected readonly config: AppConfig,
    opts: Omit<ScheduledWorkOptions, 'redisUrl' | 'prefix'>,
  ) {
    this.work = new ScheduledWork({ redisUrl: config.redisUrl, prefix: config.redisPrefix, ...opts });
  }

  /** Whether this process runs the work: workers on, and whatever a subclass adds. */
  protected shouldRun(): boolean {
    return this.config.workers;
  }

  onApplicationBootstrap(): void {
    if (this.shouldRun()) this.work.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }
}
