import { MigrationInterface, QueryRunner } from 'typeorm';

const HOME_TABLES = ['artisans', 'listings'];

/** The home page's cache generation (catalog) and the log of every curator action (identity). */
export class HomeAudit1764000000015 implements MigrationInterface {
  name = 'HomeAudit1764000000015';

  async up(q: QueryRunner): Promise<void> {
    // Any write to what the home page shows bumps the generation its cache key carries.
    for (const table of HOME_TABLES) {
      await q.query(`
        CREATE TRIGGER ${table}_home_generation AFTER INSERT OR UPDATE OR DELETE ON catalog.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION catalog.bump_home_generation()`);
    }
    // The home page's regional best sellers.
    await q.query(`
      CREATE INDEX listings_home_region_idx ON catalog.listings (regency, units_sold DESC, published_at DESC, id)
      WHERE status = 'published'`);
    // One row per non-GET request of a curator, written before the handler runs (status and
    // finished_at stay null when the action never finished). No foreign key: the log outlives users.
    await q.query(`
      CREATE TABLE identity.curator_actions (
        id uuid PRIMARY KEY,
        curator_id uuid NOT NULL,
        curator_email text,
        action text NOT NULL,
        path text NOT NULL,
        targets jsonb NOT NULL DEFAULT '{}',
        body jsonb,
        request_id text,
        outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending','succeeded','failed')),
        status int,
        error_code text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX curator_actions_started_idx ON identity.curator_actions (started_at DESC, id DESC)`);
    await q.query(`CREATE INDEX curator_actions_curator_idx ON identity.curator_actions (curator_id, started_at DESC)`);
    await q.query(`CREATE INDEX curator_actions_action_idx ON identity.curator_actions (action text_pattern_ops, started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.curator_actions`);
    await q.query(`DROP INDEX catalog.listings_home_region_idx`);
    for (const table of HOME_TABLES) await q.query(`DROP TRIGGER ${table}_home_generation ON catalog.${table}`);
  }
}
