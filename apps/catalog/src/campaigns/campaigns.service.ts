import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, CampaignState, CampaignView } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { violatedUnique } from '@pk/database';
import { AuditLogService } from '../audit/audit-log.service';
import { Campaign } from './campaign.entity';
import { CampaignPatch, byId, createCampaignInput, updateCampaignInput } from './campaign-input';
import { CampaignListings } from './campaign-listings';
import { CampaignSchedule } from './campaign-schedule';
import { CampaignTransitions } from './campaign-transitions';
import { CampaignViews } from './campaign-views';

/** What a live campaign may still change: its words and its end (to extend or shorten it). */
const LIVE_EDITABLE = new Set<keyof CampaignPatch>(['title', 'description', 'endsAt']);

/** Curators' campaigns: create, change while scheduled (a little once live), cancel. All audited. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLogService,
    private readonly views: CampaignViews,
    private readonly listings: CampaignListings,
    private readonly schedule: CampaignSchedule,
    private readonly transitions: CampaignTransitions,
  ) {}

  async create(curator: Caller, data: unknown): Promise<CampaignView> {
    const input = parseInput(createCampaignInput, data);
    if (input.endsAt.getTime() <= Date.now()) throw invalid('endsAt', 'must be in the future');
    const campaign = await this.saving(input.slug, () =>
      this.db.transaction(async (tx) => {
        const c = tx.getRepository(Campaign).create({
          id: newId(),
          slug: input.slug,
          kind: input.kind,
          titleId: input.title.id,
          titleEn: input.title.en,
          descriptionId: input.description.id,
          descriptionEn: input.description.en,
          banner: null,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          state: CampaignState.scheduled,
          discountPercent: input.discountPercent,
          createdBy: curator.userId,
        });
        await tx.getRepository(Campaign).insert(c);
        await this.audit.record(tx, curator, { action: 'campaign.create', entityType: 'campaign', entityId: c.id, after: auditable(c) });
        return c;
      }),
    );
    await this.schedule.plan(campaign);
    return this.views.curator(campaign.id);
  }

  /** Any field while scheduled; once live only the words and the end; nothing after. */
  async update(curator: Caller, data: unknown): Promise<CampaignView> {
    const { id, patch } = parseInput(updateCampaignInput, data);
    const campaign = await this.saving(patch.slug, () =>
      this.db.transaction(async (tx) => {
        const c = await this.locked(tx, id);
        const before = auditable(c);
        if (c.state === CampaignState.live) {
          const fixed = (Object.keys(patch) as Array<keyof CampaignPatch>).filter((k) => !LIVE_EDITABLE.has(k));
          if (fixed.length) {
            throw new DomainError(ErrorCode.invalidTransition, `A live campaign can change only its title, description and end; not ${fixed.join(', ')}.`, {
              state: c.state,
              fields: fixed,
            });
          }
        } else if (c.state !== CampaignState.scheduled) {
          throw new DomainError(ErrorCode.invalidTransition, `This campaign is ${c.state}; it can no longer change.`, { state: c.state });
        }
        Object.assign(c, {
          ...(patch.slug !== undefined && { slug: patch.slug }),
          ...(patch.kind !== undefined && { kind: patch.kind }),
          ...(patch.title && { titleId: patch.title.id, titleEn: patch.title.en }),
          ...(patch.description && { descriptionId: patch.description.id, descriptionEn: patch.description.en }),
          ...(patch.startsAt && { startsAt: patch.startsAt }),
          ...(patch.endsAt && { endsAt: patch.endsAt }),
          ...(patch.discountPercent !== undefined && { discountPercent: patch.discountPercent }),
        });
        if (c.endsAt <= c.startsAt) throw invalid('endsAt', 'must be after startsAt');
        if (patch.endsAt && c.endsAt.getTime() <= Date.now()) throw invalid('endsAt', 'must be in the future');
        await tx.getRepository(Campaign).save(c);
        // A live campaign's title and end travel in its listings' snapshots.
        if (c.state === CampaignState.live) await this.listings.announce(tx, { campaignId: c.id });
        await this.audit.record(tx, curator, { action: 'campaign.update', entityType: 'campaign', entityId: c.id, before, after: auditable(c) });
        return c;
      }),
    );
    await this.schedule.plan(campaign);
    return this.views.curator(campaign.id);
  }

  /** Cancels a scheduled or live campaign; a live one's prices end at once. */
  async cancel(curator: Caller, data: unknown): Promise<CampaignView> {
    const { id } = parseInput(byId, data);
    await this.db.transaction(async (tx) => {
      const c = await this.locked(tx, id);
      if (c.state !== CampaignState.scheduled && c.state !== CampaignState.live) {
        throw new DomainError(ErrorCode.invalidTransition, `This campaign is ${c.state} already.`, { state: c.state });
      }
      const before = auditable(c);
      await this.transitions.close(tx, c, CampaignState.cancelled, c.state === CampaignState.live);
      await this.audit.record(tx, curator, { action: 'campaign.cancel', entityType: 'campaign', entityId: c.id, before, after: auditable(c) });
    });
    await this.schedule.drop(id);
    return this.views.curator(id);
  }

  async get(data: unknown): Promise<CampaignView> {
    return this.views.curator(parseInput(byId, data).id);
  }

  private async locked(tx: EntityManager, id: string): Promise<Campaign> {
    const c = await tx.getRepository(Campaign).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!c) throw new DomainError(ErrorCode.notFound, 'No such campaign.', { campaignId: id });
    return c;
  }

  /** A slug another campaign has is a 409 naming it, whoever won the race. */
  private async saving<T>(slug: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (slug && violatedUnique(error)) {
        throw new DomainError(ErrorCode.slugTaken, `Another campaign already uses the address "${slug}"; choose another.`, { field: 'slug', slug });
      }
      throw error;
    }
  }
}

export function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.validationFailed, `Please correct: ${field}.`, [{ field, messages: [message] }]);
}

function auditable(c: Campaign): Record<string, unknown> {
  return {
    slug: c.slug,
    kind: c.kind,
    state: c.state,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    discountPercent: c.discountPercent,
  };
}
