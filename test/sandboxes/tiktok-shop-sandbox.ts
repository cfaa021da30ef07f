import { timingSafeEqual } from 'node:crypto';
import {
  RequestLog,
  SlidingWindowLimiter,
  hmacSha256,
  inspectImage,
  numericId,
  parseMultipart,
  randomId,
  startServer,
  type SandboxReply,
  type SandboxRequest,
} from './sandbox-http';
import { promotionRoutes, type TikTokActivity } from './tiktok-shop-promotions';

/**
 * A stand-in for TikTok Shop's Partner API (product API 202309) that enforces its documented
 * rules: the signature, the timestamp window, the app key and access tokens, required fields
 * and limits, 50 requests a second per API for an app and shop, and its error envelope. It
 * keeps what it is sent so tests can compare, and tests drive its audit.
 *
 * Codes: 0 success, 105001 invalid token, 105002 expired token, 106001 bad signature,
 * 36009002 throttled, 36009004 bad timestamp or app key (documented); 36004004 bad refresh
 * token, 12019001 bad category, 12052400 missing field, 12052401 invalid value,
 * 12052402 bad image, 12052404 not found, 12052409 duplicate SKU, and the promotion codes in
 * tiktok-shop-promotions.ts (this sandbox's).
 */

export const TT = {
  ok: 0,
  invalidToken: 105001,
  expiredToken: 105002,
  badSignature: 106001,
  throttled: 36009002,
  badTimestampOrAppKey: 36009004,
  badRefreshToken: 36004004,
  notFoundPath: 36009005,
  badCategory: 12019001,
  missingField: 12052400,
  invalidField: 12052401,
  invalidImage: 12052402,
  notFound: 12052404,
  duplicateSku: 12052409,
} as const;

export interface TikTokCategory {
  id: string;
  name: string;
  leaf: boolean;
  /** Product attributes the category demands, by TikTok attribute id. */
  requiredAttributes?: Array<{ id: string; name: string }>;
  /** An audit verdict given at once to products of this category (otherwise they wait). */
  audit?: { outcome: 'approved' } | { outcome: 'rejected'; reasons: string[] };
}

/** A small Indonesian craft taxonomy, TikTok style (ids are the sandbox's). */
export const DEFAULT_TIKTOK_CATEGORIES: TikTokCategory[] = [
  { id: '600001', name: 'Home Supplies', leaf: false },
  { id: '601152', name: 'Textiles & Soft Furnishings', leaf: false },
  { id: '601161', name: 'Traditional Cloth', leaf: true, requiredAttributes: [{ id: '100198', name: 'Material' }] },
  { id: '601183', name: 'Jewellery', leaf: false },
  { id: '601190', name: 'Silver Jewellery', leaf: true, requiredAttributes: [{ id: '100198', name: 'Material' }] },
  { id: '601210', name: 'Wood Carvings & Sculptures', leaf: true },
  { id: '601230', name: 'Paintings', leaf: true },
  { id: '601250', name: 'Baskets & Woven Crafts', leaf: true },
];

export interface TikTokSku {
  id: string;
  sellerSku: string;
  externalSkuId: string | null;
  price: { amount: string; currency: string };
  inventory: Array<{ warehouseId: string; quantity: number }>;
  salesAttributes: Array<{ name: string; valueName: string }>;
}

export type TikTokProductStatus = 'PENDING' | 'ACTIVATE' | 'FAILED' | 'SELLER_DEACTIVATED';

export interface TikTokProduct {
  id: string;
  shopCipher: string;
  status: TikTokProductStatus;
  auditFailedReasons: string[];
  title: string;
  description: string;
  categoryId: string;
  mainImages: string[];
  skus: TikTokSku[];
  packageWeight: { value: string; unit: string };
  packageDimensions: { length: string; width: string; height: string; unit: string } | null;
  attributes: Record<string, string[]>;
  externalProductId: string | null;
  listingPlatforms: string[];
  idempotencyKey: string | null;
  createdAt: number;
  updatedAt: number;
  /** Edits accepted since creation. */
  edits: number;
}

export interface TikTokShop {
  shopCipher: string;
  warehouseId: string;
  openId: string;
}

/** What a test needs to point an adapter at a shop. */
export interface IssuedTikTokShop extends TikTokShop {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface TikTokSandboxOptions {
  appKey: string;
  appSecret: string;
  port?: number;
  host?: string;
  rateLimitPerSecond?: number;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  categories?: TikTokCategory[];
  /** Approve every product at once (for demos); tests leave it off and decide themselves. */
  autoApprove?: boolean;
}

interface Token {
  shopCipher: string;
  expiresAt: number;
}

export interface TikTokSandboxState {
  products: Map<string, TikTokProduct>;
  shops: Map<string, TikTokShop>;
  images: Map<string, { shopCipher: string; width: number; height: number; format: string; useCase: string }>;
  categories: Map<string, TikTokCategory>;
  /** Promotion activities (see tiktok-shop-promotions.ts). */
  activities: Map<string, TikTokActivity>;
}

export interface TikTokShopSandbox {
  /** The API host (TIKTOK_SHOP_API_URL). */
  url: string;
  /** The auth host for token refresh (the same server). */
  authUrl: string;
  state: TikTokSandboxState;
  log: RequestLog;
  /** A shop authorised for the app, with fresh tokens. */
  issueShop(options?: { accessTokenTtlSeconds?: number }): IssuedTikTokShop;
  /** Makes an access token (or every one) lapse now. */
  expireAccessToken(accessToken?: string): void;
  setCategory(category: TikTokCategory): void;
  approve(productId: string): void;
  reject(productId: string, reasons: string[]): void;
  setRateLimit(perSecond: number): void;
  productBySellerSku(sellerSku: string): TikTokProduct | undefined;
  close(): Promise<void>;
}

interface Ctx {
  req: SandboxRequest;
  shop: TikTokShop;
  params: Record<string, string>;
}

type Handler = (ctx: Ctx) => Promise<SandboxReply> | SandboxReply;

interface Route {
  method: string;
  pattern: RegExp;
  api: string;
  handler: Handler;
}

const MAX_STOCK = 999_999;

export async function startTikTokShopSandbox(options: TikTokSandboxOptions): Promise<TikTokShopSandbox> {
  const accessTtl = options.accessTokenTtlSeconds ?? 7 * 24 * 3600;
  const refreshTtl = options.refreshTokenTtlSeconds ?? 30 * 24 * 3600;
  const limiter = new SlidingWindowLimiter(options.rateLimitPerSecond ?? 50);
  const log = new RequestLog();
  const state: TikTokSandboxState = {
    products: new Map(),
    shops: new Map(),
    images: new Map(),
    categories: new Map((options.categories ?? DEFAULT_TIKTOK_CATEGORIES).map((c) => [c.id, c])),
    activities: new Map(),
  };
  const accessTokens = new Map<string, Token>();
  const refreshTokens = new Map<string, Token>();
  const idempotency = new Map<string, string>();
  let base = '';

  const reply = (status: number, code: number, message: string, data: unknown = null): SandboxReply => ({
    status,
    body: { code, message, request_id: `2026${randomId(8)}`, data },
  });
  const ok = (data: unknown = {}) => reply(200, TT.ok, 'Success', data);
  const AUTH: ReadonlySet<number> = new Set([TT.invalidToken, TT.expiredToken, TT.badSignature, TT.badTimestampOrAppKey, TT.badRefreshToken]);
  const fail = (code: number, message: string) =>
    reply(code === TT.notFound ? 404 : code === TT.throttled ? 429 : AUTH.has(code) ? 401 : 400, code, message);

  function issueTokens(shopCipher: string, ttl = accessTtl) {
    const now = Date.now();
    const accessToken = `ROW_${randomId(16)}`;
    const refreshToken = `ROW_${randomId(16)}`;
    accessTokens.set(accessToken, { shopCipher, expiresAt: now + ttl * 1000 });
    refreshTokens.set(refreshToken, { shopCipher, expiresAt: now + refreshTtl * 1000 });
    return { accessToken, refreshToken, accessExpiresAt: now + ttl * 1000, refreshExpiresAt: now + refreshTtl * 1000 };
  }

  // --- the signature, as TikTok documents it -------------------------------------------------
  function expectedSign(req: SandboxRequest): string {
    const keys = [...new Set(req.query.keys())].filter((k) => k !== 'sign' && k !== 'access_token').sort();
    let text = req.path + keys.map((k) => k + (req.query.get(k) ?? '')).join('');
    if (!req.contentType.startsWith('multipart/form-data')) text += req.body.toString('utf8');
    return hmacSha256(options.appSecret, options.appSecret + text + options.appSecret).toString('hex');
  }

  function checkCommon(req: SandboxRequest): { shop: TikTokShop } | SandboxReply {
    if (req.query.get('app_key') !== options.appKey) return fail(TT.badTimestampOrAppKey, 'Invalid app_key');
    const ts = req.query.get('timestamp') ?? '';
    const nowS = Math.floor(Date.now() / 1000);
    if (!/^\d{10}$/.test(ts)) return fail(TT.badTimestampOrAppKey, 'Invalid timestamp: seconds since the epoch expected');
    const skew = Number(ts) - nowS;
    if (skew < -300 || skew > 30) return fail(TT.badTimestampOrAppKey, `Invalid timestamp: ${skew}s from server time (allowed -300s to +30s)`);
    const sign = Buffer.from(req.query.get('sign') ?? '');
    const expected = Buffer.from(expectedSign(req));
    if (sign.length !== expected.length || !timingSafeEqual(sign, expected)) return fail(TT.badSignature, 'Invalid signature');
    const tokenText = String(req.headers['x-tts-access-token'] ?? '');
    const token = accessTokens.get(tokenText);
    if (!token) return fail(TT.invalidToken, 'Invalid access token');
    if (token.expiresAt <= Date.now()) return fail(TT.expiredToken, 'Access token is expired');
    const cipher = req.query.get('shop_cipher');
    if (!cipher) return fail(TT.missingField, 'shop_cipher is required');
    if (cipher !== token.shopCipher) return fail(TT.invalidToken, 'The access token does not belong to this shop_cipher');
    return { shop: state.shops.get(cipher)! };
  }

  // --- products -----------------------------------------------------------------------------
  interface Problem {
    code: number;
    message: string;
  }

  /** The JSON object body, or null when it is none. */
  function parseJson(req: SandboxRequest): Record<string, unknown> | null {
    try {
      const value = JSON.parse(req.body.toString('utf8')) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // not JSON
    }
    return null;
  }
  const notJson = () => fail(TT.invalidField, 'The body must be a JSON object');

  function validateProduct(body: Record<string, unknown>, shop: TikTokShop, existing?: TikTokProduct): Problem[] {
    const problems: Problem[] = [];
    const missing = (m: string) => problems.push({ code: TT.missingField, message: m });
    const invalid = (m: string) => problems.push({ code: TT.invalidField, message: m });
    const title = body.title;
    if (typeof title !== 'string' || !title) missing('title is required');
    else if (title.length < 25 || title.length > 255) invalid(`title must be 25-255 characters, got ${title.length}`);
    else if (/\p{Script=Han}/u.test(title)) invalid('title must not contain Chinese characters');
    const description = body.description;
    if (typeof description !== 'string' || !description) missing('description is required');
    else if (description.length > 10_000) invalid('description must be at most 10000 characters');
    const category = state.categories.get(String(body.category_id ?? ''));
    if (!body.category_id) missing('category_id is required');
    else if (!category) problems.push({ code: TT.badCategory, message: `category_id ${String(body.category_id)} does not exist` });
    else if (!category.leaf) problems.push({ code: TT.badCategory, message: `category_id ${category.id} (${category.name}) is not a leaf category` });
    const attributes = Array.isArray(body.product_attributes) ? (body.product_attributes as Array<{ id?: string; values?: Array<{ name?: string }> }>) : [];
    for (const required of category?.leaf ? (category.requiredAttributes ?? []) : []) {
      const given = attributes.find((a) => a.id === required.id);
      if (!given?.values?.some((v) => typeof v.name === 'string' && v.name.trim())) missing(`product attribute ${required.id} (${required.name}) is required for category ${category!.id}`);
    }
    const images = Array.isArray(body.main_images) ? (body.main_images as Array<{ uri?: string }>) : null;
    if (!images || images.length === 0) missing('main_images is required (1-9 images)');
    else if (images.length > 9) invalid(`main_images takes at most 9 images, got ${images.length}`);
    else {
      for (const image of images) {
        const known = state.images.get(String(image.uri ?? ''));
        if (!known || known.shopCipher !== shop.shopCipher) problems.push({ code: TT.invalidImage, message: `main_images uri ${String(image.uri)} was not uploaded with Upload Product Image` });
        else if (known.useCase !== 'MAIN_IMAGE') problems.push({ code: TT.invalidImage, message: `image ${String(image.uri)} was uploaded for ${known.useCase}, not MAIN_IMAGE` });
      }
    }
    const weight = body.package_weight as { value?: string; unit?: string } | undefined;
    if (!weight || weight.value === undefined) missing('package_weight is required');
    else if (!(Number(weight.value) > 0) || weight.unit !== 'KILOGRAM') invalid('package_weight must be a positive value in KILOGRAM');
    const dims = body.package_dimensions as Record<string, string> | undefined;
    if (dims) {
      const parts = [dims.length, dims.width, dims.height];
      if (parts.some((p) => p === undefined || !/^\d+$/.test(String(p))) || dims.unit !== 'CENTIMETER') {
        invalid('package_dimensions needs length, width and height as whole numbers in CENTIMETER');
      }
    }
    const platforms = body.listing_platforms;
    if (platforms !== undefined && (!Array.isArray(platforms) || platforms.some((p) => p !== 'TOKOPEDIA' && p !== 'TIKTOK_SHOP'))) {
      invalid('listing_platforms takes TOKOPEDIA and TIKTOK_SHOP');
    }
    const skus = Array.isArray(body.skus) ? (body.skus as Array<Record<string, unknown>>) : null;
    if (!skus || skus.length === 0) return [...problems, { code: TT.missingField, message: 'skus is required (1-100)' }];
    if (skus.length > 100) invalid(`skus takes at most 100, got ${skus.length}`);
    const sellerSkus = new Set<string>();
    const combos = new Set<string>();
    skus.forEach((sku, i) => {
      const at = `skus[${i}]`;
      const sellerSku = sku.seller_sku;
      if (typeof sellerSku !== 'string' || !sellerSku) missing(`${at}.seller_sku is required`);
      else if (sellerSku.length > 50 || /\s/.test(sellerSku)) invalid(`${at}.seller_sku must be 1-50 characters without spaces`);
      else if (sellerSkus.has(sellerSku)) problems.push({ code: TT.duplicateSku, message: `seller_sku ${sellerSku} appears twice` });
      else sellerSkus.add(sellerSku);
      if (sku.id !== undefined && !existing?.skus.some((s) => s.id === sku.id)) invalid(`${at}.id ${String(sku.id)} is not a SKU of this product`);
      const price = sku.price as { amount?: string; currency?: string } | undefined;
      if (!price?.amount) missing(`${at}.price.amount is required`);
      else if (!/^\d+$/.test(price.amount) || Number(price.amount) < 100 || Number(price.amount) > 100_000_000) invalid(`${at}.price.amount must be a whole IDR amount from 100 to 100000000`);
      if (price && price.currency !== 'IDR') invalid(`${at}.price.currency must be IDR`);
      const inventory = Array.isArray(sku.inventory) ? (sku.inventory as Array<{ warehouse_id?: string; quantity?: number }>) : null;
      if (!inventory?.length) missing(`${at}.inventory is required`);
      else {
        for (const row of inventory) {
          if (row.warehouse_id !== shop.warehouseId) invalid(`${at}.inventory.warehouse_id ${String(row.warehouse_id)} is not a warehouse of this shop`);
          if (!Number.isInteger(row.quantity) || row.quantity! < 0 || row.quantity! > MAX_STOCK) invalid(`${at}.inventory.quantity must be 0-${MAX_STOCK}`);
        }
      }
      if (skus.length > 1) {
        const attrs = Array.isArray(sku.sales_attributes) ? (sku.sales_attributes as Array<{ name?: string; value_name?: string }>) : [];
        const key = attrs.map((a) => `${a.name}=${a.value_name}`).sort().join('|');
        if (!key) missing(`${at}.sales_attributes is required when a product has several SKUs`);
        else if (combos.has(key)) invalid(`${at}.sales_attributes repeat another SKU's`);
        combos.add(key);
      }
    });
    return problems;
  }

  function refused(problems: Problem[]): SandboxReply {
    return fail(problems[0]!.code, problems.map((p) => p.message).join('; '));
  }

  function skusFrom(body: Record<string, unknown>, existing?: TikTokProduct): TikTokSku[] {
    return (body.skus as Array<Record<string, any>>).map((s) => ({
      id: typeof s.id === 'string' && existing?.skus.some((k) => k.id === s.id) ? s.id : numericId(),
      sellerSku: s.seller_sku,
      externalSkuId: s.external_sku_id ?? null,
      price: { amount: s.price.amount, currency: s.price.currency },
      inventory: s.inventory.map((r: { warehouse_id: string; quantity: number }) => ({ warehouseId: r.warehouse_id, quantity: r.quantity })),
      salesAttributes: (s.sales_attributes ?? []).map((a: { name: string; value_name: string }) => ({ name: a.name, valueName: a.value_name })),
    }));
  }

  function applyContent(product: TikTokProduct, body: Record<string, any>, existing?: TikTokProduct) {
    product.title = body.title;
    product.description = body.description;
    product.categoryId = String(body.category_id);
    product.mainImages = body.main_images.map((i: { uri: string }) => i.uri);
    product.skus = skusFrom(body, existing);
    product.packageWeight = { ...body.package_weight };
    product.packageDimensions = body.package_dimensions ? { ...body.package_dimensions } : null;
    product.attributes = Object.fromEntries(
      (body.product_attributes ?? []).map((a: { id: string; values: Array<{ name: string }> }) => [a.id, a.values.map((v) => v.name)]),
    );
    product.externalProductId = body.external_product_id ?? null;
    product.listingPlatforms = body.listing_platforms ?? ['TIKTOK_SHOP'];
    product.updatedAt = Date.now();
    audit(product);
  }

  /** New and edited products go to audit; a category verdict or autoApprove decides it at once. */
  function audit(product: TikTokProduct) {
    if (product.status === 'SELLER_DEACTIVATED') return;
    const verdict = state.categories.get(product.categoryId)?.audit;
    if (verdict?.outcome === 'rejected') return setVerdict(product, 'FAILED', verdict.reasons);
    if (verdict?.outcome === 'approved' || options.autoApprove) return setVerdict(product, 'ACTIVATE', []);
    setVerdict(product, 'PENDING', []);
  }

  function setVerdict(product: TikTokProduct, status: TikTokProductStatus, reasons: string[]) {
    product.status = status;
    product.auditFailedReasons = reasons;
  }

  const productReply = (p: TikTokProduct) => ok({
    product_id: p.id,
    skus: p.skus.map((s) => ({ id: s.id, seller_sku: s.sellerSku, external_sku_id: s.externalSkuId ?? undefined })),
    warnings: [],
  });

  function ownProduct(ctx: Ctx): TikTokProduct | SandboxReply {
    const product = state.products.get(ctx.params.id!);
    if (!product || product.shopCipher !== ctx.shop.shopCipher) return fail(TT.notFound, `product ${ctx.params.id} does not exist`);
    return product;
  }
  const isReply = (v: unknown): v is SandboxReply => !!v && typeof v === 'object' && 'status' in v && 'body' in v;

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/product\/202309\/images\/upload$/,
      api: 'images.upload',
      handler: async ({ req, shop }) => {
        if (!req.contentType.startsWith('multipart/form-data')) return fail(TT.invalidField, 'Upload Product Image takes multipart/form-data');
        const form = await parseMultipart(req).catch(() => null);
        const file = form?.get('data');
        if (!file || typeof file === 'string') return fail(TT.missingField, 'data (the image file) is required');
        const useCase = String(form!.get('use_case') ?? 'MAIN_IMAGE');
        const facts = await inspectImage(Buffer.from(await file.arrayBuffer()));
        if (!facts || (facts.format !== 'jpeg' && facts.format !== 'png')) return fail(TT.invalidImage, 'The image must be JPG, JPEG or PNG');
        if (facts.bytes > 5 * 1024 * 1024) return fail(TT.invalidImage, `The image is ${facts.bytes} bytes; at most 5 MB`);
        const [min, max] = useCase === 'MAIN_IMAGE' ? [300, 4000] : [100, 20_000];
        if (Math.min(facts.width, facts.height) < min || Math.max(facts.width, facts.height) > max) {
          return fail(TT.invalidImage, `A ${useCase} must be ${min}-${max} px per side, got ${facts.width}x${facts.height}`);
        }
        const uri = `tos-alisg-i-${randomId(10)}-sg/${randomId(8)}`;
        state.images.set(uri, { shopCipher: shop.shopCipher, width: facts.width, height: facts.height, format: facts.format, useCase });
        return ok({ uri, url: `${base}/images/${uri}`, width: facts.width, height: facts.height, use_case: useCase });
      },
    },
    {
      method: 'POST',
      pattern: /^\/product\/202309\/products\/deactivate$/,
      api: 'products.deactivate',
      handler: ({ req, shop }) => {
        const body = parseJson(req);
        if (!body) return notJson();
        const ids = body.product_ids;
        if (!Array.isArray(ids) || ids.length === 0) return fail(TT.missingField, 'product_ids is required');
        if (ids.length > 20) return fail(TT.invalidField, 'product_ids takes at most 20 ids');
        const errors = [];
        for (const id of ids) {
          const product = state.products.get(String(id));
          if (!product || product.shopCipher !== shop.shopCipher) errors.push({ code: TT.notFound, message: 'product does not exist', detail: { product_id: String(id) } });
          else product.status = 'SELLER_DEACTIVATED';
        }
        return ok({ errors });
      },
    },
    {
      method: 'POST',
      pattern: /^\/product\/202309\/products$/,
      api: 'products.create',
      handler: ({ req, shop }) => {
        const body = parseJson(req);
        if (!body) return notJson();
        const key = typeof body.idempotency_key === 'string' && body.idempotency_key ? `${shop.shopCipher}:${body.idempotency_key}` : null;
        // The same key is the same product: a retried create never makes a second one.
        const earlier = key ? state.products.get(idempotency.get(key) ?? '') : undefined;
        if (earlier) return productReply(earlier);
        const problems = validateProduct(body, shop);
        if (problems.length) return refused(problems);
        const now = Date.now();
        const product = {
          id: numericId(),
          shopCipher: shop.shopCipher,
          status: 'PENDING',
          auditFailedReasons: [],
          idempotencyKey: key ? String(body.idempotency_key) : null,
          createdAt: now,
          edits: 0,
        } as unknown as TikTokProduct;
        applyContent(product, body);
        state.products.set(product.id, product);
        if (key) idempotency.set(key, product.id);
        return productReply(product);
      },
    },
    {
      method: 'PUT',
      pattern: /^\/product\/202309\/products\/(?<id>[^/]+)$/,
      api: 'products.edit',
      handler: (ctx) => {
        const product = ownProduct(ctx);
        if (isReply(product)) return product;
        const body = parseJson(ctx.req);
        if (!body) return notJson();
        const problems = validateProduct(body, ctx.shop, product);
        if (problems.length) return refused(problems);
        const before = { ...product, skus: [...product.skus] };
        applyContent(product, body, before);
        product.edits++;
        return productReply(product);
      },
    },
    {
      method: 'GET',
      pattern: /^\/product\/202309\/products\/(?<id>[^/]+)$/,
      api: 'products.get',
      handler: (ctx) => {
        const p = ownProduct(ctx);
        if (isReply(p)) return p;
        return ok({
          id: p.id,
          status: p.status,
          title: p.title,
          description: p.description,
          category_chains: [{ id: p.categoryId, is_leaf: true, local_name: state.categories.get(p.categoryId)?.name }],
          main_images: p.mainImages.map((uri) => ({ uri, urls: [`${base}/images/${uri}`] })),
          skus: p.skus.map((s) => ({
            id: s.id,
            seller_sku: s.sellerSku,
            price: { sale_price: s.price.amount, tax_exclusive_price: s.price.amount, currency: s.price.currency },
            inventory: s.inventory.map((r) => ({ warehouse_id: r.warehouseId, quantity: r.quantity })),
          })),
          package_weight: p.packageWeight,
          package_dimensions: p.packageDimensions,
          audit_failed_reasons: p.status === 'FAILED' ? [{ position: 'product', reasons: p.auditFailedReasons, suggestions: [] }] : [],
          create_time: Math.floor(p.createdAt / 1000),
          update_time: Math.floor(p.updatedAt / 1000),
        });
      },
    },
    {
      method: 'POST',
      pattern: /^\/product\/202309\/products\/(?<id>[^/]+)\/inventory\/update$/,
      api: 'products.inventory.update',
      handler: (ctx) => {
        const product = ownProduct(ctx);
        if (isReply(product)) return product;
        const body = parseJson(ctx.req);
        if (!body) return notJson();
        const skus = body.skus as Array<{ id?: string; inventory?: Array<{ warehouse_id?: string; quantity?: number }> }> | undefined;
        if (!Array.isArray(skus) || skus.length === 0) return fail(TT.missingField, 'skus is required');
        const errors = [];
        for (const row of skus) {
          const sku = product.skus.find((s) => s.id === row.id);
          const entry = row.inventory?.[0];
          if (!sku) errors.push({ code: TT.notFound, message: 'sku does not exist', detail: { sku_id: String(row.id) } });
          else if (!entry || !Number.isInteger(entry.quantity) || entry.quantity! < 0 || entry.quantity! > MAX_STOCK) {
            errors.push({ code: TT.invalidField, message: `quantity must be 0-${MAX_STOCK}`, detail: { sku_id: sku.id } });
          } else if (entry.warehouse_id !== undefined && entry.warehouse_id !== ctx.shop.warehouseId) {
            errors.push({ code: TT.invalidField, message: 'warehouse_id is not a warehouse of this shop', detail: { sku_id: sku.id } });
          } else sku.inventory = [{ warehouseId: ctx.shop.warehouseId, quantity: entry.quantity! }];
        }
        product.updatedAt = Date.now();
        return ok({ errors });
      },
    },
    {
      method: 'POST',
      pattern: /^\/product\/202309\/products\/(?<id>[^/]+)\/prices\/update$/,
      api: 'products.prices.update',
      handler: (ctx) => {
        const product = ownProduct(ctx);
        if (isReply(product)) return product;
        const body = parseJson(ctx.req);
        if (!body) return notJson();
        const skus = body.skus as Array<{ id?: string; price?: { amount?: string; currency?: string } }> | undefined;
        if (!Array.isArray(skus) || skus.length === 0) return fail(TT.missingField, 'skus is required');
        // Prices change all or nothing.
        for (const row of skus) {
          if (!product.skus.some((s) => s.id === row.id)) return fail(TT.notFound, `sku ${String(row.id)} does not exist`);
          const amount = row.price?.amount ?? '';
          if (!/^\d+$/.test(amount) || Number(amount) < 100 || Number(amount) > 100_000_000 || row.price?.currency !== 'IDR') {
            return fail(TT.invalidField, `price of sku ${String(row.id)} must be a whole IDR amount from 100 to 100000000`);
          }
        }
        for (const row of skus) product.skus.find((s) => s.id === row.id)!.price = { amount: row.price!.amount!, currency: 'IDR' };
        product.updatedAt = Date.now();
        return ok({});
      },
    },
    ...promotionRoutes({
      activities: state.activities,
      products: state.products,
      ok,
      fail,
      parseJson,
      codes: { missingField: TT.missingField, invalidField: TT.invalidField, notFound: TT.notFound },
    }),
  ];

  function refreshToken(req: SandboxRequest): SandboxReply {
    const q = req.query;
    if (q.get('app_key') !== options.appKey || q.get('app_secret') !== options.appSecret) return fail(TT.badTimestampOrAppKey, 'Invalid app_key or app_secret');
    if (q.get('grant_type') !== 'refresh_token') return fail(TT.badRefreshToken, 'grant_type must be refresh_token');
    const old = refreshTokens.get(q.get('refresh_token') ?? '');
    if (!old || old.expiresAt <= Date.now()) return fail(TT.badRefreshToken, 'Invalid or expired refresh_token');
    // The refresh token rotates: the one just used is spent.
    refreshTokens.delete(q.get('refresh_token')!);
    const shop = state.shops.get(old.shopCipher)!;
    const issued = issueTokens(shop.shopCipher);
    return ok({
      access_token: issued.accessToken,
      access_token_expire_in: Math.floor(issued.accessExpiresAt / 1000),
      refresh_token: issued.refreshToken,
      refresh_token_expire_in: Math.floor(issued.refreshExpiresAt / 1000),
      open_id: shop.openId,
      seller_name: 'Sandbox Bali Craft',
      seller_base_region: 'ID',
      user_type: 0,
      granted_scopes: ['seller.product.basic', 'seller.product.write'],
    });
  }

  async function handle(req: SandboxRequest): Promise<SandboxReply> {
    if (req.method === 'GET' && req.path === '/api/v2/token/refresh') {
      const out = refreshToken(req);
      log.record({ at: Date.now(), api: 'auth.token.refresh', rateKey: null, status: out.status, code: String((out.body as { code: number }).code) });
      return out;
    }
    let params: Record<string, string> = {};
    const route = routes.find((r) => {
      const m = r.method === req.method ? r.pattern.exec(req.path) : null;
      if (m) params = { ...m.groups };
      return !!m;
    });
    if (!route) {
      const out = reply(404, TT.notFoundPath, `No API at ${req.method} ${req.path}`);
      log.record({ at: Date.now(), api: `${req.method} ${req.path}`, rateKey: null, status: 404, code: String(TT.notFoundPath) });
      return out;
    }
    const common = checkCommon(req);
    let out: SandboxReply;
    let rateKey: string | null = null;
    const at = Date.now();
    if (isReply(common)) out = common;
    else {
      rateKey = `${options.appKey}:${common.shop.shopCipher}:${route.api}`;
      out = limiter.tryTake(rateKey, at)
        ? await route.handler({ req, shop: common.shop, params })
        : fail(TT.throttled, 'Too many requests: the limit is 50 per second per API for an app and shop');
    }
    log.record({ at, api: route.api, rateKey, status: out.status, code: String((out.body as { code: number }).code) });
    return out;
  }

  const server = await startServer(handle, options.port, options.host);
  base = server.url;

  const findProduct = (id: string) => {
    const product = state.products.get(id);
    if (!product) throw new Error(`sandbox has no product ${id}`);
    return product;
  };

  return {
    url: server.url,
    authUrl: server.url,
    state,
    log,
    issueShop(opts = {}) {
      const shop: TikTokShop = { shopCipher: `ROW_${randomId(12)}`, warehouseId: numericId(), openId: randomId(8) };
      state.shops.set(shop.shopCipher, shop);
      const t = issueTokens(shop.shopCipher, opts.accessTokenTtlSeconds ?? accessTtl);
      return {
        ...shop,
        accessToken: t.accessToken,
        accessTokenExpiresAt: new Date(t.accessExpiresAt).toISOString(),
        refreshToken: t.refreshToken,
        refreshTokenExpiresAt: new Date(t.refreshExpiresAt).toISOString(),
      };
    },
    expireAccessToken(accessToken) {
      for (const [text, token] of accessTokens) if (!accessToken || text === accessToken) token.expiresAt = Date.now() - 1;
    },
    setCategory(category) {
      state.categories.set(category.id, category);
    },
    approve(productId) {
      setVerdict(findProduct(productId), 'ACTIVATE', []);
    },
    reject(productId, reasons) {
      setVerdict(findProduct(productId), 'FAILED', reasons);
    },
    setRateLimit(perSecond) {
      limiter.limit = perSecond;
    },
    productBySellerSku(sellerSku) {
      return [...state.products.values()].find((p) => p.skus.some((s) => s.sellerSku === sellerSku));
    },
    close: () => server.close(),
  };
}
