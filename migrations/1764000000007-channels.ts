import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The export to TikTok Shop and Lazada: channel accounts (secrets encrypted), category mappings,
 * the app's own copy of public listings (from catalog events), each listing's state per account,
 * and runs with a result per listing.
 */
export class Channels1764000000007 implements MigrationInterface {
  name = 'Channels1764000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channels.accounts (
        id uuid PRIMARY KEY,
        channel text NOT NULL CHECK (channel IN ('tiktok_shop','lazada')),
        scope text NOT NULL CHECK (scope IN ('council','shop')),
        artisan_id uuid,
        shop_slug text,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
        app_key text NOT NULL,
        -- AES-256-GCM of {appSecret, accessToken, refreshToken}: iv, tag and ciphertext, base64
        secrets text NOT NULL,
        access_token_expires_at timestamptz NOT NULL,
        refresh_token_expires_at timestamptz,
        settings jsonb NOT NULL DEFAULT '{}',
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope = 'shop') = (artisan_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX accounts_one_council ON channels.accounts (channel) WHERE scope = 'council'`);
    await q.query(`CREATE UNIQUE INDEX accounts_one_per_shop ON channels.accounts (channel, artisan_id) WHERE scope = 'shop'`);

    await q.query(`
      CREATE TABLE channels.category_mappings (
        channel text NOT NULL CHECK (channel IN ('tiktok_shop','lazada')),
        category_slug text NOT NULL,
        channel_category_id text NOT NULL,
        channel_category_name text,
        attributes jsonb NOT NULL DEFAULT '[]',
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel, category_slug)
      )`);

    // snapshot is null while the listing is not public.
    await q.query(`
      CREATE TABLE channels.listings (
        listing_id uuid PRIMARY KEY,
        artisan_id uuid NOT NULL,
        version int NOT NULL,
        snapshot jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX listings_artisan_idx ON channels.listings (artisan_id)`);

    await q.query(`
      CREATE TABLE channels.listing_states (
        account_id uuid NOT NULL REFERENCES channels.accounts(id) ON DELETE CASCADE,
        listing_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','synced','in_review','rejected','failed')),
        reason text,
        rejected_by text CHECK (rejected_by IN ('precheck','channel')),
        product jsonb,
        content_hash text,
        -- stock per seller SKU as last sent, so stock pushes send only what changed
        pushed_stock jsonb NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT false,
        synced_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, listing_id)
      )`);

    await q.query(`
      CREATE TABLE channels.runs (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES channels.accounts(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('scheduled','manual','dry_run','stock')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed')),
        artisan_id uuid,
        counts jsonb NOT NULL DEFAULT '{}',
        requests int NOT NULL DEFAULT 0,
        error text,
        requested_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX runs_account_idx ON channels.runs (account_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE channels.run_items (
        run_id uuid NOT NULL REFERENCES channels.runs(id) ON DELETE CASCADE,
        listing_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ('create','update','deactivate','stock','skip')),
        outcome text NOT NULL CHECK (outcome IN ('ok','refused','failed','planned')),
        reason text,
        payload jsonb,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, listing_id, action)
      )`);
    // Listings whose stock changed since it was last pushed, per account.
    await q.query(`
      CREATE TABLE channels.stock_dirty (
        listing_id uuid PRIMARY KEY,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['stock_dirty', 'run_items', 'runs', 'listing_states', 'listings', 'category_mappings', 'accounts']) {
      await q.query(`DROP TABLE channels.${t}`);
    }
  }
}
