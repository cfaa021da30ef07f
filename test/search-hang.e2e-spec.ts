import request from 'supertest';
import { bootSystem, TestSystem } from './support/apps';
import { eventually } from './support/eventually';
import { registerWithRoles } from './support/http';
import { ThrowawayMeili } from './support/meili-server';
import { ids, publishListing, search, searchRequest, seedShop } from './support/search';

// A Meilisearch of the suite's own that hangs (SIGSTOP: the port still takes connections, nothing
// answers), as a stuck or swapping server does. Buyers must hear "search is unavailable" at once,
// not wait for the gateway's deadline.
describe('search while Meilisearch hangs', () => {
  let meili: ThrowawayMeili;
  let sys: TestSystem;
  let listingId: string;

  beforeAll(async () => {
    meili = await ThrowawayMeili.create();
    sys = await bootSystem('search_hang', { services: ['catalog', 'search'], env: { ...meili.env, SEARCH_RECONCILE_SECONDS: '3600' } });
    const curator = await registerWithRoles(sys, ['curator']);
    const shop = await seedShop(sys, { name: 'Tenun Endek Gelgel', regency: 'klungkung' });
    listingId = (await publishListing(sys, shop, curator, { titleId: 'Kain endek Gelgel motif patra', category: 'endek', regency: 'klungkung', variants: [{ price: 450_000, stock: 2 }] })).id;
    await eventually(async () => expect(ids(await search(sys, { q: 'endek' }))).toEqual([listingId]));
  }, 60_000);
  afterAll(async () => {
    if (meili?.pid) process.kill(meili.pid, 'SIGCONT');
    await sys?.close();
    await meili?.dispose();
  });

  const timed = async (q: string) => {
    const started = Date.now();
    const res = await searchRequest(sys, { q });
    return { status: res.status, code: res.body.error?.code as string | undefined, ms: Date.now() - started };
  };

  it('answers 503 within a second, in flight or new, and searches again once Meilisearch wakes', async () => {
    process.kill(meili.pid!, 'SIGSTOP');
    try {
      // Sent as it hangs: the search app notices the silence, not the gateway's 5 s deadline.
      const first = await timed('endek');
      expect(first).toMatchObject({ status: 503, code: 'search_unavailable' });
      expect(first.ms).toBeLessThan(1_000);
      // Then every search answers at once, suggestions too.
      for (const q of ['songket', 'perak', 'endek gelgel']) {
        const next = await timed(q);
        expect(next).toMatchObject({ status: 503, code: 'search_unavailable' });
        expect(next.ms).toBeLessThan(250);
      }
      const started = Date.now();
      const suggest = await request(sys.http).get('/api/v1/search/suggest?q=end');
      expect([suggest.status, suggest.body.error?.code]).toEqual([503, 'search_unavailable']);
      expect(Date.now() - started).toBeLessThan(250);
    } finally {
      process.kill(meili.pid!, 'SIGCONT');
    }
    // Awake again: found within a few seconds, with no restart of anything.
    await eventually(async () => expect(ids(await search(sys, { q: 'endek' }))).toEqual([listingId]), { timeoutMs: 5_000, intervalMs: 100 });
  }, 60_000);
});
