import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { VariantInfo, VariantsLookupReply } from '@pk/contracts';
import { parseInput } from '@pk/core';
import { ListingSnapshots } from './listing-snapshots';
import { variantsLookupInput as lookupInput } from '@pk/contracts/requests/listings';

/** Variants as carts and checkouts see them: current price, stock, shop, and whether they can be bought. */
@Injectable()
export class VariantLookupService {
  constructor(
    private readonly db: DataSource,
    private readonly snapshots: ListingSnapshots,
  ) {}

  async lookup(data: unknown): Promise<VariantsLookupReply> {
    const { ids } = parseInput(lookupInput, data);
    if (!ids.length) return { variants: [] };
    const rows: Array<Omit<VariantInfo, 'thumbnail'> & { thumb_key: string | null }> = await this.db.query(
      `SELECT v.id, v.listing_id AS "listingId", v.artisan_id AS "artisanId", a.user_id AS "artisanUserId", a.shop_name AS "shopName", a.regency AS "shopRegency",
              v.sku, v.options, catalog.effective_price(v.id, v.price)::text AS price, v.price::text AS "regularPrice", v.stock,
              json_build_object('id', l.title_id, 'en', l.title_en) AS title, c.slug AS "categorySlug", l.weight_grams AS "weightGrams",
              (SELECT ph.keys->>'thumbnail' FROM catalog.listing_photos ph WHERE ph.listing_id = l.id ORDER BY ph.position LIMIT 1) AS thumb_key,
              (l.status = 'published' AND a.status = 'verified') AS purchasable
       FROM catalog.variants v
       JOIN catalog.listings l ON l.id = v.listing_id
       JOIN catalog.artisans a ON a.id = v.artisan_id
       JOIN catalog.categories c ON c.id = l.category_id
       WHERE v.id = ANY($1::uuid[])`,
      [ids],
    );
    return { variants: rows.map(({ thumb_key, ...v }) => ({ ...v, thumbnail: thumb_key ? this.snapshots.mediaUrl(thumb_key) : null })) };
  }
}
