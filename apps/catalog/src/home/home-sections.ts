import { EntityManager } from 'typeorm';
import { PhotoRenditions, Regency } from '@pk/contracts';

/** How many of each the home page shows. */
export const HOME_LIMITS = { collections: 12, collectionListings: 8, newArtisans: 8, regionTop: 4 } as const;

// A listing is public while it is published by a verified shop (as ListingViews' isPublic says).
const PUBLIC_LISTING = `l.status = 'published' AND a.status = 'verified'`;
// A campaign is live by its state and its window, as catalog.effective_price reads it.
const LIVE_CAMPAIGN = `c.state = 'live' AND now() >= c.starts_at AND now() < c.ends_at`;

export interface CampaignRow {
  id: string;
  slug: string;
  kind: 'campaign' | 'exhibition';
  title_id: string;
  title_en: string | null;
  description_id: string;
  description_en: string | null;
  banner: unknown;
  discount_percent: number | null;
  starts_at: Date;
  ends_at: Date;
}

export interface CollectionRow {
  id: string;
  slug: string;
  title_id: string;
  title_en: string | null;
  description_id: string;
  description_en: string | null;
  cover: unknown;
  listing_ids: string[];
}

export interface ArtisanRow {
  id: string;
  shop_name: string;
  shop_slug: string;
  regency: Regency;
  verified_at: Date;
  photo: { keys?: PhotoRenditions } | null;
}

export interface RegionRow {
  regency: Regency;
  listing_count: number;
  top_ids: string[];
}

/** The raw sections of the home page; listings are ids here, cards are made from their snapshots. */
export interface HomeSections {
  campaigns: CampaignRow[];
  collections: CollectionRow[];
  artisans: ArtisanRow[];
  regions: RegionRow[];
  /** When the live campaigns change next (one ends or a scheduled one starts), if before the TTL. */
  nextCampaignChange: Date | null;
}

export async function readHomeSections(tx: EntityManager): Promise<HomeSections> {
  const campaigns: CampaignRow[] = await tx.query(`
    SELECT c.id, c.slug, c.kind, c.title_id, c.title_en, c.description_id, c.description_en, c.banner,
           c.discount_percent, c.starts_at, c.ends_at
    FROM catalog.campaigns c WHERE ${LIVE_CAMPAIGN}
    ORDER BY c.ends_at, c.starts_at, c.id`);
  const [{ next }]: Array<{ next: Date | null }> = await tx.query(`
    SELECT min(t) AS next FROM (
      SELECT c.ends_at AS t FROM catalog.campaigns c WHERE ${LIVE_CAMPAIGN}
      UNION ALL
      SELECT c.starts_at FROM catalog.campaigns c WHERE c.state IN ('scheduled', 'live') AND c.starts_at > now()) x`);
  const collections: CollectionRow[] = await tx.query(
    `SELECT c.id, c.slug, c.title_id, c.title_en, c.description_id, c.description_en, c.cover,
            ARRAY(SELECT ci.listing_id FROM catalog.collection_items ci
                  JOIN catalog.listings l ON l.id = ci.listing_id
                  JOIN catalog.artisans a ON a.id = l.artisan_id
                  WHERE ci.collection_id = c.id AND ${PUBLIC_LISTING}
                  ORDER BY ci.position, ci.listing_id LIMIT $2)::text[] AS listing_ids
     FROM catalog.collections c WHERE c.published
     ORDER BY c.position, c.created_at, c.id LIMIT $1`,
    [HOME_LIMITS.collections, HOME_LIMITS.collectionListings],
  );
  const artisans: ArtisanRow[] = await tx.query(
    `SELECT id, shop_name, shop_slug, regency, verified_at, photo FROM catalog.artisans
     WHERE status = 'verified' AND verified_at IS NOT NULL
     ORDER BY verified_at DESC, id DESC LIMIT $1`,
    [HOME_LIMITS.newArtisans],
  );
  // Per regency: how many public listings, and the best sellers (ties: newest first), read off
  // listings_home_region_idx four rows at a time.
  const regions: RegionRow[] = await tx.query(
    `SELECT r.regency, r.listing_count,
            ARRAY(SELECT l.id FROM catalog.listings l JOIN catalog.artisans a ON a.id = l.artisan_id
                  WHERE l.regency = r.regency AND ${PUBLIC_LISTING}
                  ORDER BY l.units_sold DESC, l.published_at DESC, l.id LIMIT $1)::text[] AS top_ids
     FROM (SELECT l.regency, count(*)::int AS listing_count
           FROM catalog.listings l JOIN catalog.artisans a ON a.id = l.artisan_id
           WHERE ${PUBLIC_LISTING} GROUP BY l.regency) r
     ORDER BY r.listing_count DESC, r.regency`,
    [HOME_LIMITS.regionTop],
  );
  return { campaigns, collections, artisans, regions, nextCampaignChange: next ? new Date(next) : null };
}
