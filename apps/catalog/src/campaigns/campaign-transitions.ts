import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CampaignChangedEvent, CampaignEvents, CampaignState } from '@pk/contracts';
import { OutboxWriter } from '@pk/messaging';
import { Campaign } from './campaign.entity';
import { CampaignListings } from './campaign-listings';

export type Phase = 'start' | 'end';

/** What a transition did: applied, nothing to do (already moved on), or not due until `dueAt`. */
export type TransitionResult = { outcome: 'applied' } | { outcome: 'skipped' } | { outcome: 'not_due'; dueAt: Date };

/**
 * The campaign clock's moves: scheduled → live at its start, live → ended at its end. Each is one
 * transaction: the state, every public member listing re-announced (new price and campaigns) and
 * the campaign event. The row lock makes a job and the sweep racing for the same move harmless.
 */
@Injectable()
export class CampaignTransitions {
  private readonly logger = new Logger(CampaignTransitions.name);

  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly listings: CampaignListings,
  ) {}

  apply(campaignId: string, phase: Phase): Promise<TransitionResult> {
    return this.db.transaction(async (tx) => {
      const campaign = await tx.getRepository(Campaign).findOne({ where: { id: campaignId }, lock: { mode: 'pessimistic_write' } });
      // The database's clock, the one catalog.effective_price reads in this transaction.
      const [{ now }]: Array<{ now: Date }> = await tx.query(`SELECT now() AS now`);
      if (!campaign) return { outcome: 'skipped' };
      if (phase === 'start') return this.start(tx, campaign, now);
      return this.end(tx, campaign, now);
    });
  }

  /** Campaigns whose start or end is due, for the sweep: ids with the phase to apply. */
  async due(limit = 100): Promise<Array<{ id: string; phase: Phase }>> {
    return this.db.query(
      `SELECT id, CASE WHEN state = 'scheduled' THEN 'start' ELSE 'end' END AS phase
       FROM catalog.campaigns
       WHERE (state = 'scheduled' AND starts_at <= now()) OR (state = 'live' AND ends_at <= now())
       ORDER BY LEAST(starts_at, ends_at) LIMIT $1`,
      [limit],
    );
  }

  private async start(tx: EntityManager, campaign: Campaign, now: Date): Promise<TransitionResult> {
    if (campaign.state !== CampaignState.scheduled) return { outcome: 'skipped' };
    if (campaign.startsAt > now) return { outcome: 'not_due', dueAt: campaign.startsAt };
    // Missed whole (everything was down through it): it ends without ever showing.
    if (campaign.endsAt <= now) return this.close(tx, campaign, CampaignState.ended, false);
    await this.setState(tx, campaign, CampaignState.live);
    const listingCount = await this.listings.announce(tx, { campaignId: campaign.id });
    await this.outbox.add(tx, CampaignEvents.started, changed(campaign, listingCount));
    this.logger.log(`campaign ${campaign.slug} started (${listingCount} listings)`);
    return { outcome: 'applied' };
  }

  private async end(tx: EntityManager, campaign: Campaign, now: Date): Promise<TransitionResult> {
    if (campaign.state === CampaignState.scheduled) {
      if (campaign.startsAt > now) return { outcome: 'not_due', dueAt: campaign.startsAt };
      // Its start job was lost: start it here (it ends outright if past its end), then wait for the end.
      const started = await this.start(tx, campaign, now);
      return started.outcome === 'applied' && campaign.endsAt > now ? { outcome: 'not_due', dueAt: campaign.endsAt } : started;
    }
    if (campaign.state !== CampaignState.live) return { outcome: 'skipped' };
    if (campaign.endsAt > now) return { outcome: 'not_due', dueAt: campaign.endsAt };
    return this.close(tx, campaign, CampaignState.ended, true);
  }

  /** Ends or cancels a campaign; its listings are re-announced when it was showing. */
  async close(tx: EntityManager, campaign: Campaign, state: 'ended' | 'cancelled', wasLive: boolean): Promise<TransitionResult> {
    await this.setState(tx, campaign, state);
    const listingCount = wasLive ? await this.listings.announce(tx, { campaignId: campaign.id }) : 0;
    const event = state === CampaignState.ended ? CampaignEvents.ended : CampaignEvents.cancelled;
    await this.outbox.add(tx, event, changed(campaign, listingCount));
    this.logger.log(`campaign ${campaign.slug} ${state} (${listingCount} listings)`);
    return { outcome: 'applied' };
  }

  private async setState(tx: EntityManager, campaign: Campaign, state: CampaignState): Promise<void> {
    campaign.state = state;
    await tx.query(`UPDATE catalog.campaigns SET state = $2, updated_at = now() WHERE id = $1`, [campaign.id, state]);
  }
}

function changed(c: Campaign, listingCount: number): CampaignChangedEvent & Record<string, unknown> {
  return { campaignId: c.id, slug: c.slug, kind: c.kind, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString(), listingCount };
}
