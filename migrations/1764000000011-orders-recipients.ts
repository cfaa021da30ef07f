import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email for notifications. Identity lives in the gateway, so orders keeps its own copy of each
 * user's address from `user.registered`. Each notification gets what the mailer needs to claim it
 * once, retry it later after a failure, and show why it has not gone out.
 */
export class OrdersRecipients1764000000011 implements MigrationInterface {
  name = 'OrdersRecipients1764000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders.recipients (
        user_id uuid PRIMARY KEY,
        email text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      ALTER TABLE orders.notifications
        -- set while one mailer sends it; a claim left by a mailer that died is never taken again (never twice)
        ADD COLUMN email_claimed_at timestamptz,
        ADD COLUMN email_attempts int NOT NULL DEFAULT 0,
        ADD COLUMN email_next_at timestamptz,
        ADD COLUMN email_error text`);
    // What the mailer scans: only notifications not yet emailed.
    await q.query(`CREATE INDEX notifications_unmailed_idx ON orders.notifications (created_at) WHERE emailed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX orders.notifications_unmailed_idx`);
    await q.query(`
      ALTER TABLE orders.notifications
        DROP COLUMN email_claimed_at, DROP COLUMN email_attempts, DROP COLUMN email_next_at, DROP COLUMN email_error`);
    await q.query(`DROP TABLE orders.recipients`);
  }
}
