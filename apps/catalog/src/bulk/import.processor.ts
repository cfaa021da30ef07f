import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { ImportJobData, Queues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { closeWorker, workerConnection } from '@pk/messaging';
import { ImportRunner } from './import-runner';

/** Runs queued imports while workers are on (`WORKERS=off` serves RPC only); one at a time per instance. */
@Injectable()
export class ImportProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ImportProcessor.name);
  private worker: Worker<ImportJobData> | null = null;
  private connection: IORedis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: ImportRunner,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workers) return;
    this.connection = workerConnection(this.config.redisUrl);
    this.worker = new Worker<ImportJobData>(Queues.catalogImports, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.config.redisPrefix,
      concurrency: 1,
    });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    this.worker.on('failed', (job, error) => this.logger.error(`import ${job?.data.importId} attempt ${job?.attemptsMade} failed: ${error.message}`));
  }

  process(job: Job<ImportJobData>): Promise<void> {
    const attempt = job.attemptsMade + 1;
    return this.runner.run(job.data.importId, { attempt, last: attempt >= (job.opts.attempts ?? 1) });
  }

  // Before shutdown: the data source closes at shutdown, and the import in hand should finish first.
  async beforeApplicationShutdown(): Promise<void> {
    await closeWorker(this.worker);
    this.connection?.disconnect();
    this.worker = null;
  }
}
