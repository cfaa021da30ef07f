import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ArtisanStatus, ListingCampaign, ListingMark, ListingStatus, ShopPage } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput } from '@pk/core';
import { CategoriesService } from '../categories/categories.service';
import { ListingSnapshots } from '../listings/listing-snapshots';
import { shopPageInput } from './artisan-input';
import { shopProfile } from './artisan-views';
import { Artisan } from './artisan.entity';

// The views are the reply schemas' types (libs/contracts/src/replies/catalog.ts).
export type { ShopListingCard, ShopPage } from '@pk/contracts';

// One statement for the page of cards: prices (as paid now) and stock aggregated per listing, the
// first photo, live marks and campaigns.
const CARDS_SQL = `
  SELECT l.id, l.title_id, l.title_en, l.published_at, v.min_price::text, v.max_price::text, v.regular_min_price::text, v.in_stock,
         ph.keys->>'thumbnail' AS thumbnail,
         catalog.listing_marks(l.id, l.artisan_id) AS marks, catalog.listing_campaigns(l.id, l.artisan_id) AS campaigns
  FROM catalog.listings l
  CROSS JOIN LATERAL (SELECT min(p.price) AS min_price, max(p.price) AS max_price, min(vv.price) AS regular_min_price,
                             coalesce(bool_or(vv.stock > 0), false) AS in_stock
                      FROM catalog.variants vv, LATERAL (SELECT catalog.effective_price(vv.id, vv.price) AS price) p
                      WHERE vv.listing_id = l.id) v
  LEFT JOIN LATERAL (SELECT keys FROM catalog.listing_photos WHERE listing_id = l.id ORDER BY position LIMIT 1) ph ON true
  WHERE l.artisan_id = $1 AND l.status = $2
  ORDER BY l.published_at DESC, l.id DESC
  LIMIT $3 OFFSET $4`;

interface CardRow {
  id: string;
  title_id: string;
  title_en: string | null;
  published_at: Date;
  min_price: string;
  max_price: string;
  regular_min_price: string;
  in_stock: boolean;
  thumbnail: string | null;
  marks: ListingMark[];
  campaigns: ListingCampaign[];
}

/** The public shop page: a verified shop's profile and its published listings, newest first. */
@Injectable()
export class ShopPagesService {
  constructor(
    private readonly db: DataSource,
    private readonly categories: CategoriesService,
    private readonly snapshots: ListingSnapshots,
  ) {}

  async page(data: unknown): Promise<ShopPage> {
    const q = parseInput(shopPageInput, data);
    // The shop and how many listings it shows, in one query; the cards in the second.
    const { entities, raw } = await this.db
      .getRepository(Artisan)
      .createQueryBuilder('a')
      .addSelect(`(SELECT count(*) FROM catalog.listings l WHERE l.artisan_id = a.id AND l.status = :published)::int`, 'listing_count')
      .where('a.shop_slug = :slug AND a.status = :verified', { slug: q.slug, verified: ArtisanStatus.verified, published: ListingStatus.published })
      .getRawAndEntities<{ listing_count: number }>();
    const artisan = entities[0];
    if (!artisan) throw new DomainError(ErrorCode.notFound, 'No shop at this address.', { slug: q.slug });

    const rows: CardRow[] = await this.db.query(CARDS_SQL, [artisan.id, ListingStatus.published, q.limit, q.offset]);
    // The shop's own marks: those granted to the artisan rather than to one listing.
    const [{ marks: shopMarks }]: Array<{ marks: ListingMark[] }> = await this.db.query(
      `SELECT catalog.listing_marks(NULL::uuid, $1::uuid) AS marks`,
      [artisan.id],
    );
    const url = (key: string) => this.snapshots.mediaUrl(key);
    const crafts = await Promise.all(
      artisan.craftTypes.map(async (slug) => {
        const c = await this.categories.bySlug(slug);
        return { slug, name: c?.nameId ?? slug, nameEn: c?.nameEn ?? slug };
      }),
    );
    return {
      shop: { ...shopProfile(artisan, crafts, (keys) => this.snapshots.photoUrls(keys)), marks: shopMarks.filter((m) => m.scope === 'artisan') },
      listings: {
        items: rows.map((r) => ({
          id: r.id,
          title: { id: r.title_id, en: r.title_en },
          minPrice: r.min_price,
          maxPrice: r.max_price,
          regularMinPrice: r.regular_min_price,
          inStock: r.in_stock,
          thumbnail: r.thumbnail ? url(r.thumbnail) : null,
          publishedAt: new Date(r.published_at).toISOString(),
          marks: r.marks,
          campaigns: r.campaigns,
        })),
        total: raw[0].listing_count,
        limit: q.limit,
        offset: q.offset,
      },
    };
  }
}
