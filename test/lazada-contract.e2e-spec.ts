import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelCategoryMapping, ChannelListing, PriceStockItem } from '../apps/channels/src/adapters/channel-adapter';
import { ChannelError } from '../apps/channels/src/adapters/channel-errors';
import { LazadaAdapter } from '../apps/channels/src/adapters/lazada/lazada.adapter';
import { LazadaClient, type LazadaConfig } from '../apps/channels/src/adapters/lazada/lazada.client';
import { LazadaConnector } from '../apps/channels/src/adapters/lazada/lazada.connector';
import { FOLDED_CLOTH_CM } from '../apps/channels/src/adapters/lazada/lazada.fixture';
import { channelSkuFor } from '../apps/channels/src/adapters/listing-content';
import { channelListing, lazadaClothMapping, listingSnapshot } from '../apps/channels/src/adapters/listing.fixture';
import { TokenBucketLimiter } from '../apps/channels/src/adapters/rate-limiter';
import { SANDBOX_NO_BRAND_ID, startLazadaSandbox, type IssuedLazadaSeller, type LazadaSandbox } from './sandboxes/lazada-sandbox';
import { webp } from './support/images';

// Where our Lazada client used to differ from Lazada's documented API (the sandbox now follows
// the documentation, not the client). Each test here failed against the old client.

const APP = { appKey: '123457', appSecret: 'lz-contract-secret' };
let lazada: LazadaSandbox;
let photos: { server: Server; base: string };
let accounts = 0;
let listings = 0;

beforeAll(async () => {
  const big = await webp(900, 700);
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/webp' }).end(big));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  photos = { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  lazada = await startLazadaSandbox(APP);
});

afterAll(async () => {
  await Promise.all([lazada?.close(), new Promise((resolve) => photos?.server.close(resolve))]);
});

function configFor(seller: IssuedLazadaSeller, more: Partial<LazadaConfig> = {}): LazadaConfig {
  return {
    accountId: `lzc-${++accounts}`,
    baseUrl: lazada.url,
    authBaseUrl: lazada.authUrl,
    ...APP,
    tokens: { accessToken: seller.accessToken, accessTokenExpiresAt: seller.accessTokenExpiresAt, refreshToken: seller.refreshToken, refreshTokenExpiresAt: seller.refreshTokenExpiresAt },
    rateLimiter: new TokenBucketLimiter(),
    retry: { baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 10 },
    ...more,
  };
}

function adapterFor(more: Partial<LazadaConfig> = {}) {
  const seller = lazada.issueSeller();
  const config = configFor(seller, more);
  return { adapter: new LazadaAdapter(config), client: new LazadaClient(config), seller };
}

/** A listing of its own, folded for shipping, photographed on the photo server. */
function fresh(mapping: ChannelCategoryMapping = lazadaClothMapping, overrides: Parameters<typeof listingSnapshot>[0] = {}): ChannelListing {
  const n = ++listings;
  const base = listingSnapshot({}, `${photos.base}/l${n}`);
  return channelListing(
    mapping,
    { id: `0190a6a4-3333-7000-8000-${String(n).padStart(12, '0')}`, dimensionsCm: FOLDED_CLOTH_CM, variants: base.variants.map((v) => ({ ...v, sku: `${v.sku}-C${n}` })), ...overrides },
    `${photos.base}/l${n}`,
  );
}

const photoUrls = (l: ChannelListing) => l.listing.photos.map((p) => p.urls.full);

async function caught(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw error;
  }
  throw new Error('expected a ChannelError');
}

/** A create sent as is, for what the sandbox refuses. */
async function rawCreate(client: LazadaClient, product: Record<string, unknown>) {
  return caught(client.request({ method: 'POST', apiPath: '/product/create', params: { payload: JSON.stringify({ Request: { Product: product } }) }, idempotent: false }));
}

async function lazadaImages(adapter: LazadaAdapter, listing: ChannelListing) {
  return adapter.uploadImages(photoUrls(listing));
}

const woodMapping: ChannelCategoryMapping = {
  categoryId: '62541420',
  categoryName: 'Wood Carvings',
  attributes: [{ id: 'material', name: 'Material', required: true, from: 'materials', options: ['Suar Wood', 'Teak', 'Crocodile Wood', 'Hibiscus Wood', 'Mahogany'].map((name) => ({ name })) }],
  salesAttributes: [{ id: 'color_family', name: 'Color', optionLabels: ['Warna'], customizable: true }],
};

describe('Lazada: sale props are the category sale attributes', () => {
  it('sends saleProp keyed by color_family, and the sandbox refuses our option label as a key (4143)', async () => {
    const { adapter, client } = adapterFor();
    const listing = fresh();
    const images = await lazadaImages(adapter, listing);
    const ref = await adapter.createProduct(listing, images, { idempotencyKey: 'x' });
    expect(lazada.state.items.get(ref.productId)!.skus.map((s) => s.saleProp)).toEqual([{ color_family: 'Merah' }, { color_family: 'Biru' }]);

    const sku = (sellerSku: string, warna: string) => ({ SellerSku: sellerSku, quantity: '1', price: '100000', package_length: '40', package_width: '30', package_height: '5', package_weight: '0.5', saleProp: { Warna: warna } });
    const refused = await rawCreate(client, {
      PrimaryCategory: '62541305',
      Images: { Image: images.map((i) => i.ref) },
      Attributes: { name: 'Kain endek', brand_id: SANDBOX_NO_BRAND_ID, material: 'Cotton' },
      Skus: { Sku: [sku(`RAW-A-${listings}`, 'Merah'), sku(`RAW-B-${listings}`, 'Biru')] },
    });
    expect(refused).toMatchObject({ kind: 'invalid_field', code: '4143' });
  });

  it('refuses before sending a variant option no sale attribute is mapped to, with a code', async () => {
    const { adapter } = adapterFor();
    const listing = fresh(lazadaClothMapping, {});
    listing.listing.variants = listing.listing.variants.map((v, i) => ({ ...v, options: { Motif: i ? 'Cepuk' : 'Cemplong' } }));
    const error = await caught(adapter.createProduct(listing, await lazadaImages(adapter, listing), { idempotencyKey: 'x' }));
    expect(error.problems.map((p) => [p.code, p.params?.option])).toEqual([['lazada.sale_prop_unmapped', 'Motif'], ['lazada.sale_prop_unmapped', 'Motif']]);
    expect(lazada.log.entries.filter((e) => e.api === '/product/create' && e.code === '4143')).toHaveLength(1); // only the raw one above
  });
});

describe('Lazada: attributes, options and brands', () => {
  it('matches a listing material to the select option, refuses one that is not an option, and the sandbox refuses it too (4115)', async () => {
    const { adapter, client } = adapterFor();
    const suar = fresh(woodMapping, { materials: ['suar wood'] });
    const images = await lazadaImages(adapter, suar);
    const ref = await adapter.createProduct(suar, images, { idempotencyKey: 'x' });
    expect(lazada.state.items.get(ref.productId)!.attributes.material).toBe('Suar Wood');

    const local = await caught(adapter.createProduct(fresh(woodMapping, { materials: ['kayu suar'] }), images, { idempotencyKey: 'x' }));
    expect(local.problems).toEqual([expect.objectContaining({ code: 'lazada.attribute_not_an_option', params: expect.objectContaining({ attribute: 'Material', value: 'kayu suar' }) })]);

    const sku = { SellerSku: `RAW-W-${listings}`, quantity: '1', price: '100000', package_length: '40', package_width: '30', package_height: '5', package_weight: '0.5' };
    const base = { PrimaryCategory: '62541420', Images: { Image: images.map((i) => i.ref) }, Skus: { Sku: [sku] } };
    expect(await rawCreate(client, { ...base, Attributes: { name: 'Patung', brand_id: SANDBOX_NO_BRAND_ID, material: 'Kayu suar' } })).toMatchObject({ code: '4115' });
    // brand alone is deprecated: brand_id is mandatory (create-a-product.md)
    expect(await rawCreate(client, { ...base, Attributes: { name: 'Patung', brand: 'No Brand', material: 'Teak' } })).toMatchObject({ code: '1', kind: 'missing_field' });
    // a mandatory attribute of the category left out (4110): Traditional Fabric's material
    expect(await rawCreate(client, { ...base, PrimaryCategory: '62541305', Attributes: { name: 'Kain', brand_id: SANDBOX_NO_BRAND_ID } })).toMatchObject({ code: '4110' });
    // property values without " ^ ~ < > | (4129)
    expect(await rawCreate(client, { ...base, Attributes: { name: 'Patung <Garuda>', brand_id: SANDBOX_NO_BRAND_ID, material: 'Teak' } })).toMatchObject({ code: '4129' });
    // a sku-level attribute belongs in the Sku (4140)
    expect(await rawCreate(client, { ...base, Attributes: { name: 'Patung', brand_id: SANDBOX_NO_BRAND_ID, material: 'Teak', package_content: '1 patung' } })).toMatchObject({ code: '4140' });
  });

  it('sends brand_id, refuses No Brand where a curator requires a brand, and the sandbox refuses No Brand there (4142)', async () => {
    const { adapter, client } = adapterFor();
    const silver: ChannelCategoryMapping = {
      categoryId: '62541510',
      categoryName: 'Silver Jewellery',
      attributes: [
        { id: 'material', name: 'Material', required: true, from: 'materials', options: [{ name: 'Sterling Silver 925' }] },
        { id: 'brand', name: 'Brand', required: true },
        { id: 'package_content', name: "What's in the box", required: false, level: 'sku', value: '1 cincin' },
      ],
      salesAttributes: [{ id: 'ring_size', name: 'Ring Size', optionLabels: ['Ukuran'], options: ['6', '7', '8'].map((name) => ({ name })) }],
    };
    const ring = (listing: ChannelListing) => {
      listing.listing.variants = listing.listing.variants.map((v, i) => ({ ...v, options: { Ukuran: String(7 + i) } }));
      return listing;
    };
    const unbranded = ring(fresh(silver, { materials: ['Sterling Silver 925'] }));
    const images = await lazadaImages(adapter, unbranded);
    const local = await caught(adapter.createProduct(unbranded, images, { idempotencyKey: 'x' }));
    expect(local.problems.map((p) => p.code)).toEqual(['lazada.brand_required']);

    const branded = { ...ring(fresh(silver, { materials: ['Sterling Silver 925'] })), attributeValues: { brand: [{ id: '20000', name: 'Celuk Silver' }] } };
    const ref = await adapter.createProduct(branded, await lazadaImages(adapter, branded), { idempotencyKey: 'x' });
    const item = lazada.state.items.get(ref.productId)!;
    expect(item.attributes.brand_id).toBe('20000');
    expect(item.skus.map((s) => [s.saleProp, s.attributes.package_content])).toEqual([[{ ring_size: '7' }, '1 cincin'], [{ ring_size: '8' }, '1 cincin']]);

    const sku = { SellerSku: `RAW-S-${listings}`, quantity: '1', price: '100000', package_length: '10', package_width: '10', package_height: '5', package_weight: '0.1' };
    expect(await rawCreate(client, { PrimaryCategory: '62541510', Images: { Image: [images[0]!.ref] }, Attributes: { name: 'Cincin', brand_id: SANDBOX_NO_BRAND_ID, material: 'Silver' }, Skus: { Sku: [sku] } })).toMatchObject({
      code: '4142',
      channelMessage: expect.stringContaining('No Brand is not valid in category 62541510'),
    });
  });
});

describe('Lazada: finding, adding and removing SKUs', () => {
  it('recovers a lost create with /products/get (sku_seller_list); /product/item/get by seller_sku is refused (E200)', async () => {
    const { adapter, client } = adapterFor();
    const listing = fresh();
    const images = await lazadaImages(adapter, listing);
    const first = await adapter.createProduct(listing, images, { idempotencyKey: 'x' });
    const since = lazada.log.entries.length;
    expect(await adapter.createProduct(listing, images, { idempotencyKey: 'x' })).toEqual({ ...first, recovered: true });
    expect(lazada.log.entries.slice(since).map((e) => `${e.api} ${e.code}`)).toEqual(expect.arrayContaining(['/product/create 4105', '/products/get 0']));

    const bySku = await caught(client.request({ method: 'GET', apiPath: '/product/item/get', params: { seller_sku: listing.listing.variants[0]!.sku }, idempotent: true }));
    expect(bySku).toMatchObject({ code: '200' });
  });

  it('needs AssociatedSku to add a SKU on update (4216 without it), and removes a gone variant with /product/sku/remove', async () => {
    const { adapter, client } = adapterFor();
    const listing = fresh();
    const images = await lazadaImages(adapter, listing);
    const ref = await adapter.createProduct(listing, images, { idempotencyKey: 'x' });
    const newSku = { SellerSku: `NEW-${listings}`, quantity: '1', price: '100000', package_length: '40', package_width: '30', package_height: '5', package_weight: '0.5', saleProp: { color_family: 'Green' } };
    const bare = await caught(client.request({ method: 'POST', apiPath: '/product/update', params: { payload: JSON.stringify({ Request: { Product: { ItemId: ref.productId, Skus: { Sku: [newSku] } } } }) }, idempotent: true }));
    expect(bare).toMatchObject({ code: '4216' });

    const [merah] = listing.listing.variants;
    const hijau = { id: 'vh', sku: `HIJAU-${listings}`, options: { Warna: 'Hijau' }, price: '390000', regularPrice: '390000', stock: 2 };
    const after = await adapter.updateProduct(ref, { ...listing, listing: { ...listing.listing, variants: [merah!, hijau] } }, images);
    expect(after.skus.map((s) => s.sellerSku)).toEqual([merah!.sku, hijau.sku]);
    expect(lazada.state.items.get(ref.productId)!.skus.map((s) => s.sellerSku)).toEqual([merah!.sku, hijau.sku]);
    expect(lazada.log.count('/product/sku/remove', true)).toBeGreaterThanOrEqual(1);
  });
});

describe('Lazada: throttling (ApiCallLimit)', () => {
  it('slows down and retries after the documented one-second ban instead of failing the items', async () => {
    lazada.setRateLimit(2);
    try {
      const { adapter } = adapterFor({ rateLimiter: null });
      const listing = fresh();
      const ref = await adapter.createProduct(listing, await lazadaImages(adapter, listing), { idempotencyKey: 'x' });
      const before = lazada.log.entries.length;
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => adapter.updatePriceStock([{ productId: ref.productId, skuId: ref.skus[i % 2]!.skuId, sellerSku: ref.skus[i % 2]!.sellerSku, stock: 10 + i }])),
      );
      expect(results.flatMap((r) => r.failed)).toEqual([]);
      expect(results.every((r) => r.updated.length === 1)).toBe(true);
      const answers = lazada.log.entries.slice(before).filter((e) => e.api === '/product/price_quantity/update');
      expect(answers.some((e) => e.code === 'ApiCallLimit')).toBe(true);
      // six calls at two a second, each refusal sitting out a one-second ban
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    } finally {
      lazada.setRateLimit(20);
    }
  });
});

describe('Lazada: the auth host', () => {
  it('serves the token APIs only on the auth host; the API host refuses them', async () => {
    expect(new URL(lazada.authUrl).port).not.toBe(new URL(lazada.url).port);
    const seller = lazada.issueSeller();
    const onApiHost = new LazadaConnector({ ...APP, apiUrl: lazada.url, authUrl: lazada.url });
    expect(await caught(onApiHost.refresh(seller.refreshToken))).toMatchObject({ code: 'IllegalRefreshToken' });
    const connector = new LazadaConnector({ ...APP, apiUrl: lazada.url, authUrl: lazada.authUrl });
    const tokens = await connector.refresh(seller.refreshToken);
    expect(tokens.refreshToken).not.toBe(seller.refreshToken);
    // the refresh token rotates: the old one is spent
    expect(await caught(connector.refresh(seller.refreshToken))).toMatchObject({ code: 'IllegalRefreshToken', kind: 'invalid_token' });
    // and the auth host serves no seller API
    const wrongHost = new LazadaClient(configFor(seller, { baseUrl: lazada.authUrl, tokens }));
    expect(await caught(wrongHost.request({ method: 'GET', apiPath: '/seller/get', idempotent: true }))).toMatchObject({ code: 'InvalidApiPath' });
  });

  it('authorizes a seller: the link, the redirect with code and state, the code for tokens once, and the seller', async () => {
    const connector = new LazadaConnector({ ...APP, apiUrl: lazada.url, authUrl: lazada.authUrl, authorizeUrl: lazada.authorizeUrl });
    const link = new URL(connector.authorizeUrl('st-123', 'https://pasar-kriya.example/api/v1/channels/callback/lazada'));
    expect(Object.fromEntries(link.searchParams)).toEqual({
      response_type: 'code',
      force_auth: 'true',
      redirect_uri: 'https://pasar-kriya.example/api/v1/channels/callback/lazada',
      client_id: APP.appKey,
      state: 'st-123',
    });
    const seller = lazada.addSeller('Perak Celuk Wayan');
    lazada.authorize(seller);
    const page = await fetch(link, { redirect: 'manual' });
    expect(page.status).toBe(302);
    const back = new URL(page.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('https://pasar-kriya.example/api/v1/channels/callback/lazada');
    expect(back.searchParams.get('state')).toBe('st-123');

    const tokens = await connector.exchangeCode(back.searchParams.get('code')!);
    expect(Date.parse(tokens.accessTokenExpiresAt)).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    expect(await connector.describeSeller(tokens)).toEqual({ name: 'Perak Celuk Wayan', sellerId: seller.sellerId, region: 'ID' });
    // generateaccesstoken.json: a code is good once
    expect(await caught(connector.exchangeCode(back.searchParams.get('code')!))).toMatchObject({ code: 'InvalidCode', kind: 'invalid_token' });
  });
});

describe('Lazada: one council store, many artisans', () => {
  it('namespaces SellerSku per artisan so two artisans SKUs do not collide (4105), and updates stock by the namespaced SKU', async () => {
    const seller = lazada.issueSeller();
    const shared = new LazadaAdapter(configFor(seller, { namespaceSkus: true }));
    const made = fresh();
    const wayan = fresh(lazadaClothMapping, { artisan: { id: '0190a6a4-2222-7000-8000-0000000000aa', shopName: 'Tenun Wayan', shopSlug: 'tenun-wayan', regency: 'klungkung' }, variants: made.listing.variants });
    const refA = await shared.createProduct(made, await lazadaImages(shared, made), { idempotencyKey: 'a' });
    const refB = await shared.createProduct(wayan, await lazadaImages(shared, wayan), { idempotencyKey: 'b' });
    const sku = made.listing.variants[0]!.sku;
    expect(refA.skus[0]).toEqual({ sellerSku: sku, skuId: expect.any(String), channelSku: channelSkuFor(made.listing.artisan.id, sku, true) });
    expect(refB.skus[0]).toEqual({ sellerSku: sku, skuId: expect.any(String), channelSku: channelSkuFor(wayan.listing.artisan.id, sku, true) });
    expect(refA.skus[0]!.channelSku).not.toBe(refB.skus[0]!.channelSku);

    const item: PriceStockItem = { productId: refB.productId, skuId: refB.skus[0]!.skuId, sellerSku: sku, channelSku: refB.skus[0]!.channelSku, stock: 42 };
    expect(await shared.updatePriceStock([item])).toMatchObject({ failed: [] });
    expect(lazada.state.items.get(refB.productId)!.skus[0]!.quantity).toBe(42);

    // the same two listings without the namespace: the second is refused (update-a-product.md: unique in the store)
    const plain = new LazadaAdapter(configFor(lazada.issueSeller()));
    await plain.createProduct(made, await lazadaImages(plain, made), { idempotencyKey: 'a' });
    const other = { ...wayan, listing: { ...wayan.listing, title: { id: 'Kain endek Wayan', en: null } } };
    expect(await caught(plain.createProduct(other, await lazadaImages(plain, other), { idempotencyKey: 'b' }))).toMatchObject({ code: '4105' });
  });
});

describe('Lazada: categories for curators', () => {
  it('reads the category tree flattened and a leaf category attributes as specs', async () => {
    const { adapter } = adapterFor();
    const nodes = await adapter.categories();
    expect(nodes).toEqual(expect.arrayContaining([
      { id: '62541001', parentId: null, name: 'Home & Living', leaf: false },
      { id: '62541305', parentId: '62541300', name: 'Traditional Fabric', leaf: true },
      { id: '62541510', parentId: '62541500', name: 'Silver Jewellery', leaf: true },
    ]));
    const specs = await adapter.categoryAttributes('62541420');
    const byId = Object.fromEntries(specs.map((s) => [s.id, s]));
    expect(byId.material).toMatchObject({ name: 'Material', required: false, sales: false, multiple: false, customizable: false, level: 'product' });
    expect(byId.material!.values.map((v) => v.name)).toContain('Suar Wood');
    expect(byId.color_family).toMatchObject({ sales: true, multiple: true, customizable: true, level: 'sku' });
    // brand has no options (its values are GetBrandByPages ids): a curator types the id
    expect(byId.brand).toMatchObject({ required: true, customizable: true, values: [] });
    expect(await caught(adapter.categoryAttributes('999'))).toMatchObject({ code: '4227' });
  });
});
