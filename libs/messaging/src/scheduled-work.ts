import { Job, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { QueueName } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { WorkerHost, unknownJob } from './queue-worker';
import { workerConnection } from './redis';

export interface ScheduledWorkOptions {
  /** The queue (a `Queues` name) the schedule's jobs go to. */
  queue: QueueName;
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
 * Scheduler and the app's usual worker (WorkerHost) with concurrency 1. While Redis is down the
 * app still serves RPC and the schedule lands when it returns.
 */
export abstract class ScheduledWorkHost extends WorkerHost<{ name: string; data: unknown }> {
  private queue: Queue | null = null;
  private connection: IORedis | null = null;

  protected constructor(
    config: AppConfig,
    private readonly schedule: ScheduledWorkOptions,
  ) {
    super(config, schedule.queue, { concurrency: 1 });
  }

  /** Every job of the queue is a tick of the one schedule; any other name is a job this code does not know. */
  process(job: Job): Promise<unknown> {
    if (job.name !== this.schedule.jobName) return unknownJob(job.name as never, job.id);
    return this.schedule.run();
  }

  protected override describe(job: Job): string {
    return `${this.schedule.what} (${job.id})`;
  }

  protected override started(): void {
    const { queue, schedulerId, jobName, everyMs, what } = this.schedule;
    this.connection = workerConnection(this.config.redisUrl);
    this.queue = new Queue(queue, { connection: this.connection, prefix: this.config.redisPrefix });
    this.queue
      .upsertJobScheduler(schedulerId, { every: everyMs }, { name: jobName, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } })
      .catch((error: Error) => this.logger.error(`could not schedule ${what}: ${error.message}`));
  }

  /** Lets a tick in hand finish (within closeWorker's deadline), then lets go of Redis. */
  override async beforeApplicationShutdown(): Promise<void> {
    await super.beforeApplicationShutdown();
    await this.queue?.close().catch(() => undefined);
    // BullMQ does not close a connection it was handed.
    this.connection?.disconnect();
    this.queue = null;
    this.connection = null;
  }
}
