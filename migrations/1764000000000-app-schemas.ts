import { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMAS = ['identity', 'catalog', 'orders', 'payments', 'search', 'channels'];

/**
 * One schema per app, each with its own outbox (events written in the same transaction as the
 * change) and inbox (event ids a consumer has applied, so redelivery applies nothing twice).
 */
export class AppSchemas1764000000000 implements MigrationInterface {
  name = 'AppSchemas1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION public.pk_notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_' || TG_TABLE_SCHEMA, '');
        RETURN NULL;
      END $$`);
    for (const s of SCHEMAS) {
      await q.query(`CREATE SCHEMA IF NOT EXISTS "${s}"`);
      await q.query(`
        CREATE TABLE "${s}".outbox (
          id uuid PRIMARY KEY,
          name text NOT NULL,
          payload jsonb NOT NULL,
          occurred_at timestamptz NOT NULL DEFAULT now(),
          published_at timestamptz,
          attempts integer NOT NULL DEFAULT 0,
          next_attempt_at timestamptz NOT NULL DEFAULT now(),
          last_error text
        )`);
      await q.query(`CREATE INDEX outbox_pending_idx ON "${s}".outbox (next_attempt_at, occurred_at) WHERE published_at IS NULL`);
      await q.query(`
        CREATE TRIGGER outbox_notify AFTER INSERT ON "${s}".outbox
        FOR EACH STATEMENT EXECUTE FUNCTION public.pk_notify_outbox()`);
      await q.query(`
        CREATE TABLE "${s}".inbox (
          consumer text NOT NULL,
          event_id uuid NOT NULL,
          event_name text NOT NULL,
          processed_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (consumer, event_id)
        )`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const s of SCHEMAS) await q.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await q.query(`DROP FUNCTION IF EXISTS public.pk_notify_outbox()`);
  }
}
