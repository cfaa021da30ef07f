import { timingSafeEqual } from 'node:crypto';
import {
  RequestLog,
  SlidingWindowLimiter,
  hmacSha256,
  inspectImage,
  numericId,
  parseForm,
  parseMultipart,
  randomId,
  startServer,
  type ImageFacts,
  type SandboxReply,
  type SandboxRequest,
} from './sandbox-http';

/**
 * A stand-in for Lazada Open Platform (Indonesia, `…/rest`) that enforces its documented rules:
 * the signature, the millisecond timestamp within 7200 s, the app key and access tokens, the
 * product payload, at most 50 SKUs per price/quantity update, a request rate per app, seller
 * and API (answered with E901), and its error envelope. It keeps what it is sent so tests can
 * compare, and tests drive its quality control.
 *
 * Codes: "0" success; IncompleteSignature, IllegalAccessToken, InvalidTimestamp, InvalidAppKey,
 * MissingParameter, InvalidParameter, IllegalRefreshToken (gateway); E001 missing field, E201
 * bad category, 4105 duplicate SellerSku, E901 throttled (documented); E002 invalid value,
 * E205 product not found, 1001 payload not JSON, 500 partial failure (this sandbox's).
 */

export const LZ = {
  ok: '0',
  incompleteSignature: 'IncompleteSignature',
  illegalAccessToken: 'IllegalAccessToken',
  illegalRefreshToken: 'IllegalRefreshToken',
  invalidTimestamp: 'InvalidTimestamp',
  invalidAppKey: 'InvalidAppKey',
  missingParameter: 'MissingParameter',
  invalidParameter: 'InvalidParameter',
  invalidApiPath: 'InvalidApiPath',
  missingField: 'E001',
  invalidField: 'E002',
  badCategory: 'E201',
  notFound: 'E205',
  duplicateSellerSku: '4105',
  throttled: 'E901',
  notJson: '1001',
  partialFailure: '500',
} as const;

/** The assumed rate (Lazada publishes none), the same the adapter assumes. */
export const LAZADA_SANDBOX_RATE = 20;
export const PRICE_QUANTITY_MAX_SKUS = 50;

export interface LazadaCategory {
  id: string;
  name: string;
  leaf: boolean;
  /** Attribute keys the category demands in Attributes. */
  requiredAttributes?: string[];
  /** A QC verdict given at once to products of this category (otherwise they wait in Pending QC). */
  qc?: { outcome: 'approved' } | { outcome: 'rejected'; reason: string };
}

export const DEFAULT_LAZADA_CATEGORIES: LazadaCategory[] = [
  { id: '62541001', name: 'Home & Living', leaf: false },
  { id: '62541305', name: 'Traditional Fabric', leaf: true, requiredAttributes: ['material'] },
  { id: '62541420', name: 'Wood Crafts', leaf: true },
  { id: '62541500', name: 'Jewellery', leaf: false },
  { id: '62541510', name: 'Silver Jewellery', leaf: true, requiredAttributes: ['material'] },
  { id: '62541601', name: 'Paintings', leaf: true },
  { id: '62541650', name: 'Baskets', leaf: true },
];

export interface LazadaSku {
  skuId: string;
  sellerSku: string;
  shopSku: string;
  price: string;
  quantity: number;
  packageLength: string;
  packageWidth: string;
  packageHeight: string;
  packageWeight: string;
  saleProp: Record<string, string>;
  /** A special (campaign) price Lazada shows between the two times and drops by itself after. */
  special: { price: string; from: string; to: string } | null;
}

export type QcStatus = 'pending' | 'approved' | 'rejected';

export interface LazadaItem {
  itemId: string;
  sellerId: string;
  primaryCategory: string;
  images: string[];
  attributes: Record<string, string>;
  skus: LazadaSku[];
  qc: { status: QcStatus; reason: string | null };
  active: boolean;
  createdAt: number;
  updatedAt: number;
  edits: number;
}

export interface LazadaSeller {
  sellerId: string;
  userId: string;
  shortCode: string;
}

export interface IssuedLazadaSeller extends LazadaSeller {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface LazadaSandboxOptions {
  appKey: string;
  appSecret: string;
  port?: number;
  host?: string;
  rateLimitPerSecond?: number;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  categories?: LazadaCategory[];
  /** Pass QC at once (for demos); tests leave it off and decide themselves. */
  autoApprove?: boolean;
}

export interface LazadaSandboxState {
  items: Map<string, LazadaItem>;
  sellers: Map<string, LazadaSeller>;
  images: Map<string, { sellerId: string } & ImageFacts>;
  categories: Map<string, LazadaCategory>;
}

export interface LazadaSandbox {
  /** The API base with its `/rest` prefix (LAZADA_API_URL). */
  url: string;
  /** The auth base for token refresh (the same server). */
  authUrl: string;
  state: LazadaSandboxState;
  log: RequestLog;
  issueSeller(options?: { accessTokenTtlSeconds?: number }): IssuedLazadaSeller;
  expireAccessToken(accessToken?: string): void;
  setCategory(category: LazadaCategory): void;
  approve(itemId: string): void;
  reject(itemId: string, reason: string): void;
  setRateLimit(perSecond: number): void;
  itemBySellerSku(sellerSku: string): LazadaItem | undefined;
  close(): Promise<void>;
}

interface Ctx {
  params: Record<string, string>;
  files: Map<string, File>;
  seller: LazadaSeller;
}

interface Route {
  methods: string[];
  apiPath: string;
  /** Seller data: needs an access token. */
  seller: boolean;
  handler: (ctx: Ctx) => Promise<SandboxReply> | SandboxReply;
}

interface Token {
  sellerId: string;
  expiresAt: number;
}

type Json = Record<string, any>;

const TWO_DECIMALS = /^\d+(\.\d{1,2})?$/;
const LAZADA_TIME = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/;

/**
 * Lazada's rules for a special price: with both dates, above 0, below the SKU's price, and from
 * before to. Times are the seller's local time (WIB for Indonesia). Null when it passes.
 */
export function specialPriceProblem(at: string, price: unknown, special: unknown, from: unknown, to: unknown, names = ['special_price', 'special_from_date', 'special_to_date']): string | null {
  if (special === undefined && from === undefined && to === undefined) return null;
  if (special === undefined || special === '') return `${at}.${names[0]} is required with ${names[1]} and ${names[2]}`;
  if (!(Number(special) > 0)) return `${at}.${names[0]} must be a number above 0`;
  if (!(Number(special) < Number(price))) return `${at}.${names[0]} (${String(special)}) must be lower than the price (${String(price)})`;
  for (const [name, value] of [[names[1], from], [names[2], to]] as const) {
    if (typeof value !== 'string' || !LAZADA_TIME.test(value)) return `${at}.${name} must be a time as 'YYYY-MM-DD HH:mm:ss'`;
  }
  if (!(String(from) < String(to))) return `${at}.${names[1]} must be before ${names[2]}`;
  return null;
}

export async function startLazadaSandbox(options: LazadaSandboxOptions): Promise<LazadaSandbox> {
  const accessTtl = options.accessTokenTtlSeconds ?? 7 * 24 * 3600;
  const refreshTtl = options.refreshTokenTtlSeconds ?? 30 * 24 * 3600;
  const limiter = new SlidingWindowLimiter(options.rateLimitPerSecond ?? LAZADA_SANDBOX_RATE);
  const log = new RequestLog();
  const state: LazadaSandboxState = {
    items: new Map(),
    sellers: new Map(),
    images: new Map(),
    categories: new Map((options.categories ?? DEFAULT_LAZADA_CATEGORIES).map((c) => [c.id, c])),
  };
  const accessTokens = new Map<string, Token>();
  const refreshTokens = new Map<string, Token>();
  let server = { url: '' };

  const requestId = () => `2101${randomId(10)}`;
  const ok = (extra: Json = {}): SandboxReply => ({ status: 200, body: { code: LZ.ok, ...extra, request_id: requestId() } });
  const fail = (code: string, message: string, type: 'ISV' | 'ISP' | 'SYSTEM' = 'ISV', detail?: Json[]): SandboxReply => ({
    status: 200,
    body: { code, type, message, request_id: requestId(), ...(detail ? { detail } : {}) },
  });

  function issueTokens(sellerId: string, ttl = accessTtl) {
    const now = Date.now();
    const accessToken = `50000${randomId(20)}`;
    const refreshToken = `50001${randomId(20)}`;
    accessTokens.set(accessToken, { sellerId, expiresAt: now + ttl * 1000 });
    refreshTokens.set(refreshToken, { sellerId, expiresAt: now + refreshTtl * 1000 });
    return { accessToken, refreshToken, accessExpiresAt: now + ttl * 1000, refreshExpiresAt: now + refreshTtl * 1000, ttl };
  }

  // --- the signature, as Lazada documents it -------------------------------------------------
  function expectedSign(apiPath: string, params: Record<string, string>): string {
    const text =
      apiPath +
      Object.keys(params)
        .filter((k) => k !== 'sign' && params[k] !== '')
        .sort()
        .map((k) => k + params[k])
        .join('');
    return hmacSha256(options.appSecret, text).toString('hex').toUpperCase();
  }

  async function readParams(req: SandboxRequest): Promise<{ params: Record<string, string>; files: Map<string, File> }> {
    const params: Record<string, string> = Object.fromEntries(req.query);
    const files = new Map<string, File>();
    if (req.contentType.startsWith('multipart/form-data')) {
      const form = await parseMultipart(req);
      for (const [key, value] of form) {
        if (typeof value === 'string') params[key] = value;
        else files.set(key, value);
      }
    } else if (req.method === 'POST') {
      for (const [key, value] of parseForm(req)) params[key] = value;
    }
    return { params, files };
  }

  function checkCommon(apiPath: string, params: Record<string, string>): SandboxReply | null {
    if (!params.app_key) return fail(LZ.missingParameter, 'Missing parameter: app_key');
    if (params.app_key !== options.appKey) return fail(LZ.invalidAppKey, 'Specified app key is invalid');
    if (!params.timestamp) return fail(LZ.missingParameter, 'Missing parameter: timestamp');
    const ts = Number(params.timestamp);
    if (!/^\d{13}$/.test(params.timestamp) || Math.abs(Date.now() - ts) > 7200 * 1000) {
      return fail(LZ.invalidTimestamp, 'Timestamp is invalid: milliseconds within 7200 seconds of server time expected');
    }
    if (params.sign_method !== 'sha256') return fail(LZ.invalidParameter, 'sign_method must be sha256');
    const sign = Buffer.from(params.sign ?? '');
    const expected = Buffer.from(expectedSign(apiPath, params));
    if (sign.length !== expected.length || !timingSafeEqual(sign, expected)) return fail(LZ.incompleteSignature, 'The request signature does not conform to platform standards');
    return null;
  }

  function sellerOf(params: Record<string, string>): LazadaSeller | SandboxReply {
    if (!params.access_token) return fail(LZ.missingParameter, 'Missing parameter: access_token');
    const token = accessTokens.get(params.access_token);
    if (!token || token.expiresAt <= Date.now()) return fail(LZ.illegalAccessToken, 'The specified access token is invalid or expired');
    return state.sellers.get(token.sellerId)!;
  }

  const isReply = (v: unknown): v is SandboxReply => !!v && typeof v === 'object' && 'status' in v && 'body' in v;

  function parsePayload(text: string | undefined, name = 'payload'): Json | SandboxReply {
    if (!text) return fail(LZ.missingParameter, `Missing parameter: ${name}`);
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
    } catch {
      // not JSON
    }
    return fail(LZ.notJson, 'The parameters are not in JSON format');
  }

  // --- images ---------------------------------------------------------------------------------
  function imageProblem(facts: ImageFacts | null): string | null {
    if (!facts || (facts.format !== 'jpeg' && facts.format !== 'png')) return 'Image must be jpg or png';
    if (facts.bytes > 3_145_728) return `Image is ${facts.bytes} bytes; at most 3145728`;
    if (Math.min(facts.width, facts.height) < 330 || Math.max(facts.width, facts.height) > 5000) return `Image must be 330-5000 px per side, got ${facts.width}x${facts.height}`;
    return null;
  }

  function storeImage(seller: LazadaSeller, facts: ImageFacts): SandboxReply {
    const hash = randomId(16);
    const url = `${server.url}/p/${hash}.${facts.format === 'png' ? 'png' : 'jpg'}`;
    state.images.set(url, { sellerId: seller.sellerId, ...facts });
    return ok({ data: { image: { hash_code: hash, url } } });
  }

  // --- products -------------------------------------------------------------------------------
  interface Problem {
    code: string;
    message: string;
  }

  function validateProduct(product: Json | undefined, seller: LazadaSeller, existing?: LazadaItem): Problem[] {
    const problems: Problem[] = [];
    const missing = (m: string) => problems.push({ code: LZ.missingField, message: m });
    const invalid = (m: string) => problems.push({ code: LZ.invalidField, message: m });
    if (!product || typeof product !== 'object') return [{ code: LZ.missingField, message: 'Request.Product is required' }];
    const category = state.categories.get(String(product.PrimaryCategory ?? ''));
    if (!product.PrimaryCategory) missing('PrimaryCategory is required');
    else if (!category || !category.leaf) problems.push({ code: LZ.badCategory, message: `PrimaryCategory ${String(product.PrimaryCategory)} is not a valid leaf category` });
    const images = product.Images?.Image;
    if (images !== undefined) {
      if (!Array.isArray(images)) invalid('Images.Image must be an array');
      else if (images.length > 8) invalid(`Images.Image takes at most 8 images, got ${images.length}`);
      else {
        for (const url of images) {
          const known = state.images.get(String(url));
          if (!known || known.sellerId !== seller.sellerId) invalid(`Image ${String(url)} is not a Lazada image URL: upload or migrate it first`);
        }
      }
    }
    const attrs = (product.Attributes ?? {}) as Json;
    if (typeof attrs.name !== 'string' || !attrs.name.trim()) missing('Attributes.name is required');
    else if (attrs.name.length > 255) invalid(`Attributes.name must be at most 255 characters, got ${attrs.name.length}`);
    if (typeof attrs.description === 'string' && attrs.description.length > 25_000) invalid('Attributes.description must be at most 25000 characters');
    if (!attrs.brand && !attrs.brand_id) missing('Attributes.brand or brand_id is required');
    for (const key of category?.leaf ? (category.requiredAttributes ?? []) : []) {
      if (typeof attrs[key] !== 'string' || !attrs[key].trim()) missing(`Attributes.${key} is required for category ${category!.id} (${category!.name})`);
    }
    const skus = product.Skus?.Sku;
    if (!Array.isArray(skus) || skus.length === 0) return [...problems, { code: LZ.missingField, message: 'Skus.Sku is required (an array of at least one SKU)' }];
    const seen = new Set<string>();
    const props = new Set<string>();
    skus.forEach((sku: Json, i: number) => {
      const at = `Skus.Sku[${i}]`;
      const sellerSku = sku.SellerSku;
      if (typeof sellerSku !== 'string' || !sellerSku.trim()) missing(`${at}.SellerSku is required`);
      else {
        if (seen.has(sellerSku)) problems.push({ code: LZ.duplicateSellerSku, message: `SellerSku ${sellerSku} appears twice in the request` });
        seen.add(sellerSku);
        const holder = [...state.items.values()].find((it) => it.sellerId === seller.sellerId && it !== existing && it.skus.some((s) => s.sellerSku === sellerSku));
        if (holder) problems.push({ code: LZ.duplicateSellerSku, message: `SellerSku ${sellerSku} already exists in item ${holder.itemId}` });
      }
      if (sku.price === undefined || sku.price === '') missing(`${at}.price is required`);
      else if (!(Number(sku.price) > 0)) invalid(`${at}.price must be a number above 0`);
      const special = specialPriceProblem(at, sku.price, sku.special_price, sku.special_from_date, sku.special_to_date);
      if (special) invalid(special);
      if (sku.quantity === undefined || sku.quantity === '') missing(`${at}.quantity is required`);
      else if (!/^\d+$/.test(String(sku.quantity))) invalid(`${at}.quantity must be a whole number of 0 or more`);
      for (const key of ['package_length', 'package_width', 'package_height', 'package_weight']) {
        const value = sku[key];
        if (value === undefined || value === '') missing(`${at}.${key} is required`);
        else if (!TWO_DECIMALS.test(String(value)) || !(Number(value) > 0)) invalid(`${at}.${key} must be above 0 with at most two decimals`);
      }
      if (skus.length > 1) {
        const key = JSON.stringify(Object.entries((sku.saleProp ?? {}) as Json).sort());
        if (key === '[]') missing(`${at}.saleProp is required when a product has several SKUs`);
        else if (props.has(key)) invalid(`${at}.saleProp repeats another SKU's`);
        props.add(key);
      }
    });
    return problems;
  }

  const refused = (problems: Problem[]) => fail(problems[0]!.code, problems.map((p) => p.message).join('; '));

  function toSku(raw: Json, itemId: string, keep?: LazadaSku): LazadaSku {
    const skuId = keep?.skuId ?? numericId();
    return {
      skuId,
      sellerSku: raw.SellerSku,
      shopSku: keep?.shopSku ?? `${itemId}_ID-${skuId}`,
      price: String(raw.price),
      quantity: Number(raw.quantity),
      packageLength: String(raw.package_length),
      packageWidth: String(raw.package_width),
      packageHeight: String(raw.package_height),
      packageWeight: String(raw.package_weight),
      saleProp: { ...(raw.saleProp ?? {}) },
      // An update that leaves the special price out takes it away.
      special: raw.special_price !== undefined ? { price: String(raw.special_price), from: String(raw.special_from_date), to: String(raw.special_to_date) } : null,
    };
  }

  /** New and edited products go to QC; a category verdict or autoApprove decides it at once. */
  function qc(item: LazadaItem) {
    const verdict = state.categories.get(item.primaryCategory)?.qc;
    if (verdict?.outcome === 'rejected') item.qc = { status: 'rejected', reason: verdict.reason };
    else if (verdict?.outcome === 'approved' || options.autoApprove) item.qc = { status: 'approved', reason: null };
    else item.qc = { status: 'pending', reason: null };
  }

  const itemOf = (seller: LazadaSeller, id: string) => {
    const item = state.items.get(id);
    return item && item.sellerId === seller.sellerId ? item : null;
  };

  const routes: Route[] = [
    {
      methods: ['POST'],
      apiPath: '/image/upload',
      seller: true,
      handler: async ({ files, seller }) => {
        const file = files.get('image');
        if (!file) return fail(LZ.missingParameter, 'Missing parameter: image');
        const facts = await inspectImage(Buffer.from(await file.arrayBuffer()));
        const problem = imageProblem(facts);
        return problem ? fail(LZ.invalidField, problem) : storeImage(seller, facts!);
      },
    },
    {
      methods: ['POST'],
      apiPath: '/image/migrate',
      seller: true,
      handler: async ({ params, seller }) => {
        const payload = parsePayload(params.payload);
        if (isReply(payload)) return payload;
        const url = payload.Request?.Image?.Url;
        if (typeof url !== 'string' || !url) return fail(LZ.missingField, 'Request.Image.Url is required');
        // Lazada gives up on a download after 5 seconds.
        const response = await fetch(url, { signal: AbortSignal.timeout(5000) }).catch(() => null);
        if (!response?.ok) return fail(LZ.invalidField, `Image ${url} could not be downloaded`);
        const facts = await inspectImage(Buffer.from(await response.arrayBuffer()));
        const problem = imageProblem(facts);
        return problem ? fail(LZ.invalidField, problem) : storeImage(seller, facts!);
      },
    },
    {
      methods: ['POST'],
      apiPath: '/product/create',
      seller: true,
      handler: ({ params, seller }) => {
        const payload = parsePayload(params.payload);
        if (isReply(payload)) return payload;
        const product = payload.Request?.Product as Json | undefined;
        const problems = validateProduct(product, seller);
        if (problems.length) return refused(problems);
        const now = Date.now();
        const itemId = numericId();
        const item: LazadaItem = {
          itemId,
          sellerId: seller.sellerId,
          primaryCategory: String(product!.PrimaryCategory),
          images: [...(product!.Images?.Image ?? [])],
          attributes: { ...product!.Attributes },
          skus: product!.Skus.Sku.map((s: Json) => toSku(s, itemId)),
          qc: { status: 'pending', reason: null },
          active: true,
          createdAt: now,
          updatedAt: now,
          edits: 0,
        };
        qc(item);
        state.items.set(itemId, item);
        return ok({ data: { item_id: Number(itemId), sku_list: item.skus.map((s) => ({ seller_sku: s.sellerSku, sku_id: Number(s.skuId), shop_sku: s.shopSku })) } });
      },
    },
    {
      methods: ['POST'],
      apiPath: '/product/update',
      seller: true,
      handler: ({ params, seller }) => {
        const payload = parsePayload(params.payload);
        if (isReply(payload)) return payload;
        const product = payload.Request?.Product as Json | undefined;
        if (!product?.ItemId) return fail(LZ.missingField, 'Request.Product.ItemId is required');
        const item = itemOf(seller, String(product.ItemId));
        if (!item) return fail(LZ.notFound, `Item ${String(product.ItemId)} does not exist`);
        const problems = validateProduct(product, seller, item);
        if (problems.length) return refused(problems);
        item.primaryCategory = String(product.PrimaryCategory);
        if (product.Images?.Image) item.images = [...product.Images.Image];
        item.attributes = { ...item.attributes, ...product.Attributes };
        // SKUs are matched by SkuId or SellerSku; new ones are added, none are removed.
        for (const raw of product.Skus.Sku as Json[]) {
          const index = item.skus.findIndex((s) => s.skuId === String(raw.SkuId ?? '') || s.sellerSku === raw.SellerSku);
          if (index >= 0) item.skus[index] = toSku(raw, item.itemId, item.skus[index]);
          else item.skus.push(toSku(raw, item.itemId));
        }
        item.updatedAt = Date.now();
        item.edits++;
        qc(item);
        return ok();
      },
    },
    {
      methods: ['POST'],
      apiPath: '/product/price_quantity/update',
      seller: true,
      handler: ({ params, seller }) => {
        const payload = parsePayload(params.payload);
        if (isReply(payload)) return payload;
        const rows = payload.Request?.Product?.Skus?.Sku;
        if (!Array.isArray(rows) || rows.length === 0) return fail(LZ.missingField, 'Request.Product.Skus.Sku is required');
        if (rows.length > PRICE_QUANTITY_MAX_SKUS) return fail(LZ.invalidParameter, `At most ${PRICE_QUANTITY_MAX_SKUS} SKUs per request, got ${rows.length}`);
        const detail: Json[] = [];
        const found: Array<[LazadaSku, Json]> = [];
        for (const row of rows as Json[]) {
          const item = row.ItemId ? itemOf(seller, String(row.ItemId)) : [...state.items.values()].find((i) => i.sellerId === seller.sellerId && i.skus.some((s) => s.sellerSku === row.SellerSku));
          const sku = item?.skus.find((s) => (row.SkuId ? s.skuId === String(row.SkuId) : s.sellerSku === row.SellerSku));
          if (!sku) detail.push({ seller_sku: row.SellerSku, field: 'SellerSku', message: 'SELLER_SKU_NOT_FOUND' });
          else if (row.Price !== undefined && !(Number(row.Price) > 0)) detail.push({ seller_sku: row.SellerSku, field: 'Price', message: 'price must be above 0' });
          else if (row.Quantity !== undefined && !/^\d+$/.test(String(row.Quantity))) detail.push({ seller_sku: row.SellerSku, field: 'Quantity', message: 'quantity must be a whole number of 0 or more' });
          else {
            const sale = specialPriceProblem('Sku', row.Price ?? sku.price, row.SalePrice, row.SaleStartDate, row.SaleEndDate, ['SalePrice', 'SaleStartDate', 'SaleEndDate']);
            if (sale) detail.push({ seller_sku: row.SellerSku, field: 'SalePrice', message: sale });
            else found.push([sku, row]);
          }
        }
        // All or nothing: one bad SKU refuses the batch, naming it.
        if (detail.length) return fail(LZ.partialFailure, 'Some SKUs could not be updated', 'ISP', detail);
        for (const [sku, row] of found) {
          if (row.Price !== undefined) sku.price = String(row.Price);
          if (row.Quantity !== undefined) sku.quantity = Number(row.Quantity);
          if (row.SalePrice !== undefined) sku.special = { price: String(row.SalePrice), from: String(row.SaleStartDate), to: String(row.SaleEndDate) };
        }
        return ok();
      },
    },
    {
      methods: ['POST'],
      apiPath: '/product/deactivate',
      seller: true,
      handler: ({ params, seller }) => {
        const body = parsePayload(params.apiRequestBody, 'apiRequestBody');
        if (isReply(body)) return body;
        const itemId = body.Request?.Product?.ItemId;
        if (!itemId) return fail(LZ.missingField, 'Request.Product.ItemId is required');
        const item = itemOf(seller, String(itemId));
        if (!item) return fail(LZ.notFound, `Item ${String(itemId)} does not exist`);
        item.active = false;
        item.updatedAt = Date.now();
        return ok();
      },
    },
    {
      methods: ['GET', 'POST'],
      apiPath: '/product/qc/status/get',
      seller: true,
      handler: ({ params, seller }) => {
        let skus: unknown;
        try {
          skus = JSON.parse(params.seller_skus ?? '');
        } catch {
          return fail(LZ.missingParameter, 'seller_skus must be a JSON array');
        }
        if (!Array.isArray(skus) || skus.length === 0) return fail(LZ.missingParameter, 'seller_skus must be a JSON array');
        const data = [];
        for (const item of state.items.values()) {
          if (item.sellerId !== seller.sellerId) continue;
          for (const sku of item.skus) {
            if (skus.includes(sku.sellerSku)) data.push({ seller_sku: sku.sellerSku, item_id: Number(item.itemId), status: item.qc.status, reason: item.qc.reason });
          }
        }
        return ok({ data });
      },
    },
    {
      methods: ['GET', 'POST'],
      apiPath: '/product/item/get',
      seller: true,
      handler: ({ params, seller }) => {
        const item = params.item_id
          ? itemOf(seller, params.item_id)
          : [...state.items.values()].find((i) => i.sellerId === seller.sellerId && i.skus.some((s) => s.sellerSku === params.seller_sku));
        if (!item) return fail(LZ.notFound, 'Item does not exist');
        return ok({
          data: {
            item_id: Number(item.itemId),
            primary_category: Number(item.primaryCategory),
            attributes: item.attributes,
            images: item.images,
            status: !item.active ? 'InActive' : item.qc.status === 'approved' ? 'Active' : item.qc.status === 'rejected' ? 'Rejected' : 'Pending QC',
            skus: item.skus.map((s) => ({
              SkuId: Number(s.skuId),
              SellerSku: s.sellerSku,
              ShopSku: s.shopSku,
              quantity: s.quantity,
              price: Number(s.price),
              ...(s.special ? { special_price: Number(s.special.price), special_from_date: s.special.from, special_to_date: s.special.to } : {}),
              package_length: s.packageLength,
              package_width: s.packageWidth,
              package_height: s.packageHeight,
              package_weight: s.packageWeight,
              saleProp: s.saleProp,
              Status: item.active ? 'active' : 'inactive',
            })),
          },
        });
      },
    },
  ];

  function refresh(params: Record<string, string>): SandboxReply {
    const old = refreshTokens.get(params.refresh_token ?? '');
    if (!params.refresh_token) return fail(LZ.missingParameter, 'Missing parameter: refresh_token');
    if (!old || old.expiresAt <= Date.now()) return fail(LZ.illegalRefreshToken, 'The specified refresh token is invalid or expired');
    // The refresh token rotates: the one just used is spent.
    refreshTokens.delete(params.refresh_token);
    const seller = state.sellers.get(old.sellerId)!;
    const t = issueTokens(seller.sellerId);
    return ok({
      access_token: t.accessToken,
      refresh_token: t.refreshToken,
      expires_in: t.ttl,
      refresh_expires_in: refreshTtl,
      country: 'id',
      account_platform: 'seller_center',
      account: `${seller.shortCode.toLowerCase()}@sandbox.lazada.co.id`,
      country_user_info: [{ country: 'id', seller_id: seller.sellerId, user_id: seller.userId, short_code: seller.shortCode }],
    });
  }

  async function handle(req: SandboxRequest): Promise<SandboxReply> {
    const at = Date.now();
    const apiPath = req.path.replace(/^\/rest(?=\/)/, '');
    const record = (api: string, rateKey: string | null, out: SandboxReply) => {
      log.record({ at, api, rateKey, status: out.status, code: String((out.body as { code: string }).code) });
      return out;
    };
    const isRefresh = apiPath === '/auth/token/refresh';
    const route = routes.find((r) => r.apiPath === apiPath && r.methods.includes(req.method));
    if (!route && !(isRefresh && (req.method === 'GET' || req.method === 'POST'))) {
      return record(`${req.method} ${apiPath}`, null, fail(LZ.invalidApiPath, `The specified API path ${apiPath} is invalid`));
    }
    const { params, files } = await readParams(req);
    const problem = checkCommon(apiPath, params);
    if (problem) return record(apiPath, null, problem);
    if (isRefresh) return record(apiPath, null, refresh(params));
    const seller = sellerOf(params);
    if (isReply(seller)) return record(apiPath, null, seller);
    const rateKey = `${options.appKey}:${seller.sellerId}:${apiPath}`;
    if (!limiter.tryTake(rateKey, at)) return record(apiPath, rateKey, fail(LZ.throttled, 'The request is too frequent; try again later', 'ISP'));
    return record(apiPath, rateKey, await route!.handler({ params, files, seller }));
  }

  const running = await startServer(handle, options.port, options.host);
  server = running;

  const findItem = (id: string) => {
    const item = state.items.get(id);
    if (!item) throw new Error(`sandbox has no item ${id}`);
    return item;
  };

  return {
    url: `${running.url}/rest`,
    authUrl: `${running.url}/rest`,
    state,
    log,
    issueSeller(opts = {}) {
      const seller: LazadaSeller = { sellerId: numericId(), userId: numericId(), shortCode: `ID${randomId(3).toUpperCase()}` };
      state.sellers.set(seller.sellerId, seller);
      const t = issueTokens(seller.sellerId, opts.accessTokenTtlSeconds ?? accessTtl);
      return {
        ...seller,
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
    approve(itemId) {
      findItem(itemId).qc = { status: 'approved', reason: null };
    },
    reject(itemId, reason) {
      findItem(itemId).qc = { status: 'rejected', reason };
    },
    setRateLimit(perSecond) {
      limiter.limit = perSecond;
    },
    itemBySellerSku(sellerSku) {
      return [...state.items.values()].find((i) => i.skus.some((s) => s.sellerSku === sellerSku));
    },
    close: () => running.close(),
  };
}
