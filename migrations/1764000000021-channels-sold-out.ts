import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A listing's state on a channel may be `sold_out`: every SKU sold out here, or one of them on a
 * channel that takes no stock of 0 (TikTok Shop), so the product is deactivated there until stock
 * returns. Not unpublished: the listing is still ours to sell.
 */
export class ChannelsSoldOut1764000000021 implements MigrationInterface {
  name = 'ChannelsSoldOut1764000000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channels.listing_states DROP CONSTRAINT listing_states_status_check`);
    await q.query(`ALTER TABLE channels.listing_states ADD CONSTRAINT listing_states_status_check
      CHECK (status IN ('pending','synced','in_review','rejected','failed','sold_out'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE channels.listing_states SET status = 'synced' WHERE status = 'sold_out'`);
    await q.query(`ALTER TABLE channels.listing_states DROP CONSTRAINT listing_states_status_check`);
    await q.query(`ALTER TABLE channels.listing_states ADD CONSTRAINT listing_states_status_check
      CHECK (status IN ('pending','synced','in_review','rejected','failed'))`);
  }
}
