import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelCategoryMapping, ChannelImageRef, ChannelListing, ChannelTokens, PriceStockItem } from '../apps/channels/src/adapters/channel-adapter';
import { ChannelError } from '../apps/channels/src/adapters/channel-errors';
import { LazadaAdapter } from '../apps/channels/src/adapters/lazada/lazada.adapter';
import { LazadaClient } from '../apps/channels/src/adapters/lazada/lazada.client';
import { FOLDED_CLOTH_CM } from '../apps/channels/src/adapters/lazada/lazada.fixture';
import { channelListing, lazadaClothMapping, listingSnapshot, tiktokClothMapping } from '../apps/channels/src/adapters/listing.fixture';
import { TokenBucketLimiter, type RateLimiter, type RateRule } from '../apps/channels/src/adapters/rate-limiter';
import { TikTokShopAdapter } from '../apps/channels/src/adapters/tiktok-shop/tiktok-shop.adapter';
import { TikTokShopClient } from '../apps/channels/src/adapters/tiktok-shop/tiktok-shop.client';
import { DEFAULT_LAZADA_CATEGORIES, SANDBOX_NO_BRAND_ID, startLazadaSandbox, type LazadaSandbox } from './sandboxes/lazada-sandbox';
import { startTikTokShopSandbox, type TikTokShopSandbox } from './sandboxes/tiktok-shop-sandbox';
import { png, webp } from './support/images';

// The channel adapters against the sandboxes that stand in for TikTok Shop and Lazada: no
// database, only HTTP. The sandboxes enforce the channels' rules; these tests check that the
// adapters meet them, and that the sandboxes refuse what the channels would refuse.

const APP = { tiktok: { appKey: 'tt-app-6a6f', appSecret: 'tt-secret-4eb1' }, lazada: { appKey: '123456', appSecret: 'lz-secret-AGk5' } };

let photos: { server: Server; base: string };
let tiktok: TikTokShopSandbox;
let lazada: LazadaSandbox;
let accounts = 0;

/**
 * A token bucket that notes when it lets each request go: the time it was asked plus the wait it
 * booked. The plan is the bucket's arithmetic, so it does not depend on how late a busy machine
 * wakes the sleepers (which can bunch requests at the sandbox without the client being at fault).
 */
class PlannedLimiter implements RateLimiter {
  readonly planned: Array<{ key: string; at: number }> = [];
  private now = 0;
  private readonly bucket = new TokenBucketLimiter(() => this.now);

  async acquire(key: string, rule: RateRule): Promise<void> {
    this.now = Date.now();
    const wait = this.bucket.reserve(key, rule);
    this.planned.push({ key, at: this.now + wait });
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** The most requests of one API planned in any window of `windowMs`. */
  peak(api: string, windowMs = 1000): number {
    const times = this.planned.filter((p) => p.key.endsWith(`:${api}`)).map((p) => p.at).sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= windowMs) j++;
      most = Math.max(most, i - j + 1);
    }
    return most;
  }
}

/** Serves photos as the media store would: WebP renditions, a PNG, and one too small for any channel. */
async function startPhotoServer() {
  const [big, small, plain] = await Promise.all([webp(900, 700), webp(200, 200), png(800, 800)]);
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    const body = url.includes('tiny') ? small : url.endsWith('.png') ? plain : url.endsWith('.webp') ? big : null;
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': url.endsWith('.png') ? 'image/png' : 'image/webp' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  [photos, tiktok, lazada] = await Promise.all([startPhotoServer(), startTikTokShopSandbox(APP.tiktok), startLazadaSandbox(APP.lazada)]);
});

afterAll(async () => {
  await Promise.all([tiktok?.close(), lazada?.close(), new Promise((resolve) => photos?.server.close(resolve))]);
});

const tokensOf = (issued: { accessToken: string; accessTokenExpiresAt: string; refreshToken: string; refreshTokenExpiresAt: string }): ChannelTokens => ({
  accessToken: issued.accessToken,
  accessTokenExpiresAt: issued.accessTokenExpiresAt,
  refreshToken: issued.refreshToken,
  refreshTokenExpiresAt: issued.refreshTokenExpiresAt,
});

interface AdapterOptions {
  appSecret?: string;
  clock?: () => number;
  limiter?: RateLimiter | null;
  onTokensRefreshed?: (t: ChannelTokens) => void;
}

function tiktokAdapter(options: AdapterOptions = {}) {
  const shop = tiktok.issueShop();
  const config = {
    accountId: `tt-${++accounts}`,
    baseUrl: tiktok.url,
    authBaseUrl: tiktok.authUrl,
    ...APP.tiktok,
    appSecret: options.appSecret ?? APP.tiktok.appSecret,
    tokens: tokensOf(shop),
    shopCipher: shop.shopCipher,
    warehouseId: shop.warehouseId,
    rateLimiter: options.limiter === undefined ? new TokenBucketLimiter() : options.limiter,
    clock: options.clock,
    onTokensRefreshed: options.onTokensRefreshed,
    retry: { baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 10 },
  };
  // The client alone, for requests the adapter would never send.
  return { adapter: new TikTokShopAdapter(config), shop, client: new TikTokShopClient({ ...config, rateLimiter: null }) };
}

function lazadaConfig(options: AdapterOptions = {}) {
  const seller = lazada.issueSeller();
  return {
    seller,
    config: {
      accountId: `lz-${++accounts}`,
      baseUrl: lazada.url,
      authBaseUrl: lazada.authUrl,
      ...APP.lazada,
      appSecret: options.appSecret ?? APP.lazada.appSecret,
      tokens: tokensOf(seller),
      rateLimiter: options.limiter === undefined ? new TokenBucketLimiter() : options.limiter,
      clock: options.clock,
      onTokensRefreshed: options.onTokensRefreshed,
      retry: { baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 10 },
    },
  };
}

function lazadaAdapter(options: AdapterOptions = {}) {
  const { seller, config } = lazadaConfig(options);
  return { adapter: new LazadaAdapter(config), seller, config };
}

let listings = 0;
/** A listing of its own (unique id and SKUs), photographed on the photo server. */
function freshListing(mapping: ChannelCategoryMapping, overrides: Parameters<typeof listingSnapshot>[0] = {}): ChannelListing {
  const n = ++listings;
  const base = listingSnapshot({}, `${photos.base}/listings/l${n}`);
  return channelListing(
    mapping,
    {
      id: `0190a6a4-1111-7000-8000-${String(n).padStart(12, '0')}`,
      variants: base.variants.map((v) => ({ ...v, sku: `${v.sku}-${n}` })),
      ...overrides,
    },
    `${photos.base}/listings/l${n}`,
  );
}

/** A listing with `count` variants, for batch and throttling tests. */
function manyVariants(mapping: ChannelCategoryMapping, count: number): ChannelListing {
  const n = ++listings;
  const listing = freshListing(mapping);
  listing.listing.variants = Array.from({ length: count }, (_, i) => ({ id: `v${n}-${i}`, sku: `BULK-${n}-${i}`, options: { Nomor: String(i) }, price: '150000', regularPrice: '150000', stock: 1 }));
  return listing;
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

describe('TikTok Shop adapter against the sandbox', () => {
  it('uploads photos as JPEG, creates the product into audit, and surfaces a rejection with its reason', async () => {
    const { adapter, shop } = tiktokAdapter();
    const listing = freshListing(tiktokClothMapping);
    const images = await adapter.uploadImages(photoUrls(listing));
    expect(images).toEqual([
      expect.objectContaining({ sourceUrl: photoUrls(listing)[0], ref: expect.stringMatching(/^tos-/), width: 900, height: 700 }),
      expect.objectContaining({ sourceUrl: photoUrls(listing)[1] }),
    ]);
    expect(tiktok.state.images.get(images[0]!.ref)).toMatchObject({ format: 'jpeg', useCase: 'MAIN_IMAGE', shopCipher: shop.shopCipher });

    const ref = await adapter.createProduct(listing, images, { idempotencyKey: `create:${listing.listing.id}` });
    const product = tiktok.state.products.get(ref.productId)!;
    expect(product).toMatchObject({
      status: 'PENDING',
      title: listing.listing.title.id,
      categoryId: '601161',
      mainImages: images.map((i) => i.ref),
      packageWeight: { value: '0.45', unit: 'KILOGRAM' },
      // "katun" went as the built-in value 1000101 ("Katun") of Get Attributes.
      attributes: { '100198': ['Katun'] },
      attributeValueIds: { '100198': ['1000101'] },
      listingPlatforms: ['TIKTOK_SHOP'],
    });
    expect(product.skus.map((s) => [s.sellerSku, s.price.amount, s.inventory[0]!.quantity])).toEqual(listing.listing.variants.map((v) => [v.sku, v.price, v.stock]));
    expect(ref.skus.map((s) => s.sellerSku)).toEqual(listing.listing.variants.map((v) => v.sku));
    expect(await adapter.getProductStatus(ref)).toEqual({ state: 'in_review', reasons: [], channelStatus: 'PENDING' });

    tiktok.reject(ref.productId, ['Foto utama buram', 'Judul memuat kata promosi']);
    expect(await adapter.getProductStatus(ref)).toEqual({ state: 'rejected', reasons: ['product: Foto utama buram', 'product: Judul memuat kata promosi'], channelStatus: 'FAILED' });
    tiktok.approve(ref.productId);
    expect((await adapter.getProductStatus(ref)).state).toBe('live');
  });

  it('edits a product, keeping its SKU ids, adding a new one and sending it back to audit', async () => {
    const { adapter } = tiktokAdapter();
    const listing = freshListing(tiktokClothMapping);
    const images = await adapter.uploadImages(photoUrls(listing));
    const ref = await adapter.createProduct(listing, images, { idempotencyKey: `create:${listing.listing.id}` });
    tiktok.approve(ref.productId);

    const edited: ChannelListing = {
      ...listing,
      listing: {
        ...listing.listing,
        title: { id: 'Kain Endek Sidemen Motif Cemplong Pewarna Alami', en: null },
        variants: [...listing.listing.variants, { id: 'v3', sku: `ENDEK-HIJAU-${listings}`, options: { Warna: 'Hijau' }, price: '390000', regularPrice: '390000', stock: 2 }],
      },
    };
    const after = await adapter.updateProduct(ref, edited, images);
    expect(after.productId).toBe(ref.productId);
    expect(after.skus.slice(0, 2)).toEqual(ref.skus);
    expect(after.skus).toHaveLength(3);
    const product = tiktok.state.products.get(ref.productId)!;
    expect(product).toMatchObject({ title: 'Kain Endek Sidemen Motif Cemplong Pewarna Alami', status: 'PENDING', edits: 1 });
    expect(product.skus.map((s) => s.sellerSku)).toEqual(edited.listing.variants.map((v) => v.sku));
  });

  it('refuses a listing before sending it, and the sandbox refuses what only TikTok knows', async () => {
    const { adapter } = tiktokAdapter();
    const short = freshListing(tiktokClothMapping, { title: { id: 'Kain endek asli Bali', en: null } });
    const sentBefore = tiktok.log.count('products.create');
    const local = await caught(adapter.createProduct(short, [], { idempotencyKey: 'never-sent' }));
    expect(local).toMatchObject({ kind: 'invalid_listing', problems: [expect.objectContaining({ field: 'title' })] });
    expect(local.reason).toContain('25–255 characters');
    expect(tiktok.log.count('products.create')).toBe(sentBefore);

    // A category that is not a leaf passes our checks (we do not hold TikTok's tree) but not TikTok's.
    const listing = freshListing({ ...tiktokClothMapping, categoryId: '601152' });
    const images = await adapter.uploadImages(photoUrls(listing));
    const category = await caught(adapter.createProduct(listing, images, { idempotencyKey: `create:${listing.listing.id}` }));
    expect(category).toMatchObject({ kind: 'bad_category', code: '12052024', httpStatus: 400 });
    expect(category.reason).toContain('TikTok leaf category');

    // A category whose required attributes the mapping does not cover.
    tiktok.setCategory({ id: '601777', name: 'Songket', leaf: true, requiredAttributes: [{ id: '100300', name: 'Pattern' }] });
    const songket = freshListing({ ...tiktokClothMapping, categoryId: '601777' });
    const missing = await caught(adapter.createProduct(songket, await adapter.uploadImages(photoUrls(songket)), { idempotencyKey: `create:${songket.listing.id}` }));
    expect(missing).toMatchObject({ kind: 'missing_field', code: '12052104' });
    expect(missing.channelMessage).toContain('100300 (Pattern)');

    // A main image that was never uploaded.
    const fake: ChannelImageRef[] = photoUrls(listing).map((u) => ({ sourceUrl: u, ref: 'tos-alisg-i-forged/x', url: u, width: 900, height: 700 }));
    const notUploaded = await caught(adapter.createProduct(freshListing(tiktokClothMapping, { photos: listing.listing.photos }), fake, { idempotencyKey: 'forged' }));
    expect(notUploaded).toMatchObject({ kind: 'invalid_image', code: '12052300' });

    // A photo too small for TikTok is refused here, with its size, before upload.
    const tiny = await caught(adapter.uploadImages([`${photos.base}/listings/tiny/full.webp`]));
    expect(tiny).toMatchObject({ kind: 'invalid_image', code: 'local_image' });
    expect(tiny.reason).toContain('300–4000 px per side; this one is 200×200 px');
  });

  it('creates once for one idempotency key, however often the create is repeated', async () => {
    const { adapter, shop } = tiktokAdapter();
    const listing = freshListing(tiktokClothMapping);
    const images = await adapter.uploadImages(photoUrls(listing));
    const key = `create:${listing.listing.id}:v${listing.listing.version}`;
    const [a, b] = await Promise.all([adapter.createProduct(listing, images, { idempotencyKey: key }), adapter.createProduct(listing, images, { idempotencyKey: key })]);
    const c = await adapter.createProduct(listing, images, { idempotencyKey: key });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const mine = [...tiktok.state.products.values()].filter((p) => p.shopCipher === shop.shopCipher);
    expect(mine.map((p) => p.id)).toEqual([a.productId]);
  });

  it('updates prices and stock per product, reporting an unknown SKU without losing the others', async () => {
    const { adapter } = tiktokAdapter();
    const refs = [];
    for (const listing of [manyVariants(tiktokClothMapping, 60), manyVariants(tiktokClothMapping, 40)]) {
      refs.push(await adapter.createProduct(listing, await adapter.uploadImages(photoUrls(listing)), { idempotencyKey: `create:${listing.listing.id}` }));
    }
    // Price and stock updates apply to ACTIVATE products only (update-inventory.spec.json).
    for (const ref of refs) tiktok.approve(ref.productId);
    const items: PriceStockItem[] = refs.flatMap((ref) => ref.skus.map((s, i) => ({ productId: ref.productId, skuId: s.skuId, sellerSku: s.sellerSku, stock: 10 + i, ...(i % 2 ? { price: String(200000 + i) } : {}) })));
    const ghost: PriceStockItem = { productId: refs[0]!.productId, skuId: 'no-such-sku', sellerSku: 'GHOST', stock: 1 };
    const before = { prices: tiktok.log.count('products.prices.update'), inventory: tiktok.log.count('products.inventory.update') };
    const result = await adapter.updatePriceStock([...items, ghost]);
    expect(result.updated).toHaveLength(100);
    expect(result.failed).toEqual([expect.objectContaining({ item: ghost, code: '12052556' })]);
    // one call per product and API: 2 products × (prices + inventory)
    expect(result.requests).toBe(4);
    expect(tiktok.log.count('products.prices.update') - before.prices).toBe(2);
    expect(tiktok.log.count('products.inventory.update') - before.inventory).toBe(2);
    for (const item of items) {
      const sku = tiktok.state.products.get(item.productId)!.skus.find((s) => s.id === item.skuId)!;
      expect(sku.inventory[0]!.quantity).toBe(item.stock);
      expect(sku.price.amount).toBe(item.price ?? '150000');
    }
  });

  it('refreshes an expired access token once and carries on', async () => {
    const refreshed: ChannelTokens[] = [];
    const { adapter, shop } = tiktokAdapter({ onTokensRefreshed: (t) => refreshed.push(t) });
    const listing = freshListing(tiktokClothMapping);
    const images = await adapter.uploadImages(photoUrls(listing));
    const refreshesBefore = tiktok.log.count('auth.token.refresh');
    tiktok.expireAccessToken(shop.accessToken);
    const expired = tiktok.log.entries.length;

    const [ref] = await Promise.all([
      adapter.createProduct(listing, images, { idempotencyKey: `create:${listing.listing.id}` }),
      adapter.getProductStatus({ productId: 'none', skus: [] }).catch((e: ChannelError) => e.kind),
    ]);
    expect(tiktok.state.products.get(ref.productId)).toBeDefined();
    expect(tiktok.log.entries.slice(expired).map((e) => e.code)).toEqual(expect.arrayContaining(['105002', '0']));
    expect(tiktok.log.count('auth.token.refresh') - refreshesBefore).toBe(1);
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]!.accessToken).not.toBe(shop.accessToken);
    expect(adapter.currentTokens()).toEqual(refreshed[0]);
    expect(Date.parse(refreshed[0]!.accessTokenExpiresAt)).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);
    // the refresh token rotated: the old one is spent
    const reuse = await fetch(`${tiktok.authUrl}/api/v2/token/refresh?${new URLSearchParams({ ...APP.tiktok, app_key: APP.tiktok.appKey, app_secret: APP.tiktok.appSecret, refresh_token: shop.refreshToken, grant_type: 'refresh_token' })}`);
    expect(await reuse.json()).toMatchObject({ code: 36009004 });
  });

  it('is refused with a wrong secret (106001) and with a stale or future clock (36009004)', async () => {
    const wrong = await caught(tiktokAdapter({ appSecret: 'not-the-secret' }).adapter.getProductStatus({ productId: '1', skus: [] }));
    expect(wrong).toMatchObject({ kind: 'bad_signature', code: '106001', httpStatus: 401 });
    expect(wrong.reason).toContain('check the app secret');

    const stale = await caught(tiktokAdapter({ clock: () => Date.now() - 6 * 60_000 }).adapter.getProductStatus({ productId: '1', skus: [] }));
    expect(stale).toMatchObject({ kind: 'bad_timestamp', code: '36009004' });
    expect(stale.reason).toContain('clock');
    const future = await caught(tiktokAdapter({ clock: () => Date.now() + 60_000 }).adapter.getProductStatus({ productId: '1', skus: [] }));
    expect(future).toMatchObject({ kind: 'bad_timestamp', code: '36009004' });
    // within the window is fine: 4 minutes behind
    const { adapter } = tiktokAdapter({ clock: () => Date.now() - 4 * 60_000 });
    expect(await caught(adapter.getProductStatus({ productId: '1', skus: [] }))).toMatchObject({ kind: 'not_found' });
  });

  it('answers 429 with backoff and loses nothing; with its own limiter it stays under 50 a second', async () => {
    const { adapter } = tiktokAdapter({ limiter: null });
    const listing = manyVariants(tiktokClothMapping, 100);
    const ref = await adapter.createProduct(listing, await adapter.uploadImages(photoUrls(listing)), { idempotencyKey: `create:${listing.listing.id}` });
    tiktok.approve(ref.productId);
    const one = (i: number, stock: number): PriceStockItem => ({ productId: ref.productId, skuId: ref.skus[i]!.skuId, sellerSku: ref.skus[i]!.sellerSku, stock });

    // 100 requests at once to one API, twice the limit, with no client-side limit: TikTok throttles.
    const throttledBefore = tiktok.log.throttled;
    const results = await Promise.all(ref.skus.map((_, i) => adapter.updatePriceStock([one(i, 500 + i)])));
    expect(results.every((r) => r.failed.length === 0 && r.updated.length === 1)).toBe(true);
    expect(tiktok.log.throttled - throttledBefore).toBeGreaterThan(0);
    expect(tiktok.state.products.get(ref.productId)!.skus.map((s) => s.inventory[0]!.quantity)).toEqual(ref.skus.map((_, i) => 500 + i));

    // The same burst through the token bucket (another shop, its own product): paced below the limit.
    const limiter = new PlannedLimiter();
    const { adapter: paced, shop } = tiktokAdapter({ limiter });
    const listing2 = manyVariants(tiktokClothMapping, 100);
    const ref2 = await paced.createProduct(listing2, await paced.uploadImages(photoUrls(listing2)), { idempotencyKey: `create:${listing2.listing.id}` });
    tiktok.approve(ref2.productId);
    const logged = tiktok.log.entries.length;
    const planned = limiter.planned.length;
    const started = Date.now();
    await Promise.all(ref2.skus.map((s, i) => paced.updatePriceStock([{ productId: ref2.productId, skuId: s.skuId, sellerSku: s.sellerSku, stock: 900 + i }])));
    // 100 requests at 95% of 50 a second take at least (100 - 1) / 47.5 s
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    // Every request the sandbox saw went through the bucket, retries included, and the bucket never
    // planned more than 48 (a burst of one and 47.5 a second) in any second: under the 50 TikTok allows.
    const sent = tiktok.log.entries.slice(logged).filter((e) => e.rateKey?.includes(shop.shopCipher));
    expect(limiter.planned.length - planned).toBe(sent.length);
    expect(sent.filter((e) => e.api === 'products.inventory.update').length).toBeGreaterThanOrEqual(100);
    expect(limiter.peak('products.inventory.update')).toBeLessThanOrEqual(48);
    expect(tiktok.state.products.get(ref2.productId)!.skus.map((s) => s.inventory[0]!.quantity)).toEqual(ref2.skus.map((_, i) => 900 + i));
  });

  it('gives products of a category the audit verdict a test set for it', async () => {
    tiktok.setCategory({ id: '601888', name: 'Keris', leaf: true, audit: { outcome: 'rejected', reasons: ['Senjata tajam tidak boleh dijual'] } });
    const { adapter } = tiktokAdapter();
    const listing = freshListing({ ...tiktokClothMapping, categoryId: '601888' });
    const ref = await adapter.createProduct(listing, await adapter.uploadImages(photoUrls(listing)), { idempotencyKey: `create:${listing.listing.id}` });
    expect(await adapter.getProductStatus(ref)).toEqual({ state: 'rejected', reasons: ['product: Senjata tajam tidak boleh dijual'], channelStatus: 'FAILED' });
  });

  it('deactivates a product only when it is live, and activates it only when it is hidden (deactivate-products, activate-product)', async () => {
    const { adapter, client } = tiktokAdapter();
    const listing = freshListing(tiktokClothMapping);
    const ref = await adapter.createProduct(listing, await adapter.uploadImages(photoUrls(listing)), { idempotencyKey: `create:${listing.listing.id}` });
    const product = tiktok.state.products.get(ref.productId)!;
    // In audit: the sandbox refuses (12052901) and the adapter fails, so the next run tries again.
    expect(await caught(adapter.deactivateProduct(ref))).toMatchObject({ code: '12052901' });
    expect(product.status).toBe('PENDING');
    tiktok.approve(ref.productId);
    await adapter.deactivateProduct(ref);
    expect(product.status).toBe('SELLER_DEACTIVATED');
    expect(await adapter.getProductStatus(ref)).toMatchObject({ state: 'inactive' });
    // Already hidden: nothing is on sale, so a second deactivation counts as done.
    await adapter.deactivateProduct(ref);
    expect(tiktok.log.entries.filter((e) => e.api === 'products.deactivate').map((e) => e.code).slice(-2)).toEqual(['0', '0']);
    // Back on sale with its stock, and to audit (Pending) as activate-product.spec.json says.
    await adapter.reactivateProduct(ref, { ...listing, listing: { ...listing.listing, variants: listing.listing.variants.map((v) => ({ ...v, stock: 7 })) } });
    expect(product.status).toBe('PENDING');
    expect(product.skus.map((s) => s.inventory[0]!.quantity)).toEqual(listing.listing.variants.map(() => 7));
    // Activate takes only hidden products: a pending one is refused, 12052990 with 12052901 as its cause.
    const again = await client.request<{ errors: unknown[] }>({ method: 'POST', path: '/product/202309/products/activate', api: 'raw', shopScoped: true, json: { product_ids: [ref.productId] }, idempotent: false });
    expect(again.errors).toEqual([{ code: 12052990, message: 'Check failed', detail: { product_id: ref.productId, extra_errors: [expect.objectContaining({ code: 12052901 })] } }]);
    expect(product.status).toBe('PENDING');
  });

  it('refuses a stock of 0 or over 99,999 on edit and Update Inventory (12052055)', async () => {
    const { adapter, client } = tiktokAdapter({ limiter: null });
    const listing = freshListing(tiktokClothMapping);
    const ref = await adapter.createProduct(listing, await adapter.uploadImages(photoUrls(listing)), { idempotencyKey: `create:${listing.listing.id}` });
    tiktok.approve(ref.productId);
    const sku = ref.skus[0]!;
    const call = (path: string, json: unknown) => client.request<{ errors?: Array<{ code: number; detail?: unknown }> }>({ method: 'POST', path, api: 'raw', shopScoped: true, json, idempotent: false });
    // The adapter does not send them; the sandbox refuses them when sent.
    const result = await adapter.updatePriceStock([{ productId: ref.productId, skuId: sku.skuId, sellerSku: sku.sellerSku, stock: 0 }]);
    expect(result.failed.map((f) => f.code)).toEqual(['tiktok.stock_range']);
    for (const quantity of [0, 100_000]) {
      const res = await call(`/product/202309/products/${ref.productId}/inventory/update`, { skus: [{ id: sku.skuId, inventory: [{ quantity }] }] });
      expect(res.errors).toEqual([expect.objectContaining({ code: 12052055, detail: { sku_id: sku.skuId } })]);
      const edit = { skus: [{ id: sku.skuId, seller_sku: sku.sellerSku, price: { amount: '450000', currency: 'IDR' }, inventory: [{ warehouse_id: tiktok.state.products.get(ref.productId)!.skus[0]!.inventory[0]!.warehouseId, quantity }] }] };
      expect(await caught(call(`/product/202509/products/${ref.productId}/partial_edit`, edit))).toMatchObject({ code: '12052055' });
    }
    expect(tiktok.state.products.get(ref.productId)!.skus[0]!.inventory[0]!.quantity).toBe(listing.listing.variants[0]!.stock);
  });
});

describe('Lazada adapter against the sandbox', () => {
  /** A fresh listing folded for shipping (Lazada refuses packages over 300 cm in all, 4165). */
  const lazadaFresh = (overrides: Parameters<typeof listingSnapshot>[0] = {}, mapping: ChannelCategoryMapping = lazadaClothMapping) =>
    freshListing(mapping, { dimensionsCm: FOLDED_CLOTH_CM, ...overrides });
  /** `count` variants (at most 50 in one product), told apart by colour. */
  function lazadaMany(count: number): ChannelListing {
    const listing = lazadaFresh();
    listing.listing.variants = Array.from({ length: count }, (_, i) => ({ id: `v${listings}-${i}`, sku: `BULK-${listings}-${i}`, options: { Warna: `Corak ${i}` }, price: '150000', regularPrice: '150000', stock: 1 }));
    return listing;
  }

  it('uploads WebP photos converted to JPEG, sends a PNG URL it cannot have migrated as bytes within 1 MB, and creates the product into Pending QC', async () => {
    const { adapter, seller } = lazadaAdapter();
    const listing = lazadaFresh();
    const pngUrl = `${photos.base}/listings/plain/full.png`;
    const images = await adapter.uploadImages([...photoUrls(listing), pngUrl]);
    expect(images.map((i) => i.ref.startsWith(lazada.url.replace(/\/rest$/, '')))).toEqual([true, true, true]);
    // image-upload.md: no IP hosts and only ports 80/443, so Lazada refuses to fetch the photo server's PNG (302);
    // the adapter sends the bytes instead, re-encoded to fit uploadimage.json's 1 MB
    expect(lazada.log.entries.some((e) => e.api === '/image/migrate' && e.code === '302')).toBe(true);
    expect(images.map((i) => lazada.state.images.get(i.ref)).map((f) => [f?.format, f!.bytes <= 1024 * 1024])).toEqual([['jpeg', true], ['jpeg', true], ['jpeg', true]]);

    const ref = await adapter.createProduct(listing, images, { idempotencyKey: 'lazada-has-none' });
    const item = lazada.state.items.get(ref.productId)!;
    expect(item).toMatchObject({
      sellerId: seller.sellerId,
      primaryCategory: '62541305',
      images: images.slice(0, 2).map((i) => i.ref),
      attributes: expect.objectContaining({ name: listing.listing.title.id, brand_id: SANDBOX_NO_BRAND_ID, material: 'katun' }),
      qc: { status: 'pending', reason: null },
    });
    expect(item.skus.map((s) => [s.sellerSku, s.price, s.quantity, s.packageWeight, s.saleProp])).toEqual(
      listing.listing.variants.map((v) => [v.sku, v.price, v.stock, '0.45', { color_family: v.options.Warna }]),
    );
    expect(await adapter.getProductStatus(ref)).toEqual({ state: 'in_review', reasons: [], channelStatus: 'Pending QC' });
    lazada.reject(ref.productId, 'Gambar mengandung watermark');
    expect(await adapter.getProductStatus(ref)).toEqual({ state: 'rejected', reasons: ['Gambar mengandung watermark'], channelStatus: 'InActive, reject' });
  });

  it('updates a product, keeping its SKU ids, adding a new SKU (AssociatedSku) and removing a gone one (/product/sku/remove)', async () => {
    const { adapter } = lazadaAdapter();
    const listing = lazadaFresh();
    const images = await adapter.uploadImages(photoUrls(listing));
    const ref = await adapter.createProduct(listing, images, { idempotencyKey: 'x' });
    lazada.approve(ref.productId);
    const [merah, biru] = listing.listing.variants;
    const hijau = { id: 'v3', sku: `ENDEK-HIJAU-L${listings}`, options: { Warna: 'Hijau' }, price: '390000', regularPrice: '390000', stock: 2 };
    const edited: ChannelListing = { ...listing, listing: { ...listing.listing, variants: [merah!, hijau] } };
    const after = await adapter.updateProduct(ref, edited, images);
    expect(after.productId).toBe(ref.productId);
    expect(after.skus[0]).toEqual(ref.skus[0]);
    expect(after.skus.map((s) => s.sellerSku)).toEqual([merah!.sku, hijau.sku]);
    const item = lazada.state.items.get(ref.productId)!;
    expect(item.skus.map((s) => s.sellerSku)).toEqual([merah!.sku, hijau.sku]);
    expect(item.skus.some((s) => s.sellerSku === biru!.sku)).toBe(false);
    expect(item).toMatchObject({ edits: 1, qc: { status: 'pending' } });
  });

  it('refuses before sending, and the sandbox refuses a branch category (4134), a foreign image (4138) and a duplicate SellerSku (4105)', async () => {
    const { adapter } = lazadaAdapter();
    const noPhotos = lazadaFresh({ photos: [], materials: [] });
    const local = await caught(adapter.createProduct(noPhotos, [], { idempotencyKey: 'x' }));
    expect(local.problems.map((p) => [p.field, p.code])).toEqual([['attributes.material', 'lazada.attribute_missing'], ['photos', 'lazada.photos_missing']]);

    const listing = lazadaFresh({}, { ...lazadaClothMapping, categoryId: '62541001' });
    const images = await adapter.uploadImages(photoUrls(listing));
    expect(await caught(adapter.createProduct(listing, images, { idempotencyKey: 'x' }))).toMatchObject({ kind: 'bad_category', code: '4134' });

    const foreign = photoUrls(listing).map((u) => ({ sourceUrl: u, ref: 'https://example.com/p/x.jpg', url: u, width: null, height: null }));
    expect(await caught(adapter.createProduct({ ...listing, category: lazadaClothMapping }, foreign, { idempotencyKey: 'x' }))).toMatchObject({ code: '4138' });

    const first = lazadaFresh();
    const firstRef = await adapter.createProduct(first, await adapter.uploadImages(photoUrls(first)), { idempotencyKey: 'x' });
    const copycat = lazadaFresh({ title: { id: 'Kain endek lain dengan SKU yang sama', en: null }, variants: first.listing.variants });
    const duplicate = await caught(adapter.createProduct(copycat, await adapter.uploadImages(photoUrls(copycat)), { idempotencyKey: 'x' }));
    expect(duplicate).toMatchObject({ kind: 'duplicate_sku', code: '4105' });
    expect(duplicate.channelMessage).toContain(firstRef.productId);
    expect(duplicate.reason).toContain('SKU of its own');

    const tiny = await caught(adapter.uploadImages([`${photos.base}/listings/tiny/full.webp`]));
    expect(tiny.reason).toContain('330–5000 px per side; this one is 200×200 px');
  });

  it('does not create twice when a create is repeated (found with /products/get after 4105)', async () => {
    const { adapter, seller } = lazadaAdapter();
    const listing = lazadaFresh();
    const images = await adapter.uploadImages(photoUrls(listing));
    const first = await adapter.createProduct(listing, images, { idempotencyKey: 'x' });
    const again = await adapter.createProduct(listing, images, { idempotencyKey: 'x' });
    expect(again).toEqual({ ...first, recovered: true });
    expect([...lazada.state.items.values()].filter((i) => i.sellerId === seller.sellerId)).toHaveLength(1);
  });

  it('splits price/quantity updates into batches of at most 50 and keeps good SKUs when one is refused', async () => {
    const { adapter, config } = lazadaAdapter();
    const products = [lazadaMany(50), lazadaMany(50), lazadaMany(20)];
    const refs = [];
    for (const p of products) refs.push(await adapter.createProduct(p, await adapter.uploadImages(photoUrls(p)), { idempotencyKey: 'x' }));
    const items: PriceStockItem[] = refs.flatMap((ref) => ref.skus.map((s) => ({ productId: ref.productId, skuId: s.skuId, sellerSku: s.sellerSku })));
    items.forEach((item, i) => Object.assign(item, { stock: i, price: String(100000 + i) }));
    const ghost: PriceStockItem = { productId: refs[0]!.productId, skuId: '1', sellerSku: 'GHOST-SKU', stock: 3 };
    const before = lazada.log.count('/product/price_quantity/update');
    const result = await adapter.updatePriceStock([...items.slice(0, 60), ghost, ...items.slice(60)]);
    expect(result.updated).toHaveLength(120);
    expect(result.failed).toEqual([expect.objectContaining({ item: ghost, code: '501', reason: expect.stringContaining('SELLER_SKU_NOT_FOUND') })]);
    // 121 items: batches of 50, 50, 21; the batch with the ghost is sent again without it
    expect(result.requests).toBe(4);
    expect(lazada.log.count('/product/price_quantity/update') - before).toBe(4);
    const held = refs.flatMap((ref) => lazada.state.items.get(ref.productId)!.skus);
    expect(held.map((s) => [s.quantity, s.price])).toEqual(items.map((i) => [i.stock, i.price]));

    // The sandbox holds Lazada's limit: 51 SKUs in one call are refused (updatepricequantity.json 4171).
    const raw = new LazadaClient({ ...config, accountId: 'raw' });
    const rows = [...items, ...items].slice(0, 51).map((i) => ({ ItemId: i.productId, SkuId: i.skuId, SellerSku: i.sellerSku, Quantity: '1' }));
    const tooMany = await caught(raw.request({ method: 'POST', apiPath: '/product/price_quantity/update', params: { payload: JSON.stringify({ Request: { Product: { Skus: { Sku: rows } } } }) }, idempotent: true }));
    expect(tooMany).toMatchObject({ code: '4171', channelMessage: expect.stringContaining('(got 51)') });
  });

  it('refreshes an expired access token once at the auth host (IllegalAccessToken) and carries on', async () => {
    const refreshed: ChannelTokens[] = [];
    const { adapter, seller } = lazadaAdapter({ onTokensRefreshed: (t) => refreshed.push(t) });
    const listing = lazadaFresh();
    const images = await adapter.uploadImages(photoUrls(listing));
    const before = lazada.log.count('/auth/token/refresh');
    lazada.expireAccessToken(seller.accessToken);
    const ref = await adapter.createProduct(listing, images, { idempotencyKey: 'x' });
    expect(lazada.state.items.get(ref.productId)).toBeDefined();
    expect(lazada.log.count('/auth/token/refresh', true) - before).toBe(1);
    expect(lazada.log.entries.some((e) => e.code === 'IllegalAccessToken')).toBe(true);
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).toMatchObject({ accessToken: expect.not.stringMatching(seller.accessToken), refreshToken: expect.not.stringMatching(seller.refreshToken) });
    // seller-authorization-introduction.md: the refresh token's lifetime is not reset by a refresh
    expect(Math.abs(Date.parse(refreshed[0]!.refreshTokenExpiresAt!) - Date.parse(seller.refreshTokenExpiresAt))).toBeLessThan(2000);
    expect(adapter.currentTokens()).toEqual(refreshed[0]);
  });

  it('is refused with a wrong secret (IncompleteSignature) and a timestamp beyond 7200 s (InvalidTimestamp)', async () => {
    const someItem = { productId: '1', skus: [{ sellerSku: 'A', skuId: '1' }] };
    const wrong = await caught(lazadaAdapter({ appSecret: 'not-the-secret' }).adapter.getProductStatus(someItem));
    expect(wrong).toMatchObject({ kind: 'bad_signature', code: 'IncompleteSignature' });
    expect(wrong.reason).toContain('check the app secret');
    const stale = await caught(lazadaAdapter({ clock: () => Date.now() - 7201_000 }).adapter.getProductStatus(someItem));
    expect(stale).toMatchObject({ kind: 'bad_timestamp', code: 'InvalidTimestamp' });
    const { adapter } = lazadaAdapter({ clock: () => Date.now() - 7000_000 });
    // an item the seller does not have: 208, read as gone
    expect(await adapter.getProductStatus(someItem)).toMatchObject({ state: 'deleted' });
  });

  it('answers ApiCallLimit with a one-second ban, sits it out and loses nothing; with its own limiter it stays under the rate', async () => {
    const { adapter } = lazadaAdapter({ limiter: null });
    const listing = lazadaMany(50);
    const ref = await adapter.createProduct(listing, await adapter.uploadImages(photoUrls(listing)), { idempotencyKey: 'x' });
    const item = (i: number, stock: number): PriceStockItem => ({ productId: ref.productId, skuId: ref.skus[i]!.skuId, sellerSku: ref.skus[i]!.sellerSku, stock });

    const throttledBefore = lazada.log.throttled;
    const results = await Promise.all(ref.skus.map((_, i) => adapter.updatePriceStock([item(i, 700 + i)])));
    expect(results.every((r) => r.updated.length === 1)).toBe(true);
    expect(lazada.log.throttled - throttledBefore).toBeGreaterThan(0);
    expect(lazada.log.entries.some((e) => e.code === 'ApiCallLimit')).toBe(true);
    expect(lazada.state.items.get(ref.productId)!.skus.map((s) => s.quantity)).toEqual(ref.skus.map((_, i) => 700 + i));

    const paced = new LazadaAdapter(lazadaConfig().config, { priceStockBatchSize: 1 });
    const listing2 = lazadaMany(40);
    const ref2 = await paced.createProduct(listing2, await paced.uploadImages(photoUrls(listing2)), { idempotencyKey: 'x' });
    const before = lazada.log.throttled;
    const started = Date.now();
    // batches of one: 40 requests at 95% of 20 a second
    const result = await paced.updatePriceStock(ref2.skus.map((s, i) => ({ productId: ref2.productId, skuId: s.skuId, sellerSku: s.sellerSku, stock: 50 + i })));
    expect(result).toMatchObject({ requests: 40, failed: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(lazada.log.throttled - before).toBeLessThanOrEqual(2);
    expect(lazada.state.items.get(ref2.productId)!.skus.map((s) => s.quantity)).toEqual(ref2.skus.map((_, i) => 50 + i));
  });

  it('gives products of a category the QC verdict a test set for it', async () => {
    const cloth = DEFAULT_LAZADA_CATEGORIES.find((c) => c.id === '62541305')!;
    lazada.setCategory({ ...cloth, id: '62541999', name: 'Keris', qc: { outcome: 'rejected', reason: 'Produk terlarang' } });
    lazada.setCategory({ ...cloth, id: '62541998', name: 'Kipas', qc: { outcome: 'approved' } });
    const { adapter } = lazadaAdapter();
    const banned = lazadaFresh({}, { ...lazadaClothMapping, categoryId: '62541999' });
    const fine = lazadaFresh({}, { ...lazadaClothMapping, categoryId: '62541998' });
    const [bannedRef, fineRef] = await Promise.all(
      [banned, fine].map(async (l) => adapter.createProduct(l, await adapter.uploadImages(photoUrls(l)), { idempotencyKey: 'x' })),
    );
    expect(await adapter.getProductStatus(bannedRef!)).toEqual({ state: 'rejected', reasons: ['Produk terlarang'], channelStatus: 'InActive, reject' });
    expect(await adapter.getProductStatus(fineRef!)).toEqual({ state: 'live', reasons: [], channelStatus: 'Active' });
  });

  it('deactivates a product, and a second deactivation (E0004) counts as done', async () => {
    const { adapter } = lazadaAdapter();
    const listing = lazadaFresh();
    const ref = await adapter.createProduct(listing, await adapter.uploadImages(photoUrls(listing)), { idempotencyKey: 'x' });
    await adapter.deactivateProduct(ref);
    expect(lazada.state.items.get(ref.productId)!.active).toBe(false);
    await adapter.deactivateProduct(ref);
    expect(lazada.log.entries.some((e) => e.api === '/product/deactivate' && e.code === 'E0004')).toBe(true);
  });
});
