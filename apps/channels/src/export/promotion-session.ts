import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ListingSnapshot } from '@pk/contracts';
import type { ChannelProductRef, ChannelPromotions, PromotionActivity } from '../adapters/channel-adapter';
import { ChannelError, ChannelErrorKind } from '../adapters/channel-errors';
import { activityPrices, livePromotion, witaTime, type ListingPromotion, type PromotionNote } from '../adapters/listing-content';

// Failures every other call would meet too: they end the run rather than mark one listing.
const SYSTEMIC = new Set<string>([ChannelErrorKind.badSignature, ChannelErrorKind.badTimestamp, ChannelErrorKind.badAppKey, ChannelErrorKind.invalidToken]);
const REFUSED_PREFIX = 'promotion not exported: ';

interface PromotionRow {
  campaign_slug: string;
  activity_id: string;
  title: string;
  ends_at: Date;
}

interface ProductRow {
  activity_id: string;
  prices: Record<string, string>;
  status: 'added' | 'refused' | 'removed';
  reason: string | null;
}

const samePrices = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([sku, price]) => b[sku] === price);

const isRefusal = (e: unknown): e is ChannelError => e instanceof ChannelError && !e.retryable && !SYSTEMIC.has(e.kind);

/**
 * One run's export of campaign prices as promotion activities (TikTok Shop) for one account:
 * an activity per campaign, opened once even when listings of it are exported in parallel, each
 * listing's SKU prices added to it, and what was sent kept in `channels.promotion_products`, so
 * a re-run sends nothing new and a resumed run carries on where the last one stopped.
 */
export class PromotionSession {
  private readonly logger = new Logger(PromotionSession.name);
  private readonly opening = new Map<string, Promise<PromotionActivity>>();

  constructor(
    private readonly db: DataSource,
    private readonly accountId: string,
    private readonly promotions: ChannelPromotions,
  ) {}

  /**
   * Before the listings: ends what no longer holds. Activities past their end are marked ended (the
   * channel ends them itself); a campaign no listing carries any more (cancelled or ended early) has
   * its activity deactivated; a listing that left its campaign's price has its product removed.
   */
  async sweep(now = Date.now()): Promise<void> {
    const open: PromotionRow[] = await this.db.query(`SELECT * FROM channels.promotions WHERE account_id = $1 AND status = 'open'`, [this.accountId]);
    for (const activity of open) {
      try {
        await this.sweepOne(activity, now);
      } catch (e) {
        if (!isRefusal(e)) throw e;
        this.logger.warn(`promotion activity ${activity.activity_id} of account ${this.accountId}: ${e.reason}`);
      }
    }
  }

  /**
   * The listing's live campaign price on the channel, sent only when it is not there already. A
   * refusal is shown on the listing's channel status and tried again next run: its cause (another
   * activity holding the SKU, a price changed in Seller Center) may be gone by then.
   */
  async export(listingId: string, snapshot: ListingSnapshot, product: ChannelProductRef): Promise<PromotionNote | null> {
    const promotion = livePromotion(snapshot);
    if (!promotion) return null;
    const onProduct = new Set(product.skus.map((s) => s.sellerSku));
    const prices = Object.fromEntries(Object.entries(promotion.prices).filter(([sku]) => onProduct.has(sku)));
    if (!Object.keys(prices).length) return null;
    const [row]: ProductRow[] = await this.db.query(`SELECT * FROM channels.promotion_products WHERE account_id = $1 AND listing_id = $2`, [this.accountId, listingId]);
    let activity: PromotionActivity;
    try {
      activity = await this.activity(promotion);
    } catch (e) {
      if (!isRefusal(e)) throw e;
      return this.refused(listingId, promotion, '', prices, e.reason);
    }
    if (row?.status === 'added' && row.activity_id === activity.activityId && samePrices(row.prices, prices)) return this.exportedNote(activity, prices, promotion);
    try {
      await this.promotions.setProductPrices(activity.activityId, product, prices);
    } catch (e) {
      if (!isRefusal(e)) throw e;
      if (e.details.activityGone) await this.setActivityStatus(promotion.campaign.slug, 'deactivated');
      return this.refused(listingId, promotion, activity.activityId, prices, e.reason);
    }
    await this.saveProduct(listingId, promotion, activity.activityId, prices, 'added', null);
    await this.db.query(
      `UPDATE channels.listing_states SET reason = NULL, updated_at = now() WHERE account_id = $1 AND listing_id = $2 AND reason LIKE $3`,
      [this.accountId, listingId, `${REFUSED_PREFIX}%`],
    );
    return this.exportedNote(activity, prices, promotion);
  }

  private exportedNote(activity: PromotionActivity, prices: Record<string, string>, promotion: ListingPromotion): PromotionNote {
    return { exported: true, note: `promotion exported: ${activityPrices(prices)} in activity ${activity.activityId} "${activity.title}" until ${witaTime(promotion.endsAt)} WITA.` };
  }

  private async refused(listingId: string, promotion: ListingPromotion, activityId: string, prices: Record<string, string>, reason: string): Promise<PromotionNote> {
    await this.saveProduct(listingId, promotion, activityId, prices, 'refused', reason);
    // On the listing's channel status, without touching its product state.
    await this.db.query(`UPDATE channels.listing_states SET reason = $3, updated_at = now() WHERE account_id = $1 AND listing_id = $2`, [
      this.accountId, listingId, REFUSED_PREFIX + reason,
    ]);
    return { exported: false, note: REFUSED_PREFIX + reason };
  }

  /** The campaign's open activity, opened once per run however many listings ask at once. */
  private activity(promotion: ListingPromotion): Promise<PromotionActivity> {
    const key = promotion.campaign.slug;
    let pending = this.opening.get(key);
    if (!pending) {
      pending = this.open(promotion);
      // A refusal stays for the run: the campaign's other listings are not sent again to meet it.
      pending.catch(() => undefined);
      this.opening.set(key, pending);
    }
    return pending;
  }

  private async open(promotion: ListingPromotion): Promise<PromotionActivity> {
    const slug = promotion.campaign.slug;
    const [row]: Array<PromotionRow & { status: string }> = await this.db.query(
      `SELECT * FROM channels.promotions WHERE account_id = $1 AND campaign_slug = $2`, [this.accountId, slug],
    );
    if (row?.status === 'open' && row.ends_at.toISOString() === promotion.endsAt) return { activityId: row.activity_id, title: row.title };
    // The campaign's end moved: TikTok cannot lengthen a running activity, so it is replaced.
    if (row?.status === 'open') await this.closeActivity(row.activity_id, slug);
    const beginsAt = new Date().toISOString();
    const tag = `#${createHash('sha256').update(`${this.accountId}:${slug}:${promotion.endsAt}`).digest('hex').slice(0, 6)}`;
    const activity = await this.promotions.openActivity({ name: promotion.campaign.title.id, tag, beginsAt, endsAt: promotion.endsAt });
    await this.db.query(
      `INSERT INTO channels.promotions (account_id, campaign_slug, activity_id, title, begins_at, ends_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'open')
       ON CONFLICT (account_id, campaign_slug) DO UPDATE SET activity_id = $3, title = $4, begins_at = $5, ends_at = $6, status = 'open', updated_at = now()`,
      [this.accountId, slug, activity.activityId, activity.title, beginsAt, promotion.endsAt],
    );
    return activity;
  }

  private async sweepOne(activity: PromotionRow, now: number): Promise<void> {
    const slug = activity.campaign_slug;
    const rows: Array<{ listing_id: string; product: ChannelProductRef | null; snapshot: ListingSnapshot | null }> = await this.db.query(
      `SELECT p.listing_id, s.product, l.snapshot FROM channels.promotion_products p
       LEFT JOIN channels.listing_states s ON s.account_id = p.account_id AND s.listing_id = p.listing_id
       LEFT JOIN channels.listings l ON l.listing_id = p.listing_id
       WHERE p.account_id = $1 AND p.activity_id = $2 AND p.status = 'added'`,
      [this.accountId, activity.activity_id],
    );
    if (activity.ends_at.getTime() <= now) {
      await this.setActivityStatus(slug, 'ended');
      await this.markRemoved(rows.map((r) => r.listing_id));
      return;
    }
    const [carried]: Array<{ n: number }> = await this.db.query(
      `SELECT count(*)::int AS n FROM channels.listings WHERE snapshot->'campaigns' @> jsonb_build_array(jsonb_build_object('slug', $1::text))`, [slug],
    );
    if (!carried || carried.n === 0) return this.closeActivity(activity.activity_id, slug);
    const endsAt = activity.ends_at.toISOString();
    for (const r of rows) {
      const promotion = r.snapshot ? livePromotion(r.snapshot, now) : null;
      if (promotion?.campaign.slug === slug && promotion.endsAt === endsAt) continue;
      if (r.product) await this.promotions.removeProduct(activity.activity_id, r.product);
      await this.markRemoved([r.listing_id]);
    }
  }

  private async closeActivity(activityId: string, slug: string): Promise<void> {
    await this.promotions.deactivateActivity(activityId);
    await this.setActivityStatus(slug, 'deactivated');
    await this.db.query(`UPDATE channels.promotion_products SET status = 'removed', updated_at = now() WHERE account_id = $1 AND activity_id = $2`, [
      this.accountId, activityId,
    ]);
  }

  private async setActivityStatus(slug: string, status: 'ended' | 'deactivated'): Promise<void> {
    await this.db.query(`UPDATE channels.promotions SET status = $3, updated_at = now() WHERE account_id = $1 AND campaign_slug = $2`, [this.accountId, slug, status]);
  }

  private async markRemoved(listingIds: string[]): Promise<void> {
    if (!listingIds.length) return;
    await this.db.query(`UPDATE channels.promotion_products SET status = 'removed', updated_at = now() WHERE account_id = $1 AND listing_id = ANY($2::uuid[])`, [
      this.accountId, listingIds,
    ]);
  }

  private async saveProduct(listingId: string, promotion: ListingPromotion, activityId: string, prices: Record<string, string>, status: 'added' | 'refused', reason: string | null): Promise<void> {
    await this.db.query(
      `INSERT INTO channels.promotion_products (account_id, listing_id, campaign_slug, activity_id, prices, status, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (account_id, listing_id) DO UPDATE SET campaign_slug = $3, activity_id = $4, prices = $5, status = $6, reason = $7, updated_at = now()`,
      [this.accountId, listingId, promotion.campaign.slug, activityId, JSON.stringify(prices), status, reason],
    );
  }
}
