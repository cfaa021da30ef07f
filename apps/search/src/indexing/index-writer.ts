import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ListingSnapshot, StockChangedEvent, applyStockChange, keepNewerStock } from '@pk/contracts';
import { SearchIndex } from '../index/search-index';
import { toDocument } from '../index/listing-document';
import { CatalogFeed } from './catalog-feed';
import { SWAP_LOCK, SearchMeta } from './search-meta';

/** A listing's state as the index should hold it: its document, or nothing when it is not public. */
export interface ListingState {
  id: string;
  version: number;
  snapshot: ListingSnapshot | null;
}

/**
 * Every write to the index goes through here, inside a transaction that holds the listing's row
 * in search.listing_state: events, reindex batches and repairs for one listing are applied one at
 * a time, in the order they took the lock, and Meilisearch applies tasks in the order they came.
 * So whoever writes last wrote the newest state.
 */
@Injectable()
export class IndexWriter {
  constructor(
    private readonly index: SearchIndex,
    private readonly catalog: CatalogFeed,
    private readonly meta: SearchMeta,
  ) {}

  /**
   * An event's state: applied only when newer than what the index took (events may come late);
   * each variant keeps the stock of the later stock version, the event's or the one held.
   */
  async applyIfNewer(tx: EntityManager, state: ListingState): Promise<boolean> {
    const held = await this.lock(tx, [state.id]);
    if ((held.get(state.id) ?? 0) >= state.version) return false;
    const snapshot = state.snapshot && keepNewerStock(state.snapshot, await this.snapshotOf(tx, state.id));
    await this.write(tx, [{ ...state, snapshot }]);
    return true;
  }

  /**
   * A stock change, from the event alone (the catalog is not asked): the document is rebuilt from
   * the snapshot last indexed with the variant's new stock, unless it already holds that variant at
   * this stock version or a later one. A listing the index does not show has no document to change.
   */
  async applyStock(tx: EntityManager, event: StockChangedEvent): Promise<boolean> {
    const held = (await this.lock(tx, [event.listingId])).get(event.listingId) ?? 0;
    const snapshot = applyStockChange(await this.snapshotOf(tx, event.listingId), event);
    if (!snapshot) return false;
    await this.write(tx, [{ id: event.listingId, version: Math.max(held, snapshot.version), snapshot }]);
    return true;
  }

  /** The snapshot last indexed for a listing whose row this transaction holds. */
  private async snapshotOf(tx: EntityManager, listingId: string): Promise<ListingSnapshot | null> {
    const [row]: Array<{ snapshot: ListingSnapshot | null }> = await tx.query(`SELECT snapshot FROM search.listing_state WHERE listing_id = $1`, [listingId]);
    return row?.snapshot ?? null;
  }

  /**
   * Reads the listings' current states from the catalog and writes them, whatever the index held:
   * read under the lock, they are at least as new as anything written before. A reindex names its
   * copy as the only target; then the versions recorded for the live index are left alone.
   */
  async refresh(tx: EntityManager, ids: string[], targets?: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    await this.lock(tx, ids);
    const { listings } = await this.catalog.states(ids);
    const found = new Map(listings.map((l) => [l.id, l]));
    // A listing the catalog no longer has is removed, at version 0.
    const states = ids.map((id) => found.get(id) ?? { id, version: 0, snapshot: null });
    await this.write(tx, states, targets);
    return states.length;
  }

  /** Locks the listings' rows (creating them), in id order so two writers never deadlock. */
  private async lock(tx: EntityManager, ids: string[]): Promise<Map<string, number>> {
    const sorted = [...new Set(ids)].sort();
    await tx.query(
      `INSERT INTO search.listing_state (listing_id) SELECT unnest($1::uuid[]) ORDER BY 1 ON CONFLICT DO NOTHING`,
      [sorted],
    );
    const rows: Array<{ listing_id: string; version: number }> = await tx.query(
      `SELECT listing_id, version FROM search.listing_state WHERE listing_id = ANY($1::uuid[]) ORDER BY listing_id FOR UPDATE`,
      [sorted],
    );
    return new Map(rows.map((r) => [r.listing_id, r.version]));
  }

  private async write(tx: EntityManager, states: ListingState[], targets?: string[]): Promise<void> {
    const uids = targets ?? (await this.targets(tx));
    const shown = states.filter((s) => s.snapshot);
    await this.index.upsert(uids, shown.map((s) => toDocument(s.snapshot as ListingSnapshot)));
    await this.index.remove(uids, states.filter((s) => !s.snapshot).map((s) => s.id));
    // The snapshot is kept for stock changes, whichever index took it: read under the lock, it is
    // the newest; the version stays the live index's.
    const snapshots = states.map((s) => (s.snapshot ? JSON.stringify(s.snapshot) : null));
    if (targets) {
      await tx.query(
        `UPDATE search.listing_state AS s SET snapshot = v.snapshot FROM unnest($1::uuid[], $2::jsonb[]) AS v(id, snapshot) WHERE s.listing_id = v.id`,
        [states.map((s) => s.id), snapshots],
      );
      return;
    }
    await tx.query(
      `UPDATE search.listing_state AS s SET version = v.version, public = v.public, snapshot = v.snapshot, indexed_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::boolean[], $4::jsonb[]) AS v(id, version, public, snapshot)
       WHERE s.listing_id = v.id`,
      [states.map((s) => s.id), states.map((s) => s.version), states.map((s) => s.snapshot !== null), snapshots],
    );
  }

  /** The live index, and the copy a reindex is building (it must not miss what happens meanwhile). */
  private async targets(tx: EntityManager): Promise<string[]> {
    await tx.query(`SELECT pg_advisory_xact_lock_shared($1)`, [SWAP_LOCK]);
    const building = await this.meta.get('building_index', tx);
    return building ? [this.index.liveUid, building] : [this.index.liveUid];
  }
}
