import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A listing's package size: the parcel as shipped (a 200 × 110 cm cloth travels folded in a small
 * box). Optional, all three or none; channels send it as the package instead of the piece's size.
 */
export class CatalogPackageSize1764000000019 implements MigrationInterface {
  name = 'CatalogPackageSize1764000000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE catalog.listings
        ADD COLUMN package_length_cm numeric(7,1) CHECK (package_length_cm > 0),
        ADD COLUMN package_width_cm numeric(7,1) CHECK (package_width_cm > 0),
        ADD COLUMN package_height_cm numeric(7,1) CHECK (package_height_cm > 0),
        ADD CONSTRAINT listings_package_all_or_none CHECK (
          (package_length_cm IS NULL) = (package_width_cm IS NULL) AND (package_width_cm IS NULL) = (package_height_cm IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE catalog.listings
        DROP CONSTRAINT listings_package_all_or_none,
        DROP COLUMN package_length_cm,
        DROP COLUMN package_width_cm,
        DROP COLUMN package_height_cm`);
  }
}
