import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CampaignChangedEvent,
  CampaignEvents,
  CatalogEvents,
  EventEnvelope,
  ListingPublishedEvent,
  ListingUnpublishedEvent,
  ListingUpdatedEvent,
  StockChangedEvent,
} from '@pk/contracts';
import { EventSubscriber } from '@pk/messaging';
import { ExportQueue } from '../export/export-queue';
import { ListingCopy } from './listing-copy';

/**
 * Catalog events into the copy the export reads; a stock change also schedules a quick push, and a
 * campaign's start or end an export of every active account.
 */
@Injectable()
export class ChannelsEventsSubscriber implements EventSubscriber {
  constructor(
    private readonly copy: ListingCopy,
    private readonly queue: ExportQueue,
  ) {}

  async handle(event: EventEnvelope, tx: EntityManager): Promise<void> {
    switch (event.name) {
      case CatalogEvents.listingPublished:
      case CatalogEvents.listingUpdated: {
        const p = event.payload as ListingPublishedEvent | ListingUpdatedEvent;
        await this.copy.applyIfNewer(tx, p.listingId, p.artisanId, p.version, p.snapshot);
        return;
      }
      case CatalogEvents.listingUnpublished: {
        const p = event.payload as ListingUnpublishedEvent;
        await this.copy.applyIfNewer(tx, p.listingId, p.artisanId, p.version, null);
        return;
      }
      case CatalogEvents.stockChanged: {
        if (await this.copy.applyStock(tx, event.payload as StockChangedEvent)) await this.queue.stockPushSoon();
        return;
      }
      case CampaignEvents.started:
      case CampaignEvents.ended:
      case CampaignEvents.cancelled: {
        const p = event.payload as CampaignChangedEvent;
        if (p.listingCount > 0) await this.queue.campaignExportSoon(p.campaignId, event.name);
        return;
      }
      default:
        return;
    }
  }
}
