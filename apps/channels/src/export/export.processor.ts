import { Inject, Injectable } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { ChannelsExportJob, ChannelsJobs, Queues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { WorkerHost, unknownJob } from '@pk/messaging';
import { AccountsService } from '../accounts/accounts.service';
import { ExportJobs } from './export-jobs';
import { ExportQueue } from './export-queue';

/**
 * The export worker: runs (sync now, dry runs, retried after a crash), the nightly schedule of
 * each account, stock pushes, campaign exports and token refreshes. At start it makes sure every
 * active account is scheduled.
 */
@Injectable()
export class ExportProcessor extends WorkerHost<ChannelsExportJob> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly jobs: ExportJobs,
    private readonly queue: ExportQueue,
    private readonly accounts: AccountsService,
  ) {
    // Runs of different accounts side by side; each account's runs one at a time (RunsService.start).
    super(config, Queues.channelsExport, { concurrency: 4, lockDurationMs: 60_000 });
  }

  async process(job: ChannelsExportJob & Job, token?: string): Promise<unknown> {
    switch (job.name) {
      case ChannelsJobs.nightly:
        return this.jobs.nightly(job.data.accountId);
      case ChannelsJobs.run:
        if ((await this.jobs.run(job.data.runId)) === 'busy') {
          // Another run of this account is going: wait for it without spending an attempt.
          await job.moveToDelayed(Date.now() + 5000, token);
          throw new DelayedError();
        }
        return;
      case ChannelsJobs.stockPush:
        return this.jobs.pushStock();
      case ChannelsJobs.campaignExport:
        return this.jobs.exportAll();
      case ChannelsJobs.tokenRefresh:
        return this.jobs.refreshTokens();
      default:
        return unknownJob(job);
    }
  }

  protected override async started(): Promise<void> {
    for (const id of await this.accounts.activeIds().catch(() => [])) {
      await this.queue.schedule(id, true).catch((error: Error) => this.logger.error(`could not schedule account ${id}: ${error.message}`));
    }
  }

  protected override stopping(): void {
    this.jobs.stop();
  }
}
