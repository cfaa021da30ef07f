import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { ChannelsJobData, ChannelsJobs, Queues } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';
import { returned } from '@pk/database';
import { closeWorker, workerConnection } from '@pk/messaging';
import { AccountsService } from '../accounts/accounts.service';
import { TokenRefreshService } from '../connect/token-refresh.service';
import { ExportQueue } from './export-queue';
import { ExportRunner } from './export-runner';
import { RunsService } from './runs.service';

/**
 * The export worker: runs (sync now, dry runs, retried after a crash), the nightly schedule of
 * each account, and stock pushes. At start it makes sure every active account is scheduled.
 */
@Injectable()
export class ExportProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ExportProcessor.name);
  private worker: Worker | null = null;
  private connection: IORedis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly queue: ExportQueue,
    private readonly runs: RunsService,
    private readonly runner: ExportRunner,
    private readonly accounts: AccountsService,
    private readonly tokens: TokenRefreshService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workers) return;
    this.connection = workerConnection(this.config.redisUrl);
    this.worker = new Worker(Queues.channelsExport, (job: Job<ChannelsJobData>, token?: string) => this.process(job, token), {
      connection: this.connection,
      prefix: this.config.redisPrefix,
      // Runs of different accounts side by side; each account's runs one at a time (RunsService.start).
      concurrency: 4,
      lockDuration: 60_000,
    });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    this.worker.on('failed', (job, error) => this.logger.error(`${job?.name} ${job?.id} failed: ${error.message}`));
    for (const id of await this.accounts.activeIds().catch(() => [])) {
      await this.queue.schedule(id, true).catch((error: Error) => this.logger.error(`could not schedule account ${id}: ${error.message}`));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Runs in hand stop between listings and fail their job, which is retried and resumes them.
    this.runner.stop();
    await closeWorker(this.worker);
    this.connection?.disconnect();
    this.worker = null;
    this.connection = null;
  }

  async process(job: Job<ChannelsJobData>, token?: string): Promise<void> {
    switch (job.name) {
      case ChannelsJobs.nightly: {
        const { accountId } = job.data as { accountId: string };
        const run = await this.runs.create(accountId, 'scheduled');
        await this.queue.enqueue(run);
        return;
      }
      case ChannelsJobs.run:
        return this.runOne((job.data as { runId: string }).runId, job, token);
      case ChannelsJobs.stockPush:
        return this.pushStock();
      case ChannelsJobs.campaignExport:
        return this.exportAll();
      case ChannelsJobs.tokenRefresh:
        await this.tokens.refreshLapsing();
        return;
      default:
        this.logger.warn(`unknown job ${job.name}`);
    }
  }

  private async runOne(runId: string, job: Job, token?: string): Promise<void> {
    const claim = await this.runs.start(runId);
    if (claim === 'over') return;
    if (claim === 'busy') {
      // Another run of this account is going: wait for it without spending an attempt.
      await job.moveToDelayed(Date.now() + 5000, token);
      throw new DelayedError();
    }
    await this.runner.run(await this.runs.get(runId));
  }

  /** A run of every active account, queued like a nightly one (incremental: only what changed is sent). */
  private async exportAll(): Promise<void> {
    const accounts: Array<{ id: string }> = await this.db.query(`SELECT id FROM channels.accounts WHERE status = 'active' ORDER BY id`);
    for (const { id } of accounts) await this.queue.enqueue(await this.runs.create(id, 'scheduled'));
  }

  /** Stock of the listings that changed since the last push, to every account that holds them. */
  private async pushStock(): Promise<void> {
    const dirty = returned<{ listing_id: string }>(await this.db.query(`DELETE FROM channels.stock_dirty RETURNING listing_id`));
    if (!dirty.length) return;
    const ids = dirty.map((d) => d.listing_id);
    const accounts: Array<{ account_id: string }> = await this.db.query(
      `SELECT DISTINCT s.account_id FROM channels.listing_states s JOIN channels.accounts a ON a.id = s.account_id
       WHERE a.status = 'active' AND s.active AND s.product IS NOT NULL AND s.listing_id = ANY($1::uuid[])`,
      [ids],
    );
    for (const { account_id } of accounts) {
      const run = await this.runs.create(account_id, 'stock');
      await this.runs.startNow(run.id);
      await this.runner.run(await this.runs.get(run.id), ids);
    }
  }
}
