import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ListingStatus, ListingView, PublicListingView } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { ListingRow, ListingSnapshots } from './listing-snapshots';

// The views are the reply schemas' types (libs/contracts/src/replies/catalog.ts).
export type { ListingView, PublicListingView } from '@pk/contracts';

@Injectable()
export class ListingViews {
  constructor(private readonly snapshots: ListingSnapshots) {}

  async owner(id: string, tx?: EntityManager): Promise<ListingView> {
    const row = await this.snapshots.one(id, tx);
    if (!row) throw new DomainError(ErrorCode.notFound, 'No such listing.', { listingId: id });
    return ownerView(row);
  }
}

export function ownerView(row: ListingRow): ListingView {
  return { ...publicView(row), status: row.status as ListingStatus, rejectionReason: row.rejectionReason };
}

export function publicView(row: ListingRow): PublicListingView {
  return { ...row.snapshot, story: row.story };
}

/** Buyers and anonymous readers see a listing only while it is published by a verified shop. */
export function isPublic(row: ListingRow): boolean {
  return row.status === 'published' && row.artisanStatus === 'verified';
}
