import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogEvents, Caller } from '@pk/contracts';
import { DomainError, ErrorCode, parseInput } from '@pk/core';
import { OutboxWriter } from '@pk/messaging';
import { AuditLogService } from '../audit/audit-log.service';
import { ListingEvents } from '../listings/listing-events';
import { DecisionInput, decisionInput, queueInput } from './artisan-input';
import { ARTISAN_DECISIONS, artisanStatusAfter } from './artisan-state';
import { ArtisanView } from './artisan-views';
import { publishedListingIds } from './artisan-writes';
import { Artisan } from './artisan.entity';
import { ArtisansService } from './artisans.service';

export interface ArtisanQueuePage {
  items: ArtisanView[];
  total: number;
  limit: number;
  offset: number;
}

/** The council's side: the queue of applications and the decisions on them (curators only). */
@Injectable()
export class ArtisanCurationService {
  constructor(
    private readonly db: DataSource,
    private readonly artisans: ArtisansService,
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxWriter,
    private readonly listingEvents: ListingEvents,
  ) {}

  /** Artisans in one status (pending by default), oldest first: the order they are handled in. */
  async queue(caller: Caller, data: unknown): Promise<ArtisanQueuePage> {
    const q = parseInput(queueInput, data ?? {});
    const [rows, total] = await this.db.getRepository(Artisan).findAndCount({
      where: { status: q.status },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: q.limit,
      skip: q.offset,
    });
    return { items: rows.map((a) => this.artisans.view(a, caller)), total, limit: q.limit, offset: q.offset };
  }

  /**
   * One decision, with its audit entry and its events in the same transaction: the artisan's
   * user gains or loses the artisan role, and their published listings leave or rejoin the
   * public copies (search, channels).
   */
  async decide(caller: Caller, data: unknown): Promise<ArtisanView> {
    const input = parseInput(decisionInput, data);
    const artisan = await this.db.transaction(async (tx) => {
      const artisan = await tx.getRepository(Artisan).findOne({ where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!artisan) throw new DomainError(ErrorCode.notFound, 'No such artisan.', { artisanId: input.id });
      const before = { status: artisan.status, statusReason: artisan.statusReason };
      const now = new Date();
      Object.assign(artisan, {
        status: artisanStatusAfter(artisan.status, input.decision),
        // The artisan reads why they were rejected or suspended; a verification clears it.
        statusReason: ARTISAN_DECISIONS[input.decision].reasonRequired ? input.reason : null,
        decidedBy: caller.userId,
        decidedAt: now,
        verifiedAt: artisan.verifiedAt ?? (input.decision === 'verify' ? now : null),
      });
      const saved = await tx.getRepository(Artisan).save(artisan);
      await this.audit.record(tx, caller, {
        action: `artisan.${input.decision}`,
        entityType: 'artisan',
        entityId: saved.id,
        before,
        after: { status: saved.status, statusReason: saved.statusReason },
        reason: input.reason,
      });
      await this.announce(tx, saved, input);
      return saved;
    });
    return this.artisans.view(artisan, caller);
  }

  private async announce(tx: EntityManager, artisan: Artisan, { decision, reason }: DecisionInput): Promise<void> {
    const who = { artisanId: artisan.id, userId: artisan.userId };
    if (decision === 'verify' || decision === 'reinstate') {
      await this.outbox.add(tx, CatalogEvents.artisanVerified, { ...who, shopSlug: artisan.shopSlug });
    }
    if (decision === 'reinstate') {
      // Their listings stayed published while hidden; the copies get them back as they are now.
      await this.listingEvents.announce(tx, await publishedListingIds(tx, artisan.id), { kind: 'published' });
    }
    if (decision === 'suspend') {
      await this.outbox.add(tx, CatalogEvents.artisanSuspended, { ...who, reason: reason ?? '' });
      await this.listingEvents.announce(tx, await publishedListingIds(tx, artisan.id), { kind: 'unpublished', reason: 'artisan_suspended' });
    }
  }
}
