import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ListingEvents } from '../listings/listing-events';

/** Listings are announced this many at a time: one version bump and one snapshot read per batch. */
export const ANNOUNCE_BATCH = 200;

const PUBLIC = `l.status = 'published' AND a.status = 'verified'`;

/** Which members' public listings a change touches: the whole campaign, or some of its members. */
export type MemberScope = { campaignId: string } | { artisanIds?: string[]; listingIds?: string[] };

/**
 * Tells search and channels about the public listings whose price or campaigns change with a
 * campaign, in the caller's transaction and in batches by id, so a campaign of thousands of
 * listings is never loaded whole.
 */
@Injectable()
export class CampaignListings {
  constructor(private readonly events: ListingEvents) {}

  /** Announces every public listing in `scope`; returns how many. */
  async announce(tx: EntityManager, scope: MemberScope): Promise<number> {
    let after: string | null = null;
    let count = 0;
    for (;;) {
      const ids = await this.page(tx, scope, after);
      await this.events.announce(tx, ids, { kind: 'updated' });
      count += ids.length;
      if (ids.length < ANNOUNCE_BATCH) return count;
      after = ids[ids.length - 1];
    }
  }

  private async page(tx: EntityManager, scope: MemberScope, after: string | null): Promise<string[]> {
    const [where, params] =
      'campaignId' in scope
        ? [
            `(l.id IN (SELECT listing_id FROM catalog.campaign_members WHERE campaign_id = $3 AND listing_id IS NOT NULL)
              OR l.artisan_id IN (SELECT artisan_id FROM catalog.campaign_members WHERE campaign_id = $3 AND artisan_id IS NOT NULL))`,
            [scope.campaignId],
          ]
        : [`(l.id = ANY($3::uuid[]) OR l.artisan_id = ANY($4::uuid[]))`, [scope.listingIds ?? [], scope.artisanIds ?? []]];
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT l.id FROM catalog.listings l JOIN catalog.artisans a ON a.id = l.artisan_id
       WHERE ${PUBLIC} AND ($1::uuid IS NULL OR l.id > $1) AND ${where}
       ORDER BY l.id LIMIT $2`,
      [after, ANNOUNCE_BATCH, ...params],
    );
    return rows.map((r) => r.id);
  }
}
