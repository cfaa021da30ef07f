import { Inject, Injectable } from '@nestjs/common';
import { CampaignJobs, CampaignQueues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { ScheduledWorkHost } from '@pk/messaging';
import { CampaignTransitions } from './campaign-transitions';

/** The safety net under the delayed jobs: how often due starts and ends are looked for. */
export const CAMPAIGN_SWEEP_MS = 30_000;

/**
 * Applies any campaign start or end that is due and was missed (Redis lost the job, the catalog
 * was down at the time), while workers are on.
 */
@Injectable()
export class CampaignSweeper extends ScheduledWorkHost {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly transitions: CampaignTransitions,
  ) {
    super(config, {
      queue: CampaignQueues.sweep,
      schedulerId: CampaignJobs.sweepScheduler,
      jobName: CampaignJobs.sweep,
      everyMs: CAMPAIGN_SWEEP_MS,
      run: () => sweepDue(transitions),
      what: 'the campaign sweep',
    });
  }

  /** Applies every due transition; returns how many it applied. */
  sweep(): Promise<number> {
    return sweepDue(this.transitions);
  }
}

async function sweepDue(transitions: CampaignTransitions): Promise<number> {
  let applied = 0;
  for (;;) {
    const due = await transitions.due();
    let moved = 0;
    for (const { id, phase } of due) {
      if ((await transitions.apply(id, phase)).outcome === 'applied') moved++;
    }
    applied += moved;
    // Stop when a page moved nothing, so a row that cannot move never loops the sweep.
    if (due.length === 0 || moved === 0) return applied;
  }
}
