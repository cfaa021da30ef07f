import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders: carts (a buyer's, or an anonymous one by token), the address book, shipping rates,
 * checkouts keyed by the buyer's Idempotency-Key, orders split into one shipment per artisan with
 * frozen lines, every transition as history, complaints, reviews and notifications.
 */
export class Orders1764000000008 implements MigrationInterface {
  name = 'Orders1764000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders.carts (
        id uuid PRIMARY KEY,
        buyer_id uuid UNIQUE,
        anonymous_token text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((buyer_id IS NULL) <> (anonymous_token IS NULL))
      )`);
    await q.query(`
      CREATE TABLE orders.cart_lines (
        cart_id uuid NOT NULL REFERENCES orders.carts(id) ON DELETE CASCADE,
        variant_id uuid NOT NULL,
        quantity int NOT NULL CHECK (quantity BETWEEN 1 AND 20),
        -- the price when the buyer added it, to tell them when it changed
        seen_price bigint NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cart_id, variant_id)
      )`);

    await q.query(`
      CREATE TABLE orders.addresses (
        id uuid PRIMARY KEY,
        buyer_id uuid NOT NULL,
        label text,
        recipient text NOT NULL,
        phone text NOT NULL,
        street text NOT NULL,
        district text NOT NULL,
        city text NOT NULL,
        province text NOT NULL,
        postal_code text NOT NULL CHECK (postal_code ~ '^[0-9]{5}$'),
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX addresses_buyer_idx ON orders.addresses (buyer_id)`);
    await q.query(`CREATE UNIQUE INDEX addresses_one_default ON orders.addresses (buyer_id) WHERE is_default`);

    // Courier services by zone: a base fee for the first kilogram and a fee per further kilogram.
    await q.query(`
      CREATE TABLE orders.shipping_rates (
        courier text NOT NULL,
        service text NOT NULL,
        zone text NOT NULL CHECK (zone IN ('bali','java','nusa-tenggara','sumatra','kalimantan','sulawesi','east')),
        first_kg bigint NOT NULL CHECK (first_kg >= 0),
        next_kg bigint NOT NULL CHECK (next_kg >= 0),
        days_min int NOT NULL,
        days_max int NOT NULL,
        PRIMARY KEY (courier, service, zone)
      )`);

    await q.query(`CREATE SEQUENCE orders.order_number_seq`);
    await q.query(`
      CREATE TABLE orders.orders (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        buyer_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('pending_payment','paid','completed','cancelled')),
        payment_method text NOT NULL CHECK (payment_method IN ('card','bank_transfer')),
        payment_id uuid,
        reservation_id uuid,
        goods_total bigint NOT NULL CHECK (goods_total >= 0),
        shipping_total bigint NOT NULL CHECK (shipping_total >= 0),
        total bigint NOT NULL CHECK (total > 0),
        address jsonb NOT NULL,
        -- the buyer's Idempotency-Key and a hash of what they sent with it
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        payment_due_at timestamptz NOT NULL,
        paid_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (buyer_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX orders_buyer_idx ON orders.orders (buyer_id, created_at DESC)`);
    await q.query(`CREATE INDEX orders_payment_due_idx ON orders.orders (payment_due_at) WHERE status = 'pending_payment'`);

    await q.query(`
      CREATE TABLE orders.shipments (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders.orders(id),
        artisan_id uuid NOT NULL,
        -- the shop owner: their inbox, their notifications
        artisan_user_id uuid NOT NULL,
        shop_name text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending_payment','paid','accepted','shipped','delivered','completed','cancelled')),
        courier text NOT NULL,
        service text NOT NULL,
        shipping_fee bigint NOT NULL CHECK (shipping_fee >= 0),
        goods_total bigint NOT NULL CHECK (goods_total >= 0),
        weight_grams int NOT NULL,
        tracking_number text,
        paid_at timestamptz,
        accepted_at timestamptz,
        shipped_at timestamptz,
        delivered_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        reminded_at timestamptz,
        refunded bigint NOT NULL DEFAULT 0,
        complaint_open boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX shipments_order_idx ON orders.shipments (order_id)`);
    await q.query(`CREATE INDEX shipments_artisan_idx ON orders.shipments (artisan_user_id, created_at DESC)`);
    await q.query(`CREATE INDEX shipments_to_ship_idx ON orders.shipments (paid_at) WHERE status IN ('paid','accepted')`);
    await q.query(`CREATE INDEX shipments_shipped_idx ON orders.shipments (shipped_at) WHERE status IN ('shipped','delivered')`);

    await q.query(`
      CREATE TABLE orders.order_lines (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders.orders(id),
        shipment_id uuid NOT NULL REFERENCES orders.shipments(id),
        variant_id uuid NOT NULL,
        listing_id uuid NOT NULL,
        sku text NOT NULL,
        title text NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        category_slug text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        unit_price bigint NOT NULL CHECK (unit_price > 0),
        line_total bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX order_lines_shipment_idx ON orders.order_lines (shipment_id)`);
    await q.query(`CREATE INDEX order_lines_listing_idx ON orders.order_lines (listing_id)`);

    await q.query(`
      CREATE TABLE orders.history (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders.orders(id),
        shipment_id uuid,
        from_status text,
        to_status text NOT NULL,
        actor_id uuid,
        actor_role text NOT NULL,
        note text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX history_order_idx ON orders.history (order_id, id)`);

    await q.query(`
      CREATE TABLE orders.complaints (
        id uuid PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES orders.shipments(id),
        buyer_id uuid NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','refunded','rejected')),
        resolution text,
        resolved_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX complaints_one_open ON orders.complaints (shipment_id) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE orders.reviews (
        id uuid PRIMARY KEY,
        order_line_id uuid NOT NULL UNIQUE REFERENCES orders.order_lines(id),
        listing_id uuid NOT NULL,
        artisan_id uuid NOT NULL,
        buyer_id uuid NOT NULL,
        rating int NOT NULL CHECK (rating BETWEEN 1 AND 5),
        body text,
        reply text,
        replied_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reviews_listing_idx ON orders.reviews (listing_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE orders.notifications (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        emailed_at timestamptz,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON orders.notifications (user_id, created_at DESC)`);

    await seedRates(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notifications', 'reviews', 'complaints', 'history', 'order_lines', 'shipments', 'orders', 'shipping_rates', 'addresses', 'cart_lines', 'carts']) {
      await q.query(`DROP TABLE orders.${t}`);
    }
    await q.query(`DROP SEQUENCE orders.order_number_seq`);
  }
}

// Rupiah, in the style of JNE, J&T, SiCepat and POS: first kilogram, each further kilogram, days.
const RATES: Array<[string, string, Record<string, [number, number, number, number]>]> = [
  ['JNE', 'REG', { bali: [10000, 8000, 1, 2], java: [19000, 15000, 2, 3], 'nusa-tenggara': [24000, 20000, 2, 4], sumatra: [36000, 30000, 3, 5], kalimantan: [38000, 32000, 3, 5], sulawesi: [40000, 34000, 3, 6], east: [78000, 70000, 5, 8] }],
  ['JNE', 'YES', { bali: [18000, 14000, 1, 1], java: [34000, 28000, 1, 1], 'nusa-tenggara': [42000, 36000, 1, 2], sumatra: [60000, 52000, 1, 2], kalimantan: [64000, 56000, 1, 2], sulawesi: [66000, 58000, 1, 2], east: [120000, 110000, 2, 3] }],
  ['J&T', 'EZ', { bali: [9000, 8000, 1, 2], java: [18000, 15000, 2, 4], 'nusa-tenggara': [23000, 19000, 2, 4], sumatra: [35000, 29000, 3, 6], kalimantan: [37000, 31000, 3, 6], sulawesi: [39000, 33000, 4, 6], east: [75000, 68000, 5, 9] }],
  ['SiCepat', 'REG', { bali: [9000, 7000, 1, 2], java: [17000, 14000, 2, 3], 'nusa-tenggara': [22000, 18000, 2, 4], sumatra: [34000, 28000, 3, 5], kalimantan: [36000, 30000, 3, 5], sulawesi: [38000, 32000, 3, 6], east: [74000, 66000, 5, 8] }],
  ['SiCepat', 'BEST', { bali: [15000, 12000, 1, 1], java: [30000, 25000, 1, 2], 'nusa-tenggara': [38000, 32000, 1, 2], sumatra: [55000, 48000, 1, 2], kalimantan: [58000, 50000, 2, 3], sulawesi: [60000, 52000, 2, 3], east: [110000, 100000, 2, 4] }],
  ['POS', 'Kilat Khusus', { bali: [8000, 7000, 2, 3], java: [16000, 14000, 2, 4], 'nusa-tenggara': [21000, 18000, 3, 5], sumatra: [32000, 28000, 3, 6], kalimantan: [34000, 30000, 4, 7], sulawesi: [36000, 31000, 4, 7], east: [70000, 64000, 6, 10] }],
];

async function seedRates(q: QueryRunner): Promise<void> {
  for (const [courier, service, zones] of RATES) {
    for (const [zone, [first, next, dmin, dmax]] of Object.entries(zones)) {
      await q.query(
        `INSERT INTO orders.shipping_rates (courier, service, zone, first_kg, next_kg, days_min, days_max) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [courier, service, zone, first, next, dmin, dmax],
      );
    }
  }
}
