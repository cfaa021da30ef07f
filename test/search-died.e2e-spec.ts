import net from 'node:net';
import { bootSystem, TestSystem } from './support/apps';
import { eventually } from './support/eventually';
import { registerWithRoles } from './support/http';
import { ids, publishListing, search, searchRequest, seedShop } from './support/search';

// The search app dies (kill -9, out of memory) with a buyer's search in flight. When a process
// dies the kernel closes its sockets: the gateway's connection is closed under the request. That
// is "search is unavailable, try again" (503), never a 500; and the next search, once the search
// app is back, answers as before.
describe('a search in flight when the search app dies', () => {
  let sys: TestSystem;
  let listingId: string;

  beforeAll(async () => {
    sys = await bootSystem('search_died', { services: ['catalog', 'search'], env: { SEARCH_RECONCILE_SECONDS: '3600' } });
    const curator = await registerWithRoles(sys, ['curator']);
    const shop = await seedShop(sys, { name: 'Anyaman Bambu Bangli', regency: 'bangli' });
    listingId = (await publishListing(sys, shop, curator, { titleId: 'Keranjang bambu anyaman Bangli', category: 'ata-basketry', regency: 'bangli', variants: [{ price: 150_000, stock: 4 }] })).id;
    await eventually(async () => expect(ids(await search(sys, { q: 'keranjang' }))).toEqual([listingId]));
  }, 60_000);
  afterAll(() => sys?.close());

  it('answers 503 search_unavailable, and searches again once the search app is back', async () => {
    await sys.stopService('search');
    // On the search app's port, a process that takes the request and dies before it answers.
    const received: string[] = [];
    const dying = net.createServer((socket) => {
      socket.once('data', (chunk) => {
        received.push(chunk.toString('utf8'));
        socket.destroy();
      });
    });
    const { host, port } = sys.config.services.search;
    await new Promise<void>((resolve) => dying.listen(port, host, resolve));
    try {
      const res = await searchRequest(sys, { q: 'keranjang' });
      expect(received.join('')).toContain('search.listings');
      expect([res.status, res.body.error?.code]).toEqual([503, 'service_unavailable']);
      expect(JSON.stringify(res.body)).not.toMatch(/Connection closed|stack/i);
    } finally {
      await new Promise<void>((resolve) => dying.close(() => resolve()));
    }
    await sys.startService('search');
    const back = Date.now();
    await eventually(async () => expect(ids(await search(sys, { q: 'keranjang' }))).toEqual([listingId]), { timeoutMs: 10_000, intervalMs: 100 });
    expect(Date.now() - back).toBeLessThan(10_000);
  }, 60_000);
});
