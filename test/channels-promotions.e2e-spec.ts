import { channelSkuFor } from '../apps/channels/src/adapters/listing-content';
import request from 'supertest';
import { ChannelError } from '../apps/channels/src/adapters/channel-errors';
import { LazadaAdapter } from '../apps/channels/src/adapters/lazada/lazada.adapter';
import { lazadaTime } from '../apps/channels/src/adapters/lazada/lazada.payloads';
import { TikTokShopAdapter } from '../apps/channels/src/adapters/tiktok-shop/tiktok-shop.adapter';
import { activityStatus, type TikTokActivity } from './sandboxes/tiktok-shop-promotions';
import type { IssuedTikTokShop } from './sandboxes/tiktok-shop-sandbox';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer } from './support/http';
import {
  AccountPair,
  accountPair,
  artisanShop,
  bootChannelsTestbed,
  channelState,
  ChannelsTestbed,
  endekSpec,
  ExportedListing,
  itemOf,
  LAZADA_APP,
  lazadaItem,
  mapEndek,
  publishWithPhotos,
  sentFor,
  shopChannelListings,
  syncAndWait,
  TestAccount,
  TIKTOK_APP,
  tiktokProduct,
  untilPlanned,
} from './support/channels';
import type { Shop } from './support/search';

// A live campaign price on the channels: Lazada gets it as the SKU's special price with dates
// (Lazada ends it itself); TikTok Shop keeps the regular price and gets a promotion activity per
// campaign with the SKU's activity price, deactivated when the campaign is cancelled.

/** The sandbox's promotion activities of this account's shop. */
const activitiesOf = (tb: ChannelsTestbed, account: TestAccount): TikTokActivity[] =>
  [...tb.tiktok.state.activities.values()].filter((a) => a.shopCipher === account.sandboxId);

/** Promotion API requests that reached the sandbox for this account's shop, reads included. */
const promotionCalls = (tb: ChannelsTestbed, account: TestAccount): number =>
  Object.entries(sentFor(tb, account, { all: true })).filter(([api]) => api.startsWith('promotion.')).reduce((n, [, count]) => n + count, 0);

describe('channels: campaign prices as promotions', () => {
  let tb: ChannelsTestbed;
  let pair: AccountPair;
  let listing: ExportedListing;
  let shop: Shop;
  const api = () => request(tb.sys.http);
  /** A SKU as the council-wide TikTok shop holds it (namespaced by its artisan, channelSkuFor). */
  const ttSku = (sku: string) => channelSkuFor(shop.artisanId, sku, true);
  /** The same in the council-wide Lazada store. */
  const lzSku = ttSku;

  beforeAll(async () => {
    tb = await bootChannelsTestbed('channels-promotions');
    await mapEndek(tb);
    pair = await accountPair(tb, { scope: 'council' });
    shop = await artisanShop(tb.sys, 'Tenun Endek Gianyar');
    listing = await publishWithPhotos(tb, shop, endekSpec({ variants: [{ price: 400_000, stock: 5 }, { price: 300_000, stock: 2 }] }));
  });
  afterAll(() => tb?.close());

  /** A campaign already under way (it starts at once) with campaign prices for some variants. */
  async function startCampaign(title: string, prices: Array<{ variantId: string; price: number }>, hours = 3): Promise<{ id: string; endsAt: Date }> {
    const endsAt = new Date(Date.now() + hours * 3600_000);
    endsAt.setUTCMilliseconds(0);
    const created = await api()
      .post('/api/v1/curation/campaigns')
      .set(bearer(tb.curator))
      .send({
        kind: 'campaign',
        slug: `${title.toLowerCase().replace(/\W+/g, '-')}-${Date.now().toString(36)}`,
        title: { id: title },
        description: { id: `${title}: harga khusus kain endek.` },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: endsAt.toISOString(),
      })
      .expect(201);
    const id = created.body.id as string;
    await api().post(`/api/v1/curation/campaigns/${id}/members`).set(bearer(tb.curator)).send({ listingIds: [listing.id] }).expect(200);
    await api().put(`/api/v1/curation/campaigns/${id}/prices`).set(bearer(tb.curator)).send({ prices }).expect(200);
    return { id, endsAt };
  }

  /** The channels app's copy of the listing holds the price (events arrive asynchronously). */
  const copiedPrice = (price: string) =>
    eventually(async () => {
      const [row] = await queryDb<{ price: string }>(tb.sys, `SELECT snapshot->'variants'->0->>'price' AS price FROM channels.listings WHERE listing_id = $1`, [listing.id]);
      expect(row?.price).toBe(price);
    });

  it('sends a live campaign price to Lazada as a special price and to TikTok Shop as a promotion activity, once, and ends both when the campaign is cancelled', async () => {
    const [fixed, other] = listing.variants;
    await untilPlanned(tb, pair.lazada, { [listing.id]: 'create' });
    for (const account of [pair.tiktok, pair.lazada]) expect(itemOf(await syncAndWait(tb, account), listing.id)).toMatchObject({ action: 'create', outcome: 'ok' });
    expect(lazadaItem(tb, pair.lazada, fixed.sku).skus.find((s) => s.sellerSku === lzSku(fixed.sku))).toMatchObject({ price: '400000', special: null });

    // A campaign price for one variant.
    const { id, endsAt } = await startCampaign('Selasa Endek', [{ variantId: fixed.id, price: 320_000 }]);
    await copiedPrice('320000');

    const [tiktokRun, lazadaRun] = await Promise.all([syncAndWait(tb, pair.tiktok), syncAndWait(tb, pair.lazada)]);
    expect(itemOf(lazadaRun, listing.id)).toMatchObject({ action: 'update', outcome: 'ok', reason: expect.stringContaining('promotion exported') });
    const skus = lazadaItem(tb, pair.lazada, fixed.sku).skus;
    expect(skus.find((s) => s.sellerSku === lzSku(fixed.sku))).toMatchObject({
      price: '400000',
      special: { price: '320000', to: lazadaTime(endsAt.toISOString()) },
    });
    expect(skus.find((s) => s.sellerSku === lzSku(other.sku))).toMatchObject({ price: '300000', special: null });

    // TikTok Shop: the regular price on the product, the campaign price in one FIXED_PRICE activity. The
    // product body does not carry the campaign price, so the product is not edited (an edit goes back to audit).
    expect(itemOf(tiktokRun, listing.id)).toMatchObject({ action: 'skip', outcome: 'ok', reason: null });
    const product = tiktokProduct(tb, pair.tiktok, fixed.sku);
    expect(product.skus.find((s) => s.sellerSku === ttSku(fixed.sku))?.price.amount).toBe('400000');
    const fixedSkuId = product.skus.find((s) => s.sellerSku === ttSku(fixed.sku))!.id;
    const [activity, ...more] = activitiesOf(tb, pair.tiktok);
    expect(more).toEqual([]);
    expect(activity).toMatchObject({ activityType: 'FIXED_PRICE', productLevel: 'VARIATION', endTime: endsAt.getTime() / 1000, title: expect.stringMatching(/^Selasa Endek #[0-9a-f]{6}$/) });
    expect(Math.abs(activity!.beginTime - Date.now() / 1000)).toBeLessThan(120);
    // begin_time must be later than now (promotion/create-activity.spec.json, 17029005): it starts seconds later.
    await eventually(() => expect(activityStatus(activity!)).toBe('ONGOING'), { timeoutMs: 15_000, intervalMs: 250 });
    expect(activity!.products).toEqual([{ productId: product.id, skus: [{ skuId: fixedSkuId, activityPrice: '320000', discount: null }] }]);
    const [stored] = await queryDb<{ activity_id: string; status: string }>(tb.sys, `SELECT activity_id, status FROM channels.promotions WHERE account_id = $1`, [pair.tiktok.view.id]);
    expect(stored).toEqual({ activity_id: activity!.id, status: 'open' });

    // Nothing changed since: the re-run sends TikTok Shop nothing, promotion calls included.
    const callsBefore = promotionCalls(tb, pair.tiktok);
    const writesBefore = sentFor(tb, pair.tiktok);
    expect(itemOf(await syncAndWait(tb, pair.tiktok), listing.id)).toMatchObject({ action: 'skip', outcome: 'ok', reason: null });
    expect(promotionCalls(tb, pair.tiktok)).toBe(callsBefore);
    expect(sentFor(tb, pair.tiktok)).toEqual(writesBefore);
    expect(activitiesOf(tb, pair.tiktok)).toHaveLength(1);

    // Cancelled early: the next run takes the special price away.
    await api().post(`/api/v1/curation/campaigns/${id}/cancel`).set(bearer(tb.curator)).expect(200);
    await copiedPrice('400000');
    const [afterTiktok, afterLazada] = await Promise.all([syncAndWait(tb, pair.tiktok), syncAndWait(tb, pair.lazada)]);
    expect(itemOf(afterLazada, listing.id)).toMatchObject({ action: 'update', outcome: 'ok', reason: null });
    expect(lazadaItem(tb, pair.lazada, fixed.sku).skus.find((s) => s.sellerSku === lzSku(fixed.sku))).toMatchObject({ price: '400000', special: null });
    expect(itemOf(afterTiktok, listing.id)).toMatchObject({ outcome: 'ok', reason: null });
    expect(activityStatus(activity!)).toBe('DEACTIVATED');
    expect(activitiesOf(tb, pair.tiktok)).toHaveLength(1);
    const [ended] = await queryDb<{ status: string }>(tb.sys, `SELECT status FROM channels.promotions WHERE account_id = $1`, [pair.tiktok.view.id]);
    expect(ended).toEqual({ status: 'deactivated' });
    // And a run after that has nothing left to end.
    const callsAfter = promotionCalls(tb, pair.tiktok);
    await syncAndWait(tb, pair.tiktok);
    expect(promotionCalls(tb, pair.tiktok)).toBe(callsAfter);
  }, 90_000);

  it("shows TikTok Shop's refusal of a campaign price on the listing's channel status, and sends it once the cause is gone", async () => {
    const [fixed] = listing.variants;
    const product = tiktokProduct(tb, pair.tiktok, fixed.sku);
    const skuId = product.skus.find((s) => s.sellerSku === ttSku(fixed.sku))!.id;
    // The seller put the SKU in an activity of their own in Seller Center: one activity per SKU at a time.
    const now = Math.floor(Date.now() / 1000);
    const theirs: TikTokActivity = {
      id: '7000000000000000001', shopCipher: pair.tiktok.sandboxId, title: 'Diskon toko', activityType: 'FIXED_PRICE', productLevel: 'VARIATION',
      beginTime: now - 60, endTime: now + 7200, deactivated: false, products: [{ productId: product.id, skus: [{ skuId, activityPrice: '390000', discount: null }] }],
      createdAt: Date.now(), updatedAt: Date.now(),
    };
    tb.tiktok.state.activities.set(theirs.id, theirs);

    await startCampaign('Pameran Kriya Bali', [{ variantId: fixed.id, price: 330_000 }]);
    await copiedPrice('330000');
    const refused = itemOf(await syncAndWait(tb, pair.tiktok), listing.id);
    // The product is not edited for a campaign price (TikTok's body does not carry it): a skip with the refusal.
    expect(refused).toMatchObject({ action: 'skip', outcome: 'ok', reason: expect.stringMatching(/^promotion not exported: .*already in activity 7000000000000000001/) });
    expect(channelState(await shopChannelListings(tb, shop.session), listing.id, 'tiktok_shop').reason).toBe(refused.reason);
    const ours = activitiesOf(tb, pair.tiktok).find((a) => a.title.startsWith('Pameran Kriya Bali'));
    expect(ours?.products).toEqual([]);

    // The seller ends their activity: the next run sends the campaign price and clears the reason.
    theirs.deactivated = true;
    expect(itemOf(await syncAndWait(tb, pair.tiktok), listing.id)).toMatchObject({ action: 'skip', outcome: 'ok', reason: null });
    expect(ours?.products).toEqual([{ productId: product.id, skus: [{ skuId, activityPrice: '330000', discount: null }] }]);
    expect(channelState(await shopChannelListings(tb, shop.session), listing.id, 'tiktok_shop').reason).toBeNull();
  }, 90_000);

  it('adopts the activity a run created but did not get to record, rather than opening a second one', async () => {
    const [fixed] = listing.variants;
    const [before] = await queryDb<{ activity_id: string; campaign_slug: string }>(
      tb.sys, `SELECT activity_id, campaign_slug FROM channels.promotions WHERE account_id = $1 AND status = 'open'`, [pair.tiktok.view.id],
    );
    expect(before).toBeDefined();
    const count = activitiesOf(tb, pair.tiktok).length;
    // As if the run had died between TikTok's answer and our commit.
    await queryDb(tb.sys, `DELETE FROM channels.promotion_products WHERE account_id = $1`, [pair.tiktok.view.id]);
    await queryDb(tb.sys, `DELETE FROM channels.promotions WHERE account_id = $1`, [pair.tiktok.view.id]);

    expect(itemOf(await syncAndWait(tb, pair.tiktok), listing.id)).toMatchObject({ action: 'skip', outcome: 'ok', reason: null });
    expect(activitiesOf(tb, pair.tiktok)).toHaveLength(count);
    const [after] = await queryDb<{ activity_id: string }>(tb.sys, `SELECT activity_id FROM channels.promotions WHERE account_id = $1 AND campaign_slug = $2`, [
      pair.tiktok.view.id, before!.campaign_slug,
    ]);
    expect(after).toEqual({ activity_id: before!.activity_id });
    const product = tiktokProduct(tb, pair.tiktok, fixed.sku);
    expect(tb.tiktok.state.activities.get(before!.activity_id)!.products).toEqual([
      { productId: product.id, skus: [{ skuId: product.skus.find((s) => s.sellerSku === ttSku(fixed.sku))!.id, activityPrice: '330000', discount: null }] },
    ]);
  }, 60_000);

  it("holds a TikTok Shop activity to TikTok's rules: 10 minutes or more, a title within 50 characters, a price below the SKU's", async () => {
    const [, other] = listing.variants;
    const sandboxProduct = tiktokProduct(tb, pair.tiktok, other.sku);
    // Our SKUs by the channel's (the council-wide shop holds them namespaced).
    const product = { productId: sandboxProduct.id, skus: listing.variants.map((v) => ({ sellerSku: v.sku, skuId: sandboxProduct.skus.find((s) => s.sellerSku === ttSku(v.sku))!.id })) };
    const issued = pair.tiktok.issued as IssuedTikTokShop;
    const adapter = new TikTokShopAdapter({
      accountId: pair.tiktok.view.id,
      baseUrl: tb.tiktok.url,
      authBaseUrl: tb.tiktok.authUrl,
      appKey: TIKTOK_APP.appKey,
      appSecret: TIKTOK_APP.appSecret,
      tokens: { accessToken: issued.accessToken, accessTokenExpiresAt: issued.accessTokenExpiresAt, refreshToken: issued.refreshToken, refreshTokenExpiresAt: issued.refreshTokenExpiresAt },
      shopCipher: issued.shopCipher,
      warehouseId: issued.warehouseId,
      rateLimiter: null,
    });
    const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof ChannelError ? e.reason : `not a ChannelError: ${String(e)}`));

    expect(await refusal(adapter.promotions.openActivity({ name: 'Kilat', tag: '#abc123', beginsAt: new Date().toISOString(), endsAt: soon(5) }))).toContain('10 minutes to 365 days');
    const long = 'Pameran Kriya Bali Dekranasda: tenun endek, songket dan perak Celuk';
    const opened = await adapter.promotions.openActivity({ name: long, tag: '#abc123', beginsAt: new Date().toISOString(), endsAt: soon(60) });
    expect(opened.title.length).toBeLessThanOrEqual(50);
    expect(opened.title).toMatch(/^Pameran Kriya Bali .* #abc123$/);
    // Asked again (an interrupted run), the open activity of that title is adopted, not doubled.
    expect(await adapter.promotions.openActivity({ name: long, tag: '#abc123', beginsAt: new Date().toISOString(), endsAt: soon(60) })).toEqual({ ...opened, recovered: true });

    expect(await refusal(adapter.promotions.setProductPrices(opened.activityId, product, { [other.sku]: '300000' }))).toContain('must be lower than its price 300000');
    const activity = tb.tiktok.state.activities.get(opened.activityId)!;
    expect(activity.products).toEqual([]);
    await adapter.promotions.setProductPrices(opened.activityId, product, { [other.sku]: '250000' });
    expect(activity.products).toEqual([{ productId: product.productId, skus: [{ skuId: expect.any(String), activityPrice: '250000', discount: null }] }]);

    await adapter.promotions.deactivateActivity(opened.activityId);
    expect(activityStatus(activity)).toBe('DEACTIVATED');
    // Deactivating again counts as done; adding to it is refused.
    await adapter.promotions.deactivateActivity(opened.activityId);
    expect(await refusal(adapter.promotions.setProductPrices(opened.activityId, product, { [other.sku]: '240000' }))).toContain('already ended');
  });

  it("holds a Lazada special price to Lazada's rules: below the price, from before to", async () => {
    const [fixed] = listing.variants;
    const item = lazadaItem(tb, pair.lazada, fixed.sku);
    const sku = item.skus.find((s) => s.sellerSku === lzSku(fixed.sku))!;
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
    // ChannelSkuRef: sellerSku is our variant's SKU, channelSku the one Lazada holds (namespaced by the council's store).
    const base = { productId: item.itemId, skuId: sku.skuId, sellerSku: fixed.sku, channelSku: sku.sellerSku };
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();

    const above = await adapter.updatePriceStock([{ ...base, special: { price: '450000', from, to } }]);
    expect(above.failed.map((f) => f.reason)).toEqual([expect.stringContaining('must be lower than the price')]);
    const backwards = await adapter.updatePriceStock([{ ...base, special: { price: '350000', from: to, to: from } }]);
    expect(backwards.failed.map((f) => f.reason)).toEqual([expect.stringContaining('must be before')]);
    expect(lazadaItem(tb, pair.lazada, fixed.sku).skus.find((s) => s.sellerSku === lzSku(fixed.sku))!.special).toBeNull();

    const fine = await adapter.updatePriceStock([{ ...base, special: { price: '350000', from, to } }]);
    expect(fine).toMatchObject({ failed: [], updated: [expect.objectContaining({ sellerSku: fixed.sku })] });
    expect(lazadaItem(tb, pair.lazada, fixed.sku).skus.find((s) => s.sellerSku === lzSku(fixed.sku))!.special).toEqual({ price: '350000', from: lazadaTime(from), to: lazadaTime(to) });
  });
});

// With the export at a campaign's edges on (the other suites turn it off), a campaign's price
// reaches both channels shortly after it starts, and leaves them shortly after it ends, with no
// run asked for and no nightly schedule.
describe('channels: an export at each campaign edge', () => {
  let tb: ChannelsTestbed;
  let pair: AccountPair;
  let listing: ExportedListing;
  const api = () => request(tb.sys.http);

  beforeAll(async () => {
    tb = await bootChannelsTestbed('channels-campaign-edges', { env: { CHANNEL_CAMPAIGN_EXPORT_DELAY_MS: '300' } });
    await mapEndek(tb);
    pair = await accountPair(tb, { scope: 'council' });
    const shop = await artisanShop(tb.sys, 'Tenun Endek Klungkung');
    listing = await publishWithPhotos(tb, shop, endekSpec({ variants: [{ price: 500_000, stock: 4 }] }));
    await untilPlanned(tb, pair.lazada, { [listing.id]: 'create' });
    for (const account of [pair.tiktok, pair.lazada]) expect(itemOf(await syncAndWait(tb, account), listing.id)).toMatchObject({ action: 'create', outcome: 'ok' });
  });
  afterAll(() => tb?.close());

  const scheduledRuns = async (account: TestAccount): Promise<number> => {
    const res = await api().get(`/api/v1/curation/channels/runs?accountId=${account.view.id}&limit=50`).set(bearer(tb.curator)).expect(200);
    return (res.body.items as Array<{ kind: string }>).filter((r) => r.kind === 'scheduled').length;
  };

  it('exports each account when a campaign starts and when it is cancelled', async () => {
    const [variant] = listing.variants;
    const startsAt = Date.now() + 2_000;
    const created = await api()
      .post('/api/v1/curation/campaigns')
      .set(bearer(tb.curator))
      .send({
        kind: 'campaign',
        slug: `selasa-endek-tepi-${Date.now().toString(36)}`,
        title: { id: 'Selasa Endek' },
        description: { id: 'Harga khusus kain endek hari Selasa.' },
        startsAt: new Date(startsAt).toISOString(),
        // TikTok Shop takes activities of 10 minutes or more.
        endsAt: new Date(startsAt + 3600_000).toISOString(),
      })
      .expect(201);
    const id = created.body.id as string;
    await api().post(`/api/v1/curation/campaigns/${id}/members`).set(bearer(tb.curator)).send({ listingIds: [listing.id] }).expect(200);
    await api().put(`/api/v1/curation/campaigns/${id}/prices`).set(bearer(tb.curator)).send({ prices: [{ variantId: variant.id, price: 425_000 }] }).expect(200);
    expect(await scheduledRuns(pair.lazada)).toBe(0);

    // Started: both channels get the price without anyone asking for a run.
    await eventually(async () => {
      expect(lazadaItem(tb, pair.lazada, variant.sku).skus.find((s) => s.sellerSku === variant.sku || s.sellerSku.slice(7) === variant.sku)?.special?.price).toBe('425000');
      expect(activitiesOf(tb, pair.tiktok).map((a) => activityStatus(a))).toEqual(['ONGOING']);
    }, { timeoutMs: 20_000, intervalMs: 200 });
    expect(Date.now()).toBeGreaterThanOrEqual(startsAt);
    expect(await scheduledRuns(pair.tiktok)).toBe(1);
    expect(await scheduledRuns(pair.lazada)).toBe(1);

    // Cancelled (an end like any other): the special price is gone from Lazada and TikTok's activity
    // is over, again unasked.
    await api().post(`/api/v1/curation/campaigns/${id}/cancel`).set(bearer(tb.curator)).expect(200);
    await eventually(async () => {
      expect(lazadaItem(tb, pair.lazada, variant.sku).skus.find((s) => s.sellerSku === variant.sku || s.sellerSku.slice(7) === variant.sku)?.special ?? null).toBeNull();
      expect(activitiesOf(tb, pair.tiktok).map((a) => activityStatus(a))).not.toContain('ONGOING');
    }, { timeoutMs: 25_000, intervalMs: 200 });
    expect(await scheduledRuns(pair.tiktok)).toBe(2);
    expect(await scheduledRuns(pair.lazada)).toBe(2);
  }, 60_000);
});
