import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogPatterns, ListingSnapshot, ListingStatesReply, Services } from '@pk/contracts';
import { ServiceClients } from '@pk/messaging';

/**
 * The channels app's own copy of public listings, from catalog events: the export reads only
 * this. A row's snapshot is null while the listing is not public. Writes for one listing hold its
 * row, and an event older than the copy's version changes nothing.
 */
@Injectable()
export class ListingCopy {
  constructor(private readonly clients: ServiceClients) {}

  async applyIfNewer(tx: EntityManager, listingId: string, artisanId: string, version: number, snapshot: ListingSnapshot | null): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO channels.listings (listing_id, artisan_id, version, snapshot) VALUES ($1, $2, $3, $4)
       ON CONFLICT (listing_id) DO UPDATE SET version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, updated_at = now()
         WHERE channels.listings.version < EXCLUDED.version
       RETURNING listing_id`,
      [listingId, artisanId, version, snapshot ? JSON.stringify(snapshot) : null],
    );
    return rows.length > 0;
  }

  /** A stock change carries no snapshot: read the listing afresh, under its row lock. */
  async refresh(tx: EntityManager, listingId: string): Promise<void> {
    await tx.query(`SELECT 1 FROM channels.listings WHERE listing_id = $1 FOR UPDATE`, [listingId]);
    const { listings } = await this.clients.sendAsService<ListingStatesReply>(Services.catalog, CatalogPatterns.listingSnapshots, { ids: [listingId] }, { timeoutMs: 30_000 });
    const current = listings[0];
    if (current?.snapshot) {
      await tx.query(
        `INSERT INTO channels.listings (listing_id, artisan_id, version, snapshot) VALUES ($1, $2, $3, $4)
         ON CONFLICT (listing_id) DO UPDATE SET version = greatest(channels.listings.version, EXCLUDED.version),
           snapshot = EXCLUDED.snapshot, updated_at = now()`,
        [listingId, current.snapshot.artisan.id, current.version, JSON.stringify(current.snapshot)],
      );
    } else {
      // Not public (or gone): a copy we hold says so; a listing we never held stays unknown.
      await tx.query(`UPDATE channels.listings SET snapshot = NULL, updated_at = now() WHERE listing_id = $1`, [listingId]);
    }
    await tx.query(
      `INSERT INTO channels.stock_dirty (listing_id) VALUES ($1) ON CONFLICT (listing_id) DO UPDATE SET changed_at = now()`,
      [listingId],
    );
  }
}
