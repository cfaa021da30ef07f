import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { CampaignJobData, CampaignJobs, CampaignQueues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { closeWorker, workerConnection } from '@pk/messaging';
import { CampaignTransitions } from './campaign-transitions';

/** Runs campaigns' start and end jobs while workers are on. */
@Injectable()
export class CampaignProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CampaignProcessor.name);
  private worker: Worker<CampaignJobData> | null = null;
  private connection: IORedis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transitions: CampaignTransitions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workers) return;
    this.connection = workerConnection(this.config.redisUrl);
    this.worker = new Worker<CampaignJobData>(CampaignQueues.transitions, (job, token) => this.process(job, token), {
      connection: this.connection,
      prefix: this.config.redisPrefix,
      concurrency: 1,
    });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    this.worker.on('failed', (job, error) => this.logger.error(`${job?.name} of campaign ${job?.data.campaignId} failed: ${error.message}`));
  }

  async process(job: Job<CampaignJobData>, token?: string): Promise<void> {
    const result = await this.transitions.apply(job.data.campaignId, job.name === CampaignJobs.start ? 'start' : 'end');
    // A timer that fired a little early (or a start job racing its edit) waits for the real time.
    if (result.outcome === 'not_due') {
      await job.moveToDelayed(result.dueAt.getTime(), token);
      throw new DelayedError();
    }
  }

  // Before shutdown: the data source closes at shutdown, and the transition in hand should finish first.
  async beforeApplicationShutdown(): Promise<void> {
    await closeWorker(this.worker);
    this.connection?.disconnect();
    this.worker = null;
  }
}
