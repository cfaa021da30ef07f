import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ArtisanStanding, ArtisanStatus, Caller } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { Listing } from '../listings/listing.entity';
import { Artisan } from './artisan.entity';

/**
 * Who may write what in the catalog: an artisan writes only their own shop, and only while the
 * council has them verified. Checked against the artisans table, not the token's roles, so a
 * verification or suspension takes effect at once.
 */
@Injectable()
export class ArtisanAccess {
  constructor(private readonly db: DataSource) {}

  /** The caller's own artisan record, whatever its status. */
  async own(caller: Caller, tx: EntityManager = this.db.manager): Promise<Artisan> {
    const artisan = await tx.getRepository(Artisan).findOneBy({ userId: caller.userId });
    if (!artisan) throw new DomainError(ErrorCode.forbidden, 'You have no artisan shop: apply to become an artisan first.');
    return artisan;
  }

  /** The caller's shop and its status, as it is now: other apps gate an artisan's work on it. */
  async standing(caller: Caller): Promise<ArtisanStanding> {
    const artisan = await this.db.getRepository(Artisan).findOneBy({ userId: caller.userId });
    return { artisanId: artisan?.id ?? null, status: artisan?.status ?? null };
  }

  /** The caller's artisan record, which must be verified to sell. */
  async ownVerified(caller: Caller, tx: EntityManager = this.db.manager): Promise<Artisan> {
    const artisan = await this.own(caller, tx);
    if (artisan.status !== ArtisanStatus.verified) {
      throw new DomainError(ErrorCode.artisanNotVerified, `Your shop is ${artisan.status}; only verified artisans can change listings.`, {
        status: artisan.status,
      });
    }
    return artisan;
  }

  /**
   * A listing of the caller's own verified shop, locked for update when inside a transaction.
   * Another shop's listing is a 403, a missing one a 404.
   */
  async ownListing(caller: Caller, listingId: string, tx: EntityManager): Promise<{ artisan: Artisan; listing: Listing }> {
    const artisan = await this.ownVerified(caller, tx);
    const lock = tx.queryRunner?.isTransactionActive ? { mode: 'pessimistic_write' as const } : undefined;
    const listing = await tx.getRepository(Listing).findOne({ where: { id: listingId }, lock });
    if (!listing) throw new DomainError(ErrorCode.notFound, 'No such listing.', { listingId });
    if (listing.artisanId !== artisan.id) throw new DomainError(ErrorCode.forbidden, 'This listing belongs to another shop.', { listingId });
    return { artisan, listing };
  }
}
