import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The progress of orders' workflows (the checkout): one row per run, keyed by what makes it
 * idempotent (the buyer and their Idempotency-Key), with each completed step's output as plain
 * JSON, which steps were undone, why it failed, and the process that owns it (its advisory-lock
 * id: a run whose owner no longer holds its lock was left by a dead process and is resumed or
 * compensated). The partial index keeps the recovery's look for such runs cheap.
 */
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE orders.workflow_runs`);
  }
}
