import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bali's craft taxonomy: top-level groups and the leaf categories listings are filed under. */
const TAXONOMY: Array<[slug: string, nameId: string, nameEn: string, children: Array<[string, string, string]>]> = [
  ['woven-cloth', 'Kain tenun', 'Woven cloth', [
    ['endek', 'Endek', 'Endek'],
    ['songket', 'Songket', 'Songket'],
    ['gringsing', 'Gringsing', 'Gringsing double ikat'],
  ]],
  ['jewellery', 'Perhiasan', 'Jewellery', [
    ['silver-jewellery', 'Perhiasan perak', 'Silver jewellery'],
    ['gold-jewellery', 'Perhiasan emas', 'Gold jewellery'],
  ]],
  ['carving', 'Ukiran', 'Carving', [
    ['wood-carving', 'Ukiran kayu', 'Wood carving'],
    ['stone-carving', 'Ukiran batu', 'Stone carving'],
  ]],
  ['painting', 'Lukisan', 'Painting', [
    ['kamasan-painting', 'Lukisan Kamasan', 'Kamasan painting'],
    ['contemporary-painting', 'Lukisan kontemporer', 'Contemporary painting'],
  ]],
  ['metalwork', 'Kerajinan logam', 'Metalwork', [
    ['uang-kepeng', 'Uang kepeng', 'Uang kepeng coins'],
    ['iron-craft', 'Kerajinan besi', 'Iron craft'],
  ]],
  ['pottery', 'Gerabah', 'Pottery', [['pejaten-pottery', 'Gerabah Pejaten', 'Pejaten pottery']]],
  ['bamboo', 'Kerajinan bambu', 'Bamboo craft', [['bamboo-craft', 'Anyaman dan perabot bambu', 'Bamboo weaving and furniture']]],
  ['basketry', 'Anyaman', 'Basketry', [['ata-basketry', 'Anyaman ata', 'Ata-grass basketry']]],
];

/** Artisans (one shop each), the craft taxonomy, listings and variants, the stock ledger, audit, settings. */
export class Catalog1764000000002 implements MigrationInterface {
  name = 'Catalog1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog.artisans (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL UNIQUE,
        shop_name text NOT NULL,
        shop_slug text NOT NULL UNIQUE,
        story text NOT NULL,
        regency text NOT NULL,
        craft_types text[] NOT NULL,
        nib text,
        bank_name text NOT NULL,
        bank_account_name text NOT NULL,
        bank_account_number text NOT NULL,
        photo jsonb,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','verified','rejected','suspended')),
        status_reason text,
        decided_by uuid,
        decided_at timestamptz,
        verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX artisans_status_idx ON catalog.artisans (status, created_at)`);

    await q.query(`
      CREATE TABLE catalog.categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        parent_id uuid REFERENCES catalog.categories(id),
        name_id text NOT NULL,
        name_en text NOT NULL,
        position int NOT NULL DEFAULT 0
      )`);
    for (const [i, [slug, nameId, nameEn, children]] of TAXONOMY.entries()) {
      const [{ id }] = await q.query(
        `INSERT INTO catalog.categories (slug, name_id, name_en, position) VALUES ($1, $2, $3, $4) RETURNING id`,
        [slug, nameId, nameEn, i],
      );
      for (const [j, [childSlug, childId, childEn]] of children.entries()) {
        await q.query(
          `INSERT INTO catalog.categories (slug, parent_id, name_id, name_en, position) VALUES ($1, $2, $3, $4, $5)`,
          [childSlug, id, childId, childEn, j],
        );
      }
    }

    await q.query(`
      CREATE TABLE catalog.listings (
        id uuid PRIMARY KEY,
        artisan_id uuid NOT NULL REFERENCES catalog.artisans(id),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','published','archived')),
        title_id text NOT NULL,
        title_en text,
        description_id text NOT NULL,
        description_en text,
        category_id uuid NOT NULL REFERENCES catalog.categories(id),
        materials text[] NOT NULL DEFAULT '{}',
        techniques text[] NOT NULL DEFAULT '{}',
        regency text NOT NULL,
        length_cm numeric(7,1) NOT NULL CHECK (length_cm > 0),
        width_cm numeric(7,1) NOT NULL CHECK (width_cm > 0),
        height_cm numeric(7,1) NOT NULL CHECK (height_cm > 0),
        weight_grams int NOT NULL CHECK (weight_grams > 0),
        handmade boolean NOT NULL DEFAULT true,
        lead_time_days int CHECK (lead_time_days IS NULL OR lead_time_days > 0),
        rejection_reason text,
        version int NOT NULL DEFAULT 1,
        submitted_at timestamptz,
        published_at timestamptz,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX listings_artisan_idx ON catalog.listings (artisan_id, status)`);
    await q.query(`CREATE INDEX listings_status_idx ON catalog.listings (status, submitted_at)`);

    await q.query(`
      CREATE TABLE catalog.variants (
        id uuid PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES catalog.listings(id) ON DELETE CASCADE,
        artisan_id uuid NOT NULL REFERENCES catalog.artisans(id),
        sku text NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        price bigint NOT NULL CHECK (price > 0),
        stock int NOT NULL CHECK (stock >= 0),
        position int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX variants_shop_sku_key ON catalog.variants (artisan_id, lower(sku))`);
    await q.query(`CREATE INDEX variants_listing_idx ON catalog.variants (listing_id, position)`);

    // Photos of a listing, in display order; `keys` names each rendition in the media store.
    await q.query(`
      CREATE TABLE catalog.listing_photos (
        id uuid PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES catalog.listings(id) ON DELETE CASCADE,
        position int NOT NULL,
        alt text NOT NULL,
        keys jsonb NOT NULL,
        width int NOT NULL,
        height int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX listing_photos_listing_idx ON catalog.listing_photos (listing_id, position)`);

    // Every change to a variant's stock: who, from, to, why.
    await q.query(`
      CREATE TABLE catalog.stock_movements (
        id bigserial PRIMARY KEY,
        variant_id uuid NOT NULL REFERENCES catalog.variants(id) ON DELETE CASCADE,
        actor_id uuid,
        from_stock int NOT NULL,
        to_stock int NOT NULL,
        reason text NOT NULL,
        reference text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stock_movements_variant_idx ON catalog.stock_movements (variant_id, id)`);

    // Every curator decision and council setting change: who, what, when, before and after.
    await q.query(`
      CREATE TABLE catalog.audit_log (
        id uuid PRIMARY KEY,
        actor_id uuid NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON catalog.audit_log (entity_type, entity_id, created_at)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON catalog.audit_log (actor_id, created_at)`);

    await q.query(`
      CREATE TABLE catalog.settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO catalog.settings (key, value) VALUES ('auto_publish_verified', 'false')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['settings', 'audit_log', 'stock_movements', 'listing_photos', 'variants', 'listings', 'categories', 'artisans']) {
      await q.query(`DROP TABLE catalog.${table}`);
    }
  }
}
