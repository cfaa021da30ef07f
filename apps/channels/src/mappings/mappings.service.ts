import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, CatalogPatterns, Channel, ChannelMappingView, Services } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import type { ChannelCategoryMapping } from '../adapters/channel-adapter';
import { ChannelCatalogueService } from '../catalogue/channel-catalogue.service';
import { buildMapping, issuesError } from './mapping-rules';
import { mappingListInput as listInput, mappingPutInput as putInput } from '@pk/contracts/requests/channels';

interface CategoryNode { slug: string; children: CategoryNode[] }

/** Our craft categories mapped to each channel's leaf category and its attributes, kept by curators. */
@Injectable()
export class MappingsService {
  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
    private readonly catalogue: ChannelCatalogueService,
  ) {}

  async put(caller: Caller, data: unknown): Promise<ChannelMappingView> {
    const m = parseInput(putInput, data);
    await this.requireLeaf(m.categorySlug);
    // Checked against the channel's own data: a leaf of its tree, its attributes and their values.
    const node = await this.catalogue.leaf(m.channel, m.channelCategoryId, 'channelCategoryId');
    const specs = (await this.catalogue.attributes(m.channel, m.channelCategoryId)).items;
    const built = buildMapping(m.channel, specs, m.attributes, m.salesAttributes);
    if (built.issues.length) throw issuesError(built.issues);
    await this.db.query(
      `INSERT INTO channels.category_mappings (channel, category_slug, channel_category_id, channel_category_name, attributes, sales_attributes, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (channel, category_slug) DO UPDATE SET channel_category_id = EXCLUDED.channel_category_id,
         channel_category_name = EXCLUDED.channel_category_name, attributes = EXCLUDED.attributes,
         sales_attributes = EXCLUDED.sales_attributes, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [m.channel, m.categorySlug, m.channelCategoryId, m.channelCategoryName ?? node.name, JSON.stringify(built.attributes), JSON.stringify(built.salesAttributes), caller.userId],
    );
    const [view] = (await this.list({ channel: m.channel })).items.filter((v) => v.categorySlug === m.categorySlug);
    return view;
  }

  async list(data: unknown): Promise<{ items: ChannelMappingView[] }> {
    const q = parseInput(listInput, data ?? {});
    const items: ChannelMappingView[] = await this.db.query(
      `SELECT channel, category_slug AS "categorySlug", channel_category_id AS "channelCategoryId",
              channel_category_name AS "channelCategoryName", attributes, sales_attributes AS "salesAttributes", updated_at AS "updatedAt"
       FROM channels.category_mappings WHERE ($1::text IS NULL OR channel = $1) ORDER BY channel, category_slug`,
      [q.channel ?? null],
    );
    return { items: items.map((i) => ({ ...i, updatedAt: new Date(i.updatedAt).toISOString() })) };
  }

  /** The channel's mappings by our category slug, as the adapters take them. */
  async forChannel(ch: Channel): Promise<Map<string, ChannelCategoryMapping>> {
    const { items } = await this.list({ channel: ch });
    return new Map(
      items.map((i) => [i.categorySlug, { categoryId: i.channelCategoryId, categoryName: i.channelCategoryName ?? undefined, attributes: i.attributes, salesAttributes: i.salesAttributes }]),
    );
  }

  private async requireLeaf(slug: string): Promise<void> {
    const tree = await this.clients.sendAsService<CategoryNode[]>(Services.catalog, CatalogPatterns.categoryTree, {});
    const leaves: string[] = [];
    const walk = (nodes: CategoryNode[]) => nodes.forEach((n) => (n.children.length ? walk(n.children) : leaves.push(n.slug)));
    walk(tree);
    if (!leaves.includes(slug)) {
      throw new DomainError(ErrorCode.validationFailed, 'Please correct: categorySlug.', [
        { field: 'categorySlug', messages: [`not one of our crafts; choose one of: ${leaves.join(', ')}`] },
      ]);
    }
  }
}
