import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sold stock that comes back when a paid order is cancelled before it ships: per reservation line, once. */
export class CatalogReturns1764000000010 implements MigrationInterface {
  name = 'CatalogReturns1764000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog.reservation_lines ADD COLUMN returned_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog.reservation_lines DROP COLUMN returned_at`);
  }
}
