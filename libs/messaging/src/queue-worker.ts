import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { QueueName } from '@pk/contracts';
import { AppConfig } from '@pk/core';
import { closeWorker } from './close-worker';
import { workerConnection } from './redis';

/** A job as a processor sees it: its name says what its data is (a union from @pk/contracts). */
export interface TypedJob {
  name: string;
  data: unknown;
}

export interface QueueWorkerOptions {
  concurrency?: number;
  /** How long a job stays locked to a worker that stopped answering (renewed while it runs). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  maxStalledCount?: number;
}

/**
 * One BullMQ worker on a connection of its own: every worker of the apps is started and closed
 * here. Stopping lets jobs in hand finish within closeWorker's deadlines, then lets go of Redis
 * (BullMQ does not close a connection it was handed).
 */
export class QueueWorker<J extends TypedJob = TypedJob> {
  private readonly logger: Logger;
  private worker: Worker | null = null;
  private connection: IORedis | null = null;

  constructor(
    private readonly opts: QueueWorkerOptions & {
      queue: string;
      redisUrl: string;
      prefix: string;
      process: (job: J & Job, token?: string) => Promise<unknown>;
      /** For the log line of a failed job. */
      describe?: (job: J & Job) => string;
    },
  ) {
    this.logger = new Logger(`Worker:${opts.queue}`);
  }

  get running(): boolean {
    return this.worker !== null;
  }

  start(): Worker {
    const { queue, redisUrl, prefix, process, describe, concurrency, lockDurationMs, stalledIntervalMs, maxStalledCount } = this.opts;
    this.connection = workerConnection(redisUrl);
    this.worker = new Worker(queue, (job, token) => process(job as J & Job, token), {
      connection: this.connection,
      prefix,
      concurrency: concurrency ?? 1,
      ...(lockDurationMs ? { lockDuration: lockDurationMs } : {}),
      ...(stalledIntervalMs ? { stalledInterval: stalledIntervalMs } : {}),
      ...(maxStalledCount ? { maxStalledCount } : {}),
    });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    this.worker.on('failed', (job, error) => {
      const what = job ? (describe?.(job as J & Job) ?? `${job.name} ${job.id}`) : 'a job';
      this.logger.error(`${what} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`);
    });
    return this.worker;
  }

  async stop(deadlineMs?: number): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await closeWorker(worker, deadlineMs);
    this.connection?.disconnect();
    this.connection = null;
  }
}

/**
 * The one shape of a processor: a provider that runs its queue's worker while the app's workers
 * are on (`WORKERS=off` serves RPC only) and stops it before shutdown, not at it (the data source
 * closes at shutdown; a job in hand finishes first). A subclass names its queue and options and
 * implements `process`, which switches on the job's name and delegates to a service.
 */
export abstract class WorkerHost<J extends TypedJob> implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger: Logger;
  private readonly worker: QueueWorker<J>;

  protected constructor(
    protected readonly config: AppConfig,
    queue: QueueName,
    options: QueueWorkerOptions = {},
  ) {
    this.logger = new Logger(this.constructor.name);
    this.worker = new QueueWorker<J>({
      ...options,
      queue,
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      process: (job, token) => this.process(job, token),
      describe: (job) => this.describe(job),
    });
  }

  /** What one job does: one case per job name, each a call to a service. */
  abstract process(job: J & Job, token?: string): Promise<unknown>;

  /** Whether this process runs the worker: workers on, and whatever a subclass adds. */
  protected shouldRun(): boolean {
    return this.config.workers;
  }

  /** After the worker started: schedules to make sure of. */
  protected started(): Promise<void> | void {}

  /** Before the worker closes: tell long work in hand to stop at its next step. */
  protected stopping(): void {}

  /** How a failed job is named in the log. */
  protected describe(job: J & Job): string {
    return `${job.name} ${job.id}`;
  }

  /** Whether the worker runs in this process. */
  get active(): boolean {
    return this.worker.running;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.shouldRun()) return;
    this.worker.start();
    await this.started();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker.running) this.stopping();
    await this.worker.stop();
  }
}

/**
 * The `default:` of a switch over a queue's job names, given what the switch narrowed to never: the
 * job (a queue of several kinds) or its name (a queue of one). A name no case takes then fails to
 * compile, and a job this code does not know fails rather than running as another.
 */
export function unknownJob(job: never): never;
export function unknownJob(name: never, id: string | undefined): never;
export function unknownJob(jobOrName: unknown, id?: string): never {
  const job = (typeof jobOrName === 'string' ? { name: jobOrName, id } : jobOrName) as { name?: string; id?: string };
  throw new Error(`no handler for job ${String(job?.name)}${job?.id ? ` (${job.id})` : ''} on this queue`);
}
