import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaign prices sent to a channel as promotion activities (TikTok Shop): one activity per
 * campaign and account, and per listing the SKU prices last added to it, so a re-run sends
 * nothing new and an activity whose campaign ended early is deactivated.
 */
export class ChannelsPromotions1764000000017 implements MigrationInterface {
  name = 'ChannelsPromotions1764000000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channels.promotions (
        account_id uuid NOT NULL REFERENCES channels.accounts(id) ON DELETE CASCADE,
        campaign_slug text NOT NULL,
        activity_id text NOT NULL,
        title text NOT NULL,
        begins_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        -- open: on the channel; ended: the channel ended it at ends_at; deactivated: we ended it early
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','ended','deactivated')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, campaign_slug)
      )`);
    await q.query(`
      CREATE TABLE channels.promotion_products (
        account_id uuid NOT NULL REFERENCES channels.accounts(id) ON DELETE CASCADE,
        listing_id uuid NOT NULL,
        campaign_slug text NOT NULL,
        activity_id text NOT NULL,
        -- activity price per seller SKU, as sent (whole rupiah digits)
        prices jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('added','refused','removed')),
        reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, listing_id)
      )`);
    await q.query(`CREATE INDEX channels_promotion_products_activity_idx ON channels.promotion_products (account_id, activity_id) WHERE status = 'added'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE channels.promotion_products`);
    await q.query(`DROP TABLE channels.promotions`);
  }
}
