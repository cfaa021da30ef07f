import { Injectable } from '@nestjs/common';
import { CatalogPatterns, ListingDigestPage, ListingStatesReply, Services } from '@pk/contracts';
import { ServiceClients } from '@pk/messaging';

/** The catalog, as the index reads it: listings' current states, and the digest of public ones. */
@Injectable()
export class CatalogFeed {
  constructor(private readonly clients: ServiceClients) {}

  states(ids: string[]): Promise<ListingStatesReply> {
    return this.clients.sendAsService(Services.catalog, CatalogPatterns.listingSnapshots, { ids }, { timeoutMs: 30_000 });
  }

  digest(after: string | null, limit: number): Promise<ListingDigestPage> {
    return this.clients.sendAsService(Services.catalog, CatalogPatterns.listingIndexDigest, { after, limit }, { timeoutMs: 30_000 });
  }

  categoryTree<T>(): Promise<T> {
    return this.clients.sendAsService(Services.catalog, CatalogPatterns.categoryTree, {});
  }
}
