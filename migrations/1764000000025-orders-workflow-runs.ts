import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The progress of orders' workflows (the checkout): one row per run, keyed by what makes it
 * idempotent (the buyer and their Idempotency-Key), with each completed step's output as plain
 * JSON, which steps were undone, why it failed, and the process that owns it (its advisory-lock
 * id: a run whose owner no longer holds its lock was left by a dead process and is resumed or
 * compensated). The partial index keeps the recovery's look for such runs cheap.
 */
/**
 * The checkouts of the last two days (a retry under the same key comes within the payment window,
 * 24 h at most) as runs that placed their order, so a buyer retrying across the upgrade gets
 * the same order, or the same refusal when it was undone, as before. The run's id is the order's.
 */
export const BACKFILL_CHECKOUT_RUNS = `
  INSERT INTO orders.workflow_runs (id, workflow, key, status, input, outputs, created_at)
  SELECT o.id, 'checkout', o.buyer_id || ':' || o.idempotency_key,
         CASE WHEN o.status = 'cancelled' AND o.payment_id IS NULL THEN 'compensated' ELSE 'completed' END,
         jsonb_build_object('buyer', jsonb_build_object('userId', o.buyer_id, 'roles', jsonb_build_array('buyer')), 'hash', o.request_hash),
         jsonb_build_object('place-order', jsonb_build_object('id', o.id, 'number', o.number, 'method', o.payment_method, 'total', o.total::text, 'paymentDueAt', o.payment_due_at)),
         o.created_at
  FROM orders.orders o WHERE o.created_at > now() - interval '2 days'
  ON CONFLICT (workflow, key) DO NOTHING`;

export class OrdersWorkflowRuns1764000000025 implements MigrationInterface {
  name = 'OrdersWorkflowRuns1764000000025';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders.workflow_runs (
        id uuid PRIMARY KEY,
        workflow text NOT NULL,
        key text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'compensating', 'compensated', 'failed')),
        input jsonb NOT NULL,
        outputs jsonb NOT NULL DEFAULT '{}',
        compensated text[] NOT NULL DEFAULT '{}',
        failure jsonb,
        owner bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workflow, key)
      )`);
    await q.query(`CREATE INDEX workflow_runs_unfinished_idx ON orders.workflow_runs (updated_at) WHERE status IN ('running', 'compensating')`);
    await q.query(BACKFILL_CHECKOUT_RUNS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE orders.workflow_runs`);
  }
}
