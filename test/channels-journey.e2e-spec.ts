import request from 'supertest';
import type { ChannelAttributeSpecView, ChannelCategoryNodeView, ChannelMappingView } from '@pk/contracts';
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
  ExportedListing,
  itemOf,
  publishWithPhotos,
  shopChannelListings,
  syncAndWait,
  TestAccount,
  untilPlanned,
} from './support/channels';

// The whole of an artisan's way onto TikTok Shop (with Tokopedia) and Lazada, as the issue
// describes it: the artisan connects both seller accounts through the channels' authorization
// pages; a curator maps the craft from each channel's own category data (nothing else by hand);
// a listing with two colours, photos and a campaign price goes to both and is accepted; a stock
// sale reaches each channel once its product is live there; unpublishing takes it off TikTok Shop
// and Tokopedia alike; and a value the channel refuses comes back to the artisan as a problem code
// the web words in Indonesian or English.

describe("channels: an artisan's own shops on TikTok Shop (with Tokopedia) and Lazada, end to end", () => {
  let tb: ChannelsTestbed;
  let shop: Shop;
  let tiktok: TestAccount;
  let lazada: TestAccount;
  let listing: ExportedListing;
  const api = () => request(tb.sys.http);
  const campaignPrice = 399_000;

  const tiktokProductOf = (sku: string) => {
    const found = [...tb.tiktok.state.products.values()].filter((p) => p.shopCipher === tiktok.sandboxId && p.skus.some((s) => s.sellerSku === sku));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const lazadaItemOf = (sku: string) => {
    const found = [...tb.lazada.state.items.values()].filter((i) => i.sellerId === lazada.sandboxId && i.skus.some((s) => s.sellerSku === sku));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const stateOf = async (account: TestAccount) => channelState(await shopChannelListings(tb, shop.session), listing.id, account.channel);

  beforeAll(async () => {
    tb = await bootChannelsTestbed('channels-journey');
    shop = await artisanShop(tb.sys, 'Tenun Ikat Sidemen Lestari');
  });
  afterAll(() => tb?.close());

  it('connects the artisan\'s TikTok Shop (a seller migrated from Tokopedia) and Lazada accounts through the channels\' authorization pages', async () => {
    tb.tiktok.queueAuthorization({ name: 'Tenun Sidemen Lestari', migrated: true });
    tiktok = await createAccount(tb, 'tiktok_shop', { scope: 'shop', shop });
    lazada = await createAccount(tb, 'lazada', { scope: 'shop', shop });
    const rows = await queryDb<{ channel: string; settings: Record<string, unknown> }>(tb.sys, 'SELECT channel, settings FROM channels.accounts WHERE artisan_id = $1', [shop.artisanId]);
    expect(rows.map((r) => r.channel).sort()).toEqual(['lazada', 'tiktok_shop']);
    // The migrated seller lists on both platforms: the account says so, from the channel's own answer.
    expect((rows.find((r) => r.channel === 'tiktok_shop')!.settings.listingPlatforms as string[]).sort()).toEqual(['TIKTOK_SHOP', 'TOKOPEDIA']);
  });

  it("lets a curator map the craft from each channel's own category tree and attributes", async () => {
    const maps: Record<'tiktok_shop' | 'lazada', { leaf: string; material: string; colour: string }> = {
      tiktok_shop: { leaf: 'Traditional Cloth', material: 'Material', colour: 'Warna' },
      lazada: { leaf: 'Traditional Fabric', material: 'Material', colour: 'Color' },
    };
    for (const channel of ['tiktok_shop', 'lazada'] as const) {
      const tree = (await api().get(`/api/v1/curation/channels/${channel}/categories`).set(bearer(tb.curator)).expect(200)).body.items as ChannelCategoryNodeView[];
      const leaf = tree.find((c) => c.name === maps[channel].leaf && c.leaf)!;
      expect(leaf).toBeDefined();
      const attributes = (await api().get(`/api/v1/curation/channels/${channel}/categories/${leaf.id}/attributes`).set(bearer(tb.curator)).expect(200)).body.items as ChannelAttributeSpecView[];
      const material = attributes.find((a) => a.name === maps[channel].material && !a.sales)!;
      const colour = attributes.find((a) => a.name === maps[channel].colour && a.sales)!;
      expect(material.required).toBe(true);
      // What the channel requires, and no more: the material from the listing, the colour option as the colour.
      const mapped = await api()
        .put(`/api/v1/curation/channels/mappings/${channel}/endek`)
        .set(bearer(tb.curator))
        .send({ channelCategoryId: leaf.id, channelCategoryName: leaf.name, attributes: [{ id: material.id, from: 'materials' }], salesAttributes: [{ id: colour.id, optionLabels: ['Warna'] }] })
        .expect(200);
      const view = mapped.body as ChannelMappingView;
      // The stored mapping carries the channel's own values, so the export can send ids.
      expect(view.attributes[0]).toMatchObject({ id: material.id, required: true, from: 'materials' });
      expect(view.attributes[0]!.options!.length).toBeGreaterThan(0);
      expect(view.salesAttributes).toEqual([expect.objectContaining({ id: colour.id, optionLabels: ['Warna'] })]);
    }
  });

  it('sends a two-colour listing with photos and a campaign price to both channels, which accept it', async () => {
    listing = await publishWithPhotos(
      tb,
      shop,
      {
        titleId: 'Kain endek Sidemen tenun ikat motif cepuk warna alam',
        category: 'endek',
        regency: 'karangasem',
        materials: ['Katun'],
        techniques: ['Tenun ikat'],
        variants: [
          { price: 450_000, stock: 4, options: { Warna: 'Merah' } },
          { price: 480_000, stock: 3, options: { Warna: 'Biru' } },
        ],
      },
      2,
    );
    const [red, blue] = listing.variants;
    const endsAt = new Date(Date.now() + 6 * 3600_000);
    endsAt.setUTCMilliseconds(0);
    const campaign = await api()
      .post('/api/v1/curation/campaigns')
      .set(bearer(tb.curator))
      .send({
        kind: 'campaign',
        slug: `selasa-endek-${Date.now().toString(36)}`,
        title: { id: 'Selasa Endek' },
        description: { id: 'Selasa Endek: harga khusus kain endek.' },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: endsAt.toISOString(),
      })
      .expect(201);
    const campaignId = campaign.body.id as string;
    await api().post(`/api/v1/curation/campaigns/${campaignId}/members`).set(bearer(tb.curator)).send({ listingIds: [listing.id] }).expect(200);
    await api().put(`/api/v1/curation/campaigns/${campaignId}/prices`).set(bearer(tb.curator)).send({ prices: [{ variantId: red!.id, price: campaignPrice }] }).expect(200);
    await eventually(async () => {
      const [row] = await queryDb<{ price: string }>(tb.sys, `SELECT snapshot->'variants'->0->>'price' AS price FROM channels.listings WHERE listing_id = $1`, [listing.id]);
      expect(row?.price).toBe(String(campaignPrice));
    });

    for (const account of [tiktok, lazada]) {
      await untilPlanned(tb, account, { [listing.id]: 'create' });
      expect(itemOf(await syncAndWait(tb, account), listing.id)).toMatchObject({ action: 'create', outcome: 'ok' });
    }

    // TikTok Shop: the colour as the category's sales attribute with the channel's value ids, the
    // material by its value id, both photos, and on both platforms of the migrated seller.
    const product = tiktokProductOf(red!.sku);
    expect(product.status).toBe('PENDING');
    expect(product.mainImages).toHaveLength(2);
    expect(product.listingPlatforms.sort()).toEqual(['TIKTOK_SHOP', 'TOKOPEDIA']);
    expect(product.attributeValueIds['100198']).toEqual(['1000101']);
    expect(product.skus.map((s) => [s.sellerSku, s.price.amount, s.salesAttributes.map((a) => [a.id, a.valueId])])).toEqual([
      [red!.sku, '450000', [['100000', '1000001']]],
      [blue!.sku, '480000', [['100000', '1000002']]],
    ]);
    // Lazada: the colour as the category's sale property, the campaign price as red's special price.
    const item = lazadaItemOf(red!.sku);
    expect(item.qc.status).toBe('pending');
    expect(item.images).toHaveLength(2);
    expect(item.skus.map((s) => [s.sellerSku, s.price, s.saleProp])).toEqual([
      [red!.sku, '450000', { color_family: 'Merah' }],
      [blue!.sku, '480000', { color_family: 'Biru' }],
    ]);
    expect(item.skus[0]!.special?.price).toBe(String(campaignPrice));
    expect(item.skus[1]!.special).toBeNull();

    // Both channels pass the product; the next runs record it and TikTok Shop gets the campaign price
    // as its own promotion activity.
    tb.tiktok.approve(product.id);
    tb.lazada.approve(item.itemId);
    for (const account of [tiktok, lazada]) await syncAndWait(tb, account);
    for (const account of [tiktok, lazada]) expect(await stateOf(account)).toMatchObject({ status: 'synced', reason: null, problems: [] });
    await syncAndWait(tb, tiktok);
    const activity = [...tb.tiktok.state.activities.values()].find((a) => a.shopCipher === tiktok.sandboxId);
    expect(activity?.products).toEqual([{ productId: product.id, skus: [{ skuId: product.skus[0]!.id, activityPrice: String(campaignPrice), discount: null }] }]);
  });

  it('takes a sale here to both channels once the product is live there', async () => {
    const [red] = listing.variants;
    await api().put(`/api/v1/listings/${listing.id}/variants/${red!.id}/stock`).set(bearer(shop.session)).send({ stock: 3, note: 'terjual di pasar seni' }).expect(200);
    await eventually(
      () => {
        expect(tiktokProductOf(red!.sku).skus[0]!.inventory[0]!.quantity).toBe(3);
        expect(lazadaItemOf(red!.sku).skus[0]!.quantity).toBe(3);
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
  });

  it('takes an unpublished listing off TikTok Shop and Tokopedia alike, and off Lazada', async () => {
    const [red] = listing.variants;
    await api().post(`/api/v1/listings/${listing.id}/archive`).set(bearer(shop.session)).expect(200);
    for (const account of [tiktok, lazada]) {
      await untilPlanned(tb, account, { [listing.id]: 'deactivate' });
      expect(itemOf(await syncAndWait(tb, account), listing.id)).toMatchObject({ action: 'deactivate', outcome: 'ok' });
    }
    const product = tiktokProductOf(red!.sku);
    expect(product.platformStatuses).toEqual({ TIKTOK_SHOP: 'SELLER_DEACTIVATED', TOKOPEDIA: 'SELLER_DEACTIVATED' });
    expect(lazadaItemOf(red!.sku).active).toBe(false);
  });

  it("brings a value the channel refuses back to the artisan as a problem the web words in the person's language", async () => {
    // TikTok Shop changed the category since it was cached: the material is no longer free text and
    // "Katun" no longer one of its values. Our cache still had it; the channel refuses the value.
    const cloth = tb.tiktok.state.categories.get('601161')!;
    tb.tiktok.setCategory({
      ...cloth,
      attributes: cloth.attributes!.map((a) => (a.id === '100198' ? { ...a, customizable: false, values: a.values.filter((v) => v.name !== 'Katun') } : a)),
    });
    const second = await publishWithPhotos(tb, shop, {
      titleId: 'Kain endek Sidemen tenun ikat motif wajik warna alam',
      category: 'endek',
      regency: 'karangasem',
      materials: ['Katun'],
      variants: [{ price: 520_000, stock: 2, options: { Warna: 'Hitam' } }],
    });
    await untilPlanned(tb, tiktok, { [second.id]: 'create' });
    expect(itemOf(await syncAndWait(tb, tiktok), second.id)).toMatchObject({ action: 'create', outcome: 'failed' });
    const state = channelState(await shopChannelListings(tb, shop.session), second.id, 'tiktok_shop');
    expect(state.status).toBe('failed');
    // The English reason, and a code with params for the web (which has Indonesian and English text for every code).
    expect(state.reason).toMatch(/TikTok Shop/);
    expect(state.problems).toEqual([
      expect.objectContaining({ code: 'channel.invalid_field', params: { channel: 'tiktok_shop', detail: expect.stringContaining('1000101') } }),
    ]);
  });
});
