import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, ListingQueueItem as QueueItem } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput } from '@pk/core';
import { ArtisanAccess } from '../artisans/artisan-access';
import { Artisan } from '../artisans/artisan.entity';
import { AuditLogService } from '../audit/audit-log.service';
import { SettingsService } from '../settings/settings.service';
import { ListingEvents } from './listing-events';
import { ListingAction, nextStatus } from './listing-state';
import { ListingView, ListingViews } from './listing-views';
import { ListingPhoto } from './listing-photo.entity';
import { Listing } from './listing.entity';
import { byId } from '@pk/contracts/requests/common';
import { listingDecisionInput as decision, listingQueueQuery as queueQuery } from '@pk/contracts/requests/listings';

/** A listing's way from draft to sale and back: the owner's moves and the curators' decisions. */
@Injectable()
export class ListingLifecycleService {
  constructor(
    private readonly db: DataSource,
    private readonly access: ArtisanAccess,
    private readonly audit: AuditLogService,
    private readonly settings: SettingsService,
    private readonly events: ListingEvents,
    private readonly views: ListingViews,
  ) {}

  /** To the curators' queue, or straight on sale when the council lets verified artisans publish. */
  async submit(caller: Caller, data: unknown): Promise<ListingView> {
    const { id } = parseInput(byId, data);
    return this.db.transaction(async (tx) => {
      const { listing } = await this.access.ownListing(caller, id, tx);
      nextStatus(listing.status, 'submit');
      const photos = await tx.getRepository(ListingPhoto).countBy({ listingId: id });
      if (photos === 0) throw new DomainError(ErrorCode.conflict, 'Add at least one photo before submitting the listing.', { listingId: id });
      const { autoPublishVerified } = await this.settings.get(tx);
      if (autoPublishVerified) {
        await this.move(tx, listing, 'submit');
        await this.move(tx, listing, 'approve');
      } else {
        await this.move(tx, listing, 'submit');
      }
      return this.views.owner(id, tx);
    });
  }

  async archive(caller: Caller, data: unknown): Promise<ListingView> {
    return this.ownerMove(caller, data, 'archive');
  }

  async restore(caller: Caller, data: unknown): Promise<ListingView> {
    return this.ownerMove(caller, data, 'restore');
  }

  /** Submitted listings, oldest first: the curators' moderation queue. */
  async queue(data: unknown): Promise<{ items: QueueItem[]; total: number }> {
    const q = parseInput(queueQuery, data ?? {});
    const rows: Array<QueueItem & { total: string }> = await this.db.query(
      `SELECT l.id, l.title_id AS title, a.shop_name AS "shopName", a.shop_slug AS "shopSlug", c.slug AS category,
              l.submitted_at AS "submittedAt", count(*) OVER () AS total
       FROM catalog.listings l
       JOIN catalog.artisans a ON a.id = l.artisan_id
       JOIN catalog.categories c ON c.id = l.category_id
       WHERE l.status = 'submitted'
       ORDER BY l.submitted_at, l.id
       LIMIT $1 OFFSET $2`,
      [q.limit, q.offset],
    );
    return {
      items: rows.map(({ total: _t, ...item }) => ({ ...item, submittedAt: new Date(item.submittedAt).toISOString() })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
    };
  }

  /** A curator approves, rejects (with the reason) or takes a listing off sale; all audited. */
  async decide(curator: Caller, data: unknown): Promise<ListingView> {
    const d = parseInput(decision, data);
    return this.db.transaction(async (tx) => {
      const listing = await tx.getRepository(Listing).findOne({ where: { id: d.id }, lock: { mode: 'pessimistic_write' } });
      if (!listing) throw new DomainError(ErrorCode.notFound, 'No such listing.', { listingId: d.id });
      const before = { status: listing.status, rejectionReason: listing.rejectionReason };
      if (d.decision === 'approve') {
        const artisan = await tx.getRepository(Artisan).findOneByOrFail({ id: listing.artisanId });
        if (artisan.status !== 'verified') {
          throw new DomainError(ErrorCode.artisanNotVerified, `The shop is ${artisan.status}; its listings cannot go on sale.`, { status: artisan.status });
        }
      }
      await this.move(tx, listing, d.decision, d.reason);
      await this.audit.record(tx, curator, {
        action: `listing.${d.decision}`,
        entityType: 'listing',
        entityId: listing.id,
        before,
        after: { status: listing.status, rejectionReason: listing.rejectionReason },
        reason: d.reason ?? null,
      });
      return this.views.owner(listing.id, tx);
    });
  }

  private async ownerMove(caller: Caller, data: unknown, action: 'archive' | 'restore'): Promise<ListingView> {
    const { id } = parseInput(byId, data);
    return this.db.transaction(async (tx) => {
      const { listing } = await this.access.ownListing(caller, id, tx);
      await this.move(tx, listing, action);
      return this.views.owner(id, tx);
    });
  }

  /** Applies one transition, stamps it, and tells other apps when the listing enters or leaves sale. */
  private async move(tx: EntityManager, listing: Listing, action: ListingAction, reason?: string): Promise<void> {
    const wasPublished = listing.status === 'published';
    listing.status = nextStatus(listing.status, action);
    const now = new Date();
    if (action === 'submit') Object.assign(listing, { submittedAt: now, rejectionReason: null });
    if (action === 'approve') listing.publishedAt = now;
    if (action === 'reject' || action === 'unpublish') listing.rejectionReason = reason ?? null;
    if (action === 'archive') listing.archivedAt = now;
    if (action === 'restore') listing.archivedAt = null;
    listing.updatedAt = now;
    await tx.getRepository(Listing).save(listing);
    if (listing.status === 'published') await this.events.announce(tx, [listing.id], { kind: 'published' });
    else if (wasPublished) {
      await this.events.announce(tx, [listing.id], { kind: 'unpublished', reason: action === 'archive' ? 'archived' : 'moderation' });
    }
  }
}
