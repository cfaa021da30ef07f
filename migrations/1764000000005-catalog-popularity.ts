import { MigrationInterface, QueryRunner } from 'typeorm';

/** Units sold per listing (the popularity buyers sort by) and an index for paging public listings. */
export class CatalogPopularity1764000000005 implements MigrationInterface {
  name = 'CatalogPopularity1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog.listings ADD COLUMN units_sold int NOT NULL DEFAULT 0 CHECK (units_sold >= 0)`);
    await q.query(`CREATE INDEX listings_published_id_idx ON catalog.listings (id) WHERE status = 'published'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX catalog.listings_published_id_idx`);
    await q.query(`ALTER TABLE catalog.listings DROP COLUMN units_sold`);
  }
}
