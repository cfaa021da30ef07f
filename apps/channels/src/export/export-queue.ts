import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { ChannelsJobData, ChannelsJobs, ChannelRunView, Queues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { producerConnection } from '@pk/messaging';

const TZ = 'Asia/Makassar';
const schedulerId = (accountId: string) => `channels-nightly:${accountId}`;

/** Export jobs: a run started now, the nightly schedule of each account, the quick stock push. */
@Injectable()
export class ExportQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(ExportQueue.name);
  private readonly connection: IORedis;
  readonly queue: Queue<ChannelsJobData>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = producerConnection(config.redisUrl);
    this.queue = new Queue(Queues.channelsExport, { connection: this.connection, prefix: config.redisPrefix });
  }

  /** The job id is the run id: a run is queued once. Retried with backoff when its process dies. */
  async enqueue(run: ChannelRunView): Promise<void> {
    await this.queue.add(ChannelsJobs.run, { runId: run.id }, {
      jobId: run.id,
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { count: 500 },
      removeOnFail: { count: 1000 },
    });
  }

  /** Each active account exports every night at CHANNEL_EXPORT_CRON, Bali time. */
  async schedule(accountId: string, active: boolean): Promise<void> {
    if (!active) {
      await this.queue.removeJobScheduler(schedulerId(accountId));
      return;
    }
    await this.queue.upsertJobScheduler(
      schedulerId(accountId),
      { pattern: this.config.channels.exportCron, tz: TZ },
      { name: ChannelsJobs.nightly, data: { accountId }, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } },
    );
  }

  /** The refresh of authorized accounts' tokens that lapse soon, at CHANNEL_TOKEN_REFRESH_CRON (every 30 minutes). */
  async scheduleTokenRefresh(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'channels-token-refresh',
      { pattern: this.config.channels.tokenRefreshCron, tz: TZ },
      { name: ChannelsJobs.tokenRefresh, data: { accountId: '*' }, opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 200 } } },
    );
  }

  async nextNightly(accountId: string): Promise<string | null> {
    const scheduler = await this.queue.getJobScheduler(schedulerId(accountId));
    return scheduler?.next ? new Date(scheduler.next).toISOString() : null;
  }

  /**
   * A stock push shortly after a change: changes within one window share a job (the job id is the
   * window), so a burst of sales is one push.
   */
  async stockPushSoon(): Promise<void> {
    const delay = this.config.channels.stockPushDelayMs;
    const window = Math.floor(Date.now() / Math.max(delay, 250));
    await this.queue.add(ChannelsJobs.stockPush, { accountId: '*' }, {
      jobId: `stock-push-${window}`,
      delay,
      attempts: 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { count: 1000 },
    }).catch((error: Error) => this.logger.warn(`stock push not queued (the nightly run catches up): ${error.message}`));
  }

  /**
   * An export of every active account shortly after a campaign's edge, once its listings' events
   * have reached the copy: campaign prices (and their end) reach the channels then, not at night.
   * The job id is the campaign and edge, so a redelivered event queues nothing more.
   */
  async campaignExportSoon(campaignId: string, edge: string): Promise<void> {
    const delay = this.config.channels.campaignExportDelayMs;
    if (delay === 0) return;
    await this.queue.add(ChannelsJobs.campaignExport, { accountId: '*' }, {
      jobId: `campaign-export-${campaignId}-${edge.replace('.', '-')}`,
      delay,
      attempts: 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { count: 1000 },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
