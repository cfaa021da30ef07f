import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HomeArtisan, HomeCampaign, HomeCard, HomeCollection, HomePage, HomeRegion, HomeReply, PhotoRenditions, REGENCIES } from '@pk/contracts';
import { ListingRow, ListingSnapshots } from '../listings/listing-snapshots';
import { isPublic } from '../listings/listing-views';
import { HomeCache } from './home-cache';
import { HomeSections, readHomeSections } from './home-sections';

/** Unit sales and campaign windows change the page without a table write the generation sees. */
export const HOME_TTL_SECONDS = 300;
/** How long the first page of a generation is kept (it may predate the commit that bumped it). */
export const HOME_SETTLE_SECONDS = 10;

/**
 * The storefront's home page in one call: live campaigns, featured collections, new artisans,
 * regional highlights. Cached per generation of catalog.home_generation_seq, which statement
 * triggers bump on every write to the tables it shows, so any change is a miss on the next call.
 */
@Injectable()
export class HomeService {
  // Concurrent misses of one generation compose it once per process.
  private readonly composing = new Map<string, Promise<HomePage>>();

  constructor(
    private readonly db: DataSource,
    private readonly snapshots: ListingSnapshots,
    private readonly cache: HomeCache,
  ) {}

  async get(): Promise<HomeReply> {
    // Read before the page's data, so a page is never stored under a newer generation than it shows.
    const generation = await this.generation();
    const cached = await this.cache.get(generation);
    if (cached) return { page: cached, cache: 'hit' };
    let pending = this.composing.get(generation);
    if (!pending) {
      pending = this.composeAndStore(generation).finally(() => this.composing.delete(generation));
      this.composing.set(generation, pending);
    }
    return { page: await pending, cache: 'miss' };
  }

  private async generation(): Promise<string> {
    // last_value without nextval; a sequence never called reads 1 with is_called false.
    const [row]: Array<{ generation: string }> = await this.db.query(
      `SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::text AS generation FROM catalog.home_generation_seq`,
    );
    return row.generation;
  }

  private async composeAndStore(generation: string): Promise<HomePage> {
    const { page, nextCampaignChange } = await this.compose();
    let ttl = HOME_TTL_SECONDS;
    if (nextCampaignChange) ttl = Math.min(ttl, Math.max(1, Math.ceil((nextCampaignChange.getTime() - Date.now()) / 1000)));
    if (await this.cache.firstOfGeneration(generation, HOME_TTL_SECONDS * 2)) ttl = Math.min(ttl, HOME_SETTLE_SECONDS);
    await this.cache.set(generation, page, ttl);
    return page;
  }

  async compose(): Promise<{ page: HomePage; nextCampaignChange: Date | null }> {
    // One snapshot for every section and card, so the parts agree with each other.
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const sections = await readHomeSections(tx);
      const ids = [...new Set([...sections.collections.flatMap((c) => c.listing_ids), ...sections.regions.flatMap((r) => r.top_ids)])];
      const rows = await this.snapshots.load(ids, tx);
      return { page: this.page(sections, rows), nextCampaignChange: sections.nextCampaignChange };
    });
  }

  private page(s: HomeSections, rows: Map<string, ListingRow>): HomePage {
    const cards = (ids: string[]): HomeCard[] =>
      ids.flatMap((id) => {
        const row = rows.get(id);
        return row && isPublic(row) ? [this.card(row)] : [];
      });
    const campaigns: HomeCampaign[] = s.campaigns.map((c) => ({
      id: c.id,
      slug: c.slug,
      kind: c.kind,
      title: { id: c.title_id, en: c.title_en },
      description: { id: c.description_id, en: c.description_en },
      banner: this.renditions(c.banner),
      discountPercent: c.discount_percent,
      startsAt: new Date(c.starts_at).toISOString(),
      endsAt: new Date(c.ends_at).toISOString(),
    }));
    const collections: HomeCollection[] = s.collections.map((c) => ({
      id: c.id,
      slug: c.slug,
      title: { id: c.title_id, en: c.title_en },
      description: { id: c.description_id, en: c.description_en },
      cover: this.renditions(c.cover),
      listings: cards(c.listing_ids),
    }));
    const newArtisans: HomeArtisan[] = s.artisans.map((a) => ({
      id: a.id,
      shopName: a.shop_name,
      shopSlug: a.shop_slug,
      regency: a.regency,
      verifiedAt: new Date(a.verified_at).toISOString(),
      photo: this.renditions(a.photo),
    }));
    const regions: HomeRegion[] = s.regions.map((r) => ({
      regency: r.regency,
      name: REGENCIES[r.regency] ?? r.regency,
      listingCount: r.listing_count,
      top: cards(r.top_ids),
    }));
    return { campaigns, collections, newArtisans, regions, generatedAt: new Date().toISOString() };
  }

  /** A tile of a listing's snapshot: its cheapest variant now (campaign price), marks, first photo. */
  private card(row: ListingRow): HomeCard {
    const l = row.snapshot;
    const cheapest = l.variants.reduce<(typeof l.variants)[number] | null>(
      (best, v) => (best === null || BigInt(v.price) < BigInt(best.price) ? v : best),
      null,
    );
    return {
      id: l.id,
      title: l.title,
      price: cheapest?.price ?? '0',
      regularPrice: cheapest?.regularPrice ?? '0',
      photo: l.photos[0]?.urls ?? null,
      shop: { name: l.artisan.shopName, slug: l.artisan.shopSlug },
      regency: l.regency,
      marks: l.marks,
      campaigns: l.campaigns,
      unitsSold: l.unitsSold,
    };
  }

  /** Stored photo keys as URLs: a bare renditions object, or a stored photo with `keys`. */
  private renditions(stored: unknown): PhotoRenditions | null {
    if (!stored || typeof stored !== 'object') return null;
    const keys = ('keys' in stored ? (stored as { keys: unknown }).keys : stored) as Partial<PhotoRenditions> | null;
    if (!keys?.thumbnail || !keys.card || !keys.full) return null;
    return this.snapshots.photoUrls(keys as PhotoRenditions);
  }
}
