import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { Queues, SearchJobData, SearchJobs, SearchRunKind } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { closeWorker, workerConnection } from '@pk/messaging';
import { MaintenanceQueue } from './maintenance-queue';
import { Reconciler } from './reconciler';
import { Reindexer } from './reindexer';
import { SearchRuns } from './search-runs';

/**
 * Runs reindex and reconcile jobs one at a time, and schedules the reconcile every
 * SEARCH_RECONCILE_SECONDS (a Job Scheduler: one schedule for all replicas).
 */
@Injectable()
export class MaintenanceProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private worker: Worker | null = null;
  private connection: IORedis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: MaintenanceQueue,
    private readonly runs: SearchRuns,
    private readonly reindexer: Reindexer,
    private readonly reconciler: Reconciler,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workers) return;
    this.connection = workerConnection(this.config.redisUrl);
    this.worker = new Worker(Queues.searchMaintenance, (job: Job<SearchJobData>) => this.process(job), {
      connection: this.connection,
      prefix: this.config.redisPrefix,
      concurrency: 1,
      // A reindex of 100k listings takes a while; the lock is renewed as it goes.
      lockDuration: 60_000,
    });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    this.queue.queue
      .upsertJobScheduler(
        SearchJobs.reconcileScheduler,
        { every: this.config.search.reconcileSeconds * 1000 },
        { name: SearchJobs.run, data: {}, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } },
      )
      .catch((error: Error) => this.logger.error(`could not schedule the reconcile: ${error.message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await closeWorker(this.worker);
    this.connection?.disconnect();
    this.worker = null;
    this.connection = null;
  }

  async process(job: Job<SearchJobData>): Promise<void> {
    // A scheduled tick carries no run: it makes its own.
    const runId = job.data.runId ?? (await this.runs.create('reconcile', 'schedule', null)).run.id;
    if (!(await this.runs.start(runId))) return;
    const { kind } = await this.runs.get(runId);
    const progress = (done: number, total: number) => this.runs.progress(runId, done, total);
    try {
      const result = await this.execute(kind, progress, runId);
      await this.runs.succeed(runId, result);
      this.logger.log(`${kind} ${runId} done: ${JSON.stringify(result)}`);
    } catch (error) {
      // Recorded, not retried: a curator sees why and starts another.
      await this.runs.fail(runId, (error as Error).message);
      this.logger.error(`${kind} ${runId} failed: ${(error as Error).message}`);
    }
  }

  private execute(kind: SearchRunKind, progress: (done: number, total: number) => Promise<void>, runId: string) {
    switch (kind) {
      case 'reindex': return this.reindexer.run(runId, progress);
      case 'reconcile': return this.reconciler.run(progress);
    }
  }
}
