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
import { startTikTokAuthHost, type AuthGrant } from './tiktok-shop-auth';
import {
  DEFAULT_TIKTOK_CATEGORIES,
  categoryRules,
  checkProductAttributes,
  checkSalesAttributes,
  normaliseCategory,
  type StoredSalesAttribute,
  type TikTokCategory,
} from './tiktok-shop-catalog';
import { promotionRoutes, type TikTokActivity } from './tiktok-shop-promotions';

export { DEFAULT_TIKTOK_CATEGORIES, type TikTokCategory } from './tiktok-shop-catalog';

/**
 * A stand-in for TikTok Shop's Partner API, built from its documentation (data/raw/tiktok/ in
 * lazykern/ecommerce-api-docs) so it cannot agree with a client's mistakes: the auth host on its
 * own port, the signature and timestamp window, app key and tokens, shop_cipher only where an
 * endpoint takes it, 50 requests a second per API for an app and shop (429 + 36009002), each
 * endpoint's required fields and documented limits, per-platform (TikTok Shop / Tokopedia)
 * statuses for sellers migrated from Tokopedia, and an audit that tests drive. Every code it
 * answers with is documented; the rule list is in apps/channels/README.md.
 */

export const TT = {
  ok: 0,
  // developer-guide/tiktok-shop-api-concepts/common-errors.json
  throttled: 36009002,
  invalidCredentials: 36009004,
  invalidPath: 36009009,
  invalidMethod: 36009010,
  invalidRequestFormat: 36009022,
  multipartRequired: 36009023,
  tokenNotForShop: 101000,
  expiredToken: 105002,
  badSignature: 106001,
  missingShopCipher: 106013,
  // products/create-product.spec.json
  descriptionTooLong: 12052013,
  descriptionRequired: 12052015,
  categoryNotFound: 12052023,
  categoryNotLeaf: 12052024,
  mainImageRequired: 12052028,
  tooManySkus: 12052050,
  titleLength: 12052051,
  sellerSkuInvalid: 12052054,
  quantityOutOfRange: 12052055,
  priceInvalid: 12052073,
  currencyInvalid: 12052084,
  packageWeightInvalid: 12019011,
  packageSizeInvalid: 12019012,
  packageWeightZero: 12052181,
  titleEmpty: 12052261,
  titleChinese: 12052262,
  mainImageIllegal: 12052300,
  mainImagesTooMany: 12052306,
  platformNotSupported: 12052330,
  warehouseNotOfShop: 12052530,
  invalidInput: 12052910,
  // products/update-inventory.spec.json, update-price.spec.json, deactivate-products.spec.json, get-product.spec.json
  productNotFound: 12052032,
  productNotInShop: 12052048,
  productIdNotFound: 12052260,
  skuIdNotFound: 12052556,
  statusNotAvailable: 12052901,
  tooManyProductIds: 12019120,
  // products/activate-product.spec.json: a product's errors come as 12052990 with the cause in extra_errors.
  checkFailed: 12052990,
  // products/upload-product-image.spec.json
  imageInvalidFile: 12038002,
  imageTooLarge: 12038005,
  imageDimensions: 12038014,
  imageFormat: 12038015,
  // products/get-categories.spec.json
  publishParamInvalid: 12019210,
} as const;

export type TikTokPlatform = 'TIKTOK_SHOP' | 'TOKOPEDIA';
// products/get-product.spec.json: status values.
export type TikTokProductStatus = 'DRAFT' | 'PENDING' | 'FAILED' | 'ACTIVATE' | 'SELLER_DEACTIVATED' | 'PLATFORM_DEACTIVATED' | 'FREEZE' | 'DELETED';

export interface TikTokSku {
  id: string;
  sellerSku: string;
  externalSkuId: string | null;
  price: { amount: string; currency: string };
  inventory: Array<{ warehouseId: string; quantity: number }>;
  salesAttributes: Array<{ name: string; valueName: string; id?: string | null; valueId?: string | null }>;
}

export interface TikTokProduct {
  id: string;
  shopCipher: string;
  /** TikTok Shop's status; for a product listed only on Tokopedia, the Tokopedia one. */
  status: TikTokProductStatus;
  /** Per listing platform (a migrated seller's product may differ on each). */
  platformStatuses: Partial<Record<TikTokPlatform, TikTokProductStatus>>;
  auditFailedReasons: string[];
  /** Audit failures per platform. */
  platformReasons: Partial<Record<TikTokPlatform, string[]>>;
  title: string;
  description: string;
  categoryId: string;
  mainImages: string[];
  skus: TikTokSku[];
  packageWeight: { value: string; unit: string };
  packageDimensions: { length: string; width: string; height: string; unit: string } | null;
  /** Attribute values by id, as names (a built-in id stored by its value's name). */
  attributes: Record<string, string[]>;
  /** The built-in value ids sent, by attribute id. */
  attributeValueIds: Record<string, string[]>;
  externalProductId: string | null;
  listingPlatforms: TikTokPlatform[];
  idempotencyKey: string | null;
  /** Set by the seller in Seller Center; a full edit that leaves them out blanks them. */
  brandId: string | null;
  videoId: string | null;
  deliveryOptionIds: string[];
  createdAt: number;
  updatedAt: number;
  /** Edits accepted since creation (full and partial). */
  edits: number;
  /** Warnings the last create or edit answered with. */
  warnings: string[];
}

export interface TikTokWarehouse {
  id: string;
  name: string;
  type: 'SALES_WAREHOUSE' | 'RETURN_WAREHOUSE';
  isDefault: boolean;
  effectStatus: 'ENABLED' | 'DISABLED' | 'RESTRICTED';
}

export interface TikTokShop {
  shopCipher: string;
  shopId: string;
  name: string;
  region: string;
  /** The default SALES_WAREHOUSE. */
  warehouseId: string;
  warehouses: TikTokWarehouse[];
  openId: string;
  /** Migrated from Tokopedia: lists on both platforms, takes listing_platforms. */
  migrated: boolean;
}

/** What a test needs to point an adapter at a shop. */
export interface IssuedTikTokShop extends TikTokShop {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface ShopOptions {
  name?: string;
  migrated?: boolean;
  accessTokenTtlSeconds?: number;
}

export interface TikTokSandboxOptions {
  appKey: string;
  appSecret: string;
  /** The app's service id in its authorization link (default: the app key). */
  serviceId?: string;
  /** The Redirect URL registered with the app (else the authorize link's redirect_uri). */
  redirectUrl?: string;
  port?: number;
  authPort?: number;
  host?: string;
  rateLimitPerSecond?: number;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  categories?: TikTokCategory[];
  /** Approve every product at once (for demos); tests leave it off and decide themselves. */
  autoApprove?: boolean;
  /** Approve a pending product once it has waited this long (read lazily); tests set it with setAuditDelay. */
  auditDelayMs?: number;
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
  /** The auth host (TIKTOK_SHOP_AUTH_URL), a separate server: token get and refresh live only here. */
  authUrl: string;
  /** The app's authorization link, as Partner Center's "Copy authorization link" gives it (TIKTOK_SHOP_AUTHORIZE_URL). */
  authorizeUrl: string;
  state: TikTokSandboxState;
  log: RequestLog;
  /** A shop authorised for the app, with fresh tokens. */
  issueShop(options?: ShopOptions): IssuedTikTokShop;
  /** An auth code for a new (or the given) shop, as if its seller approved the link. */
  authorize(shop?: ShopOptions | TikTokShop): { code: string; shop: TikTokShop };
  /** The next visit to the authorization link approves this shop. */
  queueAuthorization(shop: ShopOptions): TikTokShop;
  /** The next visit to the authorization link is denied. */
  denyNextAuthorization(): void;
  /** Makes an access token (or every one) lapse now. */
  expireAccessToken(accessToken?: string): void;
  setCategory(category: TikTokCategory): void;
  /** Passes the audit on a platform (all the product's platforms by default). */
  approve(productId: string, platform?: TikTokPlatform): void;
  reject(productId: string, reasons: string[], platform?: TikTokPlatform): void;
  setAuditDelay(ms: number | null): void;
  /** What a seller sets in Seller Center (brand, video, delivery options). */
  sellerEdit(productId: string, fields: { brandId?: string | null; videoId?: string | null; deliveryOptionIds?: string[] }): void;
  setRateLimit(perSecond: number): void;
  /** The next create or edit answers with this warning (create-product.spec.json: data.warnings). */
  warnNext(message: string): void;
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
  /** The endpoint's spec lists shop_cipher as a query parameter (`is_shop_chiper_exist`). */
  shopScoped: boolean;
  handler: Handler;
}

// products/create-product.spec.json and update-inventory.spec.json: quantity "Valid range: [1, 99,999]".
const STOCK = { min: 1, max: 99_999 } as const;
const PLATFORMS: TikTokPlatform[] = ['TIKTOK_SHOP', 'TOKOPEDIA'];

export async function startTikTokShopSandbox(options: TikTokSandboxOptions): Promise<TikTokShopSandbox> {
  const accessTtl = options.accessTokenTtlSeconds ?? 7 * 24 * 3600;
  const refreshTtl = options.refreshTokenTtlSeconds ?? 30 * 24 * 3600;
  const limiter = new SlidingWindowLimiter(options.rateLimitPerSecond ?? 50);
  const log = new RequestLog();
  const state: TikTokSandboxState = {
    products: new Map(),
    shops: new Map(),
    images: new Map(),
    categories: new Map((options.categories ?? DEFAULT_TIKTOK_CATEGORIES).map((c) => [c.id, normaliseCategory(c)])),
    activities: new Map(),
  };
  const accessTokens = new Map<string, Token>();
  const refreshTokens = new Map<string, Token>();
  const idempotency = new Map<string, string>();
  const queuedShops: TikTokShop[] = [];
  let auditDelayMs = options.auditDelayMs ?? null;
  let base = '';

  const reply = (status: number, code: number, message: string, data: unknown = null): SandboxReply => ({
    status,
    body: { code, message, request_id: `2026${randomId(8)}`, data },
  });
  const ok = (data: unknown = {}) => reply(200, TT.ok, 'Success', data);
  const AUTH: ReadonlySet<number> = new Set([TT.expiredToken, TT.badSignature, TT.invalidCredentials, TT.tokenNotForShop]);
  const NOT_FOUND: ReadonlySet<number> = new Set([TT.invalidPath, TT.productIdNotFound, TT.productNotFound, TT.productNotInShop]);
  // rate-limits.json: throttling is HTTP 429; the docs give no other status, so refusals are 4xx by kind.
  const fail = (code: number, message: string) => reply(code === TT.throttled ? 429 : AUTH.has(code) ? 401 : NOT_FOUND.has(code) ? 404 : 400, code, message);

  function issueTokens(shopCipher: string, ttl = accessTtl) {
    const now = Date.now();
    const accessToken = `TTP_${randomId(16)}`;
    const refreshToken = `TTP_${randomId(16)}`;
    accessTokens.set(accessToken, { shopCipher, expiresAt: now + ttl * 1000 });
    refreshTokens.set(refreshToken, { shopCipher, expiresAt: now + refreshTtl * 1000 });
    return { accessToken, refreshToken, accessExpiresAt: now + ttl * 1000, refreshExpiresAt: now + refreshTtl * 1000 };
  }

  function newShop(opts: ShopOptions = {}): TikTokShop {
    const warehouses: TikTokWarehouse[] = [
      { id: numericId(), name: 'Gudang Return', type: 'RETURN_WAREHOUSE', isDefault: true, effectStatus: 'ENABLED' },
      { id: numericId(), name: 'Gudang Utama Gianyar', type: 'SALES_WAREHOUSE', isDefault: true, effectStatus: 'ENABLED' },
    ];
    const shop: TikTokShop = {
      shopCipher: `ROW_${randomId(12)}`,
      shopId: numericId(),
      name: opts.name ?? `Toko Kriya ${randomId(4)}`,
      region: 'ID',
      warehouseId: warehouses[1]!.id,
      warehouses,
      openId: randomId(8),
      migrated: opts.migrated ?? false,
    };
    state.shops.set(shop.shopCipher, shop);
    return shop;
  }
  const grantOf = (shop: TikTokShop): AuthGrant => ({ shopCipher: shop.shopCipher, openId: shop.openId, sellerName: shop.name, region: shop.region });

  // --- the signature, as sign-your-api-request.json documents it ---------------------------------
  function expectedSign(req: SandboxRequest): string {
    const keys = [...new Set(req.query.keys())].filter((k) => k !== 'sign' && k !== 'access_token').sort();
    let text = req.path + keys.map((k) => k + (req.query.get(k) ?? '')).join('');
    if (!req.contentType.startsWith('multipart/form-data')) text += req.body.toString('utf8');
    return hmacSha256(options.appSecret, options.appSecret + text + options.appSecret).toString('hex');
  }

  /** common-parameters.json and common-errors.json, in the order a request meets them. */
  function checkCommon(req: SandboxRequest, route: Route): { shop: TikTokShop } | SandboxReply {
    if (req.query.get('app_key') !== options.appKey) return fail(TT.invalidCredentials, 'Invalid credentials. Invalid `app_key` query parameter.');
    if (!req.query.get('sign')) return fail(TT.invalidCredentials, 'Missing credentials. The request does not include a required signature in the query.');
    const ts = req.query.get('timestamp') ?? '';
    if (!/^\d+$/.test(ts)) return fail(TT.invalidCredentials, 'Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0.');
    // common-parameters.json: "Valid range: [Current time – 5 mins, current time + 30 secs]".
    const skew = Number(ts) - Math.floor(Date.now() / 1000);
    if (skew < -300) return fail(TT.invalidCredentials, 'Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.');
    if (skew > 30) return fail(TT.invalidCredentials, 'Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by more than 30 seconds.');
    const sign = Buffer.from(req.query.get('sign') ?? '');
    const expected = Buffer.from(expectedSign(req));
    if (sign.length !== expected.length || !timingSafeEqual(sign, expected)) return fail(TT.badSignature, 'Invalid credentials. The `sign` query parameter is invalid.');
    const token = accessTokens.get(String(req.headers['x-tts-access-token'] ?? ''));
    if (!token) return fail(TT.invalidCredentials, 'Invalid credentials. The `x-tts-access-token` header is invalid.');
    if (token.expiresAt <= Date.now()) return fail(TT.expiredToken, 'Expired credentials. The `access_token` or `x-tts-access-token` header has expired.');
    const cipher = req.query.get('shop_cipher');
    if (!route.shopScoped) {
      if (cipher !== null) return fail(TT.invalidCredentials, 'Unexpected identifier. The `shop_cipher` query parameter is not required for this request.');
      return { shop: state.shops.get(token.shopCipher)! };
    }
    if (!cipher) return fail(TT.missingShopCipher, 'Missing identifier. The `shop_cipher` query parameter is required to identify the target shop.');
    // developer-guide/tiktok-shop-api-concepts/common-errors.json: 101000 token not associated with the shop.
    if (cipher !== token.shopCipher) return fail(TT.tokenNotForShop, 'Invalid query or header. The token is not associated with a shop, or the associated shop does not match the provided `shop_cipher` query parameter.');
    return { shop: state.shops.get(cipher)! };
  }

  // --- products -----------------------------------------------------------------------------------
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
  // developer-guide/tiktok-shop-api-concepts/common-errors.json: 36009022 invalid request format.
  const notJson = () => fail(TT.invalidRequestFormat, 'Invalid request format. The request body format must be `application/json` for structured data or `multipart/form-data` for binary files.');

  interface Checked {
    problems: Problem[];
    attributes?: { names: Record<string, string[]>; ids: Record<string, string[]> };
    sales?: StoredSalesAttribute[][];
  }

  /**
   * Create Product's body (products/create-product.spec.json); `partial` checks only the top-level
   * properties given (products/partial-edit-product.spec.json), each whole.
   */
  function validateProduct(body: Record<string, unknown>, shop: TikTokShop, existing: TikTokProduct | undefined, partial: boolean): Checked {
    const problems: Problem[] = [];
    const push = (code: number, message: string) => problems.push({ code, message });
    const has = (k: string) => !partial || body[k] !== undefined;
    const out: Checked = { problems };

    if (has('title')) {
      const title = body.title;
      if (typeof title !== 'string' || !title.trim()) push(TT.titleEmpty, 'product name is empty');
      // "Other regions: [25, 255]".
      else if (title.length < 25 || title.length > 255) push(TT.titleLength, `The product name must be 25-255 characters in this region, got ${title.length}`);
      else if (/\p{Script=Han}/u.test(title)) push(TT.titleChinese, 'Chinese characters are not supported in product name');
      else if (textFault(title, false)) push(12052931, `The title must follow these formatting rules: it cannot contain HTML escape characters (e.g., &nbsp;), emojis, or ASCII control characters (e.g., \\u007F). It also cannot consist solely of symbols, nor can it have more than 9 consecutive repeated characters. (${textFault(title, false)})`);
    }
    if (has('description')) {
      const description = body.description;
      if (typeof description !== 'string' || !description.trim()) push(TT.descriptionRequired, 'The product description is required');
      else if (description.length > 10_000) push(TT.descriptionTooLong, 'The product description cannot exceed 10000 characters');
      else if (textFault(description, true)) push(12052932, `The description must follow these formatting rules: it cannot contain HTML escape characters (e.g., &nbsp;), emojis, or ASCII control characters. It also cannot consist solely of symbols, nor can it have more than 9 consecutive repeated characters. (${textFault(description, true)})`);
    }
    const categoryId = body.category_id ?? (partial ? existing?.categoryId : undefined);
    const category = state.categories.get(String(categoryId ?? ''));
    if (has('category_id')) {
      if (!categoryId) push(TT.categoryNotFound, 'category_id is required');
      else if (!category) push(TT.categoryNotFound, `Category does not exist: ${String(categoryId)}`);
      else if (!category.leaf) push(TT.categoryNotLeaf, `Category is not final category: ${category.id} (${category.name})`);
    }
    const platforms = body.listing_platforms ?? (partial ? existing?.listingPlatforms : undefined);
    if (body.listing_platforms !== undefined) {
      // "Applicable only for sellers that migrated from Tokopedia."
      if (!shop.migrated) push(TT.platformNotSupported, 'product is not supported to list in designated sale platform: listing_platforms applies only to sellers migrated from Tokopedia');
      else if (!Array.isArray(platforms) || !platforms.length || platforms.some((p) => !PLATFORMS.includes(p as TikTokPlatform))) push(TT.platformNotSupported, 'listing_platforms takes TOKOPEDIA and TIKTOK_SHOP');
    }
    if (category?.leaf && Array.isArray(platforms) && category.platforms && platforms.some((p) => !category.platforms!.includes(p as TikTokPlatform))) {
      // create-product.spec.json: "to list a product on both TikTok Shop and Tokopedia, you must use only categories that are available on both platforms".
      push(TT.platformNotSupported, `category ${category.id} is not available on ${platforms.filter((p) => !category.platforms!.includes(p as TikTokPlatform)).join(', ')}`);
    }
    if (category?.leaf && (has('product_attributes') || body.category_id !== undefined)) {
      const checked = checkProductAttributes(category, body.product_attributes);
      problems.push(...checked.problems);
      const ids: Record<string, string[]> = {};
      for (const a of Array.isArray(body.product_attributes) ? (body.product_attributes as Array<{ id: string; values?: Array<{ id?: string }> }>) : []) {
        ids[a.id] = (a.values ?? []).map((v) => v.id).filter((v): v is string => !!v);
      }
      out.attributes = { names: checked.stored, ids };
    }
    if (has('main_images')) {
      const images = Array.isArray(body.main_images) ? (body.main_images as Array<{ uri?: string }>) : null;
      if (!images || images.length === 0) push(TT.mainImageRequired, 'Main product image is required');
      else if (images.length > 9) push(TT.mainImagesTooMany, `main product images count exceed limit: at most 9, got ${images.length}`);
      else {
        for (const image of images) {
          const known = state.images.get(String(image.uri ?? ''));
          // "Obtain this URI by uploading the images through the Upload Product Image API with use_case=MAIN_IMAGE".
          if (!known || known.useCase !== 'MAIN_IMAGE') push(TT.mainImageIllegal, `product main image uri illegal: ${String(image.uri)} was not uploaded with use_case=MAIN_IMAGE`);
        }
      }
    }
    if (has('package_weight')) {
      const weight = body.package_weight as { value?: string; unit?: string } | undefined;
      if (!weight || weight.value === undefined) push(TT.packageWeightInvalid, 'product package weight is invalid: package_weight is required');
      else if (weight.unit !== 'KILOGRAM' || !/^\d+(\.\d{1,3})?$/.test(String(weight.value))) push(TT.packageWeightInvalid, 'product package weight is invalid: a positive value in KILOGRAM with up to 3 decimals');
      else if (Number(weight.value) === 0) push(TT.packageWeightZero, 'The package weight of the product can not be zero.');
    }
    const dims = body.package_dimensions as Record<string, string> | undefined;
    if (dims !== undefined) {
      const parts = [dims.length, dims.width, dims.height];
      if (parts.some((p) => p === undefined || !/^[1-9]\d*$/.test(String(p))) || dims.unit !== 'CENTIMETER') push(TT.packageSizeInvalid, 'product package size is invalid: length, width and height as positive whole numbers in CENTIMETER');
    } else if (!partial && category && categoryRules(category).packageDimensionRequired) push(TT.packageSizeInvalid, `package_dimensions are required in category ${category.id} (Get Category Rules)`);
    if (body.idempotency_key !== undefined && (typeof body.idempotency_key !== 'string' || body.idempotency_key.length > 128)) push(TT.invalidInput, 'idempotency_key is at most 128 characters');

    if (!has('skus')) return out;
    const skus = Array.isArray(body.skus) ? (body.skus as Array<Record<string, unknown>>) : null;
    if (!skus || skus.length === 0) {
      push(TT.invalidInput, 'Invalid input parameters: skus is required (1-100)');
      return out;
    }
    if (skus.length > 100) push(TT.tooManySkus, 'A single product cannot have more than 100 different SKUs');
    const sellerSkus = new Set<string>();
    skus.forEach((sku, i) => {
      const at = `skus[${i}]`;
      const sellerSku = sku.seller_sku;
      if (sellerSku !== undefined) {
        if (typeof sellerSku !== 'string' || !sellerSku || sellerSku.length > 50 || /\s/.test(sellerSku)) push(TT.sellerSkuInvalid, `${at}.seller_sku must be 1-50 characters without spaces`);
        else if (sellerSkus.has(sellerSku)) push(TT.invalidInput, `${at}.seller_sku ${sellerSku} appears twice in this product`);
        else {
          sellerSkus.add(sellerSku);
          // Docs are silent on seller_sku uniqueness in a shop; the stricter reading refuses a seller_sku another live product holds.
          const holder = [...state.products.values()].find((p) => p.shopCipher === shop.shopCipher && p.id !== existing?.id && p.status !== 'DELETED' && p.skus.some((s) => s.sellerSku === sellerSku));
          if (holder) push(TT.invalidInput, `${at}.seller_sku ${sellerSku} is already used by product ${holder.id} in this shop`);
        }
      }
      // partial-edit-product.spec.json: "To edit an existing SKU, include its SKU ID".
      if (sku.id !== undefined && !existing?.skus.some((s) => s.id === sku.id)) push(TT.skuIdNotFound, `${at}.id ${String(sku.id)}: The SKU id not exist.`);
      const price = sku.price as { amount?: string; currency?: string } | undefined;
      if (!price) push(TT.priceInvalid, `${at}.price is required`);
      else {
        if (!price.amount || !/^\d+$/.test(price.amount) || Number(price.amount) < 100 || Number(price.amount) > 100_000_000) push(TT.priceInvalid, `The product price is invalid: ${at}.price.amount must be a whole IDR amount from 100 to 100000000`);
        if (price.currency !== 'IDR') push(TT.currencyInvalid, `The provided currency is not available for this shop/region: ${String(price.currency)}`);
      }
      const inventory = Array.isArray(sku.inventory) ? (sku.inventory as Array<{ warehouse_id?: string; quantity?: number }>) : null;
      if (!inventory?.length) {
        if (!partial || sku.id === undefined) push(TT.invalidInput, `Invalid input parameters: ${at}.inventory is required`);
      } else {
        for (const row of inventory) {
          if (row.warehouse_id !== shop.warehouseId) push(TT.warehouseNotOfShop, `The warehouse '${String(row.warehouse_id)}' does not belong to this shop/seller.`);
          // quantity: req=N on create and edit, req=Y on partial edit; "Valid range: [1, 99,999]" when given.
          if (row.quantity === undefined && !partial) continue;
          if (!Number.isInteger(row.quantity) || row.quantity! < STOCK.min || row.quantity! > STOCK.max) push(TT.quantityOutOfRange, `The SKU inventory quantity for the warehouse must be within allowed limits: ${at} quantity ${String(row.quantity)} (1-99,999)`);
        }
      }
    });
    if (category?.leaf) {
      const checked = checkSalesAttributes(category, skus);
      problems.push(...checked.problems);
      out.sales = checked.stored;
    }
    return out;
  }

  /**
   * create-product.spec.json errors 12052931/12052932. In a description (HTML, which "must conform to
   * the HTML syntax") the escapes HTML syntax needs in text (&amp; &lt; &gt; &quot; &#39;) are taken;
   * any other, such as &nbsp;, is refused: the docs contradict, and this is the stricter reading left.
   */
  function textFault(value: string, html: boolean): string | null {
    const text = html ? value.replace(/<[^>]*>/g, ' ').replace(/&(amp|lt|gt|quot|#39);/g, '_') : value;
    if (/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i.test(text)) return 'an HTML escape character';
    if (/\p{Extended_Pictographic}/u.test(text)) return 'an emoji';
    if (/[\u0000-\u001F\u007F]/.test(html ? text.replace(/[\n\r\t]/g, ' ') : text)) return 'an ASCII control character';
    if (!/[\p{L}\p{N}]/u.test(text)) return 'symbols only';
    if (/(.)\1{9,}/su.test(html ? text.replace(/ {10,}/g, ' ') : text)) return 'more than 9 consecutive repeated characters';
    return null;
  }

  function refused(problems: Problem[]): SandboxReply {
    return fail(problems[0]!.code, problems.map((p) => p.message).join('; '));
  }

  function skusFrom(body: Record<string, unknown>, sales: StoredSalesAttribute[][] | undefined, existing?: TikTokProduct): TikTokSku[] {
    return (body.skus as Array<Record<string, any>>).map((s, i) => {
      const before = typeof s.id === 'string' ? existing?.skus.find((k) => k.id === s.id) : undefined;
      return {
        id: before?.id ?? numericId(),
        sellerSku: s.seller_sku ?? before?.sellerSku ?? '',
        externalSkuId: s.external_sku_id ?? before?.externalSkuId ?? null,
        price: s.price ? { amount: s.price.amount, currency: s.price.currency } : before!.price,
        // No quantity given: no stock (create); no inventory given: unchanged (edit).
        inventory: s.inventory ? s.inventory.map((r: { warehouse_id: string; quantity?: number }) => ({ warehouseId: r.warehouse_id, quantity: r.quantity ?? 0 })) : before!.inventory,
        salesAttributes: (sales?.[i] ?? []).map((a) => ({ id: a.id, name: a.name, valueId: a.valueId, valueName: a.valueName })),
      };
    });
  }

  /** Applies what the body carries: every field (create, full edit) or only the properties given (partial edit). */
  function applyContent(product: TikTokProduct, body: Record<string, any>, checked: Checked, mode: 'create' | 'full' | 'partial', existing?: TikTokProduct) {
    const given = (k: string) => mode !== 'partial' || body[k] !== undefined;
    if (given('title')) product.title = body.title;
    if (given('description')) product.description = body.description;
    if (given('category_id')) product.categoryId = String(body.category_id);
    if (given('main_images')) product.mainImages = body.main_images.map((i: { uri: string }) => i.uri);
    if (given('skus')) product.skus = skusFrom(body, checked.sales, existing);
    if (given('package_weight')) product.packageWeight = { ...body.package_weight };
    if (given('package_dimensions')) product.packageDimensions = body.package_dimensions ? { ...body.package_dimensions } : null;
    if (checked.attributes && given('product_attributes')) {
      product.attributes = checked.attributes.names;
      product.attributeValueIds = checked.attributes.ids;
    }
    if (given('external_product_id')) product.externalProductId = body.external_product_id ?? null;
    // edit-product.spec.json: "All inputs, including blanks, in the request payload will overwrite existing values".
    if (given('brand_id')) product.brandId = body.brand_id ?? null;
    if (given('video')) product.videoId = body.video?.id ?? null;
    if (given('delivery_option_ids')) product.deliveryOptionIds = body.delivery_option_ids ?? [];
    if (mode === 'create') product.listingPlatforms = body.listing_platforms ?? ['TIKTOK_SHOP'];
    else if (body.listing_platforms !== undefined) {
      // partial-edit-product.spec.json: a platform left out of listing_platforms is deactivated there.
      for (const p of product.listingPlatforms) if (!body.listing_platforms.includes(p)) product.platformStatuses[p] = 'SELLER_DEACTIVATED';
      product.listingPlatforms = body.listing_platforms;
    } else if (mode === 'full') product.listingPlatforms = ['TIKTOK_SHOP'];
    product.updatedAt = Date.now();
    audit(product);
  }

  /** New and edited products go to audit on each platform they list on; a category verdict or autoApprove decides at once. */
  function audit(product: TikTokProduct) {
    for (const platform of product.listingPlatforms) if (product.platformStatuses[platform] !== 'SELLER_DEACTIVATED') auditOn(product, platform);
  }

  function auditOn(product: TikTokProduct, platform: TikTokPlatform) {
    const verdict = state.categories.get(product.categoryId)?.audit;
    if (verdict?.outcome === 'rejected') setVerdict(product, platform, 'FAILED', verdict.reasons);
    else if (verdict?.outcome === 'approved' || options.autoApprove) setVerdict(product, platform, 'ACTIVATE', []);
    else setVerdict(product, platform, 'PENDING', []);
  }

  function setVerdict(product: TikTokProduct, platform: TikTokPlatform, status: TikTokProductStatus, reasons: string[]) {
    product.platformStatuses[platform] = status;
    product.platformReasons[platform] = reasons;
    syncStatus(product);
  }

  function syncStatus(product: TikTokProduct) {
    const lead: TikTokPlatform = product.platformStatuses.TIKTOK_SHOP ? 'TIKTOK_SHOP' : 'TOKOPEDIA';
    product.status = product.platformStatuses[lead] ?? 'PENDING';
    product.auditFailedReasons = product.platformReasons[lead] ?? [];
  }

  /** A pending product past the audit delay passes (read lazily). */
  function ripen(product: TikTokProduct) {
    if (auditDelayMs === null || Date.now() - product.updatedAt < auditDelayMs) return;
    for (const platform of PLATFORMS) if (product.platformStatuses[platform] === 'PENDING') setVerdict(product, platform, 'ACTIVATE', []);
  }

  const productReply = (p: TikTokProduct) =>
    ok({
      product_id: p.id,
      skus: p.skus.map((s) => ({ id: s.id, seller_sku: s.sellerSku, external_sku_id: s.externalSkuId ?? undefined, sales_attributes: s.salesAttributes.map((a) => ({ id: a.id ?? undefined, value_id: a.valueId ?? undefined })) })),
      warnings: p.warnings.map((message) => ({ message })),
    });

  function ownProduct(ctx: Ctx): TikTokProduct | SandboxReply {
    const product = state.products.get(ctx.params.id!);
    // products/get-product and partial-edit-product .spec.json: 12052260 the product ID does not exist.
    if (!product) return fail(TT.productIdNotFound, `The product ID does not exist: ${ctx.params.id}`);
    if (product.shopCipher !== ctx.shop.shopCipher) return fail(TT.productNotInShop, "You cannot edit the specified product(s) as it isn't listed in your account or shop.");
    ripen(product);
    return product;
  }
  /**
   * The body of Deactivate Products and Activate Product (deactivate-products.spec.json,
   * activate-product.spec.json): product_ids, "Max number of IDs: 20" (12019120); listing_platforms
   * "Default: TIKTOK_SHOP", "Applicable only for sellers that migrated from Tokopedia" (12052330).
   */
  function productIdsAndPlatforms(req: SandboxRequest, shop: TikTokShop): { ids: unknown[]; on: TikTokPlatform[] } | SandboxReply {
    const body = parseJson(req);
    if (!body) return notJson();
    const ids = body.product_ids;
    if (!Array.isArray(ids) || ids.length === 0) return fail(TT.invalidInput, 'Invalid input parameters: product_ids is required');
    if (ids.length > 20) return fail(TT.tooManyProductIds, 'The number of provided product IDs exceeds the limit (20).');
    const platforms = body.listing_platforms;
    if (platforms !== undefined) {
      if (!shop.migrated) return fail(TT.platformNotSupported, 'product is not supported to list in designated sale platform: listing_platforms applies only to sellers migrated from Tokopedia');
      if (!Array.isArray(platforms) || !platforms.length || platforms.some((p) => !PLATFORMS.includes(p as TikTokPlatform))) return fail(TT.invalidInput, 'listing_platforms takes TOKOPEDIA and TIKTOK_SHOP');
    }
    return { ids, on: (platforms as TikTokPlatform[] | undefined) ?? ['TIKTOK_SHOP'] };
  }
  const isReply = (v: unknown): v is SandboxReply => !!v && typeof v === 'object' && 'status' in v && 'body' in v;
  const query = (ctx: Ctx, name: string) => ctx.req.query.get(name);

  // create-product.spec.json: data.warnings "Warning information that the API caller needs to pay special attention to"; tests queue them.
  const pendingWarnings: string[] = [];
  const warningsFor = (): string[] => pendingWarnings.splice(0);

  const routes: Route[] = [
    // --- authorization and logistics (what a connect flow reads) ---
    {
      method: 'GET',
      pattern: /^\/authorization\/202309\/shops$/,
      api: 'authorization.shops',
      // authorization/get-authorized-shops.spec.json: app_key, sign, timestamp only.
      shopScoped: false,
      handler: ({ shop }) => ok({ shops: [{ id: shop.shopId, name: shop.name, region: shop.region, seller_type: 'LOCAL', cipher: shop.shopCipher, code: `IDLC${shop.shopId.slice(-6)}` }] }),
    },
    {
      method: 'GET',
      pattern: /^\/logistics\/202309\/warehouses$/,
      api: 'logistics.warehouses',
      shopScoped: true,
      handler: ({ shop }) =>
        ok({
          warehouses: shop.warehouses.map((w) => ({
            id: w.id, entity_id: w.id, name: w.name, effect_status: w.effectStatus, type: w.type, sub_type: 'DOMESTIC_WAREHOUSE', is_default: w.isDefault,
            address: { region: 'Indonesia', state: 'Bali', city: 'Gianyar', region_code: 'ID' },
          })),
        }),
    },
    {
      method: 'GET',
      pattern: /^\/logistics\/202309\/warehouses\/(?<id>[^/]+)\/delivery_options$/,
      api: 'logistics.delivery_options',
      shopScoped: true,
      handler: (ctx) => {
        // products/create-product.spec.json: 12052530 warehouse not of the shop.
        if (!ctx.shop.warehouses.some((w) => w.id === ctx.params.id)) return fail(TT.warehouseNotOfShop, `The warehouse '${ctx.params.id}' does not belong to this shop/seller.`);
        // logistics/get-warehouse-delivery-options.spec.json: `platform` per option (TIKTOK_SHOP, TOKOPEDIA).
        const platform = ctx.shop.migrated ? ['TIKTOK_SHOP', 'TOKOPEDIA'] : ['TIKTOK_SHOP'];
        return ok({ delivery_options: [{ id: `${ctx.params.id}01`, name: 'Reguler', type: 'STANDARD', description: 'Reguler', platform }] });
      },
    },
    // --- categories ---
    {
      method: 'GET',
      pattern: /^\/product\/202309\/categories$/,
      api: 'products.categories',
      shopScoped: true,
      handler: (ctx) => {
        const platform = query(ctx, 'listing_platform');
        // products/get-categories.spec.json: listing_platform "Applicable only for sellers that migrated from Tokopedia".
        if (platform !== null && (!ctx.shop.migrated || !PLATFORMS.includes(platform as TikTokPlatform))) return fail(TT.publishParamInvalid, 'publish param invalid: listing_platform applies only to sellers migrated from Tokopedia');
        const version = query(ctx, 'category_version');
        if (version !== null && version !== 'v1') return fail(12052217, "Incorrect category version. For shops in other regions specify 'category_version=v1'.");
        const on = (platform ?? 'TIKTOK_SHOP') as TikTokPlatform;
        return ok({
          categories: [...state.categories.values()].map((c) => ({
            id: c.id, parent_id: c.parentId ?? '0', local_name: c.name, is_leaf: c.leaf,
            permission_statuses: !c.platforms || c.platforms.includes(on) ? ['AVAILABLE'] : ['NON_MAIN_CATEGORY'],
          })),
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/product\/202309\/categories\/(?<id>[^/]+)\/attributes$/,
      api: 'products.categories.attributes',
      shopScoped: true,
      handler: (ctx) => {
        const c = state.categories.get(ctx.params.id!);
        // products/get-attributes.spec.json, get-category-rules.doc.json: 12052023 no such category, 12052024 not a leaf.
        if (!c) return fail(TT.categoryNotFound, 'Category does not exist');
        if (!c.leaf) return fail(TT.categoryNotLeaf, 'Category is not final category');
        // products/get-attributes.spec.json, with its documented spelling `is_requried`.
        return ok({
          attributes: (c.attributes ?? []).map((a) => ({
            id: a.id, name: a.name, type: a.type, values: a.values,
            ...(a.type === 'PRODUCT_PROPERTY' ? { is_requried: !!a.required, is_customizable: !!a.customizable, is_multiple_selection: !!a.multiple, requirement_conditions: [] } : {}),
          })),
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/product\/202309\/categories\/(?<id>[^/]+)\/rules$/,
      api: 'products.categories.rules',
      shopScoped: true,
      handler: (ctx) => {
        const c = state.categories.get(ctx.params.id!);
        // products/get-attributes.spec.json, get-category-rules.doc.json: 12052023 no such category, 12052024 not a leaf.
        if (!c) return fail(TT.categoryNotFound, 'Category does not exist');
        if (!c.leaf) return fail(TT.categoryNotLeaf, 'Category is not final category');
        const r = categoryRules(c);
        return ok({
          product_certifications: [],
          size_chart: { is_supported: r.sizeChart.supported, is_required: r.sizeChart.required },
          cod: { is_supported: r.codSupported },
          package_dimension: { is_required: r.packageDimensionRequired },
          allowed_special_product_types: [],
        });
      },
    },
    // --- images ---
    {
      method: 'POST',
      pattern: /^\/product\/202309\/images\/upload$/,
      api: 'images.upload',
      // products/upload-product-image.spec.json: app_key, sign, timestamp; no shop_cipher.
      shopScoped: false,
      handler: async ({ req, shop }) => {
        if (!req.contentType.startsWith('multipart/form-data')) return fail(TT.multipartRequired, 'Invalid request format. The value of the `content-type` header must be `multipart/form-data`.');
        const form = await parseMultipart(req).catch(() => null);
        const file = form?.get('data');
        if (!file || typeof file === 'string') return fail(TT.imageInvalidFile, 'Invalid upload file. Please ensure you are passing the correct file data.');
        const useCase = String(form!.get('use_case') ?? 'MAIN_IMAGE');
        const facts = await inspectImage(Buffer.from(await file.arrayBuffer()));
        // Supported: JPG, JPEG, PNG, WEBP, HEIC, BMP; max 10MB; [100, 20000] px, MAIN_IMAGE [300, 4000].
        if (!facts || !['jpeg', 'png', 'webp', 'heif', 'bmp'].includes(facts.format)) return fail(TT.imageFormat, 'Failed to process the image. The format or content is not supported. Supported formats: JPG, JPEG, PNG, WEBP, HEIC, BMP');
        if (facts.bytes > 10 * 1024 * 1024) return fail(TT.imageTooLarge, 'The file size exceeds the maximum allowed size.');
        const [min, max] = useCase === 'MAIN_IMAGE' ? [300, 4000] : [100, 20_000];
        if (Math.min(facts.width, facts.height) < min || Math.max(facts.width, facts.height) > max) {
          return fail(TT.imageDimensions, `The image dimensions exceed the allowed limits. Allowed dimensions (width x height in pixels): ${min} x ${min} to ${max} x ${max}`);
        }
        const uri = `tos-alisg-i-${randomId(10)}-sg/${randomId(8)}`;
        state.images.set(uri, { shopCipher: shop.shopCipher, width: facts.width, height: facts.height, format: facts.format, useCase });
        return ok({ uri, url: `${base}/images/${uri}`, width: facts.width, height: facts.height, use_case: useCase });
      },
    },
    // --- products ---
    {
      method: 'POST',
      pattern: /^\/product\/202309\/products\/deactivate$/,
      api: 'products.deactivate',
      shopScoped: true,
      handler: ({ req, shop }) => {
        const asked = productIdsAndPlatforms(req, shop);
        if (isReply(asked)) return asked;
        const { ids, on } = asked;
        const errors = [];
        for (const id of ids) {
          const product = state.products.get(String(id));
          if (!product || product.shopCipher !== shop.shopCipher) {
            // products/deactivate-products.spec.json: 12052032 the product does not exist.
            errors.push({ code: TT.productNotFound, message: 'The product does not exist', detail: { product_id: String(id) } });
            continue;
          }
          ripen(product);
          // deactivate-products.spec.json: "Deactivate products that are in the `Activate` status"; on
          // every platform named where the product is listed *(stricter: the docs do not say per platform)*.
          const listed = on.filter((p) => product.platformStatuses[p]);
          const notLive = listed.filter((p) => product.platformStatuses[p] !== 'ACTIVATE');
          if (notLive.length) {
            errors.push({ code: TT.statusNotAvailable, message: `The product in its current status (${notLive.map((p) => `${p}=${product.platformStatuses[p]}`).join(', ')}) is not available for this operation. Change the product status and try again.`, detail: { product_id: product.id } });
            continue;
          }
          for (const p of listed) product.platformStatuses[p] = 'SELLER_DEACTIVATED';
          syncStatus(product);
        }
        return ok({ errors });
      },
    },
    {
      method: 'POST',
      pattern: /^\/product\/202309\/products\/activate$/,
      api: 'products.activate',
      shopScoped: true,
      handler: ({ req, shop }) => {
        const asked = productIdsAndPlatforms(req, shop);
        if (isReply(asked)) return asked;
        const { ids, on } = asked;
        const errors = [];
        // The documented answer: errors[] of 12052990 "Check failed" with the cause in detail.extra_errors.
        const checkFailed = (productId: string, code: number, message: string) => ({ code: TT.checkFailed, message: 'Check failed', detail: { product_id: productId, extra_errors: [{ code, message }] } });
        for (const id of ids) {
          const product = state.products.get(String(id));
          if (!product || product.shopCipher !== shop.shopCipher) {
            errors.push(checkFailed(String(id), TT.productNotInShop, "You cannot edit the specified product(s) as it isn't listed in your account or shop."));
            continue;
          }
          // "Activate hidden products that are in the `Seller_deactivated` or `Platform_deactivated` status";
          // on every platform named where the product is listed *(stricter: the docs do not say per platform)*.
          const listed = on.filter((p) => product.platformStatuses[p]);
          const notHidden = listed.filter((p) => product.platformStatuses[p] !== 'SELLER_DEACTIVATED' && product.platformStatuses[p] !== 'PLATFORM_DEACTIVATED');
          if (!listed.length || notHidden.length) {
            const at = (notHidden.length ? notHidden : on).map((p) => `${p}=${product.platformStatuses[p] ?? 'not listed'}`).join(', ');
            errors.push(checkFailed(product.id, TT.statusNotAvailable, `The product in its current status (${at}) is not available for this operation. Change the product status and try again.`));
            continue;
          }
          // "the products will be sent to TikTok Shop for auditing and their status will change to `Pending`".
          product.updatedAt = Date.now();
          for (const p of listed) auditOn(product, p);
        }
        return ok({ errors });
      },
    },
    {
      method: 'POST',
      pattern: /^\/product\/202309\/products$/,
      api: 'products.create',
      shopScoped: true,
      handler: ({ req, shop }) => {
        const body = parseJson(req);
        if (!body) return notJson();
        const key = typeof body.idempotency_key === 'string' && body.idempotency_key ? `${shop.shopCipher}:${body.idempotency_key}` : null;
        // "A unique key to recognize a request and prevent duplicate processing of the same request".
        const earlier = key ? state.products.get(idempotency.get(key) ?? '') : undefined;
        if (earlier) return productReply(earlier);
        const checked = validateProduct(body, shop, undefined, false);
        if (checked.problems.length) return refused(checked.problems);
        const now = Date.now();
        const product: TikTokProduct = {
          id: numericId(), shopCipher: shop.shopCipher, status: 'PENDING', platformStatuses: {}, auditFailedReasons: [], platformReasons: {},
          title: '', description: '', categoryId: '', mainImages: [], skus: [], packageWeight: { value: '0', unit: 'KILOGRAM' }, packageDimensions: null,
          attributes: {}, attributeValueIds: {}, externalProductId: null, listingPlatforms: [], idempotencyKey: key ? String(body.idempotency_key) : null,
          brandId: null, videoId: null, deliveryOptionIds: [], createdAt: now, updatedAt: now, edits: 0, warnings: [],
        };
        applyContent(product, body, checked, 'create');
        product.warnings = warningsFor();
        state.products.set(product.id, product);
        if (key) idempotency.set(key, product.id);
        return productReply(product);
      },
    },
    {
      // products/partial-edit-product.spec.json (documented at version 202509).
      method: 'POST',
      pattern: /^\/product\/202509\/products\/(?<id>[^/]+)\/partial_edit$/,
      // Logged as products.edit: the one edit API the export uses (the full edit is products.edit.full).
      api: 'products.edit',
      shopScoped: true,
      handler: (ctx) => editProduct(ctx, 'partial'),
    },
    {
      // products/edit-product.spec.json (documented at version 202509): blanks overwrite.
      method: 'PUT',
      pattern: /^\/product\/202509\/products\/(?<id>[^/]+)$/,
      api: 'products.edit.full',
      shopScoped: true,
      handler: (ctx) => editProduct(ctx, 'full'),
    },
    {
      method: 'GET',
      pattern: /^\/product\/202309\/products\/(?<id>[^/]+)$/,
      api: 'products.get',
      shopScoped: true,
      handler: (ctx) => {
        const p = ownProduct(ctx);
        if (isReply(p)) return p;
        const onTikTok = p.listingPlatforms.includes('TIKTOK_SHOP') || !!p.platformStatuses.TIKTOK_SHOP;
        const onTokopedia = p.listingPlatforms.includes('TOKOPEDIA') || !!p.platformStatuses.TOKOPEDIA;
        return ok({
          id: p.id,
          // get-product.spec.json: status omitted for an Indonesia seller's product not listed on TIKTOK_SHOP.
          ...(onTikTok ? { status: p.platformStatuses.TIKTOK_SHOP } : {}),
          title: p.title,
          description: p.description,
          category_chains: [{ id: p.categoryId, is_leaf: true, local_name: state.categories.get(p.categoryId)?.name }],
          brand: p.brandId ? { id: p.brandId } : undefined,
          main_images: p.mainImages.map((uri) => ({ uri, urls: [`${base}/images/${uri}`] })),
          video: p.videoId ? { id: p.videoId } : undefined,
          skus: p.skus.map((s) => ({
            id: s.id,
            seller_sku: s.sellerSku,
            price: { sale_price: s.price.amount, tax_exclusive_price: s.price.amount, currency: s.price.currency },
            inventory: s.inventory.map((r) => ({ warehouse_id: r.warehouseId, quantity: r.quantity })),
            sales_attributes: s.salesAttributes.map((a) => ({ id: a.id, name: a.name, value_id: a.valueId, value_name: a.valueName })),
          })),
          product_attributes: Object.entries(p.attributes).map(([id, names]) => ({ id, values: names.map((name) => ({ name })) })),
          package_weight: p.packageWeight,
          package_dimensions: p.packageDimensions,
          delivery_options: p.deliveryOptionIds.map((id) => ({ id })),
          audit_failed_reasons: PLATFORMS.filter((pl) => p.platformStatuses[pl] === 'FAILED').map((pl) => ({ position: 'product', reasons: p.platformReasons[pl] ?? [], suggestions: [], listing_platform: pl })),
          ...(onTokopedia && p.platformStatuses.TOKOPEDIA ? { integrated_platform_statuses: [{ platform: 'TOKOPEDIA', status: p.platformStatuses.TOKOPEDIA }] } : {}),
          listing_platforms: p.listingPlatforms,
          create_time: Math.floor(p.createdAt / 1000),
          update_time: Math.floor(p.updatedAt / 1000),
        });
      },
    },
    {
      method: 'POST',
      pattern: /^\/product\/202309\/products\/(?<id>[^/]+)\/inventory\/update$/,
      api: 'products.inventory.update',
      shopScoped: true,
      handler: (ctx) => {
        const product = ownProduct(ctx);
        if (isReply(product)) return product;
        const body = parseJson(ctx.req);
        if (!body) return notJson();
        // update-inventory.spec.json: "The SKU ID must belong to a product with the ACTIVATE status".
        // products/update-inventory.spec.json / update-price.doc.json: 12052901, ACTIVATE products only.
        if (!Object.values(product.platformStatuses).includes('ACTIVATE')) return fail(TT.statusNotAvailable, `The product in its current status (${product.status}) is not available for this operation. Change the product status and try again.`);
        const skus = body.skus as Array<{ id?: string; inventory?: Array<{ warehouse_id?: string; quantity?: number }> }> | undefined;
        if (!Array.isArray(skus) || skus.length === 0) return fail(12052902, 'The SKU list is empty. Either omit the list entirely, or provide all required details.');
        const errors = [];
        for (const row of skus) {
          const sku = product.skus.find((s) => s.id === row.id);
          const entry = row.inventory?.[0];
          if (!sku) errors.push({ code: TT.skuIdNotFound, message: 'The SKU id not exist.', detail: { sku_id: String(row.id) } });
          else if (!entry || !Number.isInteger(entry.quantity) || entry.quantity! < STOCK.min || entry.quantity! > STOCK.max) {
            errors.push({ code: TT.quantityOutOfRange, message: 'The SKU inventory quantity for the warehouse must be within allowed limits.', detail: { sku_id: sku.id } });
          } else if (entry.warehouse_id !== undefined && entry.warehouse_id !== ctx.shop.warehouseId) {
            errors.push({ code: TT.warehouseNotOfShop, message: `The warehouse '${entry.warehouse_id}' does not belong to this shop/seller.`, detail: { sku_id: sku.id } });
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
      shopScoped: true,
      handler: (ctx) => {
        const product = ownProduct(ctx);
        if (isReply(product)) return product;
        const body = parseJson(ctx.req);
        if (!body) return notJson();
        if (!Object.values(product.platformStatuses).includes('ACTIVATE')) return fail(TT.statusNotAvailable, `The product in its current status (${product.status}) is not available for this operation. Change the product status and try again.`);
        const skus = body.skus as Array<{ id?: string; price?: { amount?: string; currency?: string } }> | undefined;
        // products/update-inventory.spec.json: skus required (12052910 invalid input).
        if (!Array.isArray(skus) || skus.length === 0) return fail(TT.invalidInput, 'Invalid input parameters: skus is required');
        // update-price.spec.json answers no per-SKU errors: prices change all or nothing.
        for (const row of skus) {
          if (!product.skus.some((s) => s.id === row.id)) return fail(TT.skuIdNotFound, `The SKU id not exist: ${String(row.id)}`);
          const amount = row.price?.amount ?? '';
          if (!/^\d+$/.test(amount) || Number(amount) < 100 || Number(amount) > 100_000_000) return fail(TT.priceInvalid, `The product price is invalid: sku ${String(row.id)}`);
          if (row.price?.currency !== 'IDR') return fail(TT.currencyInvalid, 'The provided currency is not available for this shop/region.');
        }
        for (const row of skus) product.skus.find((s) => s.id === row.id)!.price = { amount: row.price!.amount!, currency: 'IDR' };
        product.updatedAt = Date.now();
        return ok({});
      },
    },
    ...promotionRoutes({ activities: state.activities, products: state.products, ok, fail, parseJson }).map((r) => ({ ...r, shopScoped: true })),
  ];

  function editProduct(ctx: Ctx, mode: 'full' | 'partial'): SandboxReply {
    const product = ownProduct(ctx);
    if (isReply(product)) return product;
    // "Edit … a product that is not in the FREEZE or DELETED state".
    // products/update-price.doc.json: 12052901 not available in this status *(stricter: FREEZE and DELETED)*.
    if (product.status === 'FREEZE' || product.status === 'DELETED') return fail(TT.statusNotAvailable, `The product in its current status (${product.status}) is not available for this operation.`);
    const body = parseJson(ctx.req);
    if (!body) return notJson();
    const checked = validateProduct(body, ctx.shop, product, mode === 'partial');
    if (checked.problems.length) return refused(checked.problems);
    const before = { ...product, skus: [...product.skus] };
    applyContent(product, body, checked, mode, before);
    product.edits++;
    product.warnings = warningsFor();
    return productReply(product);
  }

  async function handle(req: SandboxRequest): Promise<SandboxReply> {
    let params: Record<string, string> = {};
    const matching = routes.filter((r) => r.pattern.test(req.path));
    const route = matching.find((r) => {
      const m = r.method === req.method ? r.pattern.exec(req.path) : null;
      if (m) params = { ...m.groups };
      return !!m;
    });
    if (!route) {
      // Token endpoints live on the auth host only: here they are an unknown path like any other.
      const [code, message] = matching.length
        ? [TT.invalidMethod, 'Invalid method. The HTTP method used is not supported by this endpoint.']
        : [TT.invalidPath, 'Invalid path. The specified path does not match any available endpoint.'];
      const out = reply(404, code, message);
      log.record({ at: Date.now(), api: `${req.method} ${req.path}`, rateKey: null, status: 404, code: String(code) });
      return out;
    }
    const common = checkCommon(req, route);
    let out: SandboxReply;
    let rateKey: string | null = null;
    const at = Date.now();
    if (isReply(common)) out = common;
    else {
      // rate-limits.json: 50 per second per API, counted per app and shop.
      rateKey = `${options.appKey}:${common.shop.shopCipher}:${route.api}`;
      out = limiter.tryTake(rateKey, at) ? await route.handler({ req, shop: common.shop, params }) : fail(TT.throttled, "Too many requests. You've made too many requests in a short period of time.");
    }
    log.record({ at, api: route.api, rateKey, status: out.status, code: String((out.body as { code: number }).code) });
    return out;
  }

  const server = await startServer(handle, options.port, options.host);
  base = server.url;
  const serviceId = options.serviceId ?? options.appKey;
  const auth = await startTikTokAuthHost(
    {
      appKey: options.appKey,
      appSecret: options.appSecret,
      serviceId,
      redirectUrl: options.redirectUrl,
      log,
      nextShop: () => grantOf(queuedShops.shift() ?? newShop()),
      issueTokens: (cipher) => issueTokens(cipher),
      spendRefreshToken: (token) => {
        const found = refreshTokens.get(token);
        refreshTokens.delete(token);
        return found && found.expiresAt > Date.now() ? found.shopCipher : null;
      },
      grantOf: (cipher) => grantOf(state.shops.get(cipher)!),
    },
    options.authPort,
    options.host,
  );

  const findProduct = (id: string) => {
    const product = state.products.get(id);
    if (!product) throw new Error(`sandbox has no product ${id}`);
    return product;
  };
  const isShop = (s: ShopOptions | TikTokShop | undefined): s is TikTokShop => !!s && 'shopCipher' in s;

  return {
    url: server.url,
    authUrl: auth.url,
    authorizeUrl: `${auth.url}/open/authorize?service_id=${encodeURIComponent(serviceId)}`,
    state,
    log,
    issueShop(opts = {}) {
      const shop = newShop(opts);
      const t = issueTokens(shop.shopCipher, opts.accessTokenTtlSeconds ?? accessTtl);
      return {
        ...shop,
        accessToken: t.accessToken,
        accessTokenExpiresAt: new Date(t.accessExpiresAt).toISOString(),
        refreshToken: t.refreshToken,
        refreshTokenExpiresAt: new Date(t.refreshExpiresAt).toISOString(),
      };
    },
    authorize(shop) {
      const s = isShop(shop) ? shop : newShop(shop);
      return { code: auth.codeFor(grantOf(s)), shop: s };
    },
    queueAuthorization(opts) {
      const shop = newShop(opts);
      queuedShops.push(shop);
      return shop;
    },
    denyNextAuthorization: () => auth.denyNext(),
    expireAccessToken(accessToken) {
      for (const [text, token] of accessTokens) if (!accessToken || text === accessToken) token.expiresAt = Date.now() - 1;
    },
    setCategory(category) {
      state.categories.set(category.id, normaliseCategory(category));
    },
    approve(productId, platform) {
      const product = findProduct(productId);
      for (const p of platform ? [platform] : product.listingPlatforms) setVerdict(product, p, 'ACTIVATE', []);
    },
    reject(productId, reasons, platform) {
      const product = findProduct(productId);
      for (const p of platform ? [platform] : product.listingPlatforms) setVerdict(product, p, 'FAILED', reasons);
    },
    setAuditDelay(ms) {
      auditDelayMs = ms;
    },
    sellerEdit(productId, fields) {
      const product = findProduct(productId);
      if (fields.brandId !== undefined) product.brandId = fields.brandId;
      if (fields.videoId !== undefined) product.videoId = fields.videoId;
      if (fields.deliveryOptionIds !== undefined) product.deliveryOptionIds = fields.deliveryOptionIds;
    },
    setRateLimit(perSecond) {
      limiter.limit = perSecond;
    },
    warnNext(message) {
      pendingWarnings.push(message);
    },
    productBySellerSku(sellerSku) {
      return [...state.products.values()].find((p) => p.skus.some((s) => s.sellerSku === sellerSku));
    },
    close: async () => {
      await Promise.all([server.close(), auth.close()]);
    },
  };
}
