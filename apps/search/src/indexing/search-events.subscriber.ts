import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CatalogEvents,
  EventEnvelope,
  ListingPublishedEvent,
  ListingUnpublishedEvent,
  ListingUpdatedEvent,
  StockChangedEvent,
} from '@pk/contracts';
import { EventSubscriber } from '@pk/messaging';
import { IndexWriter } from './index-writer';

/**
 * Catalog events into the index. Published and updated events carry the listing's snapshot and
 * version; a stock change carries the variant's stock, applied to the snapshot last indexed. A
 * failure (Meilisearch down) rolls the inbox row back and BullMQ retries the event with backoff.
 */
@Injectable()
export class SearchEventsSubscriber implements EventSubscriber {
  constructor(private readonly writer: IndexWriter) {}

  async handle(event: EventEnvelope, tx: EntityManager): Promise<void> {
    switch (event.name) {
      case CatalogEvents.listingPublished:
      case CatalogEvents.listingUpdated: {
        const p = event.payload as ListingPublishedEvent | ListingUpdatedEvent;
        await this.writer.applyIfNewer(tx, { id: p.listingId, version: p.version, snapshot: p.snapshot });
        return;
      }
      case CatalogEvents.listingUnpublished: {
        const p = event.payload as ListingUnpublishedEvent;
        await this.writer.applyIfNewer(tx, { id: p.listingId, version: p.version, snapshot: null });
        return;
      }
      case CatalogEvents.stockChanged: {
        await this.writer.applyStock(tx, event.payload as StockChangedEvent);
        return;
      }
      default:
        // Not one of ours (a subscription added before this handler learnt it): nothing to index.
        return;
    }
  }
}
