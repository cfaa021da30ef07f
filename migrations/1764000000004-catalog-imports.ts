import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bulk CSV imports of a shop's listings: the file, the job's status and progress, what it made. */
export class CatalogImports1764000000004 implements MigrationInterface {
  name = 'CatalogImports1764000000004';

  async up(q: QueryRunner): Promise<void> {
    // The job re-reads the stored file (not parsed rows), so it checks it again against the
    // shop as it is when the job runs, with the same code as the preview.
    await q.query(`
      CREATE TABLE catalog.imports (
        id uuid PRIMARY KEY,
        artisan_id uuid NOT NULL REFERENCES catalog.artisans(id),
        requested_by uuid NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed')),
        csv text NOT NULL,
        total_rows int NOT NULL CHECK (total_rows > 0),
        processed_rows int NOT NULL DEFAULT 0,
        listings_to_create int NOT NULL DEFAULT 0,
        listings_to_update int NOT NULL DEFAULT 0,
        created_listing_ids uuid[] NOT NULL DEFAULT '{}',
        updated_listing_ids uuid[] NOT NULL DEFAULT '{}',
        errors jsonb NOT NULL DEFAULT '[]',
        attempts int NOT NULL DEFAULT 0,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX imports_artisan_idx ON catalog.imports (artisan_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalog.imports`);
  }
}
