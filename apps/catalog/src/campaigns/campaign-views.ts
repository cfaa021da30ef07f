import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CampaignListingCard, CampaignSummary, CampaignView, ListingSnapshot, PublicCampaignPage, PublicCampaignView } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput } from '@pk/core';
import { ListingSnapshots } from '../listings/listing-snapshots';
import { Campaign } from './campaign.entity';
import { listCampaignsInput, publicGetInput, publicListInput } from './campaign-input';
import { campaignTime } from './campaign-time';

// Live is the state and the clock together, as in catalog.effective_price.
const LIVE = `c.state = 'live' AND c.starts_at <= now() AND now() < c.ends_at`;

/** Campaigns as curators and buyers read them. */
@Injectable()
export class CampaignViews {
  constructor(
    private readonly db: DataSource,
    private readonly snapshots: ListingSnapshots,
  ) {}

  /** Live campaigns, ending soonest first. */
  async publicList(data: unknown): Promise<{ items: PublicCampaignView[]; total: number }> {
    const q = parseInput(publicListInput, data ?? {});
    const qb = this.db.getRepository(Campaign).createQueryBuilder('c').where(LIVE);
    if (q.kind) qb.andWhere('c.kind = :kind', { kind: q.kind });
    const [rows, total] = await qb.orderBy('c.ends_at').addOrderBy('c.slug').take(q.limit).skip(q.offset).getManyAndCount();
    return { items: rows.map((c) => this.publicView(c)), total };
  }

  /** A live campaign with a page of its public listings; any other campaign is not found. */
  async publicPage(data: unknown): Promise<PublicCampaignPage> {
    const q = parseInput(publicGetInput, data);
    const campaign = await this.db.getRepository(Campaign).createQueryBuilder('c').where(LIVE).andWhere('c.slug = :slug', { slug: q.slug }).getOne();
    if (!campaign) throw new DomainError(ErrorCode.notFound, 'No such campaign is on now.', { slug: q.slug });
    const rows: Array<{ id: string; total: number }> = await this.db.query(
      `SELECT l.id, count(*) OVER ()::int AS total
       FROM catalog.listings l JOIN catalog.artisans a ON a.id = l.artisan_id
       WHERE l.status = 'published' AND a.status = 'verified'
         AND (l.id IN (SELECT listing_id FROM catalog.campaign_members WHERE campaign_id = $1 AND listing_id IS NOT NULL)
              OR l.artisan_id IN (SELECT artisan_id FROM catalog.campaign_members WHERE campaign_id = $1 AND artisan_id IS NOT NULL))
       ORDER BY l.units_sold DESC, l.id LIMIT $2 OFFSET $3`,
      [campaign.id, q.limit, q.offset],
    );
    const loaded = await this.snapshots.load(rows.map((r) => r.id));
    const items = rows.flatMap((r) => {
      const row = loaded.get(r.id);
      return row ? [card(row.snapshot)] : [];
    });
    return { ...this.publicView(campaign), listings: { items, total: rows[0]?.total ?? 0 } };
  }

  async list(data: unknown): Promise<{ items: CampaignSummary[]; total: number }> {
    const q = parseInput(listCampaignsInput, data ?? {});
    const qb = this.db.getRepository(Campaign).createQueryBuilder('c');
    if (q.state) qb.andWhere('c.state = :state', { state: q.state });
    if (q.kind) qb.andWhere('c.kind = :kind', { kind: q.kind });
    const [rows, total] = await qb.orderBy('c.starts_at', 'DESC').addOrderBy('c.id').take(q.limit).skip(q.offset).getManyAndCount();
    const counts: Array<{ campaign_id: string; artisans: number; listings: number }> = rows.length
      ? await this.db.query(
          `SELECT campaign_id, count(artisan_id)::int AS artisans, count(listing_id)::int AS listings
           FROM catalog.campaign_members WHERE campaign_id = ANY($1::uuid[]) GROUP BY campaign_id`,
          [rows.map((c) => c.id)],
        )
      : [];
    const byId = new Map(counts.map((c) => [c.campaign_id, c]));
    return {
      items: rows.map((c) => ({
        ...this.publicView(c),
        id: c.id,
        state: c.state,
        memberCounts: { artisans: byId.get(c.id)?.artisans ?? 0, listings: byId.get(c.id)?.listings ?? 0 },
        updatedAt: c.updatedAt.toISOString(),
      })),
      total,
    };
  }

  /** One campaign in full, for curators. */
  async curator(id: string, tx: EntityManager = this.db.manager): Promise<CampaignView> {
    const c = await tx.getRepository(Campaign).findOneBy({ id });
    if (!c) throw new DomainError(ErrorCode.notFound, 'No such campaign.', { campaignId: id });
    const members: Array<{ artisan_id: string | null; listing_id: string | null }> = await tx.query(
      `SELECT artisan_id, listing_id FROM catalog.campaign_members WHERE campaign_id = $1 ORDER BY added_at, artisan_id, listing_id`,
      [id],
    );
    const prices: CampaignView['prices'] = await tx.query(
      `SELECT p.variant_id AS "variantId", v.listing_id AS "listingId", p.price::text AS price, v.price::text AS "regularPrice"
       FROM catalog.campaign_prices p JOIN catalog.variants v ON v.id = p.variant_id
       WHERE p.campaign_id = $1 ORDER BY v.listing_id, v.position`,
      [id],
    );
    return {
      ...this.publicView(c),
      id: c.id,
      state: c.state,
      members: {
        artisanIds: members.flatMap((m) => (m.artisan_id ? [m.artisan_id] : [])),
        listingIds: members.flatMap((m) => (m.listing_id ? [m.listing_id] : [])),
      },
      prices,
      createdBy: c.createdBy,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }

  publicView(c: Campaign): PublicCampaignView {
    return {
      slug: c.slug,
      kind: c.kind,
      title: { id: c.titleId, en: c.titleEn },
      description: { id: c.descriptionId, en: c.descriptionEn },
      banner: c.banner ? this.snapshots.photoUrls(c.banner) : null,
      startsAt: campaignTime(c.startsAt),
      endsAt: campaignTime(c.endsAt),
      discountPercent: c.discountPercent,
    };
  }
}

/** The listing's cheapest variant stands for it, as search shows its lowest price. */
function card(s: ListingSnapshot): CampaignListingCard {
  const cheapest = [...s.variants].sort((a, b) => (BigInt(a.price) < BigInt(b.price) ? -1 : 1))[0];
  return {
    id: s.id,
    title: s.title,
    shop: { name: s.artisan.shopName, slug: s.artisan.shopSlug },
    price: cheapest?.price ?? '0',
    regularPrice: cheapest?.regularPrice ?? '0',
    photo: s.photos[0]?.urls ?? null,
  };
}
