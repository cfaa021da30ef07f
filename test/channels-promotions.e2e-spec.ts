import request from 'supertest';
import { LazadaAdapter } from '../apps/channels/src/adapters/lazada/lazada.adapter';
import { lazadaTime } from '../apps/channels/src/adapters/lazada/lazada.payloads';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer } from './support/http';
import {
  AccountPair,
  accountPair,
  artisanShop,
  bootChannelsTestbed,
  ChannelsTestbed,
  endekSpec,
  ExportedListing,
  itemOf,
  LAZADA_APP,
  lazadaItem,
  mapEndek,
  publishWithPhotos,
  syncAndWait,
  tiktokProduct,
  untilPlanned,
} from './support/channels';

// A live campaign price on the channels: Lazada gets it as the SKU's special price with dates
// (Lazada ends it itself); TikTok Shop keeps the regular price and the run says why.

describe('channels: campaign prices as promotions', () => {
  let tb: ChannelsTestbed;
  let pair: AccountPair;
  let listing: ExportedListing;
  const api = () => request(tb.sys.http);

  beforeAll(async () => {
    tb = await bootChannelsTestbed('channels-promotions');
    await mapEndek(tb);
    pair = await accountPair(tb, { scope: 'council' });
    const shop = await artisanShop(tb.sys, 'Tenun Endek Gianyar');
    listing = await publishWithPhotos(tb, shop, endekSpec({ variants: [{ price: 400_000, stock: 5 }, { price: 300_000, stock: 2 }] }));
  });
  afterAll(() => tb?.close());

  /** The channels app's copy of the listing holds the price (events arrive asynchronously). */
  const copiedPrice = (price: string) =>
    eventually(async () => {
      const [row] = await queryDb<{ price: string }>(tb.sys, `SELECT snapshot->'variants'->0->>'price' AS price FROM channels.listings WHERE listing_id = $1`, [listing.id]);
      expect(row?.price).toBe(price);
    });

  it('sends a live campaign price to Lazada as a special price, keeps TikTok Shop regular and says so, and takes it back when the campaign ends', async () => {
    const [fixed, other] = listing.variants;
    await untilPlanned(tb, pair.lazada, { [listing.id]: 'create' });
    for (const account of [pair.tiktok, pair.lazada]) expect(itemOf(await syncAndWait(tb, account), listing.id)).toMatchObject({ action: 'create', outcome: 'ok' });
    expect(lazadaItem(tb, pair.lazada, fixed.sku).skus.find((s) => s.sellerSku === fixed.sku)).toMatchObject({ price: '400000', special: null });

    // A campaign already under way (it starts at once) with a campaign price for one variant.
    const endsAt = new Date(Date.now() + 3 * 3600_000);
    endsAt.setUTCMilliseconds(0);
    const created = await api()
      .post('/api/v1/curation/campaigns')
      .set(bearer(tb.curator))
      .send({
        kind: 'campaign',
        slug: `selasa-endek-${Date.now().toString(36)}`,
        title: { id: 'Selasa Endek' },
        description: { id: 'Harga khusus kain endek setiap Selasa.' },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: endsAt.toISOString(),
      })
      .expect(201);
    const id = created.body.id as string;
    await api().post(`/api/v1/curation/campaigns/${id}/members`).set(bearer(tb.curator)).send({ listingIds: [listing.id] }).expect(200);
    await api().put(`/api/v1/curation/campaigns/${id}/prices`).set(bearer(tb.curator)).send({ prices: [{ variantId: fixed.id, price: 320_000 }] }).expect(200);
    await copiedPrice('320000');

    const [tiktokRun, lazadaRun] = await Promise.all([syncAndWait(tb, pair.tiktok), syncAndWait(tb, pair.lazada)]);
    expect(itemOf(lazadaRun, listing.id)).toMatchObject({ action: 'update', outcome: 'ok', reason: expect.stringContaining('promotion exported') });
    const skus = lazadaItem(tb, pair.lazada, fixed.sku).skus;
    expect(skus.find((s) => s.sellerSku === fixed.sku)).toMatchObject({
      price: '400000',
      special: { price: '320000', to: lazadaTime(endsAt.toISOString()) },
    });
    expect(skus.find((s) => s.sellerSku === other.sku)).toMatchObject({ price: '300000', special: null });

    expect(itemOf(tiktokRun, listing.id)).toMatchObject({ action: 'update', outcome: 'ok', reason: expect.stringMatching(/^promotion not exported: .+/) });
    expect(tiktokProduct(tb, pair.tiktok, fixed.sku).skus.find((s) => s.sellerSku === fixed.sku)?.price.amount).toBe('400000');

    // Nothing changed since: TikTok Shop's run still says the promotion is not there.
    expect(itemOf(await syncAndWait(tb, pair.tiktok), listing.id)).toMatchObject({ action: 'skip', reason: expect.stringMatching(/^promotion not exported/) });

    // Cancelled early: the next run takes the special price away.
    await api().post(`/api/v1/curation/campaigns/${id}/cancel`).set(bearer(tb.curator)).expect(200);
    await copiedPrice('400000');
    const [afterTiktok, afterLazada] = await Promise.all([syncAndWait(tb, pair.tiktok), syncAndWait(tb, pair.lazada)]);
    expect(itemOf(afterLazada, listing.id)).toMatchObject({ action: 'update', outcome: 'ok', reason: null });
    expect(lazadaItem(tb, pair.lazada, fixed.sku).skus.find((s) => s.sellerSku === fixed.sku)).toMatchObject({ price: '400000', special: null });
    expect(itemOf(afterTiktok, listing.id)).toMatchObject({ outcome: 'ok', reason: null });
  }, 60_000);

  it("holds a Lazada special price to Lazada's rules: below the price, from before to", async () => {
    const [fixed] = listing.variants;
    const item = lazadaItem(tb, pair.lazada, fixed.sku);
    const sku = item.skus.find((s) => s.sellerSku === fixed.sku)!;
    const issued = pair.lazada.issued;
    const adapter = new LazadaAdapter({
      accountId: pair.lazada.view.id,
      baseUrl: tb.lazada.url,
      authBaseUrl: tb.lazada.authUrl,
      appKey: LAZADA_APP.appKey,
      appSecret: LAZADA_APP.appSecret,
      tokens: { accessToken: issued.accessToken, accessTokenExpiresAt: issued.accessTokenExpiresAt, refreshToken: issued.refreshToken, refreshTokenExpiresAt: issued.refreshTokenExpiresAt },
      rateLimiter: null,
    });
    const base = { productId: item.itemId, skuId: sku.skuId, sellerSku: sku.sellerSku };
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();

    const above = await adapter.updatePriceStock([{ ...base, special: { price: '450000', from, to } }]);
    expect(above.failed.map((f) => f.reason)).toEqual([expect.stringContaining('must be lower than the price')]);
    const backwards = await adapter.updatePriceStock([{ ...base, special: { price: '350000', from: to, to: from } }]);
    expect(backwards.failed.map((f) => f.reason)).toEqual([expect.stringContaining('must be before')]);
    expect(lazadaItem(tb, pair.lazada, fixed.sku).skus.find((s) => s.sellerSku === fixed.sku)!.special).toBeNull();

    const fine = await adapter.updatePriceStock([{ ...base, special: { price: '350000', from, to } }]);
    expect(fine).toMatchObject({ failed: [], updated: [expect.objectContaining({ sellerSku: fixed.sku })] });
    expect(lazadaItem(tb, pair.lazada, fixed.sku).skus.find((s) => s.sellerSku === fixed.sku)!.special).toEqual({ price: '350000', from: lazadaTime(from), to: lazadaTime(to) });
  });
});
