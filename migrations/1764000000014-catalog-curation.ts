import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provenance marks and featured collections. The snapshot reads live marks through
 * catalog.listing_marks, which checks revocation and expiry itself, so a read is exact before the
 * expiry sweep has announced anything.
 */
export class CatalogCuration1764000000014 implements MigrationInterface {
  name = 'CatalogCuration1764000000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog.mark_types (
        code text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name_id text NOT NULL,
        name_en text NOT NULL,
        issuer text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('council', 'geographical_indication')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO catalog.mark_types (code, name_id, name_en, issuer, kind) VALUES
        ('kriya-bali-asli', 'Kriya Bali Asli — buatan tangan Bali terverifikasi', 'Kriya Bali Asli — verified Balinese handmade',
         'Dekranasda Provinsi Bali', 'council'),
        ('ig-endek-bali', 'Indikasi Geografis Endek Bali', 'Endek Bali geographical indication',
         'Direktorat Jenderal Kekayaan Intelektual (DJKI)', 'geographical_indication'),
        ('ig-gringsing', 'Indikasi Geografis Tenun Gringsing Bali', 'Gringsing Bali geographical indication',
         'Direktorat Jenderal Kekayaan Intelektual (DJKI)', 'geographical_indication')`);

    // A mark is granted to a whole shop (all its listings) or to one listing. expiry_applied_at
    // is the sweep's bookkeeping: set once the expiry has been announced to the other apps.
    await q.query(`
      CREATE TABLE catalog.provenance_marks (
        id uuid PRIMARY KEY,
        code text NOT NULL REFERENCES catalog.mark_types(code),
        artisan_id uuid REFERENCES catalog.artisans(id) ON DELETE CASCADE,
        listing_id uuid REFERENCES catalog.listings(id) ON DELETE CASCADE,
        evidence text NOT NULL CHECK (length(btrim(evidence)) > 0),
        granted_by uuid NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid,
        revoke_reason text,
        expiry_applied_at timestamptz,
        CHECK ((artisan_id IS NULL) <> (listing_id IS NULL)),
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL) AND (revoked_at IS NULL) = (revoke_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX provenance_marks_artisan_idx ON catalog.provenance_marks (artisan_id) WHERE artisan_id IS NOT NULL`);
    await q.query(`CREATE INDEX provenance_marks_listing_idx ON catalog.provenance_marks (listing_id) WHERE listing_id IS NOT NULL`);
    // The sweep's work list: expiring marks not yet revoked nor applied.
    await q.query(`
      CREATE INDEX provenance_marks_expiry_idx ON catalog.provenance_marks (expires_at)
      WHERE expires_at IS NOT NULL AND revoked_at IS NULL AND expiry_applied_at IS NULL`);

    await q.query(`
      CREATE TABLE catalog.collections (
        id uuid PRIMARY KEY,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        title_id text NOT NULL,
        title_en text,
        description_id text NOT NULL,
        description_en text,
        cover jsonb,
        position int NOT NULL,
        published boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX collections_position_idx ON catalog.collections (position, id)`);
    await q.query(`
      CREATE TABLE catalog.collection_items (
        collection_id uuid NOT NULL REFERENCES catalog.collections(id) ON DELETE CASCADE,
        listing_id uuid NOT NULL REFERENCES catalog.listings(id) ON DELETE CASCADE,
        position int NOT NULL,
        PRIMARY KEY (collection_id, listing_id)
      )`);
    await q.query(`CREATE INDEX collection_items_order_idx ON catalog.collection_items (collection_id, position)`);
    await q.query(`CREATE INDEX collection_items_listing_idx ON catalog.collection_items (listing_id)`);

    for (const table of ['mark_types', 'provenance_marks', 'collections', 'collection_items']) {
      await q.query(`
        CREATE TRIGGER ${table}_home_generation AFTER INSERT OR UPDATE OR DELETE ON catalog.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION catalog.bump_home_generation()`);
    }

    // Live marks of a listing and of its artisan, one per code (a listing's own grant wins, then
    // the one that lasts longest). "Live" is the clock, not the sweep's bookkeeping.
    await q.query(`
      CREATE OR REPLACE FUNCTION catalog.listing_marks(p_listing uuid, p_artisan uuid) RETURNS json
      LANGUAGE sql STABLE AS $$
        SELECT COALESCE(json_agg(json_build_object(
                 'code', m.code,
                 'name', json_build_object('id', m.name_id, 'en', m.name_en),
                 'scope', m.scope,
                 'expiresAt', to_char(m.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
               ORDER BY m.code), '[]'::json)
        FROM (
          SELECT DISTINCT ON (pm.code) pm.code, t.name_id, t.name_en, pm.expires_at,
                 CASE WHEN pm.listing_id IS NULL THEN 'artisan' ELSE 'listing' END AS scope
          FROM catalog.provenance_marks pm
          JOIN catalog.mark_types t ON t.code = pm.code
          WHERE (pm.listing_id = p_listing OR pm.artisan_id = p_artisan)
            AND pm.revoked_at IS NULL AND (pm.expires_at IS NULL OR pm.expires_at > now())
          ORDER BY pm.code, (pm.listing_id IS NULL), pm.expires_at DESC NULLS FIRST
        ) m
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION catalog.listing_marks(uuid, uuid)`);
    await q.query(`DROP TABLE catalog.collection_items`);
    await q.query(`DROP TABLE catalog.collections`);
    await q.query(`DROP TABLE catalog.provenance_marks`);
    await q.query(`DROP TABLE catalog.mark_types`);
  }
}
