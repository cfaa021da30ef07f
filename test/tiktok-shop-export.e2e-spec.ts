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
  endekSpec,
  itemOf,
  mapEndek,
  publishWithPhotos,
  sentFor,
  shopChannelListings,
  syncAndWait,
  tiktokProduct,
  untilPlanned,
  type TestAccount,
} from './support/channels';

// The export against the TikTok Shop sandbox where the docs and the old export disagreed: stock
// and price go only to ACTIVATE products (products/update-inventory.spec.json), and create warnings
// reach the run record (products/create-product.spec.json: data.warnings).

describe('TikTok Shop export: what the documentation asks of the runner', () => {
  let tb: ChannelsTestbed;
  let shop: Shop;
  let account: TestAccount;
  const api = () => request(tb.sys.http);

  beforeAll(async () => {
    // No quick stock push here: it runs beside an export, and this suite counts what the runs send.
    tb = await bootChannelsTestbed('tiktok-shop-export', { env: { CHANNEL_STOCK_PUSH_DELAY_MS: '3600000' } });
    await mapEndek(tb);
    shop = await artisanShop(tb.sys, 'Tenun Gringsing Tenganan');
    account = await createAccount(tb, 'tiktok_shop', { scope: 'shop', shop });
  });
  afterAll(() => tb?.close());

  it('keeps a stock change for a product in audit and sends it once the product is live', async () => {
    const listing = await publishWithPhotos(tb, shop, endekSpec({ variants: [{ price: 500_000, stock: 5 }] }));
    const [variant] = listing.variants;
    await untilPlanned(tb, account, { [listing.id]: 'create' });
    tb.tiktok.warnNext('The value of product attribute 100347 was not recognised and has been left blank.');
    const created = await syncAndWait(tb, account);
    // The channel's warning is a note on the run, not a failure.
    expect(itemOf(created, listing.id)).toMatchObject({ action: 'create', outcome: 'ok', reason: expect.stringContaining('the channel warned: The value of product attribute 100347') });
    const product = tiktokProduct(tb, account, variant!.sku);
    expect(product.status).toBe('PENDING');

    await api().put(`/api/v1/listings/${listing.id}/variants/${variant!.id}/stock`).set(bearer(shop.session)).send({ stock: 3, note: 'terjual di pasar' }).expect(200);
    await eventually(async () => {
      const [row] = await queryDb<{ stock: string }>(tb.sys, `SELECT snapshot->'variants'->0->>'stock' AS stock FROM channels.listings WHERE listing_id = $1`, [listing.id]);
      expect(row?.stock).toBe('3');
    });
    // In audit: a run sends no inventory update (TikTok would refuse it with 12052901).
    await syncAndWait(tb, account);
    expect(sentFor(tb, account)['products.inventory.update'] ?? 0).toBe(0);
    expect(product.skus[0]!.inventory[0]!.quantity).toBe(5);

    // Approved: the next run sees the verdict, the one after sends the stock that waited.
    tb.tiktok.approve(product.id);
    await syncAndWait(tb, account);
    await syncAndWait(tb, account);
    expect(sentFor(tb, account)['products.inventory.update']).toBe(1);
    expect(tb.tiktok.log.entries.filter((e) => e.api === 'products.inventory.update' && e.code !== '0')).toEqual([]);
    expect(product.skus[0]!.inventory[0]!.quantity).toBe(3);
  }, 90_000);

  // products/get-product.spec.json: `status` is TikTok Shop's, `integrated_platform_statuses` Tokopedia's,
  // `audit_failed_reasons[].listing_platform` says where a reason applies. A product refused on
  // Tokopedia only is live on TikTok Shop: synced, with Tokopedia's refusal as the reason.
  it("shows a migrated seller the product's outcome on each platform: live on TikTok Shop, refused on Tokopedia", async () => {
    const seller = await artisanShop(tb.sys, 'Perak Celuk Migrasi');
    tb.tiktok.queueAuthorization({ migrated: true, name: 'Perak Celuk (Tokopedia)' });
    const migrated = await createAccount(tb, 'tiktok_shop', { scope: 'shop', shop: seller });
    const listing = await publishWithPhotos(tb, seller, endekSpec());
    await untilPlanned(tb, migrated, { [listing.id]: 'create' });
    await syncAndWait(tb, migrated);
    const product = tiktokProduct(tb, migrated, listing.variants[0]!.sku);
    expect(product.listingPlatforms).toEqual(['TIKTOK_SHOP', 'TOKOPEDIA']);

    tb.tiktok.approve(product.id, 'TIKTOK_SHOP');
    tb.tiktok.reject(product.id, ['Foto produk buram.'], 'TOKOPEDIA');
    await syncAndWait(tb, migrated);
    expect(channelState(await shopChannelListings(tb, seller.session), listing.id, 'tiktok_shop')).toMatchObject({
      status: 'synced',
      rejectedBy: 'channel',
      reason: 'Tokopedia: refused in review: product: Foto produk buram.',
      problems: [expect.objectContaining({ code: 'channel.platform_not_live', params: { live: 'TikTok Shop', platform: 'Tokopedia', detail: 'refused in review: product: Foto produk buram' } })],
    });

    // Asked again each run until every platform has it live.
    tb.tiktok.approve(product.id, 'TOKOPEDIA');
    await syncAndWait(tb, migrated);
    expect(channelState(await shopChannelListings(tb, seller.session), listing.id, 'tiktok_shop')).toMatchObject({ status: 'synced', rejectedBy: null, reason: null, problems: [] });
  }, 90_000);
});
