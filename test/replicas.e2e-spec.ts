import { Job, Queue } from 'bullmq';
import fs from 'node:fs';
import path from 'node:path';
import IORedis from 'ioredis';
import { YAML11_SCHEMA, load } from 'js-yaml';
import request from 'supertest';
import { ChannelsJobs, MarkJobs, MarkQueues, OrdersJobs, QUEUES_BY_APP, Queues, ReservationJobs, SERVICE_NAMES, SearchJobs } from '@pk/contracts';
import { newId } from '@pk/core';
import { producerConnection } from '@pk/messaging';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer, register, registerWithRoles } from './support/http';
import { ThrowawayMeili } from './support/meili-server';
import { checkout, checkoutBody, checkoutOk, confirmTransfer, fillCart, getOrder, newArtisan, newBuyer, variantStock, waitForStatus } from './support/orders';
import { insertListing } from './support/catalog-fixtures';
import { Replicas, bootReplicas } from './support/replicas';
import { IdentityModule } from '../apps/gateway/src/identity/identity.module';
import { IdentityService } from '../apps/gateway/src/identity/identity.service';
import { ListingSpec, addPhoto, listingBody, search, seedShop } from './support/search';

// Two replicas of every app on one database, Redis prefix and index prefix (issue 17). Replica A
// runs in this process, replica B in a child process; each gateway reaches its own set.

/** Schedules made short, so a few periods pass in seconds. */
const SHORT_SCHEDULES = {
  RESERVATION_SWEEP_SECONDS: '1',
  MARKS_SWEEP_SECONDS: '1',
  ORDERS_SWEEP_SECONDS: '1',
  SEARCH_RECONCILE_SECONDS: '2',
  CHANNEL_TOKEN_REFRESH_CRON: '*/2 * * * * *',
};

/** The schedules whose ticks the test counts, with the period each was given above. */
const TIMED = [
  { what: 'reservation sweep', queue: Queues.catalogReservations, job: ReservationJobs.sweep, periodMs: 1000 },
  { what: 'mark expiry sweep', queue: MarkQueues.sweep, job: MarkJobs.sweep, periodMs: 1000 },
  { what: 'fulfilment sweep', queue: Queues.ordersFulfilment, job: OrdersJobs.sweep, periodMs: 1000 },
  { what: 'search reconcile', queue: Queues.searchMaintenance, job: SearchJobs.run, periodMs: 2000 },
  { what: 'channel token refresh', queue: Queues.channelsExport, job: ChannelsJobs.tokenRefresh, periodMs: 2000 },
];

const ENDEK: ListingSpec = {
  titleId: 'Kain endek Sidemen motif keker',
  titleEn: 'Sidemen endek cloth, keker motif',
  category: 'endek',
  regency: 'karangasem',
  variants: [{ price: 450_000, stock: 6 }],
};

describe('two replicas of every app', () => {
  let r: Replicas;
  let meili: ThrowawayMeili;
  const queues = new Map<string, Queue>();
  const connections: IORedis[] = [];
  const connection = () => {
    const c = producerConnection(r.a.config.redisUrl);
    connections.push(c);
    return c;
  };

  beforeAll(async () => {
    // A Meilisearch of the suite's own: one test stops it and starts it again.
    meili = await ThrowawayMeili.create();
    r = await bootReplicas('replicas', { env: { ...meili.env, ...SHORT_SCHEDULES } });
    for (const name of Object.values(QUEUES_BY_APP).flat()) {
      queues.set(name, new Queue(name, { connection: connection(), prefix: r.a.config.redisPrefix }));
    }
  }, 150_000);
  afterAll(async () => {
    await Promise.all([...queues.values()].map((q) => q.close()));
    // BullMQ does not close a connection it was handed.
    for (const c of connections) c.disconnect();
    await r?.close();
    await meili?.dispose();
  });

  it('runs two replicas of every app in docker-compose.yml, the gateways behind one published port', () => {
    // No Docker engine here: the file is read as Compose reads it (YAML 1.1, with << merge keys).
    type Service = { deploy?: { replicas?: number }; ports?: string[]; profiles?: string[]; environment?: Record<string, string>; image?: string };
    const compose = load(fs.readFileSync(path.resolve(__dirname, '..', 'docker-compose.yml'), 'utf8'), { schema: YAML11_SCHEMA }) as {
      services: Record<string, Service>;
      configs: Record<string, { content: string }>;
    };
    for (const app of [...SERVICE_NAMES, 'gateway']) {
      expect({ app, replicas: compose.services[app]?.deploy?.replicas }).toEqual({ app, replicas: 2 });
      expect({ app, ports: compose.services[app].ports }).toEqual({ app, ports: undefined });
      // Services are found by name (Docker's DNS answers with every replica), never a fixed container.
      for (const name of SERVICE_NAMES) expect(compose.services[app].environment?.[`${name.toUpperCase()}_HOST`]).toBe(name);
    }
    // Only the edge proxy publishes a port; it reaches the gateways by name, re-resolved as they come and go.
    // (The single-process alternative, in its own profile, publishes its own when asked for.)
    const published = Object.entries(compose.services).filter(([, s]) => !s.profiles && s.ports?.length).map(([name]) => name);
    expect(compose.services.marketplace).toMatchObject({ profiles: ['single'], environment: { PK_PROCESSES: 'single' } });
    expect(published).toEqual(['edge']);
    const nginx = compose.configs['edge-nginx'].content;
    expect(nginx).toMatch(/resolver 127\.0\.0\.11 valid=\d+s/);
    expect(nginx).toContain('proxy_pass $$gateway;');
    expect(nginx).toContain('set $$gateway http://gateway:3000;');
    expect(compose.services.gateway.environment?.TRUST_PROXY).toBe('on');
  });

  it('takes a buyer, an artisan and a curator through either gateway', async () => {
    const { a, b } = r;
    const curator = await registerWithRoles(a, ['curator']);
    const shop = await seedShop(a, { name: 'Tenun Sidemen', regency: 'karangasem' });
    // The artisan lists through A; the curator approves through B.
    const created = await request(a.http).post('/api/v1/listings').set(bearer(shop.session)).send(listingBody(ENDEK));
    expect(created.status).toBe(201);
    const listing = await publishDraft(r, shop.session.accessToken, created.body.id, curator.accessToken);
    const variantId = listing.variants[0].id;

    // The buyer registers on A, finds the cloth on B's search and checks out on B.
    const buyer = await newBuyer(a);
    const found = await eventually(async () => {
      const page = await search(b, { q: 'endek keker' });
      expect(page.hits.map((h) => h.id)).toContain(listing.id);
      return page;
    }, { timeoutMs: 20_000, intervalMs: 200 });
    expect(found.total).toBe(1);
    await fillCart(b, buyer, [{ variantId, quantity: 2 }]);
    const { order, payment } = await checkoutOk(b, buyer, checkoutBody(buyer, { [shop.artisanId]: 'JNE:REG' }));
    expect(await variantStock(a, variantId)).toBe(4);

    // The curator confirms the transfer on B; the buyer sees it paid on A.
    await confirmTransfer(b, curator, payment.id);
    const paid = await waitForStatus(a, buyer.session, order.id, 'paid', 20_000);
    const shipment = paid.shipments[0];

    // The artisan ships through A; the buyer reads the tracking number through B.
    await request(a.http)
      .post(`/api/v1/artisan/shipments/${shipment.id}/ship`)
      .set(bearer(shop.session))
      .send({ trackingNumber: 'JNE0099887766' })
      .expect(200);
    const seen = await getOrder(b, buyer.session, order.id);
    expect(seen.shipments[0]).toMatchObject({ status: 'shipped', trackingNumber: 'JNE0099887766' });

    // Both replicas' search index the sale: the stock left, through either gateway.
    await eventually(async () => {
      for (const gateway of [a, b]) {
        const page = await search(gateway, { q: 'endek keker' });
        expect(page.hits.find((h) => h.id === listing.id)).toMatchObject({ stockTotal: 4 });
      }
    }, { timeoutMs: 20_000, intervalMs: 200 });
    // One order, one payment, one reservation: nothing made twice by the two sets.
    const [counts] = await queryDb<{ orders: number; payments: number; reservations: number }>(
      a,
      `SELECT (SELECT count(*)::int FROM orders.orders WHERE buyer_id = $1) AS orders,
              (SELECT count(*)::int FROM payments.payments WHERE buyer_id = $1) AS payments,
              (SELECT count(*)::int FROM catalog.reservations WHERE buyer_id = $1) AS reservations`,
      [buyer.session.user.id],
    );
    expect(counts).toEqual({ orders: 1, payments: 1, reservations: 1 });
  }, 90_000);

  it('finishes, on the retry through the other gateway, a checkout whose replica died between its order and its payment', async () => {
    const artisan = await newArtisan(r.a);
    const { variants: [v] } = await insertListing(r.a, artisan.artisanId, { variants: [{ price: 275_000n, stock: 3 }] });
    const buyer = await newBuyer(r.a, [{ variantId: v.id, quantity: 1 }]);
    const body = checkoutBody(buyer, { [artisan.artisanId]: 'JNE:REG' });
    const key = newId();
    const first = await checkoutOk(r.b, buyer, body, key);
    // What SIGKILL after step 3 leaves (the kill storm met it): the order and its stock held, no
    // payment, the order pointing at none, the cart as it was.
    await queryDb(r.a, `DELETE FROM payments.payments WHERE order_id = $1`, [first.order.id]);
    await queryDb(r.a, `UPDATE orders.orders SET payment_id = NULL WHERE id = $1`, [first.order.id]);
    await fillCart(r.a, buyer, [{ variantId: v.id, quantity: 1 }]);

    const retried = await checkout(r.a, buyer, body, key);
    expect([retried.status, retried.body.error?.code ?? null]).toEqual([201, null]);
    expect(retried.body.order.id).toBe(first.order.id);
    expect(retried.body.payment).toMatchObject({ orderId: first.order.id, status: 'pending', instructions: { kind: expect.any(String) } });
    const [stored] = await queryDb<{ payment_id: string }>(r.a, `SELECT payment_id FROM orders.orders WHERE id = $1`, [first.order.id]);
    expect(stored.payment_id).toBe(retried.body.payment.id);
    expect(await queryDb(r.a, `SELECT id FROM payments.payments WHERE order_id = $1`, [first.order.id])).toHaveLength(1);
    expect((await request(r.b.http).get('/api/v1/cart').set(bearer(buyer.session)).expect(200)).body.groups).toEqual([]);
    expect(await variantStock(r.a, v.id)).toBe(2);
  });

  it('opens, on the retry, a payment whose replica died between its row and the provider', async () => {
    const artisan = await newArtisan(r.a);
    const { variants: [v] } = await insertListing(r.a, artisan.artisanId, { variants: [{ price: 180_000n, stock: 2 }] });
    const buyer = await newBuyer(r.a, [{ variantId: v.id, quantity: 1 }]);
    const body = checkoutBody(buyer, { [artisan.artisanId]: 'JNE:REG' });
    const key = newId();
    const first = await checkoutOk(r.b, buyer, body, key);
    // What SIGKILL inside payments' create leaves: the payment row, never opened at the provider,
    // made two minutes ago (its creator's call would have ended long since); the checkout unfinished.
    await queryDb(r.a, `UPDATE payments.payments SET provider_ref = NULL, instructions = NULL, created_at = now() - interval '2 minutes' WHERE order_id = $1`, [first.order.id]);
    await queryDb(r.a, `UPDATE orders.orders SET payment_id = NULL WHERE id = $1`, [first.order.id]);
    await fillCart(r.a, buyer, [{ variantId: v.id, quantity: 1 }]);

    const retried = await checkout(r.a, buyer, body, key);
    expect([retried.status, retried.body.error?.code ?? null]).toEqual([201, null]);
    expect(retried.body.payment).toMatchObject({ id: first.payment.id, status: 'pending', instructions: { kind: 'bank_transfer', virtualAccount: expect.stringMatching(/^\d{16}$/) } });
    const [stored] = await queryDb<{ provider_ref: string }>(r.a, `SELECT provider_ref FROM payments.payments WHERE order_id = $1`, [first.order.id]);
    expect(stored.provider_ref).toBe(retried.body.payment.instructions.virtualAccount);
    expect(await variantStock(r.a, v.id)).toBe(1);
  });

  it('ends on gateway B, at once, a session signed out on gateway A', async () => {
    const session = await register(r.a);
    // B has checked the token, so it holds the session's state in memory (AUTH_SESSION_LOCAL_MS, 5 s).
    await request(r.b.http).get('/api/v1/auth/me').set(bearer(session)).expect(200);
    await request(r.a.http).post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);
    // Well inside B's 5 s: A's invalidation reached it over Redis.
    await eventually(() => request(r.b.http).get('/api/v1/auth/me').set(bearer(session)).expect(401), { timeoutMs: 1000, intervalMs: 20 });
    await request(r.b.http).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  });

  it('has one schedule per scheduled job in every queue, whichever replica upserted it', async () => {
    for (const [name, queue] of queues) {
      const schedulers = await queue.getJobSchedulers(0, -1);
      const keys = schedulers.map((s) => `${s.name} ${JSON.stringify(s.template?.data ?? {})}`);
      // Two schedulers adding the same job with the same data would fire it once per replica.
      expect({ queue: name, keys: [...new Set(keys)].sort() }).toEqual({ queue: name, keys: keys.sort() });
      for (const s of schedulers) {
        const next = (await queue.getJobs(['delayed', 'waiting', 'prioritized'])).filter((j) => j.id?.startsWith(`repeat:${s.key}:`));
        // One next tick waiting per schedule: two would be a tick fired twice.
        expect({ queue: name, scheduler: s.key, atMostOneNext: next.length <= 1 }).toEqual({ queue: name, scheduler: s.key, atMostOneNext: true });
      }
    }
    // Those this suite counts below exist.
    for (const t of TIMED) {
      const names = (await queues.get(t.queue)!.getJobSchedulers(0, -1)).map((s) => s.name);
      expect({ schedule: t.what, names }).toEqual({ schedule: t.what, names: expect.arrayContaining([t.job]) });
    }
  });

  it('fires each schedule once per period, not once per replica', async () => {
    const windowMs = 8000;
    const from = Date.now();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    for (const t of TIMED) {
      const jobs = (await queues.get(t.queue)!.getJobs(['completed', 'failed', 'active'], 0, 500)).filter(
        (j: Job) => j.name === t.job && j.id?.startsWith('repeat:'),
      );
      // The tick a job stands for is in its id: repeat:<scheduler>:<millis>.
      const ticks = jobs.map((j) => Number(j.id!.split(':').pop())).filter((ms) => ms >= from && ms < from + windowMs).sort((x, y) => x - y);
      const gaps = ticks.slice(1).map((ms, i) => ms - ticks[i]);
      const most = Math.ceil(windowMs / t.periodMs) + 1;
      // One chain of ticks a period apart; a schedule per replica would interleave a second chain.
      expect({ schedule: t.what, tooClose: gaps.filter((g) => g < t.periodMs) }).toEqual({ schedule: t.what, tooClose: [] });
      expect({ schedule: t.what, fewEnough: ticks.length <= most, some: ticks.length >= 2 }).toEqual({ schedule: t.what, fewEnough: true, some: true });
      // Each tick ran once, by one replica.
      expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
    }
    // The scheduled reconciles as the search app records them: one run per tick.
    const runs = await queryDb<{ created_at: Date }>(r.a, `SELECT created_at FROM search.runs WHERE trigger = 'schedule' AND created_at >= $1 ORDER BY created_at`, [new Date(from)]);
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(windowMs / 2000) + 1);
  }, 30_000);

  it('makes the first admin once when gateway replicas start at the same moment, and each of them starts', async () => {
    // What each gateway does at start with ADMIN_EMAIL set, four at once (as compose starts its replicas).
    const email = `admin.${Date.now().toString(36)}@example.com`;
    const config = { ...r.a.config, admin: { email, password: 'admin-replicas-12345' } };
    const starting = Array.from({ length: 4 }, () => new IdentityModule(r.a.gateway.get(IdentityService), config).onApplicationBootstrap());
    const outcomes = await Promise.allSettled(starting);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    const admins = await queryDb<{ roles: string[] }>(r.a, `SELECT roles FROM identity.users WHERE email = $1`, [email]);
    expect(admins).toEqual([{ roles: ['admin'] }]);
    // The admin signs in through either gateway.
    for (const gateway of [r.a, r.b]) {
      await request(gateway.http).post('/api/v1/auth/login').send({ email, password: 'admin-replicas-12345' }).expect(200);
    }
  });

  it('starts one reconcile when Meilisearch comes back, not one per replica', async () => {
    await meili.stop();
    // Both replicas' index keepers (every 2 s) see it down.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const back = new Date();
    await meili.start();
    const recovery = () =>
      queryDb<{ id: string }>(r.a, `SELECT id FROM search.runs WHERE trigger = 'recovery' AND created_at >= $1`, [back]);
    await eventually(async () => expect(await recovery()).toHaveLength(1), { timeoutMs: 15_000, intervalMs: 200 });
    // Time for the slower keeper to have noticed too (it watches every 2 s).
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(await recovery()).toHaveLength(1);
  }, 45_000);
});

/** Photographed and submitted by the artisan through A, approved by the curator through B. */
async function publishDraft(r: Replicas, artisanToken: string, listingId: string, curatorToken: string): Promise<{ id: string; variants: Array<{ id: string }> }> {
  await addPhoto(r.a, listingId);
  await request(r.a.http).post(`/api/v1/listings/${listingId}/submit`).set(bearer(artisanToken)).expect(200);
  await request(r.b.http).post(`/api/v1/curation/listings/${listingId}/decision`).set(bearer(curatorToken)).send({ decision: 'approve' }).expect(200);
  const listing = await request(r.a.http).get(`/api/v1/listings/${listingId}`).set(bearer(artisanToken)).expect(200);
  return listing.body;
}
