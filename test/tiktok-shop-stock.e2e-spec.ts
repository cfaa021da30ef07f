import request from 'supertest';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer } from './support/http';
import type { Shop } from './support/search';
import {
  artisanShop,
  bootChannelsTestbed,
  channelState,
  ChannelsTestbed,
  createAccount,
  ENDEK_MAPPINGS,
  endekSpec,
  mapEndek,
  publishWithPhotos,
  sentFor,
  sentSince,
  shopChannelListings,
  syncAndWait,
  tiktokProduct,
  untilPlanned,
  type ExportedListing,
  type TestAccount,
} from './support/channels';

// TikTok Shop takes a SKU's stock from 1 to 99,999 (products/update-inventory.spec.json,
// create-product.spec.json, partial-edit-product.spec.json): a sold-out SKU cannot be sent as 0.
// Deactivate Products names "out of stock" as its use (deactivate-products.spec.json) and Activate
// Product puts the product back, to Pending while TikTok audits it (activate-product.spec.json).
// So a product with a sold-out SKU is hidden on TikTok Shop, recorded as sold out, and comes back
// with its stock when stock returns: TikTok never sells what is sold out here.

describe('TikTok Shop export: sold-out stock', () => {
  let tb: ChannelsTestbed;
  let shop: Shop;
  let account: TestAccount;
  const api = () => request(tb.sys.http);

  beforeAll(async () => {
    tb = await bootChannelsTestbed('tiktok-shop-stock');
    await mapEndek(tb);
    // Our "Warna" option is TikTok's Warna sales attribute (the sandbox's 100000).
    await api()
      .put('/api/v1/curation/channels/mappings/tiktok_shop/endek')
      .set(bearer(tb.curator))
      .send({ ...ENDEK_MAPPINGS.tiktok_shop, salesAttributes: [{ id: '100000', name: 'Warna', optionLabels: ['Warna'] }] })
      .expect(200);
    shop = await artisanShop(tb.sys, 'Tenun Endek Gelgel');
    account = await createAccount(tb, 'tiktok_shop', { scope: 'shop', shop });
  });
  afterAll(() => tb?.close());

  /** Created on TikTok, approved there, and seen live by a run. */
  async function liveOnTikTok(variants: Array<{ price: number; stock: number; options?: Record<string, string> }>): Promise<ExportedListing> {
    const listing = await publishWithPhotos(tb, shop, endekSpec({ variants }));
    await untilPlanned(tb, account, { [listing.id]: 'create' });
    await syncAndWait(tb, account);
    tb.tiktok.approve(tiktokProduct(tb, account, listing.variants[0]!.sku).id);
    await syncAndWait(tb, account);
    expect(channelState(await shopChannelListings(tb, shop.session), listing.id, 'tiktok_shop').status).toBe('synced');
    return listing;
  }

  async function setStock(listing: ExportedListing, index: number, stock: number): Promise<void> {
    const variant = listing.variants[index]!;
    await api().put(`/api/v1/listings/${listing.id}/variants/${variant.id}/stock`).set(bearer(shop.session)).send({ stock, note: 'stok diperbarui' }).expect(200);
    await eventually(async () => {
      const [row] = await queryDb<{ stock: string }>(tb.sys, `SELECT snapshot->'variants'->${index}->>'stock' AS stock FROM channels.listings WHERE listing_id = $1`, [listing.id]);
      expect(row?.stock).toBe(String(stock));
    });
  }

  it('hides a product that sells out here, records it as sold out, and puts it back with its stock when stock returns', async () => {
    const listing = await liveOnTikTok([{ price: 520_000, stock: 2 }]);
    const [variant] = listing.variants;
    const product = tiktokProduct(tb, account, variant!.sku);
    expect(product.status).toBe('ACTIVATE');

    await setStock(listing, 0, 0);
    await syncAndWait(tb, account);
    // Deactivated on TikTok (its stock cannot be 0), never a refused stock push of 0.
    expect(product.status).toBe('SELLER_DEACTIVATED');
    expect(tb.tiktok.log.entries.filter((e) => e.api === 'products.inventory.update' && e.code !== '0')).toEqual([]);
    const soldOut = channelState(await shopChannelListings(tb, shop.session), listing.id, 'tiktok_shop');
    expect(soldOut).toMatchObject({ status: 'sold_out', reason: expect.stringContaining(`Sold out (${variant!.sku})`) });
    // Worded by the web in the artisan's language.
    expect(soldOut.problems).toEqual([expect.objectContaining({ code: 'channel.sold_out_hidden', params: { channel: 'tiktok_shop', skus: variant!.sku } })]);

    // Nothing more to send while it stays sold out.
    const quiet = sentFor(tb, account);
    await syncAndWait(tb, account);
    expect(sentSince(quiet, sentFor(tb, account))).toEqual({});
    expect(product.status).toBe('SELLER_DEACTIVATED');

    // Back in stock: TikTok gets the stock first (partial edit), then the product is activated and audited.
    const before = sentFor(tb, account);
    await setStock(listing, 0, 4);
    await eventually(() => expect(product.status).toBe('PENDING'), { timeoutMs: 20_000, intervalMs: 250 });
    expect(sentSince(before, sentFor(tb, account))).toEqual({ 'products.edit': 1, 'products.activate': 1 });
    expect(product.skus[0]!.inventory[0]!.quantity).toBe(4);
    expect(channelState(await shopChannelListings(tb, shop.session), listing.id, 'tiktok_shop')).toMatchObject({ status: 'in_review', reason: null, problems: [] });

    tb.tiktok.approve(product.id);
    await syncAndWait(tb, account);
    expect(channelState(await shopChannelListings(tb, shop.session), listing.id, 'tiktok_shop')).toMatchObject({ status: 'synced', reason: null });
    // The stock went with the activation: nothing waits to be pushed.
    const after = sentFor(tb, account);
    await syncAndWait(tb, account);
    expect(sentSince(after, sentFor(tb, account))).toEqual({});
  }, 120_000);

  it('hides a two-colour product when one colour sells out, so that colour cannot be bought on TikTok Shop', async () => {
    const listing = await liveOnTikTok([
      { price: 450_000, stock: 1, options: { Warna: 'Merah' } },
      { price: 480_000, stock: 3, options: { Warna: 'Biru' } },
    ]);
    const [red, blue] = listing.variants;
    const product = tiktokProduct(tb, account, red!.sku);
    expect(product.skus).toHaveLength(2);

    await setStock(listing, 0, 0);
    await syncAndWait(tb, account);
    expect(product.status).toBe('SELLER_DEACTIVATED');
    const soldOut = channelState(await shopChannelListings(tb, shop.session), listing.id, 'tiktok_shop');
    expect(soldOut.status).toBe('sold_out');
    expect(soldOut.reason).toContain(red!.sku);
    expect(soldOut.reason).not.toContain(blue!.sku);

    await setStock(listing, 0, 2);
    await eventually(() => expect(product.status).toBe('PENDING'), { timeoutMs: 20_000, intervalMs: 250 });
    // Both SKUs kept (same ids) with the stock held here.
    expect(product.skus.map((s) => s.inventory[0]!.quantity)).toEqual([2, 3]);
  }, 120_000);

  it('leaves on sale a product created with a colour already sold out (TikTok holds none of it), and sends that colour when it has stock', async () => {
    const listing = await liveOnTikTok([
      { price: 450_000, stock: 0, options: { Warna: 'Merah' } },
      { price: 480_000, stock: 2, options: { Warna: 'Biru' } },
    ]);
    const product = tiktokProduct(tb, account, listing.variants[0]!.sku);
    // create-product.spec.json: quantity not required; sent without one, the SKU holds no stock.
    expect(product.skus.map((s) => s.inventory[0]!.quantity)).toEqual([0, 2]);
    await syncAndWait(tb, account);
    expect(product.status).toBe('ACTIVATE');
    expect(channelState(await shopChannelListings(tb, shop.session), listing.id, 'tiktok_shop').status).toBe('synced');

    await setStock(listing, 0, 2);
    await eventually(() => expect(product.skus.map((s) => s.inventory[0]!.quantity)).toEqual([2, 2]), { timeoutMs: 20_000, intervalMs: 250 });
    expect(product.status).toBe('ACTIVATE');
  }, 120_000);
});

