import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returned } from '@pk/database';
import { TokenRefreshService } from '../connect/token-refresh.service';
import { ExportQueue } from './export-queue';
import { ExportRunner } from './export-runner';
import { RunsService } from './runs.service';

/** What each job of the export queue does; the processor only picks the method. */
@Injectable()
export class ExportJobs {
  constructor(
    private readonly db: DataSource,
    private readonly queue: ExportQueue,
    private readonly runs: RunsService,
    private readonly runner: ExportRunner,
    private readonly tokens: TokenRefreshService,
  ) {}

  /** An account's nightly run, queued like any other. */
  async nightly(accountId: string): Promise<void> {
    await this.queue.enqueue(await this.runs.create(accountId, 'scheduled'));
  }

  /** A queued run; 'busy' while another run of its account is going (the job waits for it). */
  async run(runId: string): Promise<'busy' | 'done'> {
    const claim = await this.runs.start(runId);
    if (claim === 'busy') return 'busy';
    if (claim === 'started') await this.runner.run(await this.runs.get(runId));
    return 'done';
  }

  /** A run of every active account, queued like a nightly one (incremental: only what changed is sent). */
  async exportAll(): Promise<void> {
    const accounts: Array<{ id: string }> = await this.db.query(`SELECT id FROM channels.accounts WHERE status = 'active' ORDER BY id`);
    for (const { id } of accounts) await this.queue.enqueue(await this.runs.create(id, 'scheduled'));
  }

  /**
   * Stock of the listings that changed since the last push, to every account that holds them. The
   * marks are taken and the accounts' runs created in one transaction: a failure before it commits
   * leaves the marks for the next push, and a listing marked meanwhile waits for the commit and stays marked.
   */
  async pushStock(): Promise<void> {
    const { ids, runIds } = await this.db.transaction(async (tx) => {
      const dirty = returned<{ listing_id: string }>(await tx.query(`DELETE FROM channels.stock_dirty RETURNING listing_id`));
      const listingIds = dirty.map((d) => d.listing_id);
      if (!listingIds.length) return { ids: listingIds, runIds: [] as string[] };
      const accounts: Array<{ account_id: string }> = await tx.query(
        `SELECT DISTINCT s.account_id FROM channels.listing_states s JOIN channels.accounts a ON a.id = s.account_id
         WHERE a.status = 'active' AND s.active AND s.product IS NOT NULL AND s.listing_id = ANY($1::uuid[])`,
        [listingIds],
      );
      const created = [];
      for (const { account_id } of accounts) created.push((await this.runs.create(account_id, 'stock', {}, tx)).id);
      return { ids: listingIds, runIds: created };
    });
    for (const id of runIds) {
      await this.runs.startNow(id);
      await this.runner.run(await this.runs.get(id), ids);
    }
  }

  refreshTokens(): Promise<unknown> {
    return this.tokens.refreshLapsing();
  }

  /** Runs in hand stop between listings and fail their job, which is retried and resumes them. */
  stop(): void {
    this.runner.stop();
  }
}
