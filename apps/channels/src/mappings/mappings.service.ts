import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CHANNELS, Caller, CatalogPatterns, Channel, ChannelMappingView, Services } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import type { ChannelCategoryMapping } from '../adapters/channel-adapter';

const channel = z.enum(CHANNELS, { errorMap: () => ({ message: `one of: ${CHANNELS.join(', ')}` }) });
const putInput = z
  .object({
    channel,
    categorySlug: z.string().min(1).max(60),
    channelCategoryId: z.string().trim().min(1, 'required').max(60),
    channelCategoryName: z.string().trim().max(200).optional(),
    attributes: z
      .array(
        z
          .object({
            id: z.string().trim().min(1).max(80),
            name: z.string().trim().min(1).max(120),
            required: z.boolean().default(false),
            value: z.string().trim().min(1).max(200).optional(),
            from: z.enum(['materials', 'techniques', 'origin', 'handmade']).optional(),
          })
          .strict()
          .refine((a) => !(a.value && a.from), { message: 'set value or from, not both' }),
      )
      .max(50)
      .default([]),
  })
  .strict();
const listInput = z.object({ channel: channel.optional() }).strict();

interface CategoryNode { slug: string; children: CategoryNode[] }

/** Our craft categories mapped to each channel's leaf category and its attributes, kept by curators. */
@Injectable()
export class MappingsService {
  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
  ) {}

  async put(caller: Caller, data: unknown): Promise<ChannelMappingView> {
    const m = parseInput(putInput, data);
    await this.requireLeaf(m.categorySlug);
    await this.db.query(
      `INSERT INTO channels.category_mappings (channel, category_slug, channel_category_id, channel_category_name, attributes, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (channel, category_slug) DO UPDATE SET channel_category_id = EXCLUDED.channel_category_id,
         channel_category_name = EXCLUDED.channel_category_name, attributes = EXCLUDED.attributes,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [m.channel, m.categorySlug, m.channelCategoryId, m.channelCategoryName ?? null, JSON.stringify(m.attributes), caller.userId],
    );
    const [view] = (await this.list({ channel: m.channel })).items.filter((v) => v.categorySlug === m.categorySlug);
    return view;
  }

  async list(data: unknown): Promise<{ items: ChannelMappingView[] }> {
    const q = parseInput(listInput, data ?? {});
    const items: ChannelMappingView[] = await this.db.query(
      `SELECT channel, category_slug AS "categorySlug", channel_category_id AS "channelCategoryId",
              channel_category_name AS "channelCategoryName", attributes, updated_at AS "updatedAt"
       FROM channels.category_mappings WHERE ($1::text IS NULL OR channel = $1) ORDER BY channel, category_slug`,
      [q.channel ?? null],
    );
    return { items: items.map((i) => ({ ...i, updatedAt: new Date(i.updatedAt).toISOString() })) };
  }

  /** The channel's mappings by our category slug, as the adapters take them. */
  async forChannel(ch: Channel): Promise<Map<string, ChannelCategoryMapping>> {
    const { items } = await this.list({ channel: ch });
    return new Map(items.map((i) => [i.categorySlug, { categoryId: i.channelCategoryId, categoryName: i.channelCategoryName ?? undefined, attributes: i.attributes }]));
  }

  private async requireLeaf(slug: string): Promise<void> {
    const tree = await this.clients.send<CategoryNode[]>(Services.catalog, CatalogPatterns.categoryTree, {}, null);
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
