import { Client } from 'pg';
import request, { Response } from 'supertest';
import { newId } from '@pk/core';
import { TestSystem, bootSystem } from './support/apps';
import { insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { Session, bearer } from './support/http';
import {
  Artisan,
  Buyer,
  checkout,
  checkoutBody,
  checkoutOk,
  getOrder,
  newArtisan,
  newBuyer,
  newBuyers,
  newCurator,
  paidOrder,
  variantStock,
} from './support/orders';
import { freePort } from './support/ports';

/** What a buyer's cart holds now, by variant. */
async function cartOf(sys: TestSystem, buyer: Buyer): Promise<Array<[string, number]>> {
  const cart = (await request(sys.http).get('/api/v1/cart').set(bearer(buyer.session)).expect(200)).body;
  return cart.groups.flatMap((g: { lines: Array<{ variantId: string; quantity: number }> }) => g.lines.map((l) => [l.variantId, l.quantity]));
}

const count = async (sys: TestSystem, sql: string, params: unknown[]): Promise<number> =>
  (await queryDb<{ n: number }>(sys, `SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

describe('checkout: idempotency, compensations, authorization, concurrency', () => {
  let sys: TestSystem;
  let curator: Session;
  let artisan: Artisan;
  let other: Artisan;

  beforeAll(async () => {
    // Card payments go to a Stripe that is not there: nothing listens on this port.
    const nowhere = await freePort();
    sys = await bootSystem('checkout', {
      services: ['catalog', 'orders', 'payments'],
      env: { STRIPE_SECRET_KEY: 'sk_test_nowhere0123456789', STRIPE_WEBHOOK_SECRET: 'whsec_nowhere', STRIPE_API_URL: `http://127.0.0.1:${nowhere}` },
    });
    [curator, artisan, other] = await Promise.all([newCurator(sys), newArtisan(sys), newArtisan(sys)]);
  });
  afterAll(() => sys?.close());

  const api = () => request(sys.http);

  it('returns the same order and payment for a retry under the same key, and refuses another body under it', async () => {
    const { variants: [v] } = await insertListing(sys, artisan.artisanId, { variants: [{ price: 200_000n, stock: 5 }] });
    const buyer = await newBuyer(sys, [{ variantId: v.id, quantity: 2 }]);
    const body = checkoutBody(buyer, { [artisan.artisanId]: 'JNE:REG' });
    const key = newId();

    const first = await checkoutOk(sys, buyer, body, key);
    const again = await checkout(sys, buyer, body, key);
    expect(again.status).toBe(201);
    expect(again.body.order.id).toBe(first.order.id);
    expect(again.body.payment.id).toBe(first.payment.id);
    expect(again.body.payment.instructions.virtualAccount).toBe(first.payment.instructions!.virtualAccount);

    // The same key for another checkout: refused, naming the order the key made.
    const reused = await checkout(sys, buyer, { ...body, shipping: { [artisan.artisanId]: 'pickup' } }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(reused.body.error.details).toMatchObject({ orderNumber: first.order.number });
    expect((await checkout(sys, buyer, { ...body, paymentMethod: 'card' }, key)).status).toBe(422);

    // One order, one reservation, one payment; the stock went down once.
    expect(await count(sys, `orders.orders WHERE buyer_id = $1`, [buyer.session.user.id])).toBe(1);
    expect(await count(sys, `catalog.reservations WHERE buyer_id = $1`, [buyer.session.user.id])).toBe(1);
    expect(await count(sys, `payments.payments WHERE buyer_id = $1`, [buyer.session.user.id])).toBe(1);
    expect(await variantStock(sys, v.id)).toBe(3);

    // A checkout needs a key worth the name.
    const keyless = await api().post('/api/v1/checkout').set(bearer(buyer.session)).send(body);
    expect(keyless.status).toBe(400);
    expect(keyless.body.error.details.map((d: { field: string }) => d.field)).toEqual(['idempotencyKey']);
  });

  it('makes one order of concurrent checkouts under one key', async () => {
    const { variants: [v] } = await insertListing(sys, artisan.artisanId, { variants: [{ price: 90_000n, stock: 10 }] });
    const buyer = await newBuyer(sys, [{ variantId: v.id, quantity: 3 }]);
    const body = checkoutBody(buyer, { [artisan.artisanId]: 'SiCepat:REG' });
    const key = newId();

    const answers = await Promise.all(Array.from({ length: 8 }, () => checkout(sys, buyer, body, key)));
    const made = answers.filter((r) => r.status === 201);
    expect(made.length).toBeGreaterThan(0);
    expect(new Set(made.map((r) => r.body.order.id)).size).toBe(1);
    // A request that overtook the first one's payment is told to look again, never given a second order.
    for (const r of answers.filter((a) => a.status !== 201)) expect([r.status, r.body.error.code]).toEqual([409, 'conflict']);

    expect(await count(sys, `orders.orders WHERE buyer_id = $1`, [buyer.session.user.id])).toBe(1);
    expect(await count(sys, `catalog.reservations WHERE buyer_id = $1 AND status = 'held'`, [buyer.session.user.id])).toBe(1);
    expect(await count(sys, `payments.payments WHERE buyer_id = $1`, [buyer.session.user.id])).toBe(1);
    expect(await variantStock(sys, v.id)).toBe(7);
    // Once settled, the key answers with that order.
    const later = await checkout(sys, buyer, body, key);
    expect([later.status, later.body.order.id]).toEqual([201, made[0].body.order.id]);
  });

  it('cancels the order, saying why, and gives the stock back when the payment cannot be created', async () => {
    const { variants: [v] } = await insertListing(sys, artisan.artisanId, { variants: [{ price: 300_000n, stock: 4 }] });
    const buyer = await newBuyer(sys, [{ variantId: v.id, quantity: 2 }]);
    const key = newId();

    const res = await checkout(sys, buyer, checkoutBody(buyer, { [artisan.artisanId]: 'JNE:REG' }, 'card'), key);
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('payment_provider_unavailable');
    expect(res.body.error.message).toMatch(/payment provider is unavailable.*try again/i);

    // The order the saga made is cancelled with its reason, its payment failed, its stock back.
    const orders = (await api().get('/api/v1/orders').set(bearer(buyer.session)).expect(200)).body;
    expect(orders.total).toBe(1);
    const [order] = orders.items;
    expect(order).toMatchObject({ status: 'cancelled', paymentStatus: 'cancelled', cancelReason: expect.stringMatching(/^payment could not be created: /) });
    expect(order.shipments.map((s: { status: string }) => s.status)).toEqual(['cancelled']);
    const [reservation] = await queryDb(sys, `SELECT status, release_reason FROM catalog.reservations WHERE buyer_id = $1`, [buyer.session.user.id]);
    expect(reservation).toEqual({ status: 'released', release_reason: 'cancelled' });
    expect(await variantStock(sys, v.id)).toBe(4);
    const [payment] = await queryDb(sys, `SELECT status, failure_reason FROM payments.payments WHERE order_id = $1`, [order.id]);
    expect(payment).toMatchObject({ status: 'failed', failure_reason: expect.any(String) });
    const history = await queryDb(sys, `SELECT from_status, to_status, actor_role FROM orders.history WHERE order_id = $1 AND shipment_id IS NULL ORDER BY id`, [order.id]);
    expect(history).toEqual([
      { from_status: null, to_status: 'pending_payment', actor_role: 'buyer' },
      { from_status: 'pending_payment', to_status: 'cancelled', actor_role: 'system' },
    ]);

    // A retry under the key does not pass the failed checkout off as made.
    const retry = await checkout(sys, buyer, checkoutBody(buyer, { [artisan.artisanId]: 'JNE:REG' }, 'card'), key);
    expect(retry.status).toBeGreaterThanOrEqual(400);
    expect(await count(sys, `orders.orders WHERE buyer_id = $1`, [buyer.session.user.id])).toBe(1);
    // Nothing half-done: the buyer still has what they meant to buy, and can pay another way.
    expect(await cartOf(sys, buyer)).toEqual([[v.id, 2]]);
    const byTransfer = await checkoutOk(sys, buyer, checkoutBody(buyer, { [artisan.artisanId]: 'JNE:REG' }));
    expect(byTransfer.order.status).toBe('pending_payment');
    expect(await variantStock(sys, v.id)).toBe(2);
  });

  it('holds nothing when a reservation fails because another buyer took the stock', async () => {
    // Plenty of X, the last Y. X's id sorts first, so the catalog takes X before it meets Y.
    const { variants: [x] } = await insertListing(sys, artisan.artisanId, { variants: [{ price: 150_000n, stock: 5 }] });
    const { variants: [y] } = await insertListing(sys, other.artisanId, { variants: [{ price: 450_000n, stock: 1 }] });
    expect(x.id < y.id).toBe(true);
    const buyer = await newBuyer(sys, [{ variantId: x.id, quantity: 2 }, { variantId: y.id, quantity: 1 }]);
    const rival = await newBuyer(sys, [{ variantId: y.id, quantity: 1 }]);
    const body = checkoutBody(buyer, { [artisan.artisanId]: 'JNE:REG', [other.artisanId]: 'pickup' });

    // The rival's reservation holds Y's row while the buyer's checkout passes the cart check and
    // reaches the reservation step; it finds Y gone when the rival commits.
    const holder = new Client({ connectionString: sys.db.url });
    await holder.connect();
    let res: Response;
    try {
      await holder.query('BEGIN');
      await holder.query(`UPDATE catalog.variants SET stock = stock - 1 WHERE id = $1`, [y.id]);
      const pending = checkout(sys, buyer, body).then((r) => r);
      await eventually(async () => {
        const [{ waiting }] = await queryDb<{ waiting: number }>(sys,
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        expect(waiting).toBeGreaterThan(0);
      });
      await holder.query('COMMIT');
      res = await pending;
    } finally {
      await holder.end();
    }
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('insufficient_stock');
    expect(res.body.error.details).toEqual([{ variantId: y.id, sku: y.sku, requested: 1, available: 0 }]);

    // All or nothing: X was given back with the rest, no reservation, order or payment remains.
    expect(await variantStock(sys, x.id)).toBe(5);
    expect(await variantStock(sys, y.id)).toBe(0);
    expect(await count(sys, `catalog.reservations WHERE buyer_id = $1`, [buyer.session.user.id])).toBe(0);
    expect(await count(sys, `orders.orders WHERE buyer_id = $1`, [buyer.session.user.id])).toBe(0);
    expect(await count(sys, `payments.payments WHERE buyer_id = $1`, [buyer.session.user.id])).toBe(0);
    expect(await count(sys, `catalog.stock_movements WHERE variant_id = $1`, [x.id])).toBe(0);
    expect(await cartOf(sys, buyer)).toEqual([[x.id, 2], [y.id, 1]]);

    // Asked after the stock is gone, the checkout says so before reserving anything.
    const late = await checkout(sys, rival, checkoutBody(rival, { [other.artisanId]: 'pickup' }));
    expect(late.status).toBe(409);
    expect(['insufficient_stock', 'cart_problem']).toContain(late.body.error.code);
    expect(JSON.stringify(late.body.error.details)).toContain(y.id);
    expect(await count(sys, `catalog.reservations WHERE buyer_id = $1`, [rival.session.user.id])).toBe(0);
  });

  it("never lets a buyer read or act on another buyer's order, nor an artisan on another's shipment", async () => {
    const { variants: [a] } = await insertListing(sys, artisan.artisanId, { variants: [{ price: 120_000n, stock: 10 }] });
    const { variants: [b] } = await insertListing(sys, other.artisanId, { variants: [{ price: 80_000n, stock: 10 }] });
    const shipping = { [artisan.artisanId]: 'JNE:REG', [other.artisanId]: 'J&T:EZ' };
    const [ketut, wayan] = await Promise.all([
      newBuyer(sys, [{ variantId: a.id, quantity: 1 }, { variantId: b.id, quantity: 1 }]),
      newBuyer(sys, [{ variantId: b.id, quantity: 2 }]),
    ]);
    const order = await paidOrder(sys, ketut, curator, shipping);
    const own = await paidOrder(sys, wayan, curator, { [other.artisanId]: 'J&T:EZ' });
    const mine = order.shipments.find((s) => s.artisanId === artisan.artisanId)!;
    const theirs = order.shipments.find((s) => s.artisanId === other.artisanId)!;
    await api().post(`/api/v1/artisan/shipments/${mine.id}/ship`).set(bearer(artisan.session)).send({ trackingNumber: 'JNE-1000200030' }).expect(200);

    const notFound = (r: Response) => {
      expect([r.status, r.body.error?.code]).toEqual([404, 'not_found']);
      return r.body.error.message as string;
    };
    // Whatever id Wayan tries: Ketut's order, a shipment id, the payment id, a made-up one. The
    // answer is the same as for an order that does not exist, so ids are not confirmed.
    const tried = [order.id, mine.id, order.paymentId!, newId()];
    const messages = new Set<string>();
    for (const id of tried) {
      messages.add(notFound(await api().get(`/api/v1/orders/${id}`).set(bearer(wayan.session))));
      notFound(await api().post(`/api/v1/orders/${id}/cancel`).set(bearer(wayan.session)).send({ reason: 'bukan punya saya' }));
      notFound(await api().post(`/api/v1/shipments/${id}/confirm-receipt`).set(bearer(wayan.session)));
      notFound(await api().post(`/api/v1/shipments/${id}/complaints`).set(bearer(wayan.session)).send({ reason: 'Barang tidak sesuai dengan foto di toko.' }));
    }
    expect(messages).toEqual(new Set(['No such order.']));
    await api().get('/api/v1/orders/not-a-uuid').set(bearer(wayan.session)).expect(400);
    // Wayan's list holds Wayan's order only; the council's views are not Wayan's to open.
    const list = (await api().get('/api/v1/orders').set(bearer(wayan.session)).expect(200)).body;
    expect(list.items.map((o: { id: string }) => o.id)).toEqual([own.id]);
    await api().get(`/api/v1/curation/orders/${order.id}`).set(bearer(wayan.session)).expect(403);
    await api().get('/api/v1/curation/orders').set(bearer(wayan.session)).expect(403);
    // Payments too: another buyer's is not found; one's own is there.
    notFound(await api().get(`/api/v1/payments/${order.paymentId}`).set(bearer(wayan.session)));
    await api().get(`/api/v1/payments/${own.paymentId}`).set(bearer(wayan.session)).expect(200);

    // The artisans: each inbox holds that artisan's shipments only.
    const inbox = async (who: Artisan) => (await api().get('/api/v1/artisan/shipments').set(bearer(who.session)).expect(200)).body.items as Array<{ id: string; orderId: string }>;
    const otherShipments = (await queryDb<{ id: string }>(sys, `SELECT id FROM orders.shipments WHERE artisan_user_id = $1 AND paid_at IS NOT NULL`, [other.session.user.id])).map((r) => r.id);
    expect((await inbox(other)).map((s) => s.id).sort()).toEqual(otherShipments.sort());
    expect((await inbox(other)).map((s) => s.id)).toEqual(expect.arrayContaining([theirs.id, own.shipments[0].id]));
    expect((await inbox(other)).map((s) => s.id)).not.toContain(mine.id);
    expect((await inbox(artisan)).map((s) => s.id)).not.toContain(theirs.id);
    // …and cannot move another's shipment, nor read the buyer's order, nor confirm receipt for them.
    notFound(await api().post(`/api/v1/artisan/shipments/${mine.id}/accept`).set(bearer(other.session)));
    notFound(await api().post(`/api/v1/artisan/shipments/${mine.id}/ship`).set(bearer(other.session)).send({ trackingNumber: 'FAKE-0000000001' }));
    notFound(await api().post(`/api/v1/artisan/shipments/${mine.id}/deliver`).set(bearer(other.session)));
    notFound(await api().post(`/api/v1/artisan/shipments/${theirs.id}/ship`).set(bearer(artisan.session)).send({ trackingNumber: 'FAKE-0000000002' }));
    notFound(await api().get(`/api/v1/orders/${order.id}`).set(bearer(other.session)));
    notFound(await api().post(`/api/v1/shipments/${theirs.id}/confirm-receipt`).set(bearer(other.session)));
    // A buyer is not the artisan either.
    notFound(await api().post(`/api/v1/artisan/shipments/${theirs.id}/accept`).set(bearer(ketut.session)));

    // Nothing anyone tried changed Ketut's order.
    const after = await getOrder(sys, ketut.session, order.id);
    expect(after.status).toBe('paid');
    expect(after.shipments.map((s) => [s.id, s.status, s.trackingNumber])).toEqual(
      order.shipments.map((s) => (s.id === mine.id ? [s.id, 'shipped', 'JNE-1000200030'] : [s.id, 'paid', null])),
    );
    expect(await count(sys, `orders.complaints WHERE shipment_id = ANY($1::uuid[])`, [[mine.id, theirs.id]])).toBe(0);
  });

  it('sells the last 10 units to exactly 10 of 300 buyers checking out at once, never below zero', async () => {
    const { variants: [last] } = await insertListing(sys, artisan.artisanId, { variants: [{ price: 275_000n, stock: 10 }] });
    const buyers = await newBuyers(sys, 300, () => [{ variantId: last.id, quantity: 1 }], 30);
    const shipping = { [artisan.artisanId]: 'JNE:REG' };

    // Watch the stock while the checkouts race.
    const watcher = new Client({ connectionString: sys.db.url });
    await watcher.connect();
    const seen: number[] = [];
    let racing = true;
    const watching = (async () => {
      while (racing) {
        seen.push((await watcher.query(`SELECT stock FROM catalog.variants WHERE id = $1`, [last.id])).rows[0].stock);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    let answers: Response[];
    try {
      answers = await Promise.all(buyers.map((b) => checkout(sys, b, checkoutBody(b, shipping))));
    } finally {
      racing = false;
      await watching;
      await watcher.end();
    }

    const sold = answers.filter((r) => r.status === 201);
    const refused = answers.filter((r) => r.status !== 201);
    expect(sold).toHaveLength(10);
    // Each loser hears the item is gone: from the reservation step (insufficient_stock), or, once
    // the stock reads 0, from the cart check before anything is reserved (cart_problem).
    const gone = refused.map((r) => {
      const { code, details } = r.body.error ?? {};
      const line = code === 'cart_problem' ? details.problems?.[0] : details?.[0];
      return [r.status, code === 'cart_problem' ? `${code}:${line?.code}` : code, line?.variantId, line?.available];
    });
    expect(refused).toHaveLength(290);
    const fine = (g: unknown[]) => g[0] === 409 && ['insufficient_stock', 'cart_problem:out_of_stock'].includes(g[1] as string) && g[2] === last.id && g[3] === 0;
    expect(gone.filter((g) => !fine(g))).toEqual([]);

    expect(seen.length).toBeGreaterThan(0);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
    expect(await variantStock(sys, last.id)).toBe(0);
    // The stock ledger: ten one-unit takes, 10 → 0, no step below zero.
    const moves = await queryDb<{ from_stock: number; to_stock: number }>(sys, `SELECT from_stock, to_stock FROM catalog.stock_movements WHERE variant_id = $1 ORDER BY id`, [last.id]);
    expect(moves.map((m) => [m.from_stock, m.to_stock])).toEqual(Array.from({ length: 10 }, (_, i) => [10 - i, 9 - i]));
    const [orders] = await queryDb<{ orders: number; units: number }>(sys,
      `SELECT count(DISTINCT l.order_id)::int AS orders, sum(l.quantity)::int AS units FROM orders.order_lines l WHERE l.variant_id = $1`, [last.id]);
    expect(orders).toEqual({ orders: 10, units: 10 });
    expect(await count(sys, `catalog.reservations r JOIN catalog.reservation_lines l ON l.reservation_id = r.id WHERE l.variant_id = $1 AND r.status = 'held'`, [last.id])).toBe(10);
    expect(new Set(sold.map((r) => r.body.order.buyerId)).size).toBe(10);
    // Nobody else got an order, or holds anything.
    const ids = buyers.map((b) => b.session.user.id);
    expect(await count(sys, `orders.orders WHERE buyer_id = ANY($1::uuid[])`, [ids])).toBe(10);
    expect(await count(sys, `catalog.reservations WHERE buyer_id = ANY($1::uuid[])`, [ids])).toBe(10);
  }, 120_000);
});
