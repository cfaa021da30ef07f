import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search index's bookkeeping. `listing_state` holds, per listing, the version the index last
 * took and whether it is public: events that arrive late (an older version) are skipped, and a row
 * lock per listing orders every write to the index for that listing (events, reindex batches,
 * repairs). `runs` records reindex and reconcile runs with their progress.
 */
export class Search1764000000006 implements MigrationInterface {
  name = 'Search1764000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search.listing_state (
        listing_id uuid PRIMARY KEY,
        version int NOT NULL DEFAULT 0,
        public boolean NOT NULL DEFAULT false,
        indexed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE search.runs (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('reindex','reconcile')),
        trigger text NOT NULL CHECK (trigger IN ('api','schedule','command','recovery')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed')),
        done int NOT NULL DEFAULT 0,
        total int NOT NULL DEFAULT 0,
        result jsonb,
        error text,
        requested_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX runs_created_idx ON search.runs (created_at DESC)`);
    // One reindex at a time: a second request while one is queued or running gets that one.
    await q.query(`CREATE UNIQUE INDEX runs_one_active_reindex ON search.runs (kind) WHERE kind = 'reindex' AND status IN ('queued','running')`);
    // Small facts about the index: the settings version applied, the index being built by a reindex.
    await q.query(`CREATE TABLE search.meta (key text PRIMARY KEY, value text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search.meta`);
    await q.query(`DROP TABLE search.runs`);
    await q.query(`DROP TABLE search.listing_state`);
  }
}
