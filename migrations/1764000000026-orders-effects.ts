import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Effects that follow a commit (issue 18): orders records what it asked other apps for and what
 * they answered, instead of calling them with its rows locked. An order whose payment arrived waits
 * (still pending_payment) for the catalog to commit its stock; a shipment the clock cancels waits
 * for its refund (the artisan may no longer ship it); a cancelled shipment's stock is back once the
 * catalog says so.
 */
export class OrdersEffects1764000000026 implements MigrationInterface {
  name = 'OrdersEffects1764000000026';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders.orders ADD COLUMN payment_received_at timestamptz`);
    await q.query(`ALTER TABLE orders.shipments ADD COLUMN cancel_requested_at timestamptz, ADD COLUMN cancel_requested_reason text, ADD COLUMN stock_returned_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders.shipments DROP COLUMN cancel_requested_at, DROP COLUMN cancel_requested_reason, DROP COLUMN stock_returned_at`);
    await q.query(`ALTER TABLE orders.orders DROP COLUMN payment_received_at`);
  }
}
