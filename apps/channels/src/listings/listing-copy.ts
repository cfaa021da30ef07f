import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ListingSnapshot, StockChangedEvent, applyStockChange, keepNewerStock } from '@pk/contracts';

/**
 * The channels app's own copy of public listings, from catalog events: the export reads only
 * this. A row's snapshot is null while the listing is not public. Writes for one listing hold its
 * row, and an event older than the copy's version changes nothing; each variant keeps the stock
 * of the later stock version, the event's or the one held (a stock change may have come first).
 */
@Injectable()
export class ListingCopy {
  async applyIfNewer(tx: EntityManager, listingId: string, artisanId: string, version: number, incoming: ListingSnapshot | null): Promise<boolean> {
    const [held]: Array<{ snapshot: ListingSnapshot | null }> = await tx.query(
      `SELECT snapshot FROM channels.listings WHERE listing_id = $1 FOR UPDATE`,
      [listingId],
    );
    const snapshot = incoming && keepNewerStock(incoming, held?.snapshot ?? null);
    const rows: unknown[] = await tx.query(
      `INSERT INTO channels.listings (listing_id, artisan_id, version, snapshot) VALUES ($1, $2, $3, $4)
       ON CONFLICT (listing_id) DO UPDATE SET version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, updated_at = now()
         WHERE channels.listings.version < EXCLUDED.version
       RETURNING listing_id`,
      [listingId, artisanId, version, snapshot ? JSON.stringify(snapshot) : null],
    );
    return rows.length > 0;
  }

  /**
   * A stock change, from the event alone (the catalog is not asked): the variant's stock in the
   * copy we hold, under its row lock, unless this variant already took a later change. A listing
   * we hold no public copy of has nothing to export; its publication brings its stock.
   */
  async applyStock(tx: EntityManager, event: StockChangedEvent): Promise<boolean> {
    const [row]: Array<{ snapshot: ListingSnapshot | null }> = await tx.query(
      `SELECT snapshot FROM channels.listings WHERE listing_id = $1 FOR UPDATE`,
      [event.listingId],
    );
    const snapshot = applyStockChange(row?.snapshot ?? null, event);
    if (!snapshot) return false;
    await tx.query(`UPDATE channels.listings SET snapshot = $2, updated_at = now() WHERE listing_id = $1`, [event.listingId, JSON.stringify(snapshot)]);
    await tx.query(
      `INSERT INTO channels.stock_dirty (listing_id) VALUES ($1) ON CONFLICT (listing_id) DO UPDATE SET changed_at = now()`,
      [event.listingId],
    );
    return true;
  }
}
