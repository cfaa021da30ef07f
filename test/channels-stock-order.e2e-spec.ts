import request from 'supertest';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer } from './support/http';
import {
  artisanShop,
  bootChannelsTestbed,
  ChannelsTestbed,
  createAccount,
  endekSpec,
  finishedRun,
  itemOf,
  lazadaItem,
  mapEndek,
  publishWithPhotos,
  startSync,
  syncAndWait,
  untilPlanned,
} from './support/channels';

// A sale during a long export. A run reads each listing as it goes and sends stock at its end; the
// channel must get the stock as it is then, not the figure the run read before the sale (more than
// there is: an oversell on the channel until the next run). The quick stock push is off here, so
// only the run sends stock; Lazada is paced at 2 requests a second, so the export of ten new
// listings takes seconds after it read the first listing (which sorts first).

describe('channels: stock sent at the end of a long export', () => {
  let tb: ChannelsTestbed;
  const api = () => request(tb.sys.http);

  beforeAll(async () => {
    tb = await bootChannelsTestbed('channels-stock-order', {
      env: { LAZADA_REQUESTS_PER_SECOND: '2', CHANNEL_STOCK_PUSH_DELAY_MS: '3600000' },
      lazada: { rateLimitPerSecond: 2 },
    });
    await mapEndek(tb);
  });
  afterAll(() => tb?.close());

  it('sends the stock after a sale made while the run was going, not the figure it read before', async () => {
    const shop = await artisanShop(tb.sys, 'Tenun Ikat Stok Berjalan');
    const account = await createAccount(tb, 'lazada', { scope: 'shop', shop });
    const first = await publishWithPhotos(tb, shop, endekSpec({ variants: [{ price: 500_000, stock: 5 }] }));
    await untilPlanned(tb, account, { [first.id]: 'create' });
    await syncAndWait(tb, account, { timeoutMs: 60_000 });
    const [variant] = first.variants;
    expect(lazadaItem(tb, account, variant!.sku).skus[0]!.quantity).toBe(5);

    const sell = async (stock: number) => {
      await api().put(`/api/v1/listings/${first.id}/variants/${variant!.id}/stock`).set(bearer(shop.session)).send({ stock, note: 'terjual' }).expect(200);
      await eventually(async () => {
        const [row] = await queryDb<{ stock: string }>(tb.sys, `SELECT snapshot->'variants'->0->>'stock' AS stock FROM channels.listings WHERE listing_id = $1`, [first.id]);
        expect(row?.stock).toBe(String(stock));
      });
    };
    // Ten new listings make the next run take seconds; one sale before it (the run reads 4).
    const more = [];
    for (let i = 0; i < 10; i++) more.push(await publishWithPhotos(tb, shop, endekSpec()));
    await untilPlanned(tb, account, Object.fromEntries(more.map((l) => [l.id, 'create'])), 30_000);
    await sell(4);

    const run = await startSync(tb, account);
    // The run has read the first listing (its stock to send is settled) and is creating the others.
    await eventually(async () => {
      const [row] = await queryDb<{ n: number }>(tb.sys, `SELECT count(*)::int AS n FROM channels.run_items WHERE run_id = $1 AND listing_id = $2`, [run.id, first.id]);
      expect(row?.n).toBeGreaterThan(0);
    }, { timeoutMs: 20_000, intervalMs: 50 });
    await sell(3);
    const [during] = await queryDb<{ status: string }>(tb.sys, 'SELECT status FROM channels.runs WHERE id = $1', [run.id]);
    expect(during?.status).toBe('running');

    const done = await finishedRun(tb, run.id, { timeoutMs: 60_000 });
    expect(done.status).toBe('succeeded');
    expect(done.counts.created).toBe(10);
    expect(itemOf(done, first.id)).toMatchObject({ action: 'skip', outcome: 'ok' });
    // The channel holds what there is now.
    expect(lazadaItem(tb, account, variant!.sku).skus[0]!.quantity).toBe(3);
  }, 120_000);
});
