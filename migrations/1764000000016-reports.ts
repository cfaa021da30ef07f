import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What sales reports group by: each shipment keeps its shop's regency as it was at checkout
 * (null for shipments made before, reported as "unknown"), and paid orders are found by paid_at.
 */
export class Reports1764000000016 implements MigrationInterface {
  name = 'Reports1764000000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders.shipments ADD COLUMN shop_regency text`);
    await q.query(`CREATE INDEX orders_paid_idx ON orders.orders (paid_at) WHERE paid_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX orders.orders_paid_idx`);
    await q.query(`ALTER TABLE orders.shipments DROP COLUMN shop_regency`);
  }
}
