import { EntityManager } from 'typeorm';
import { ListingStatus } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { violatedUnique } from '@pk/database';

/** The ids of an artisan's published listings: what a decision or a profile edit re-announces. */
export async function publishedListingIds(tx: EntityManager, artisanId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM catalog.listings WHERE artisan_id = $1 AND status = $2`, [
    artisanId,
    ListingStatus.published,
  ]);
  return rows.map((r) => r.id);
}

/**
 * The unique keys of catalog.artisans, as the 409s a person can act on. They decide the race
 * between two writers (two tabs applying, two shops wanting one slug), so no check precedes them.
 */
export function asArtisanClash(error: unknown, slug?: string): unknown {
  const clash = violatedUnique(error)?.constraint;
  if (clash === 'artisans_shop_slug_key') {
    return new DomainError(ErrorCode.slugTaken, `Another shop already uses the address "${slug}"; choose another.`, {
      field: 'shopSlug',
      shopSlug: slug,
    });
  }
  if (clash === 'artisans_user_id_key') {
    return new DomainError(ErrorCode.alreadyApplied, 'You have already applied for a shop.');
  }
  return error;
}
