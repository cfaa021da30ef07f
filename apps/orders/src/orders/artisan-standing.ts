import { Injectable } from '@nestjs/common';
import { ArtisanStanding, ArtisanStatus, Caller, CatalogPatterns, Services } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { ServiceClients } from '@pk/messaging';

/**
 * An artisan packs, ships and reads buyers' addresses only while the council has their shop
 * verified. The catalog owns the shop's status; it is asked on each call (never a copy here), so
 * a suspension holds from the next request on, whatever roles the caller's token still names.
 */
@Injectable()
export class ArtisanStandingCheck {
  constructor(private readonly clients: ServiceClients) {}

  /** Throws artisan_not_verified (403) when the caller's shop is suspended, pending or rejected. */
  async assertMayFulfil(caller: Caller): Promise<void> {
    const { status } = await this.clients.send<ArtisanStanding>(Services.catalog, CatalogPatterns.artisanStanding, {}, caller);
    // No shop at all: no shipments are theirs either, and each query already answers "not found".
    if (status === null || status === ArtisanStatus.verified) return;
    throw new DomainError(
      ErrorCode.artisanNotVerified,
      `Your shop is ${status}; its shipments and the buyers' addresses are closed until the council verifies or reinstates it.`,
      { status },
    );
  }
}
