import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns and online exhibitions. The snapshot and variant lookup read live campaign prices and
 * memberships through catalog.effective_price and catalog.listing_campaigns.
 */
export class CatalogCampaigns1764000000013 implements MigrationInterface {
  name = 'CatalogCampaigns1764000000013';

  async up(q: QueryRunner): Promise<void> {
    // The home page's cache generation: a statement trigger on every table the home page shows
    // (campaigns, collections, marks, artisans, listings) bumps it, and the cache key carries it.
    await q.query(`CREATE SEQUENCE catalog.home_generation_seq`);
    await q.query(`
      CREATE FUNCTION catalog.bump_home_generation() RETURNS trigger
      LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('catalog.home_generation_seq'); RETURN NULL; END $$`);

    await q.query(`
      CREATE TABLE catalog.campaigns (
        id uuid PRIMARY KEY,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        kind text NOT NULL CHECK (kind IN ('campaign', 'exhibition')),
        title_id text NOT NULL,
        title_en text,
        description_id text NOT NULL,
        description_en text,
        banner jsonb,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        state text NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'live', 'ended', 'cancelled')),
        discount_percent int CHECK (discount_percent BETWEEN 1 AND 90),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    // The sweep looks for campaigns whose start or end is due.
    await q.query(`CREATE INDEX campaigns_open_idx ON catalog.campaigns (state, starts_at, ends_at) WHERE state IN ('scheduled', 'live')`);

    // A member is a whole shop (all its listings) or one listing.
    await q.query(`
      CREATE TABLE catalog.campaign_members (
        campaign_id uuid NOT NULL REFERENCES catalog.campaigns(id) ON DELETE CASCADE,
        artisan_id uuid REFERENCES catalog.artisans(id) ON DELETE CASCADE,
        listing_id uuid REFERENCES catalog.listings(id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((artisan_id IS NULL) <> (listing_id IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX campaign_members_artisan_key ON catalog.campaign_members (campaign_id, artisan_id) WHERE artisan_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX campaign_members_listing_key ON catalog.campaign_members (campaign_id, listing_id) WHERE listing_id IS NOT NULL`);
    await q.query(`CREATE INDEX campaign_members_by_artisan_idx ON catalog.campaign_members (artisan_id) WHERE artisan_id IS NOT NULL`);
    await q.query(`CREATE INDEX campaign_members_by_listing_idx ON catalog.campaign_members (listing_id) WHERE listing_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE catalog.campaign_prices (
        campaign_id uuid NOT NULL REFERENCES catalog.campaigns(id) ON DELETE CASCADE,
        variant_id uuid NOT NULL REFERENCES catalog.variants(id) ON DELETE CASCADE,
        price bigint NOT NULL CHECK (price > 0),
        PRIMARY KEY (campaign_id, variant_id)
      )`);
    await q.query(`CREATE INDEX campaign_prices_variant_idx ON catalog.campaign_prices (variant_id)`);

    for (const table of ['campaigns', 'campaign_members', 'campaign_prices']) {
      await q.query(`
        CREATE TRIGGER ${table}_home_generation AFTER INSERT OR UPDATE OR DELETE ON catalog.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION catalog.bump_home_generation()`);
    }

    // What a buyer pays now: the lowest price of the live campaigns the variant takes part in
    // (through its listing or its shop), a fixed campaign price before the campaign's discount;
    // never above the regular price (LEAST skips NULLs). "Live" is the state and the clock, so a
    // missed end job cannot keep a price on past its end.
    await q.query(`
      CREATE FUNCTION catalog.effective_price(p_variant uuid, p_regular bigint) RETURNS bigint
      LANGUAGE sql STABLE AS $$
        SELECT LEAST(p_regular, (
          SELECT min(COALESCE(cp.price, CASE WHEN c.discount_percent IS NOT NULL
                                              THEN GREATEST(1, p_regular * (100 - c.discount_percent) / 100) END))
          FROM catalog.variants v
          JOIN catalog.campaign_members m ON m.listing_id = v.listing_id OR m.artisan_id = v.artisan_id
          JOIN catalog.campaigns c ON c.id = m.campaign_id
          LEFT JOIN catalog.campaign_prices cp ON cp.campaign_id = c.id AND cp.variant_id = v.id
          WHERE v.id = p_variant AND c.state = 'live' AND c.starts_at <= now() AND now() < c.ends_at))
      $$`);
    await q.query(`
      CREATE FUNCTION catalog.listing_campaigns(p_listing uuid, p_artisan uuid) RETURNS json
      LANGUAGE sql STABLE AS $$
        SELECT COALESCE(json_agg(json_build_object(
                 'slug', c.slug,
                 'title', json_build_object('id', c.title_id, 'en', c.title_en),
                 'endsAt', to_char(c.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
               ORDER BY c.ends_at, c.slug), '[]'::json)
        FROM catalog.campaigns c
        WHERE c.state = 'live' AND c.starts_at <= now() AND now() < c.ends_at
          AND EXISTS (SELECT 1 FROM catalog.campaign_members m
                      WHERE m.campaign_id = c.id AND (m.listing_id = p_listing OR m.artisan_id = p_artisan))
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION catalog.listing_campaigns(uuid, uuid)`);
    await q.query(`DROP FUNCTION catalog.effective_price(uuid, bigint)`);
    await q.query(`DROP TABLE catalog.campaign_prices`);
    await q.query(`DROP TABLE catalog.campaign_members`);
    await q.query(`DROP TABLE catalog.campaigns`);
    await q.query(`DROP FUNCTION catalog.bump_home_generation()`);
    await q.query(`DROP SEQUENCE catalog.home_generation_seq`);
  }
}
