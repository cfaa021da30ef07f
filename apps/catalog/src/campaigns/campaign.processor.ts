import { Inject, Injectable } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { CampaignJob, CampaignJobs, CampaignQueues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { WorkerHost, unknownJob } from '@pk/messaging';
import { CampaignTransitions } from './campaign-transitions';

/** Runs campaigns' start and end jobs. */
@Injectable()
export class CampaignProcessor extends WorkerHost<CampaignJob> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly transitions: CampaignTransitions,
  ) {
    super(config, CampaignQueues.transitions, { concurrency: 1 });
  }

  async process(job: CampaignJob & Job, token?: string): Promise<void> {
    switch (job.name) {
      case CampaignJobs.start:
        return this.transition(job, 'start', token);
      case CampaignJobs.end:
        return this.transition(job, 'end', token);
      default:
        return unknownJob(job.name, job.id);
    }
  }

  private async transition(job: CampaignJob & Job, phase: 'start' | 'end', token?: string): Promise<void> {
    const result = await this.transitions.apply(job.data.campaignId, phase);
    // A timer that fired a little early (or a start job racing its edit) waits for the real time.
    if (result.outcome === 'not_due') {
      await job.moveToDelayed(result.dueAt.getTime(), token);
      throw new DelayedError();
    }
  }

  protected override describe(job: CampaignJob & Job): string {
    return `${job.name} of campaign ${job.data.campaignId}`;
  }
}
