import { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMAS = ['identity', 'catalog', 'orders', 'payments', 'search', 'channels'];

/**
 * stock.changed carries the variant's stock, and search and channels keep it in their own copies
 * instead of asking the catalog for the listing again. A copy needs the order of one variant's
 * changes: each outbox row gets a `seq` (rows written under the same row lock follow each other
 * in it; the relay passes it on in the envelope), and each copy remembers, per variant, the seq its
 * stock last took. Search keeps the snapshot it last indexed, so a stock change rebuilds the document.
 * The column is added without a default first, then given one: rows already there stay NULL (no
 * rewrite of a busy outbox) and their events are passed on without a seq.
 */
export class StockCopies1764000000027 implements MigrationInterface {
  name = 'StockCopies1764000000027';

  async up(q: QueryRunner): Promise<void> {
    for (const s of SCHEMAS) {
      await q.query(`CREATE SEQUENCE "${s}".outbox_seq`);
      await q.query(`ALTER TABLE "${s}".outbox ADD COLUMN seq bigint`);
      await q.query(`ALTER TABLE "${s}".outbox ALTER COLUMN seq SET DEFAULT nextval('"${s}".outbox_seq')`);
      await q.query(`ALTER SEQUENCE "${s}".outbox_seq OWNED BY "${s}".outbox.seq`);
    }
    await q.query(`ALTER TABLE search.listing_state ADD COLUMN snapshot jsonb, ADD COLUMN stock_seqs jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE channels.listings ADD COLUMN stock_seqs jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channels.listings DROP COLUMN stock_seqs`);
    await q.query(`ALTER TABLE search.listing_state DROP COLUMN snapshot, DROP COLUMN stock_seqs`);
    for (const s of SCHEMAS) await q.query(`ALTER TABLE "${s}".outbox DROP COLUMN seq`);
  }
}
