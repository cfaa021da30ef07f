import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListingDigest, ListingDigestPage, ListingStatesReply } from '@pk/contracts';
import { parseInput } from '@pk/core';
import { ListingSnapshots } from './listing-snapshots';
import { isPublic } from './listing-views';
import { listingDigestInput as digestInput, listingStatesInput as statesInput } from '@pk/contracts/requests/listings';

/**
 * What copies of the public catalogue (the search index) read to build and check themselves:
 * listings' current states by id, and a compact digest of every public listing, paged by id.
 */
@Injectable()
export class IndexFeedService {
  constructor(
    private readonly db: DataSource,
    private readonly snapshots: ListingSnapshots,
  ) {}

  async states(data: unknown): Promise<ListingStatesReply> {
    const { ids } = parseInput(statesInput, data);
    const rows = await this.snapshots.load(ids);
    return {
      listings: [...rows.values()].map((row) => ({
        id: row.snapshot.id,
        version: row.snapshot.version,
        snapshot: isPublic(row) ? row.snapshot : null,
      })),
    };
  }

  async digest(data: unknown): Promise<ListingDigestPage> {
    const { after, limit } = parseInput(digestInput, data ?? {});
    const items: ListingDigest[] = await this.db.query(
      `SELECT l.id, l.version, v.min_price::text AS "priceMin", v.max_price::text AS "priceMax",
              v.stock::int AS "stockTotal", l.units_sold AS "unitsSold"
       FROM catalog.listings l
       JOIN catalog.artisans a ON a.id = l.artisan_id AND a.status = 'verified'
       CROSS JOIN LATERAL (SELECT min(p.price) AS min_price, max(p.price) AS max_price, coalesce(sum(vv.stock), 0) AS stock
                           FROM catalog.variants vv,
                                LATERAL (SELECT catalog.effective_price(vv.id, vv.price) AS price) p
                           WHERE vv.listing_id = l.id) v
       WHERE l.status = 'published' AND ($1::uuid IS NULL OR l.id > $1)
       ORDER BY l.id
       LIMIT $2`,
      [after ?? null, limit],
    );
    const next = items.length === limit ? items[items.length - 1].id : null;
    if (after) return { items, next };
    const [{ total }]: Array<{ total: number }> = await this.db.query(
      `SELECT count(*)::int AS total FROM catalog.listings l
       JOIN catalog.artisans a ON a.id = l.artisan_id AND a.status = 'verified'
       WHERE l.status = 'published'`,
    );
    return { items, next, total };
  }
}
