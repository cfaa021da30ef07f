import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, CampaignState, CampaignView } from '@pk/contracts';
import { DomainError, ErrorCode, FieldProblem, formatRupiah, newId, parseInput } from '@pk/core';
import { AuditLogService } from '../audit/audit-log.service';
import { PhotoIntake } from '../photos/photo-intake';
import { Campaign } from './campaign.entity';
import { addMembersInput, bannerInput, removeMemberInput, setPricesInput } from './campaign-input';
import { CampaignListings } from './campaign-listings';
import { CampaignViews } from './campaign-views';

// A variant is in a campaign through its listing or its shop.
const COVERED = `EXISTS (SELECT 1 FROM catalog.campaign_members m
                         WHERE m.campaign_id = $1 AND (m.listing_id = v.listing_id OR m.artisan_id = v.artisan_id))`;

/** Who takes part in a campaign, at what campaign price, under which banner. */
@Injectable()
export class CampaignMembersService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLogService,
    private readonly views: CampaignViews,
    private readonly listings: CampaignListings,
    private readonly intake: PhotoIntake,
  ) {}

  /** Adds verified shops and published listings; ones already in are left as they are. */
  async add(curator: Caller, data: unknown): Promise<CampaignView> {
    const input = parseInput(addMembersInput, data);
    return this.db.transaction(async (tx) => {
      const c = await this.open(tx, input.id);
      const artisans: Array<{ id: string; status: string }> = await tx.query(`SELECT id, status FROM catalog.artisans WHERE id = ANY($1::uuid[])`, [input.artisanIds]);
      const listings: Array<{ id: string; status: string; artisan_status: string }> = await tx.query(
        `SELECT l.id, l.status, a.status AS artisan_status FROM catalog.listings l JOIN catalog.artisans a ON a.id = l.artisan_id WHERE l.id = ANY($1::uuid[])`,
        [input.listingIds],
      );
      const artisanById = new Map(artisans.map((a) => [a.id, a]));
      const listingById = new Map(listings.map((l) => [l.id, l]));
      const problems: FieldProblem[] = [
        ...input.artisanIds.flatMap((id, i) => {
          const a = artisanById.get(id);
          const why = !a ? 'no such artisan' : a.status !== 'verified' ? `the shop is ${a.status}, not verified` : null;
          return why ? [{ field: `artisanIds.${i}`, messages: [why] }] : [];
        }),
        ...input.listingIds.flatMap((id, i) => {
          const l = listingById.get(id);
          const why = !l ? 'no such listing' : l.status !== 'published' ? `the listing is ${l.status}, not published` : l.artisan_status !== 'verified' ? `its shop is ${l.artisan_status}` : null;
          return why ? [{ field: `listingIds.${i}`, messages: [why] }] : [];
        }),
      ];
      if (problems.length) throw fieldErrors(problems);
      await tx.query(
        `INSERT INTO catalog.campaign_members (campaign_id, artisan_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [c.id, input.artisanIds],
      );
      await tx.query(
        `INSERT INTO catalog.campaign_members (campaign_id, listing_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [c.id, input.listingIds],
      );
      await this.touched(tx, c, { artisanIds: input.artisanIds, listingIds: input.listingIds });
      await this.audit.record(tx, curator, { action: 'campaign.add_members', entityType: 'campaign', entityId: c.id, after: { artisanIds: input.artisanIds, listingIds: input.listingIds } });
      return this.views.curator(c.id, tx);
    });
  }

  /** Takes a shop or a listing out; campaign prices of variants no longer in go with it. */
  async remove(curator: Caller, data: unknown): Promise<CampaignView> {
    const input = parseInput(removeMemberInput, data);
    return this.db.transaction(async (tx) => {
      const c = await this.open(tx, input.id);
      const [, removed]: [unknown, number] = await tx.query(
        `DELETE FROM catalog.campaign_members WHERE campaign_id = $1 AND (artisan_id = $2 OR listing_id = $3)`,
        [c.id, input.artisanId ?? null, input.listingId ?? null],
      );
      if (removed === 0) {
        throw new DomainError(ErrorCode.notFound, 'That shop or listing is not in this campaign.', { campaignId: c.id, artisanId: input.artisanId, listingId: input.listingId });
      }
      await tx.query(
        `DELETE FROM catalog.campaign_prices p USING catalog.variants v
         WHERE p.campaign_id = $1 AND v.id = p.variant_id AND NOT ${COVERED}`,
        [c.id],
      );
      const scope = input.artisanId ? { artisanIds: [input.artisanId] } : { listingIds: [input.listingId!] };
      await this.touched(tx, c, scope);
      await this.audit.record(tx, curator, { action: 'campaign.remove_member', entityType: 'campaign', entityId: c.id, before: scope });
      return this.views.curator(c.id, tx);
    });
  }

  /** Sets (or, with null, removes) variants' campaign prices: above 0 and below the regular price. */
  async setPrices(curator: Caller, data: unknown): Promise<CampaignView> {
    const input = parseInput(setPricesInput, data);
    return this.db.transaction(async (tx) => {
      const c = await this.open(tx, input.id);
      const ids = input.prices.map((p) => p.variantId);
      const variants: Array<{ id: string; listing_id: string; price: string; covered: boolean }> = await tx.query(
        `SELECT v.id, v.listing_id, v.price::text AS price, ${COVERED} AS covered FROM catalog.variants v WHERE v.id = ANY($2::uuid[])`,
        [c.id, ids],
      );
      const byId = new Map(variants.map((v) => [v.id, v]));
      const problems: FieldProblem[] = input.prices.flatMap((p, i) => {
        const v = byId.get(p.variantId);
        if (!v) return [{ field: `prices.${i}.variantId`, messages: ['no such variant'] }];
        if (!v.covered) return [{ field: `prices.${i}.variantId`, messages: ['its listing is not in this campaign; add the listing or its shop first'] }];
        if (p.price !== null && p.price >= BigInt(v.price)) {
          return [{ field: `prices.${i}.price`, messages: [`must be below the regular price, ${formatRupiah(BigInt(v.price))}`] }];
        }
        return [];
      });
      if (problems.length) throw fieldErrors(problems);
      const set = input.prices.filter((p) => p.price !== null);
      const cleared = input.prices.filter((p) => p.price === null).map((p) => p.variantId);
      await tx.query(
        `INSERT INTO catalog.campaign_prices (campaign_id, variant_id, price)
         SELECT $1, w.id, w.price FROM unnest($2::uuid[], $3::bigint[]) AS w(id, price)
         ON CONFLICT (campaign_id, variant_id) DO UPDATE SET price = EXCLUDED.price`,
        [c.id, set.map((p) => p.variantId), set.map((p) => p.price!.toString())],
      );
      await tx.query(`DELETE FROM catalog.campaign_prices WHERE campaign_id = $1 AND variant_id = ANY($2::uuid[])`, [c.id, cleared]);
      await this.touched(tx, c, { listingIds: [...new Set(variants.map((v) => v.listing_id))] });
      await this.audit.record(tx, curator, {
        action: 'campaign.set_prices',
        entityType: 'campaign',
        entityId: c.id,
        after: { prices: input.prices.map((p) => ({ variantId: p.variantId, price: p.price?.toString() ?? null })) },
      });
      return this.views.curator(c.id, tx);
    });
  }

  /** Replaces the banner with the upload at `incomingKey`, through the listing photos' pipeline. */
  async setBanner(curator: Caller, incomingKey: string, data: unknown): Promise<CampaignView> {
    const { id } = parseInput(bannerInput, data);
    await this.open(this.db.manager, id, false);
    const stored = await this.intake.render(incomingKey, `campaigns/${id}/${newId()}`);
    const previous = await this.intake.keepIf(stored, () =>
      this.db.transaction(async (tx) => {
        const c = await this.open(tx, id);
        await tx.query(`UPDATE catalog.campaigns SET banner = $2, updated_at = now() WHERE id = $1`, [id, stored.keys]);
        await this.audit.record(tx, curator, { action: 'campaign.set_banner', entityType: 'campaign', entityId: id, after: { banner: stored.keys } });
        return c.banner;
      }),
    );
    if (previous) await this.intake.discard(Object.values(previous));
    return this.views.curator(id);
  }

  /** The campaign, locked in a transaction; members, prices and banner change until it is over. */
  private async open(tx: EntityManager, id: string, lock = true): Promise<Campaign> {
    const c = await tx.getRepository(Campaign).findOne({ where: { id }, ...(lock && { lock: { mode: 'pessimistic_write' as const } }) });
    if (!c) throw new DomainError(ErrorCode.notFound, 'No such campaign.', { campaignId: id });
    if (c.state !== CampaignState.scheduled && c.state !== CampaignState.live) {
      throw new DomainError(ErrorCode.invalidTransition, `This campaign is ${c.state}; it can no longer change.`, { state: c.state });
    }
    return c;
  }

  /** A change to a live campaign's members or prices changes those listings' public face now. */
  private async touched(tx: EntityManager, c: Campaign, scope: { artisanIds?: string[]; listingIds?: string[] }): Promise<void> {
    await tx.query(`UPDATE catalog.campaigns SET updated_at = now() WHERE id = $1`, [c.id]);
    if (c.state === CampaignState.live) await this.listings.announce(tx, scope);
  }
}

function fieldErrors(problems: FieldProblem[]): DomainError {
  return new DomainError(ErrorCode.validationFailed, `Please correct: ${problems.map((p) => p.field).join(', ')}.`, problems as unknown as Array<Record<string, unknown>>);
}
