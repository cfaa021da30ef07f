import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * stock.changed carries the variant's stock and its stock version (its count of stock changes, kept
 * on the variant and grown by the stock ledger; existing variants start at their movements so far),
 * and search and channels keep the stock in their own copies instead of asking the catalog for the
 * listing again: search now keeps the snapshot it last indexed (channels always kept one), so a
 * stock change rebuilds the document. Each snapshot's variants carry their stock version, so a copy
 * can tell a late event from a newer one.
 */
export class StockCopies1764000000027 implements MigrationInterface {
  name = 'StockCopies1764000000027';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search.listing_state ADD COLUMN snapshot jsonb`);
    await q.query(`ALTER TABLE catalog.variants ADD COLUMN stock_version integer NOT NULL DEFAULT 0`);
    await q.query(
      `UPDATE catalog.variants v SET stock_version = m.n
       FROM (SELECT variant_id, count(*)::int AS n FROM catalog.stock_movements GROUP BY variant_id) m WHERE m.variant_id = v.id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog.variants DROP COLUMN stock_version`);
    await q.query(`ALTER TABLE search.listing_state DROP COLUMN snapshot`);
  }
}
