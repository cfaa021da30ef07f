import request from 'supertest';
import { bootSystem, TestSystem } from './support/apps';
import { eventually } from './support/eventually';
import { bearer, registerWithRoles, Session } from './support/http';
import { ThrowawayMeili } from './support/meili-server';
import {
  CreatedListing,
  expectIndexEqualsDb,
  ids,
  indexedListings,
  publicListings,
  publishListing,
  search,
  searchRequest,
  seedShop,
  Shop,
} from './support/search';

// A Meilisearch of the suite's own, so it can be stopped: an outage the search app must ride out
// (503 to buyers, catalog writes unaffected, nothing lost) and recover from by itself.
describe('search resilience: Meilisearch down during a burst of catalogue edits', () => {
  let meili: ThrowawayMeili;
  let sys: TestSystem;
  let curator: Session;
  let shop: Shop;
  const listings: CreatedListing[] = [];
  const api = () => request(sys.http);

  beforeAll(async () => {
    meili = await ThrowawayMeili.create();
    sys = await bootSystem('search_resilience', { services: ['catalog', 'search'], env: meili.env });
    curator = await registerWithRoles(sys, ['curator']);
    shop = await seedShop(sys, { name: 'Tenun Songket Jembrana', regency: 'jembrana' });
    for (let i = 0; i < 6; i++) {
      listings.push(
        await publishListing(sys, shop, curator, {
          titleId: `Kain songket Jembrana motif ${['bunga', 'kupu', 'naga', 'garuda', 'merak', 'teratai'][i]}`,
          category: 'songket',
          regency: 'jembrana',
          materials: ['sutra'],
          variants: [
            { price: 1_000_000 + i * 50_000, stock: 3 },
            { price: 1_200_000 + i * 50_000, stock: 2 },
          ],
        }),
      );
    }
    await expectIndexEqualsDb(sys);
  }, 60_000);
  afterAll(async () => {
    await sys?.close();
    await meili?.dispose();
  });

  it('answers 503 search_unavailable while down, takes every edit, and converges to Postgres after the restart', async () => {
    const before = await search(sys, { shop: shop.slug });
    expect(before.total).toBe(6);

    await meili.stop();
    const down = await searchRequest(sys, { q: 'songket' });
    expect([down.status, down.body.error?.code]).toEqual([503, 'search_unavailable']);
    const suggest = await api().get('/api/v1/search/suggest?q=songket');
    expect([suggest.status, suggest.body.error?.code]).toEqual([503, 'search_unavailable']);
    await eventually(async () => {
      const status = await api().get('/api/v1/curation/search/status').set(bearer(curator)).expect(200);
      expect(status.body.meilisearch).toBe('down');
    });

    // The burst: 30 price, stock and title edits across the listings, then one archived. The
    // catalog does not depend on Meilisearch: every edit answers at once.
    const edits: Array<() => request.Test> = [];
    for (let round = 0; round < 3; round++) {
      for (const [i, l] of listings.entries()) {
        const [v1, v2] = l.variants;
        const base = `/api/v1/listings/${l.id}`;
        if (round === 0) edits.push(() => api().patch(`${base}/variants/${v1.id}`).set(bearer(shop.session)).send({ price: 900_000 + i * 10_000 }));
        if (round === 1) edits.push(() => api().put(`${base}/variants/${v2.id}/stock`).set(bearer(shop.session)).send({ stock: i % 2 === 0 ? 0 : 7 + i }));
        if (round === 2) edits.push(() => api().patch(base).set(bearer(shop.session)).send({ title: { id: `Kain songket Jembrana edisi ${round}${i} motif baru` } }));
        edits.push(() => api().put(`${base}/variants/${v1.id}/stock`).set(bearer(shop.session)).send({ stock: round * 2 + i }));
      }
    }
    expect(edits).toHaveLength(36);
    for (const edit of edits) {
      const res = await edit();
      expect([res.status, res.body?.error]).toEqual([200, undefined]);
    }
    await api().post(`/api/v1/listings/${listings[5].id}/archive`).set(bearer(shop.session)).expect(200);
    // Still down: the index holds none of it yet.
    expect((await searchRequest(sys, { q: 'songket' })).status).toBe(503);

    await meili.start();
    // Retried events and the reconciler's catch-up: the index ends up equal to Postgres.
    const expected = await expectIndexEqualsDb(sys, 60_000);
    expect(expected.map((d) => d.id).sort()).toEqual(listings.slice(0, 5).map((l) => l.id).sort());
    expect((await indexedListings(sys)).map((d) => d.id)).not.toContain(listings[5].id);

    const after = await search(sys, { shop: shop.slug, q: 'edisi' });
    expect(ids(after).sort()).toEqual(listings.slice(0, 5).map((l) => l.id).sort());
    const byId = new Map((await publicListings(sys)).map((d) => [d.id, d]));
    for (const hit of after.hits) {
      const row = byId.get(hit.id)!;
      expect(hit).toMatchObject({ version: row.version, title: { id: row.titleId }, price: { min: String(row.priceMin), max: String(row.priceMax) }, stockTotal: row.stockTotal, inStock: row.inStock });
    }
    const status = await api().get('/api/v1/curation/search/status').set(bearer(curator)).expect(200);
    expect(status.body).toMatchObject({ meilisearch: 'up', documents: 5 });
    // The search app noticed the recovery by itself and reconciled.
    await eventually(async () => {
      const runs = await api().get('/api/v1/curation/search/runs').set(bearer(curator)).expect(200);
      expect(runs.body.items).toContainEqual(expect.objectContaining({ kind: 'reconcile', trigger: 'recovery', status: 'succeeded' }));
    }, { timeoutMs: 15_000 });
  }, 85_000);
});
