import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channel accounts connected by the channel's authorization flow (one-use, hashed states; the
 * seller's id and name; an account whose refresh token died waits for its owner to connect
 * again), the channels' own category trees and attributes cached for curators, sales-attribute
 * mappings, and the values an artisan gives one listing on a channel.
 */
export class ChannelsConnect1764000000018 implements MigrationInterface {
  name = 'ChannelsConnect1764000000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE channels.accounts
        ADD COLUMN connected_via text NOT NULL DEFAULT 'tokens' CHECK (connected_via IN ('authorization','tokens')),
        ADD COLUMN seller_id text,
        ADD COLUMN seller_name text,
        ADD COLUMN needs_reconnect boolean NOT NULL DEFAULT false,
        ADD COLUMN reconnect_reason text,
        ADD COLUMN tokens_refreshed_at timestamptz`);
    // One of our accounts per seller on a channel while it exports.
    await q.query(`CREATE UNIQUE INDEX accounts_one_per_seller ON channels.accounts (channel, seller_id) WHERE seller_id IS NOT NULL AND status = 'active'`);

    // state_hash: sha256 of the state sent to the channel; the state itself is never stored.
    await q.query(`
      CREATE TABLE channels.connect_states (
        state_hash text PRIMARY KEY,
        channel text NOT NULL CHECK (channel IN ('tiktok_shop','lazada')),
        scope text NOT NULL CHECK (scope IN ('council','shop')),
        artisan_id uuid,
        shop_slug text,
        requested_by uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope = 'shop') = (artisan_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX connect_states_expiry_idx ON channels.connect_states (expires_at)`);

    await q.query(`
      CREATE TABLE channels.channel_categories (
        channel text NOT NULL CHECK (channel IN ('tiktok_shop','lazada')),
        category_id text NOT NULL,
        parent_id text,
        name text NOT NULL,
        leaf boolean NOT NULL,
        position int NOT NULL,
        fetched_at timestamptz NOT NULL,
        PRIMARY KEY (channel, category_id)
      )`);
    // A leaf category's attributes as the channel describes them (ChannelAttributeSpec[]).
    await q.query(`
      CREATE TABLE channels.channel_attributes (
        channel text NOT NULL CHECK (channel IN ('tiktok_shop','lazada')),
        category_id text NOT NULL,
        attributes jsonb NOT NULL,
        fetched_at timestamptz NOT NULL,
        PRIMARY KEY (channel, category_id)
      )`);

    await q.query(`ALTER TABLE channels.category_mappings ADD COLUMN sales_attributes jsonb NOT NULL DEFAULT '[]'`);

    // values: { attributeId: [{ id?, name }] } the artisan gave the listing on the channel.
    await q.query(`
      CREATE TABLE channels.listing_attribute_values (
        listing_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('tiktok_shop','lazada')),
        "values" jsonb NOT NULL DEFAULT '{}',
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (listing_id, channel)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE channels.listing_attribute_values`);
    await q.query(`ALTER TABLE channels.category_mappings DROP COLUMN sales_attributes`);
    await q.query(`DROP TABLE channels.channel_attributes`);
    await q.query(`DROP TABLE channels.channel_categories`);
    await q.query(`DROP TABLE channels.connect_states`);
    await q.query(`DROP INDEX channels.accounts_one_per_seller`);
    await q.query(`
      ALTER TABLE channels.accounts DROP COLUMN connected_via, DROP COLUMN seller_id, DROP COLUMN seller_name,
        DROP COLUMN needs_reconnect, DROP COLUMN reconnect_reason, DROP COLUMN tokens_refreshed_at`);
  }
}
