import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each refund a shipment received, once: the flow that asked for it and the payment.refunded event
 * both record it, and whichever comes second adds nothing. shipments.refunded is their sum.
 */
export class OrdersRefunds1764000000012 implements MigrationInterface {
  name = 'OrdersRefunds1764000000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders.shipment_refunds (
        refund_id uuid PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES orders.shipments(id),
        amount bigint NOT NULL CHECK (amount > 0),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE orders.shipment_refunds`);
  }
}
