import { Job, Worker } from 'bullmq';
import request from 'supertest';
import { Queues } from '@pk/contracts';
import { workerConnection } from '@pk/messaging';
import { bootSystem, TestSystem } from './support/apps';
import { eventually } from './support/eventually';
import { bearer, registerWithRoles } from './support/http';
import { CreatedListing, publishListing, search, seedShop, Shop } from './support/search';

// The search app crashed while it held catalog events (kill -9 mid-write): those jobs stay
// locked to the dead worker until BullMQ declares them stalled, and buyers saw old prices for
// 40-66 s. Here a "worker" of the test takes the events and dies with them; the search app that
// starts next must serve the new prices within 10 s all the same.
describe('search after a crash that left catalog events locked to a dead worker', () => {
  let sys: TestSystem;
  let shop: Shop;
  const listings: CreatedListing[] = [];

  beforeAll(async () => {
    sys = await bootSystem('search_crash', { services: ['catalog', 'search'], env: { SEARCH_RECONCILE_SECONDS: '3600' } });
    const curator = await registerWithRoles(sys, ['curator']);
    shop = await seedShop(sys, { name: 'Perak Singapadu Jaya', regency: 'gianyar' });
    for (const motif of ['naga', 'bunga', 'ombak']) {
      listings.push(await publishListing(sys, shop, curator, { titleId: `Cincin perak motif ${motif}`, category: 'silver-jewellery', regency: 'gianyar', variants: [{ price: 300_000, stock: 3 }] }));
    }
    await eventually(async () => expect((await search(sys, { shop: shop.slug })).total).toBe(3));
  }, 60_000);
  afterAll(() => sys?.close());

  it('serves the prices changed while it was down within 10 s of starting again', async () => {
    await sys.stopService('search');
    for (const [i, l] of listings.entries()) {
      await request(sys.http).patch(`/api/v1/listings/${l.id}/variants/${l.variants[0].id}`).set(bearer(shop.session)).send({ price: 410_000 + i * 1000 }).expect(200);
    }

    // The dying worker: takes every event the catalog sent for search, holds their locks, and is gone.
    const connection = workerConnection(sys.config.redisUrl);
    const dead = new Worker(Queues.searchEvents, null, { connection, prefix: sys.config.redisPrefix, lockDuration: 120_000, autorun: false });
    const taken: Job[] = [];
    await eventually(async () => {
      for (let job = await dead.getNextJob('dead-worker', { block: false }); job; job = await dead.getNextJob('dead-worker', { block: false })) taken.push(job);
      expect(taken.length).toBeGreaterThanOrEqual(listings.length);
    }, { timeoutMs: 15_000, intervalMs: 200 });
    connection.disconnect();

    const restarted = Date.now();
    await sys.startService('search');
    await eventually(async () => {
      const page = await search(sys, { shop: shop.slug, sort: 'price_asc' });
      expect(page.hits.map((h) => h.price.min)).toEqual(['410000', '411000', '412000']);
    }, { timeoutMs: 10_000, intervalMs: 100 });
    expect(Date.now() - restarted).toBeLessThan(10_000);
  }, 60_000);
});
