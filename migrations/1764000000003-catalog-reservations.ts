import { MigrationInterface, QueryRunner } from 'typeorm';

/** Stock held for a checkout: a reservation per buyer and idempotency key, one line per variant. */
export class CatalogReservations1764000000003 implements MigrationInterface {
  name = 'CatalogReservations1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog.reservations (
        id uuid PRIMARY KEY,
        buyer_id uuid NOT NULL,
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 100),
        status text NOT NULL DEFAULT 'held' CHECK (status IN ('held','committed','released')),
        release_reason text CHECK (release_reason IN ('cancelled','expired')),
        expires_at timestamptz NOT NULL,
        committed_at timestamptz,
        released_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (buyer_id, idempotency_key),
        CHECK ((status = 'released') = (release_reason IS NOT NULL))
      )`);
    // The sweeper's question: which held reservations have run out?
    await q.query(`CREATE INDEX reservations_held_expiry_idx ON catalog.reservations (expires_at) WHERE status = 'held'`);

    // Lines copy what the order freezes (listing, shop, SKU, price). No foreign key to variants:
    // a variant removed later must not be blocked by, or break, old reservations.
    await q.query(`
      CREATE TABLE catalog.reservation_lines (
        reservation_id uuid NOT NULL REFERENCES catalog.reservations(id) ON DELETE CASCADE,
        variant_id uuid NOT NULL,
        listing_id uuid NOT NULL,
        artisan_id uuid NOT NULL,
        sku text NOT NULL,
        quantity int NOT NULL CHECK (quantity BETWEEN 1 AND 100),
        unit_price bigint NOT NULL CHECK (unit_price > 0),
        PRIMARY KEY (reservation_id, variant_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalog.reservation_lines`);
    await q.query(`DROP TABLE catalog.reservations`);
  }
}
