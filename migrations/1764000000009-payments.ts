import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments: one payment per order (card through Stripe, or bank transfer to a virtual account),
 * provider webhooks stored before they are processed, refunds, and the payout ledger: balanced
 * postings of signed entries (they sum to zero), commission rates, payout batches.
 */
export class Payments1764000000009 implements MigrationInterface {
  name = 'Payments1764000000009';

  async up(q: QueryRunner): Promise<void> {
    // Virtual account numbers: the bank's prefix, then this sequence.
    await q.query(`CREATE SEQUENCE payments.virtual_account_seq START 1000001`);
    await q.query(`
      CREATE TABLE payments.payments (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL UNIQUE,
        order_number text NOT NULL,
        buyer_id uuid NOT NULL,
        method text NOT NULL CHECK (method IN ('card','bank_transfer')),
        provider text NOT NULL CHECK (provider IN ('stripe','bank_transfer')),
        provider_ref text UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','succeeded','failed','cancelled','expired')),
        amount bigint NOT NULL CHECK (amount > 0),
        captured bigint NOT NULL DEFAULT 0 CHECK (captured >= 0),
        refunded bigint NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= captured),
        instructions jsonb,
        idempotency_key text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        paid_at timestamptz,
        failure_reason text,
        confirmed_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX payments_buyer_idx ON payments.payments (buyer_id, created_at DESC)`);

    // Stored before anything is done with them; the provider's event id makes a redelivery a no-op.
    await q.query(`
      CREATE TABLE payments.webhook_events (
        provider text NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        object_ref text,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        deliveries int NOT NULL DEFAULT 1,
        processed_at timestamptz,
        outcome text,
        PRIMARY KEY (provider, event_id)
      )`);
    await q.query(`CREATE INDEX webhook_events_pending_idx ON payments.webhook_events (received_at) WHERE processed_at IS NULL`);

    await q.query(`
      CREATE TABLE payments.refunds (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL REFERENCES payments.payments(id),
        order_id uuid NOT NULL,
        shipment_id uuid,
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','succeeded','failed')),
        provider_ref text,
        reason text NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        requested_by uuid,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refunds_payment_idx ON payments.refunds (payment_id)`);

    // The ledger. A posting is one balanced event (a sale, a refund, a payout), once per key.
    await q.query(`
      CREATE TABLE payments.postings (
        id uuid PRIMARY KEY,
        key text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('sale','refund','adjustment','payout')),
        order_id uuid,
        shipment_id uuid,
        memo text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // account: 'artisan' (what is owed to artisan_id), 'platform:clearing' (buyers' money held),
    // 'platform:commission' (the council's revenue), 'platform:bank' (money paid out).
    // Artisan entries are pending until their shipment completes.
    await q.query(`
      CREATE TABLE payments.ledger_entries (
        id bigserial PRIMARY KEY,
        posting_id uuid NOT NULL REFERENCES payments.postings(id),
        account text NOT NULL CHECK (account IN ('artisan','platform:clearing','platform:commission','platform:bank')),
        artisan_id uuid,
        kind text NOT NULL CHECK (kind IN ('sale','commission','refund','adjustment','payout')),
        amount bigint NOT NULL,
        shipment_id uuid,
        state text NOT NULL DEFAULT 'available' CHECK (state IN ('pending','available')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((account = 'artisan') = (artisan_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ledger_artisan_idx ON payments.ledger_entries (artisan_id, id) WHERE account = 'artisan'`);
    await q.query(`CREATE INDEX ledger_shipment_idx ON payments.ledger_entries (shipment_id) WHERE shipment_id IS NOT NULL`);
    // The ledger only grows: corrections are new postings.
    await q.query(`
      CREATE FUNCTION payments.ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NEW.amount <> OLD.amount OR NEW.account <> OLD.account OR NEW.kind <> OLD.kind
           OR NEW.artisan_id IS DISTINCT FROM OLD.artisan_id OR NEW.posting_id <> OLD.posting_id THEN
          RAISE EXCEPTION 'ledger entries are append-only';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON payments.ledger_entries
      FOR EACH ROW EXECUTE FUNCTION payments.ledger_append_only()`);

    await q.query(`
      CREATE TABLE payments.commission_rates (
        category_slug text PRIMARY KEY,
        rate_bps int NOT NULL CHECK (rate_bps BETWEEN 0 AND 5000),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE payments.payouts (
        id uuid PRIMARY KEY,
        status text NOT NULL DEFAULT 'created' CHECK (status IN ('created','paid')),
        minimum bigint NOT NULL,
        total bigint NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        paid_by uuid,
        paid_at timestamptz,
        bank_reference text
      )`);
    await q.query(`
      CREATE TABLE payments.payout_items (
        payout_id uuid NOT NULL REFERENCES payments.payouts(id),
        artisan_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        bank jsonb NOT NULL,
        PRIMARY KEY (payout_id, artisan_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['payout_items', 'payouts', 'commission_rates', 'ledger_entries', 'postings', 'refunds', 'webhook_events', 'payments']) {
      await q.query(`DROP TABLE payments.${t}`);
    }
    await q.query(`DROP FUNCTION payments.ledger_append_only()`);
    await q.query(`DROP SEQUENCE payments.virtual_account_seq`);
  }
}
