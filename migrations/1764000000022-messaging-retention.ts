import { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMAS = ['identity', 'catalog', 'orders', 'payments', 'search', 'channels'];

/**
 * Indexes for pruning each app's outbox and inbox in batches: published outbox rows by when they
 * were published, inbox rows by when their event was applied. Without them every batch of the
 * pruning scans the whole table. Built CONCURRENTLY, outside a transaction: the tables are large
 * where they were never pruned, and a plain build would block the relay's and consumers' writes
 * for the whole build. A build that failed half-way leaves an invalid index, dropped first.
 */
export class MessagingRetention1764000000022 implements MigrationInterface {
  name = 'MessagingRetention1764000000022';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    for (const s of SCHEMAS) {
      await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "${s}".outbox_published_idx`);
      await q.query(`CREATE INDEX CONCURRENTLY outbox_published_idx ON "${s}".outbox (published_at) WHERE published_at IS NOT NULL`);
      await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "${s}".inbox_processed_idx`);
      await q.query(`CREATE INDEX CONCURRENTLY inbox_processed_idx ON "${s}".inbox (processed_at)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const s of SCHEMAS) {
      await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "${s}".outbox_published_idx`);
      await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "${s}".inbox_processed_idx`);
    }
  }
}
