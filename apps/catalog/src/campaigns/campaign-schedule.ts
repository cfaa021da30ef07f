import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { CampaignJobData, CampaignJobs, CampaignQueues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { producerConnection } from '@pk/messaging';
import { Phase } from './campaign-transitions';

const JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  // Gone once done, so the same id can be scheduled again after an edit.
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const transitionJobId = (campaignId: string, phase: Phase) => `${campaignId}-${phase}`;

/**
 * The delayed start and end jobs of each campaign. Scheduling follows the commit and never fails
 * the curator's request: while Redis is down the sweep applies what the jobs would have.
 */
@Injectable()
export class CampaignSchedule implements OnApplicationShutdown {
  private readonly logger = new Logger(CampaignSchedule.name);
  private readonly connection: IORedis;
  private readonly queue: Queue<CampaignJobData>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = producerConnection(config.redisUrl, { enableOfflineQueue: true });
    this.connection.on('error', () => undefined); // a failed add is logged below
    this.queue = new Queue<CampaignJobData>(CampaignQueues.transitions, { connection: this.connection, prefix: config.redisPrefix });
  }

  /** (Re)schedules the start and end of a campaign; an edit replaces the jobs of its id. */
  async plan(c: { id: string; startsAt: Date; endsAt: Date; state: string }): Promise<void> {
    const phases: Array<[Phase, Date]> = c.state === 'scheduled' ? [['start', c.startsAt], ['end', c.endsAt]] : c.state === 'live' ? [['end', c.endsAt]] : [];
    try {
      for (const [phase, at] of phases) {
        const jobId = transitionJobId(c.id, phase);
        await this.queue.remove(jobId);
        const name = phase === 'start' ? CampaignJobs.start : CampaignJobs.end;
        await this.queue.add(name, { campaignId: c.id }, { ...JOB_OPTIONS, jobId, delay: Math.max(0, at.getTime() - Date.now()) });
      }
    } catch (error) {
      this.logger.warn(`could not schedule campaign ${c.id} (the sweep will apply it): ${(error as Error).message}`);
    }
  }

  /** Drops a cancelled campaign's jobs; a job left behind finds nothing to do. */
  async drop(campaignId: string): Promise<void> {
    try {
      for (const phase of ['start', 'end'] as Phase[]) await this.queue.remove(transitionJobId(campaignId, phase));
    } catch (error) {
      this.logger.warn(`could not unschedule campaign ${campaignId}: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
