import { Inject, Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { Queues, SearchJobs, SearchMaintenanceJob } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { WorkerHost, unknownJob } from '@pk/messaging';
import { MaintenanceQueue } from './maintenance-queue';
import { MaintenanceRuns } from './maintenance-runs';

/**
 * Runs reindex and reconcile jobs one at a time, and schedules the reconcile every
 * SEARCH_RECONCILE_SECONDS (a Job Scheduler: one schedule for all replicas).
 */
@Injectable()
export class MaintenanceProcessor extends WorkerHost<SearchMaintenanceJob> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly queue: MaintenanceQueue,
    private readonly runs: MaintenanceRuns,
  ) {
    // A reindex of 100k listings takes a while; the lock is renewed as it goes.
    super(config, Queues.searchMaintenance, { concurrency: 1, lockDurationMs: 60_000 });
  }

  process(job: SearchMaintenanceJob & Job): Promise<void> {
    switch (job.name) {
      case SearchJobs.run:
        return this.runs.carryOut(job.data.runId);
      default:
        return unknownJob(job.name, job.id);
    }
  }

  protected override started(): void {
    this.queue.queue
      .upsertJobScheduler(
        SearchJobs.reconcileScheduler,
        { every: this.config.search.reconcileSeconds * 1000 },
        { name: SearchJobs.run, data: {}, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } },
      )
      .catch((error: Error) => this.logger.error(`could not schedule the reconcile: ${error.message}`));
  }
}
