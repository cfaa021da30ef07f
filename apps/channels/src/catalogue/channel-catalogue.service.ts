import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANNEL_NAMES, Channel, ChannelAttributesView, ChannelCategoriesView } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import type { ChannelAttributeSpec, ChannelCategoryNode } from '../adapters/channel-adapter';
import { ChannelError } from '../adapters/channel-errors';
import { AccountsService } from '../accounts/accounts.service';
import { AdapterFactory, CountingLimiter } from '../accounts/adapter-factory';

/** A cached tree or attribute list older than this is fetched again when next used. */
export const CATALOGUE_STALE_MS = 7 * 24 * 3600_000;

export type CategoryTree = ChannelCategoriesView & { items: ChannelCategoryNode[] };
export type CategoryAttributes = ChannelAttributesView & { items: ChannelAttributeSpec[] };

const stale = (fetchedAt: Date) => Date.now() - fetchedAt.getTime() > CATALOGUE_STALE_MS;

/**
 * The channels' own category trees and leaf-category attributes, fetched through an active account
 * of the channel (the council's first) and cached in Postgres for a week: curators map against
 * them, and mappings and per-listing values are checked against them.
 */
@Injectable()
export class ChannelCatalogueService {
  private readonly logger = new Logger(ChannelCatalogueService.name);

  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly adapters: AdapterFactory,
  ) {}

  /** `refresh`: fetch now, whatever the cache holds. */
  async categories(channel: Channel, refresh = false): Promise<CategoryTree> {
    return (await this.tree(channel, refresh)).tree;
  }

  private async tree(channel: Channel, refresh: boolean): Promise<{ tree: CategoryTree; fetchedNow: boolean }> {
    const rows: Array<{ category_id: string; parent_id: string | null; name: string; leaf: boolean; fetched_at: Date }> = await this.db.query(
      `SELECT category_id, parent_id, name, leaf, fetched_at FROM channels.channel_categories WHERE channel = $1 ORDER BY position`,
      [channel],
    );
    const fetchedAt = rows.length ? new Date(Math.min(...rows.map((r) => new Date(r.fetched_at).getTime()))) : null;
    const cached = () => ({ tree: { items: rows.map((r) => ({ id: r.category_id, parentId: r.parent_id, name: r.name, leaf: r.leaf })), fetchedAt: fetchedAt!.toISOString() }, fetchedNow: false });
    if (!refresh && fetchedAt && !stale(fetchedAt)) return cached();
    const items = await this.fetch(channel, (adapter) => adapter.categories(), fetchedAt);
    if (!items) return cached();
    const now = new Date();
    await this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM channels.channel_categories WHERE channel = $1`, [channel]);
      // In slices: a real tree holds thousands of categories.
      for (let i = 0; i < items.length; i += 1000) {
        const slice = items.slice(i, i + 1000);
        await tx.query(
          `INSERT INTO channels.channel_categories (channel, category_id, parent_id, name, leaf, position, fetched_at)
           SELECT $1, c.id, c."parentId", c.name, c.leaf, c.position, $3 FROM jsonb_to_recordset($2::jsonb) AS c(id text, "parentId" text, name text, leaf boolean, position int)
           ON CONFLICT (channel, category_id) DO NOTHING`,
          [channel, JSON.stringify(slice.map((c, j) => ({ ...c, position: i + j }))), now],
        );
      }
    });
    return { tree: { items, fetchedAt: now.toISOString() }, fetchedNow: true };
  }

  /** A leaf category's attributes; `categoryId` must be a leaf of the channel's tree (else 400 naming `field`). */
  async attributes(channel: Channel, categoryId: string, opts: { refresh?: boolean; field?: string } = {}): Promise<CategoryAttributes> {
    await this.leaf(channel, categoryId, opts.field ?? 'categoryId');
    const rows: Array<{ attributes: ChannelAttributeSpec[]; fetched_at: Date }> = await this.db.query(
      `SELECT attributes, fetched_at FROM channels.channel_attributes WHERE channel = $1 AND category_id = $2`,
      [channel, categoryId],
    );
    const cached = rows[0];
    if (!opts.refresh && cached && !stale(new Date(cached.fetched_at))) return { items: cached.attributes, fetchedAt: new Date(cached.fetched_at).toISOString() };
    const items = await this.fetch(channel, (adapter) => adapter.categoryAttributes(categoryId), cached ? new Date(cached.fetched_at) : null);
    if (!items) return { items: cached!.attributes, fetchedAt: new Date(cached!.fetched_at).toISOString() };
    const now = new Date();
    await this.db.query(
      `INSERT INTO channels.channel_attributes (channel, category_id, attributes, fetched_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel, category_id) DO UPDATE SET attributes = EXCLUDED.attributes, fetched_at = EXCLUDED.fetched_at`,
      [channel, categoryId, JSON.stringify(items), now],
    );
    return { items, fetchedAt: now.toISOString() };
  }

  /**
   * The node, which must be a leaf. An id the cache does not know sends for the tree once more
   * (the channel may have added the category since).
   */
  async leaf(channel: Channel, categoryId: string, field: string): Promise<ChannelCategoryNode> {
    const first = await this.tree(channel, false);
    let node = first.tree.items.find((c) => c.id === categoryId);
    if (!node && !first.fetchedNow) node = (await this.categories(channel, true)).items.find((c) => c.id === categoryId);
    if (!node) throw invalid(field, `not a category of ${CHANNEL_NAMES[channel]}`);
    if (!node.leaf) throw invalid(field, `not a leaf category of ${CHANNEL_NAMES[channel]}: choose one of its subcategories`);
    return node;
  }

  /** Through an active account of the channel; null when the channel failed and a stale cache can stand in. */
  private async fetch<T>(channel: Channel, call: (adapter: ReturnType<AdapterFactory['create']>) => Promise<T>, cachedAt: Date | null): Promise<T | null> {
    const accountId = await this.accounts.catalogueAccount(channel);
    if (!accountId) {
      if (cachedAt) return null;
      throw new DomainError(ErrorCode.channelAccountMissing, `No active ${CHANNEL_NAMES[channel]} account to read its categories through; connect one first.`, { channel });
    }
    const adapter = this.adapters.create(await this.accounts.load(accountId), new CountingLimiter());
    try {
      return await call(adapter);
    } catch (error) {
      if (cachedAt) {
        this.logger.warn(`${channel} catalogue not refreshed, the cache stands: ${(error as Error).message}`);
        return null;
      }
      const reason = error instanceof ChannelError ? error.reason : (error as Error).message;
      throw new DomainError(ErrorCode.serviceUnavailable, `${CHANNEL_NAMES[channel]} did not give its category data: ${reason}`, { channel });
    }
  }
}

export function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.validationFailed, `Please correct: ${field}.`, [{ field, messages: [message] }]);
}
