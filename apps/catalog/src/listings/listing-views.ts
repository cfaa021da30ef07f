import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ListingSnapshot, ListingStatus } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { ListingRow, ListingSnapshots } from './listing-snapshots';

/** What anyone sees of a published listing of a verified shop. */
export interface PublicListingView extends ListingSnapshot {
  story: string;
}

/** What the owner and curators see: the listing as buyers would, plus its workflow state. */
export interface ListingView extends PublicListingView {
  status: ListingStatus;
  rejectionReason: string | null;
}

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
