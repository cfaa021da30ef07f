import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CampaignJobs, CampaignQueues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { ScheduledWork } from '@pk/messaging';
import { CampaignTransitions } from './campaign-transitions';

/** The safety net under the delayed jobs: how often due starts and ends are looked for. */
export const CAMPAIGN_SWEEP_MS = 30_000;

/**
 * Applies any campaign start or end that is due and was missed (Redis lost the job, the catalog
 * was down at the time), while workers are on.
 */
@Injectable()
export class CampaignSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly work: ScheduledWork;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transitions: CampaignTransitions,
  ) {
    this.work = new ScheduledWork({
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      queue: CampaignQueues.sweep,
      schedulerId: CampaignJobs.sweepScheduler,
      jobName: CampaignJobs.sweep,
      everyMs: CAMPAIGN_SWEEP_MS,
      run: () => this.sweep(),
      what: 'the campaign sweep',
    });
  }

  /** Applies every due transition; returns how many it applied. */
  async sweep(): Promise<number> {
    let applied = 0;
    for (;;) {
      const due = await this.transitions.due();
      let moved = 0;
      for (const { id, phase } of due) {
        if ((await this.transitions.apply(id, phase)).outcome === 'applied') moved++;
      }
      applied += moved;
      // Stop when a page moved nothing, so a row that cannot move never loops the sweep.
      if (due.length === 0 || moved === 0) return applied;
    }
  }

  onApplicationBootstrap(): void {
    if (this.config.workers) this.work.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }
}
