import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, CatalogPatterns, ChannelRunItemView, ChannelRunView, Services, ShopChannelListing } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import { AccountsService } from './accounts/accounts.service';
import { ExportQueue } from './export/export-queue';
import { RunsService } from './export/runs.service';
import { runRef, shopSyncInput as syncInput } from '@pk/contracts/requests/channels';

/** An artisan's view of their own shop on the channels: each listing's status, sync now, their runs. */
@Injectable()
export class ShopChannelsService {
  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
    private readonly accounts: AccountsService,
    private readonly runs: RunsService,
    private readonly queue: ExportQueue,
  ) {}

  async listings(caller: Caller): Promise<{ items: ShopChannelListing[] }> {
    const artisanId = await this.artisanOf(caller);
    const rows: Array<{ listing_id: string; title: string | null; channels: ShopChannelListing['channels'] }> = await this.db.query(
      `SELECT l.listing_id, l.snapshot->'title'->>'id' AS title,
              coalesce(json_agg(json_build_object('channel', a.channel, 'accountId', a.id, 'status', s.status, 'reason', s.reason,
                  'rejectedBy', s.rejected_by, 'problems', s.problems, 'productId', s.product->>'productId', 'lastSyncedAt', s.synced_at) ORDER BY a.channel)
                FILTER (WHERE s.account_id IS NOT NULL), '[]') AS channels
       FROM channels.listings l
       LEFT JOIN channels.listing_states s ON s.listing_id = l.listing_id
       LEFT JOIN channels.accounts a ON a.id = s.account_id
       WHERE l.artisan_id = $1 AND (l.snapshot IS NOT NULL OR s.account_id IS NOT NULL)
       GROUP BY l.listing_id, l.snapshot
       ORDER BY title, l.listing_id`,
      [artisanId],
    );
    return {
      items: rows.map((r) => ({
        listingId: r.listing_id,
        title: r.title ?? '',
        channels: r.channels.map((c) => ({ ...c, lastSyncedAt: c.lastSyncedAt ? new Date(c.lastSyncedAt).toISOString() : null })),
      })),
    };
  }

  /** Sync now (or a dry run) of the shop's listings, on every account that exports them. */
  async sync(caller: Caller, data: unknown): Promise<{ runs: ChannelRunView[] }> {
    const { dryRun } = parseInput(syncInput, data ?? {});
    const artisanId = await this.artisanOf(caller);
    const accountIds = await this.accounts.covering(artisanId);
    if (!accountIds.length) {
      throw new DomainError(ErrorCode.conflict, 'No channel account exports your shop yet; ask the council to connect one.', { artisanId });
    }
    const runs: ChannelRunView[] = [];
    for (const accountId of accountIds) {
      const run = await this.runs.create(accountId, dryRun ? 'dry_run' : 'manual', { artisanId, requestedBy: caller.userId });
      await this.queue.enqueue(run);
      runs.push(run);
    }
    return { runs };
  }

  /** A run of the artisan's own shop; any other is "not found", whatever its id. */
  async run(caller: Caller, data: unknown): Promise<ChannelRunView & { items: ChannelRunItemView[] }> {
    const { id } = parseInput(runRef, data);
    const artisanId = await this.artisanOf(caller);
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM channels.runs r JOIN channels.accounts a ON a.id = r.account_id
       WHERE r.id = $1 AND (r.artisan_id = $2 OR a.artisan_id = $2)`,
      [id, artisanId],
    );
    if (!rows.length) throw new DomainError(ErrorCode.notFound, 'No such export run.', { runId: id });
    return this.runs.withItems(id);
  }

  private async artisanOf(caller: Caller): Promise<string> {
    const artisan = await this.clients.send<{ id: string }>(Services.catalog, CatalogPatterns.artisanMine, {}, caller);
    return artisan.id;
  }
}
