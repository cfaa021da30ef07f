import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogEvents, ListingUnpublishedEvent } from '@pk/contracts';
import { OutboxWriter } from '@pk/messaging';
import { ListingSnapshots } from './listing-snapshots';

export type ListingChange =
  | { kind: 'published' }
  | { kind: 'updated' }
  | { kind: 'unpublished'; reason: ListingUnpublishedEvent['reason'] };

/**
 * Tells the other apps (search, channels) what changed about public listings, in the caller's
 * transaction. Each announcement bumps the listing's version, so a copy that receives events out
 * of order keeps the newest.
 */
@Injectable()
export class ListingEvents {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly snapshots: ListingSnapshots,
  ) {}

  async announce(tx: EntityManager, listingIds: string[], change: ListingChange): Promise<void> {
    if (listingIds.length === 0) return;
    const [bumped]: [Array<{ id: string; version: number; artisan_id: string }>, number] = await tx.query(
      `UPDATE catalog.listings SET version = version + 1 WHERE id = ANY($1::uuid[]) RETURNING id, version, artisan_id`,
      [listingIds],
    );
    if (change.kind === 'unpublished') {
      for (const l of bumped) {
        await this.outbox.add(tx, CatalogEvents.listingUnpublished, {
          listingId: l.id,
          artisanId: l.artisan_id,
          version: l.version,
          reason: change.reason,
        });
      }
      return;
    }
    const rows = await this.snapshots.load(listingIds, tx);
    const name = change.kind === 'published' ? CatalogEvents.listingPublished : CatalogEvents.listingUpdated;
    for (const { snapshot } of rows.values()) {
      await this.outbox.add(tx, name, { listingId: snapshot.id, artisanId: snapshot.artisan.id, version: snapshot.version, snapshot });
    }
  }
}
