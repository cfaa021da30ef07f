import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelCategoryMapping, ChannelListing, ChannelTokens } from '../apps/channels/src/adapters/channel-adapter';
import { ChannelError } from '../apps/channels/src/adapters/channel-errors';
import { channelSkuFor } from '../apps/channels/src/adapters/listing-content';
import { channelListing, listingSnapshot, tiktokClothMapping } from '../apps/channels/src/adapters/listing.fixture';
import { TokenBucketLimiter } from '../apps/channels/src/adapters/rate-limiter';
import { TikTokShopAdapter } from '../apps/channels/src/adapters/tiktok-shop/tiktok-shop.adapter';
import type { ListingPlatform } from '../apps/channels/src/adapters/tiktok-shop/tiktok-shop.client';
import { TikTokShopConnector } from '../apps/channels/src/adapters/tiktok-shop/tiktok-shop.connector';
import { tiktokSignature } from '../apps/channels/src/adapters/tiktok-shop/tiktok-shop.signing';
import { startTikTokShopSandbox, type IssuedTikTokShop, type TikTokShopSandbox } from './sandboxes/tiktok-shop-sandbox';
import { webp } from './support/images';

// Where our TikTok Shop client and the documentation (data/raw/tiktok/ in
// lazykern/ecommerce-api-docs) used to disagree: each test sends what the client sends to the
// sandbox, which is built from the docs, and fails on the client as it was before.

const APP = { appKey: 'tt-contract-91c2', appSecret: 'tt-contract-secret-55e0' };

let sandbox: TikTokShopSandbox;
let photos: { server: Server; base: string };
let n = 0;

beforeAll(async () => {
  const big = await webp(900, 700);
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/webp' }).end(big));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  photos = { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  sandbox = await startTikTokShopSandbox(APP);
});

afterAll(async () => {
  await Promise.all([sandbox?.close(), new Promise((resolve) => photos?.server.close(resolve))]);
});

const tokensOf = (s: IssuedTikTokShop): ChannelTokens => ({
  accessToken: s.accessToken,
  accessTokenExpiresAt: s.accessTokenExpiresAt,
  refreshToken: s.refreshToken,
  refreshTokenExpiresAt: s.refreshTokenExpiresAt,
});

function adapterFor(opts: { migrated?: boolean; namespaceSkus?: boolean; listingPlatforms?: ListingPlatform[]; onTokensRefreshed?: (t: ChannelTokens) => void } = {}) {
  const shop = sandbox.issueShop({ migrated: opts.migrated });
  const adapter = new TikTokShopAdapter({
    accountId: `contract-${++n}`,
    baseUrl: sandbox.url,
    authBaseUrl: sandbox.authUrl,
    ...APP,
    tokens: tokensOf(shop),
    shopCipher: shop.shopCipher,
    warehouseId: shop.warehouseId,
    listingPlatforms: opts.listingPlatforms ?? (opts.migrated ? ['TIKTOK_SHOP', 'TOKOPEDIA'] : undefined),
    namespaceSkus: opts.namespaceSkus,
    rateLimiter: new TokenBucketLimiter(),
    onTokensRefreshed: opts.onTokensRefreshed,
    retry: { baseDelayMs: 50, maxDelayMs: 500, maxAttempts: 6 },
  });
  return { adapter, shop };
}

function fresh(mapping: ChannelCategoryMapping = tiktokClothMapping, overrides: Parameters<typeof listingSnapshot>[0] = {}): ChannelListing {
  const i = ++n;
  const base = listingSnapshot({}, `${photos.base}/l${i}`);
  return channelListing(mapping, { id: `0190a6a4-3333-7000-8000-${String(i).padStart(12, '0')}`, variants: base.variants.map((v) => ({ ...v, sku: `${v.sku}-${i}` })), ...overrides }, `${photos.base}/l${i}`);
}

async function created(adapter: TikTokShopAdapter, listing: ChannelListing) {
  const images = await adapter.uploadImages(listing.listing.photos.map((p) => p.urls.full));
  return { ref: await adapter.createProduct(listing, images, { idempotencyKey: `k:${listing.listing.id}` }), images };
}

async function caught(p: Promise<unknown>): Promise<ChannelError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ChannelError) return e;
    throw e;
  }
  throw new Error('expected a ChannelError');
}

/** A request signed as the docs say, for probing the sandbox directly. */
async function signed(path: string, query: Record<string, string>, token: string, init: { method?: string; body?: string } = {}) {
  const q: Record<string, string> = { app_key: APP.appKey, timestamp: String(Math.floor(Date.now() / 1000)), ...query };
  q.sign = tiktokSignature({ path, query: q, body: init.body, appSecret: APP.appSecret });
  const res = await fetch(`${sandbox.url}${path}?${new URLSearchParams(q)}`, {
    method: init.method ?? 'GET',
    headers: { 'x-tts-access-token': token, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body,
  });
  return (await res.json()) as { code: number; message: string; data: unknown };
}

describe('TikTok Shop contract: identifiers, errors and tokens (item 1, 6)', () => {
  it('uploads images without shop_cipher; the sandbox refuses one there with 36009004 "unexpected identifier"', async () => {
    const { adapter, shop } = adapterFor();
    const listing = fresh();
    const images = await adapter.uploadImages(listing.listing.photos.map((p) => p.urls.full));
    expect(images[0]!.ref).toMatch(/^tos-/);
    // Shop-scoped calls still carry it (and are refused without it: 106013).
    const before = sandbox.log.entries.length;
    await adapter.createProduct(listing, images, { idempotencyKey: `k:${listing.listing.id}` });
    expect(sandbox.log.entries.slice(before).map((e) => e.code)).toEqual(['0']);
    const withCipher = await signed('/authorization/202309/shops', { shop_cipher: shop.shopCipher }, shop.accessToken);
    expect(withCipher).toMatchObject({ code: 36009004, message: expect.stringContaining('Unexpected identifier') });
    const without = await signed('/product/202309/products/1', {}, shop.accessToken);
    expect(without).toMatchObject({ code: 106013 });
  });

  it('refreshes the token at the auth host when TikTok answers 36009004 for an invalid token, and carries on', async () => {
    const refreshed: ChannelTokens[] = [];
    const { adapter, shop } = adapterFor({ onTokensRefreshed: (t) => refreshed.push(t) });
    // A token TikTok no longer knows (revoked): 36009004, not a clock problem.
    const broken = new TikTokShopAdapter({
      accountId: `contract-${++n}`, baseUrl: sandbox.url, authBaseUrl: sandbox.authUrl, ...APP, shopCipher: shop.shopCipher, warehouseId: shop.warehouseId,
      tokens: { ...tokensOf(shop), accessToken: 'TTP_revoked' }, rateLimiter: null, onTokensRefreshed: (t) => void refreshed.push(t),
    });
    const status = await caught(broken.getProductStatus({ productId: '404', skus: [] }));
    // The token was refreshed and the call repeated: TikTok's answer is now about the product.
    expect(status).toMatchObject({ kind: 'not_found', code: '12052260' });
    expect(refreshed).toHaveLength(1);
    expect(broken.currentTokens().accessToken).not.toBe('TTP_revoked');
    // The shop's own adapter still works with its tokens until they rotate.
    expect((await adapter.categories()).length).toBeGreaterThan(0);
  });

  it('serves token endpoints only at the auth host, a separate server', async () => {
    expect(new URL(sandbox.authUrl).port).not.toBe(new URL(sandbox.url).port);
    const q = new URLSearchParams({ app_key: APP.appKey, app_secret: APP.appSecret, refresh_token: 'x', grant_type: 'refresh_token' });
    const onApi = await (await fetch(`${sandbox.url}/api/v2/token/refresh?${q}`)).json();
    expect(onApi).toMatchObject({ code: 36009009 });
    const onAuth = await (await fetch(`${sandbox.authUrl}/api/v2/token/refresh?${q}`)).json();
    expect(onAuth).toMatchObject({ code: 36009004 });
  });

  it('connects a seller: authorization link, code at the auth host, shop, warehouse and Tokopedia migration', async () => {
    const connector = new TikTokShopConnector({ ...APP, apiUrl: sandbox.url, authUrl: sandbox.authUrl, authorizeUrl: sandbox.authorizeUrl });
    const queued = sandbox.queueAuthorization({ name: 'Perak Celuk Wayan', migrated: true });
    const link = connector.authorizeUrl('st4te', 'http://127.0.0.1:9/callback');
    expect(new URL(link).searchParams.get('state')).toBe('st4te');
    const visit = await fetch(link, { redirect: 'manual' });
    expect(visit.status).toBe(302);
    const back = new URL(visit.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('st4te');
    const tokens = await connector.exchangeCode(back.searchParams.get('code')!);
    // The code is good once.
    expect(await caught(connector.exchangeCode(back.searchParams.get('code')!))).toMatchObject({ kind: 'invalid_token' });
    expect(await connector.describeSeller(tokens)).toEqual({
      name: 'Perak Celuk Wayan',
      sellerId: queued.shopId,
      shopCipher: queued.shopCipher,
      warehouseId: queued.warehouseId,
      listingPlatforms: ['TIKTOK_SHOP', 'TOKOPEDIA'],
      region: 'ID',
    });
    // A seller who never sold on Tokopedia gets no listing_platforms.
    const plain = sandbox.authorize({ name: 'Ukir Mas' });
    const seller = await connector.describeSeller(await connector.exchangeCode(plain.code));
    expect(seller).toMatchObject({ shopCipher: plain.shop.shopCipher, warehouseId: plain.shop.warehouseId });
    expect(seller).not.toHaveProperty('listingPlatforms');
    const again = await connector.refresh(tokens.refreshToken);
    expect(again.accessToken).not.toBe(tokens.accessToken);
  });
});

describe('TikTok Shop contract: promotions (item 2)', () => {
  it('opens an activity for a campaign that starts now: begin_time is later than now (17029005)', async () => {
    const { adapter } = adapterFor();
    const activity = await adapter.promotions.openActivity({ name: 'Selasa Endek', tag: `#c${++n}`, beginsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() });
    const held = sandbox.state.activities.get(activity.activityId)!;
    expect(held.beginTime).toBeGreaterThan(Math.floor(Date.now() / 1000));
  });
});

describe('TikTok Shop contract: Tokopedia platforms (item 3)', () => {
  it('deactivates on both platforms for a migrated seller and reports each platform', async () => {
    const { adapter } = adapterFor({ migrated: true });
    const { ref } = await created(adapter, fresh());
    const product = sandbox.state.products.get(ref.productId)!;
    expect(product.listingPlatforms).toEqual(['TIKTOK_SHOP', 'TOKOPEDIA']);
    sandbox.approve(ref.productId, 'TIKTOK_SHOP');
    sandbox.reject(ref.productId, ['Foto tidak sesuai'], 'TOKOPEDIA');
    const status = await adapter.getProductStatus(ref);
    expect(status).toMatchObject({
      state: 'live',
      reasons: ['Tokopedia: product: Foto tidak sesuai'],
      platforms: [
        { platform: 'TIKTOK_SHOP', state: 'live', channelStatus: 'ACTIVATE', reasons: [] },
        { platform: 'TOKOPEDIA', state: 'rejected', channelStatus: 'FAILED', reasons: ['product: Foto tidak sesuai'] },
      ],
    });
    sandbox.approve(ref.productId, 'TOKOPEDIA');
    await adapter.deactivateProduct(ref);
    expect(product.platformStatuses).toEqual({ TIKTOK_SHOP: 'SELLER_DEACTIVATED', TOKOPEDIA: 'SELLER_DEACTIVATED' });
  });

  it('sends listing_platforms only for migrated sellers: the sandbox refuses them from others (12052330)', async () => {
    const { adapter } = adapterFor({ listingPlatforms: ['TIKTOK_SHOP', 'TOKOPEDIA'] });
    const listing = fresh();
    const images = await adapter.uploadImages(listing.listing.photos.map((p) => p.urls.full));
    expect(await caught(adapter.createProduct(listing, images, { idempotencyKey: `k:${listing.listing.id}` }))).toMatchObject({ code: '12052330' });
    const plain = adapterFor().adapter;
    const { ref } = await created(plain, fresh());
    expect(sandbox.state.products.get(ref.productId)!.listingPlatforms).toEqual(['TIKTOK_SHOP']);
    // deactivate-products.spec.json: only products in the Activate status.
    sandbox.approve(ref.productId);
    await plain.deactivateProduct(ref);
    expect(sandbox.state.products.get(ref.productId)!.status).toBe('SELLER_DEACTIVATED');
  });
});

describe('TikTok Shop contract: text format (12052931, 12052932)', () => {
  it('refuses an emoji title before sending, and the sandbox refuses &nbsp; in a description', async () => {
    const { adapter, shop } = adapterFor();
    const emoji = fresh(tiktokClothMapping, { title: { id: 'Kain Endek Sidemen Tenun Ikat 🌺 Motif Cemplong', en: null } });
    const local = await caught(adapter.createProduct(emoji, [], { idempotencyKey: 'never' }));
    expect(local).toMatchObject({ kind: 'invalid_listing', problems: [expect.objectContaining({ code: 'tiktok.title_format', params: { rule: 'emoji' } })] });
    const listing = fresh();
    const { ref } = await created(adapter, listing);
    const nbsp = JSON.stringify({ description: '<p>Kain&nbsp;endek tenun tangan dari Sidemen.</p>' });
    expect(await signed(`/product/202509/products/${ref.productId}/partial_edit`, { shop_cipher: shop.shopCipher }, shop.accessToken, { method: 'POST', body: nbsp })).toMatchObject({ code: 12052932 });
    // What our HTML carries (&amp;, &quot;, <br>) is taken.
    const ours = JSON.stringify({ description: '<p>Endek &amp; songket, motif &quot;cemplong&quot;<br>pewarna alami.</p>' });
    expect(await signed(`/product/202509/products/${ref.productId}/partial_edit`, { shop_cipher: shop.shopCipher }, shop.accessToken, { method: 'POST', body: ours })).toMatchObject({ code: 0 });
  });
});

describe('TikTok Shop contract: the audit', () => {
  it('keeps new products PENDING until a test decides, or passes them after the audit delay a test sets', async () => {
    const { adapter } = adapterFor();
    const { ref } = await created(adapter, fresh());
    expect(await adapter.getProductStatus(ref)).toMatchObject({ state: 'in_review', channelStatus: 'PENDING' });
    sandbox.setAuditDelay(0);
    try {
      expect(await adapter.getProductStatus(ref)).toMatchObject({ state: 'live', channelStatus: 'ACTIVATE' });
    } finally {
      sandbox.setAuditDelay(null);
    }
  });
});

describe('TikTok Shop contract: price and stock (item 4)', () => {
  it('takes price and stock only for ACTIVATE products (12052901), and stock only from 1 to 99,999', async () => {
    const { adapter } = adapterFor();
    const { ref } = await created(adapter, fresh());
    const sku = ref.skus[0]!;
    expect(adapter.acceptsPriceStock('in_review')).toBe(false);
    const pending = await adapter.updatePriceStock([{ productId: ref.productId, skuId: sku.skuId, sellerSku: sku.sellerSku, stock: 7 }]);
    expect(pending.failed).toEqual([expect.objectContaining({ code: '12052901' })]);
    sandbox.approve(ref.productId);
    expect(adapter.acceptsPriceStock('live')).toBe(true);
    const live = await adapter.updatePriceStock([{ productId: ref.productId, skuId: sku.skuId, sellerSku: sku.sellerSku, stock: 7 }]);
    expect(live.failed).toEqual([]);
    const tooMany = fresh(tiktokClothMapping, { variants: [{ ...listingSnapshot().variants[0]!, sku: `BIG-${n}`, stock: 100_000 }] });
    expect(await caught(adapter.createProduct(tooMany, [], { idempotencyKey: 'never' }))).toMatchObject({ kind: 'invalid_listing', problems: [expect.objectContaining({ code: 'tiktok.stock_range' })] });
  });
});

describe('TikTok Shop contract: attributes (item 5)', () => {
  const silver: ChannelCategoryMapping = {
    categoryId: '601190',
    categoryName: 'Silver Jewellery',
    attributes: [
      { id: '100198', name: 'Material', required: true, from: 'materials', multiple: true, customizable: true, options: [{ id: '1000103', name: 'Perak 925' }] },
      { id: '100520', name: 'Kadar Perak', required: true, multiple: false, customizable: false, options: [{ id: '1052001', name: '925 Sterling' }, { id: '1052002', name: '950' }] },
    ],
  };

  it('sends built-in values by id; a name for an attribute that is not customizable is refused (12052247)', async () => {
    const { adapter } = adapterFor();
    const ring = fresh(silver, { materials: ['perak 925'], variants: [{ ...listingSnapshot().variants[0]!, sku: `CINCIN-${n}`, options: {} }] });
    const { ref } = await created(adapter, { ...ring, attributeValues: { '100520': [{ id: '1052001', name: '925 Sterling' }] } });
    const product = sandbox.state.products.get(ref.productId)!;
    expect(product.attributeValueIds).toEqual({ '100198': ['1000103'], '100520': ['1052001'] });
    expect(product.attributes).toEqual({ '100198': ['Perak 925'], '100520': ['925 Sterling'] });
  });

  it('refuses a free-text value for a non-customizable attribute at the sandbox, and checks it locally with a code', async () => {
    const { adapter, shop } = adapterFor();
    const ring = fresh(silver, { materials: ['perak 925'], variants: [{ ...listingSnapshot().variants[0]!, sku: `GIWANG-${n}`, options: {} }] });
    const { ref } = await created(adapter, { ...ring, attributeValues: { '100520': [{ id: '1052002', name: '950' }] } });
    const asText = JSON.stringify({ product_attributes: [{ id: '100198', values: [{ id: '1000103' }] }, { id: '100520', values: [{ name: '925 Sterling' }] }] });
    const refused = await signed(`/product/202509/products/${ref.productId}/partial_edit`, { shop_cipher: shop.shopCipher }, shop.accessToken, { method: 'POST', body: asText });
    expect(refused).toMatchObject({ code: 12052247 });
    expect(adapter.validate({ ...ring, attributeValues: { '100520': [{ name: 'Perak Bali' }] } })).toEqual([expect.objectContaining({ code: 'tiktok.attribute_value_unknown' })]);
  });

  it('surfaces warnings from a create on the product ref', async () => {
    const { adapter } = adapterFor();
    sandbox.warnNext('The value of product attribute 100347 was not recognised and has been left blank.');
    const { ref } = await created(adapter, fresh());
    expect(ref.warnings).toEqual(['The value of product attribute 100347 was not recognised and has been left blank.']);
  });

  it('lists categories and a leaf’s attributes for mappings, and only categories open on both platforms for a migrated seller', async () => {
    const { adapter } = adapterFor();
    const tree = await adapter.categories();
    expect(tree).toEqual(expect.arrayContaining([
      { id: '601161', parentId: '601152', name: 'Traditional Cloth', leaf: true },
      { id: '600001', parentId: null, name: 'Home Supplies', leaf: false },
    ]));
    const attributes = await adapter.categoryAttributes('601190');
    expect(attributes).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: '100520', required: true, sales: false, multiple: false, customizable: false, values: expect.arrayContaining([{ id: '1052001', name: '925 Sterling' }]) }),
      expect.objectContaining({ id: '100007', sales: true }),
    ]));
    const both = await adapterFor({ migrated: true }).adapter.categories();
    expect(both.map((c) => c.id)).not.toContain('601190');
    expect(both.map((c) => c.id)).toContain('601161');
  });
});

describe('TikTok Shop contract: edits keep what the seller set (item 8) and SKUs are namespaced', () => {
  it('edits by Partial Edit Product: brand, video and delivery options set in Seller Center survive', async () => {
    const { adapter } = adapterFor();
    const listing = fresh();
    const { ref, images } = await created(adapter, listing);
    sandbox.sellerEdit(ref.productId, { brandId: '7082427311584347905', videoId: 'v0d3', deliveryOptionIds: ['701'] });
    const edited = { ...listing, listing: { ...listing.listing, title: { id: 'Kain Endek Sidemen Motif Cemplong Pewarna Alami', en: null } } };
    await adapter.updateProduct(ref, edited, images);
    expect(sandbox.state.products.get(ref.productId)).toMatchObject({ title: 'Kain Endek Sidemen Motif Cemplong Pewarna Alami', brandId: '7082427311584347905', videoId: 'v0d3', deliveryOptionIds: ['701'], edits: 1 });
    // The old client's PUT /product/202309/products/{id} is no documented path.
    expect(sandbox.log.entries.some((e) => e.api === 'products.edit' && e.code === '0')).toBe(true);
    expect(sandbox.log.count('products.edit.full')).toBe(0);
  });

  it('sends namespaced seller SKUs for a council-wide store and maps them back to ours', async () => {
    const { adapter } = adapterFor({ namespaceSkus: true });
    const a = fresh();
    const b = fresh(tiktokClothMapping, { artisan: { ...a.listing.artisan, id: '0190a6a4-2222-7000-8000-0000000000ff' }, variants: a.listing.variants.map((v) => ({ ...v, id: `${v.id}-b` })) });
    const [first, second] = [await created(adapter, a), await created(adapter, b)];
    expect(first.ref.skus.map((s) => s.sellerSku)).toEqual(a.listing.variants.map((v) => v.sku));
    expect(second.ref.skus.map((s) => s.sellerSku)).toEqual(a.listing.variants.map((v) => v.sku));
    expect(second.ref.skus[0]!.channelSku).toBe(channelSkuFor(b.listing.artisan.id, a.listing.variants[0]!.sku, true));
    expect(sandbox.state.products.get(first.ref.productId)!.skus[0]!.sellerSku).not.toBe(sandbox.state.products.get(second.ref.productId)!.skus[0]!.sellerSku);
    // Without namespacing the second artisan's same SKU is refused in one shop (docs silent; the stricter reading).
    const { adapter: plain } = adapterFor();
    await created(plain, a);
    expect(await caught(created(plain, b))).toMatchObject({ code: '12052910' });
  });
});
