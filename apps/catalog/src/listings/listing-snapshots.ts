import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ListingSnapshot, PhotoRenditions } from '@pk/contracts';
import { APP_CONFIG, AppConfig } from '@pk/core';

/** A listing with its shop, category path, variants and photos, as buyers and other apps see it. */
export interface ListingRow {
  snapshot: ListingSnapshot;
  status: string;
  artisanStatus: string;
  artisanUserId: string;
  story: string;
  rejectionReason: string | null;
}

// One statement: the listing, its artisan, its category path (two levels) and, aggregated,
// its variants and photos; live campaign prices, marks and campaigns come from SQL functions
// that the campaigns and marks migrations define. A public listing read is this query and nothing else.
const SNAPSHOT_SQL = `
  SELECT l.id, l.version, l.status, l.title_id, l.title_en, l.description_id, l.description_en,
         l.materials, l.techniques, l.regency, l.length_cm, l.width_cm, l.height_cm, l.weight_grams,
         l.package_length_cm, l.package_width_cm, l.package_height_cm,
         l.handmade, l.lead_time_days, l.rejection_reason, l.units_sold, l.published_at, l.updated_at,
         a.id AS artisan_id, a.user_id AS artisan_user_id, a.shop_name, a.shop_slug, a.regency AS artisan_regency,
         a.status AS artisan_status, a.story,
         c.id AS category_id, c.slug AS category_slug, c.name_id AS category_name_id,
         p.slug AS parent_slug, p.name_id AS parent_name_id,
         COALESCE((SELECT json_agg(json_build_object('id', v.id, 'sku', v.sku, 'options', v.options,
                                                     'price', catalog.effective_price(v.id, v.price)::text,
                                                     'regularPrice', v.price::text, 'stock', v.stock, 'stockVersion', v.stock_version)
                                   ORDER BY v.position, v.created_at)
                   FROM catalog.variants v WHERE v.listing_id = l.id), '[]') AS variants,
         COALESCE((SELECT json_agg(json_build_object('id', ph.id, 'alt', ph.alt, 'keys', ph.keys)
                                   ORDER BY ph.position)
                   FROM catalog.listing_photos ph WHERE ph.listing_id = l.id), '[]') AS photos,
         catalog.listing_marks(l.id, a.id) AS marks,
         catalog.listing_campaigns(l.id, a.id) AS campaigns
  FROM catalog.listings l
  JOIN catalog.artisans a ON a.id = l.artisan_id
  JOIN catalog.categories c ON c.id = l.category_id
  LEFT JOIN catalog.categories p ON p.id = c.parent_id
  WHERE l.id = ANY($1::uuid[])`;

interface RawRow {
  id: string;
  version: number;
  status: string;
  title_id: string;
  title_en: string | null;
  description_id: string;
  description_en: string | null;
  materials: string[];
  techniques: string[];
  regency: ListingSnapshot['regency'];
  length_cm: string;
  width_cm: string;
  height_cm: string;
  weight_grams: number;
  package_length_cm: string | null;
  package_width_cm: string | null;
  package_height_cm: string | null;
  handmade: boolean;
  lead_time_days: number | null;
  rejection_reason: string | null;
  units_sold: number;
  published_at: Date | null;
  updated_at: Date;
  artisan_id: string;
  artisan_user_id: string;
  shop_name: string;
  shop_slug: string;
  artisan_regency: ListingSnapshot['regency'];
  artisan_status: string;
  story: string;
  category_id: string;
  category_slug: string;
  category_name_id: string;
  parent_slug: string | null;
  parent_name_id: string | null;
  variants: ListingSnapshot['variants'];
  photos: Array<{ id: string; alt: string; keys: PhotoRenditions }>;
  marks: ListingSnapshot['marks'];
  campaigns: ListingSnapshot['campaigns'];
}

@Injectable()
export class ListingSnapshots {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The public URL of a stored file. */
  mediaUrl(key: string): string {
    return `${this.config.media.publicUrl}/${key}`;
  }

  /** The public URLs of a photo's stored renditions. */
  photoUrls(keys: PhotoRenditions): PhotoRenditions {
    return { thumbnail: this.mediaUrl(keys.thumbnail), card: this.mediaUrl(keys.card), full: this.mediaUrl(keys.full) };
  }

  async load(ids: string[], tx: EntityManager = this.db.manager): Promise<Map<string, ListingRow>> {
    if (ids.length === 0) return new Map();
    const rows: RawRow[] = await tx.query(SNAPSHOT_SQL, [ids]);
    return new Map(rows.map((r) => [r.id, this.toRow(r)]));
  }

  async one(id: string, tx?: EntityManager): Promise<ListingRow | null> {
    return (await this.load([id], tx)).get(id) ?? null;
  }

  private toRow(r: RawRow): ListingRow {
    const path = r.parent_slug ? [r.parent_slug, r.category_slug] : [r.category_slug];
    const names = r.parent_name_id ? [r.parent_name_id, r.category_name_id] : [r.category_name_id];
    return {
      status: r.status,
      artisanStatus: r.artisan_status,
      artisanUserId: r.artisan_user_id,
      story: r.story,
      rejectionReason: r.rejection_reason,
      snapshot: {
        id: r.id,
        version: r.version,
        artisan: { id: r.artisan_id, shopName: r.shop_name, shopSlug: r.shop_slug, regency: r.artisan_regency },
        title: { id: r.title_id, en: r.title_en },
        description: { id: r.description_id, en: r.description_en },
        category: { id: r.category_id, slug: r.category_slug, path, names },
        materials: r.materials,
        techniques: r.techniques,
        regency: r.regency,
        dimensionsCm: { length: Number(r.length_cm), width: Number(r.width_cm), height: Number(r.height_cm) },
        weightGrams: r.weight_grams,
        packageCm:
          r.package_length_cm === null
            ? null
            : { length: Number(r.package_length_cm), width: Number(r.package_width_cm), height: Number(r.package_height_cm) },
        handmade: r.handmade,
        leadTimeDays: r.lead_time_days,
        variants: r.variants,
        photos: r.photos.map((p) => ({ id: p.id, alt: p.alt, urls: this.photoUrls(p.keys) })),
        marks: r.marks,
        campaigns: r.campaigns,
        unitsSold: r.units_sold,
        publishedAt: r.published_at ? new Date(r.published_at).toISOString() : '',
        updatedAt: new Date(r.updated_at).toISOString(),
      },
    };
  }
}
