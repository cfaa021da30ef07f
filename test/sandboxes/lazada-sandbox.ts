import { timingSafeEqual } from 'node:crypto';
import { LazadaAuth, type LazadaAuthOptions } from './lazada-auth';
import { LAZADA_TIME, productProblems, specialPriceProblem, type LazadaProblem } from './lazada-products';
import { DEFAULT_LAZADA_BRANDS, DEFAULT_LAZADA_CATEGORIES, SANDBOX_NO_BRAND_ID, attributesOf, type LazadaBrand, type LazadaCategory } from './lazada-taxonomy';
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

export { DEFAULT_LAZADA_CATEGORIES, SANDBOX_NO_BRAND_ID, specialPriceProblem, type LazadaCategory };

/**
 * A stand-in for Lazada Open Platform (Indonesia) built from its documentation (paths under
 * data/ of lazykern/ecommerce-api-docs; the rules are listed in apps/channels/README.md):
 * an API host (`…/rest`) and a separate auth host (`/oauth/authorize`, `/rest/auth/token/*`),
 * the signature and millisecond timestamp, access tokens, the product rules of
 * lazada-products.ts, QC driven by tests, ApiCallLimit with its one-second ban, and the error
 * envelope `{code, type, message, request_id}`.
 */

export const LZ = {
  ok: '0',
  incompleteSignature: 'IncompleteSignature',
  illegalAccessToken: 'IllegalAccessToken',
  illegalRefreshToken: 'IllegalRefreshToken',
  invalidCode: 'InvalidCode',
  invalidTimestamp: 'InvalidTimestamp',
  invalidAppKey: 'InvalidAppKey',
  missingParameter: 'MissingParameter',
  invalidParameter: 'InvalidParameter',
  // not in the docs: the sandbox's answer to a path it does not serve
  invalidApiPath: 'InvalidApiPath',
  apiCallLimit: 'ApiCallLimit',
  notJson: '1001',
  itemNotFound: '208',
  duplicateSellerSku: '4105',
  salePropInvalid: '4143',
} as const;

/** The assumed rate (Lazada publishes none for most APIs), the same the adapter assumes. */
export const LAZADA_SANDBOX_RATE = 20;
// updatepricequantity.json: at most 50 SKUs (4171)
export const PRICE_QUANTITY_MAX_SKUS = 50;

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
  /** The category's sku-level attributes. */
  attributes: Record<string, string>;
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
  name: string;
}

export interface IssuedLazadaSeller extends LazadaSeller {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface LazadaSandboxOptions extends LazadaAuthOptions {
  appKey: string;
  appSecret: string;
  port?: number;
  authPort?: number;
  host?: string;
  rateLimitPerSecond?: number;
  categories?: LazadaCategory[];
  brands?: LazadaBrand[];
  /** Pass QC at once (for demos); tests leave it off and decide themselves. */
  autoApprove?: boolean;
  /**
   * Hosts the sandbox may fetch for /image/migrate, as local servers: image-upload.md refuses IP
   * hosts and ports other than 80 and 443, so a test names a host (`media.example`) and where it lives.
   */
  imageHosts?: Record<string, string>;
}

export interface LazadaSandboxState {
  items: Map<string, LazadaItem>;
  sellers: Map<string, LazadaSeller>;
  images: Map<string, { sellerId: string } & ImageFacts>;
  categories: Map<string, LazadaCategory>;
  brands: Map<string, LazadaBrand>;
}

export interface LazadaSandbox {
  /** The API base with its `/rest` prefix (LAZADA_API_URL). */
  url: string;
  /** The auth host's API base (LAZADA_AUTH_URL), a server of its own. */
  authUrl: string;
  /** Where sellers authorize (LAZADA_AUTHORIZE_URL): GET answers 302 to the redirect_uri with code and state. */
  authorizeUrl: string;
  state: LazadaSandboxState;
  log: RequestLog;
  /** A seller with tokens issued at once (no authorization step). */
  issueSeller(options?: { accessTokenTtlSeconds?: number; name?: string }): IssuedLazadaSeller;
  /** A seller the sandbox knows, who has not authorized the app yet. */
  addSeller(name?: string): LazadaSeller;
  /** The seller authorizes the app: an authorization code for /auth/token/create (the next /oauth/authorize approves this seller too). */
  authorize(seller?: LazadaSeller): string;
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
  handler: (ctx: Ctx) => Promise<SandboxReply> | SandboxReply;
}

type Json = Record<string, any>;

/** The log counts ApiCallLimit as throttled and leaves it out of the accepted peak. */
class LazadaRequestLog extends RequestLog {
  override get throttled(): number {
    return super.throttled + this.entries.filter((e) => e.code === LZ.apiCallLimit).length;
  }

  override peakAccepted(windowMs = 1000): number {
    const accepted = new RequestLog();
    for (const e of this.entries) if (e.code !== LZ.apiCallLimit) accepted.record(e);
    return accepted.peakAccepted(windowMs);
  }
}

// getproducts.json filter values
const FILTERS = new Set(['all', 'live', 'inactive', 'deleted', 'pending', 'rejected', 'sold-out']);

export async function startLazadaSandbox(options: LazadaSandboxOptions): Promise<LazadaSandbox> {
  const limiter = new SlidingWindowLimiter(options.rateLimitPerSecond ?? LAZADA_SANDBOX_RATE);
  const bans = new Map<string, number>();
  const log = new LazadaRequestLog();
  const state: LazadaSandboxState = {
    items: new Map(),
    sellers: new Map(),
    images: new Map(),
    categories: new Map((options.categories ?? DEFAULT_LAZADA_CATEGORIES).map((c) => [c.id, c])),
    brands: new Map((options.brands ?? DEFAULT_LAZADA_BRANDS).map((b) => [b.brand_id, b])),
  };
  let apiBase = '';

  const requestId = () => `2101${randomId(10)}`;
  const ok = (extra: Json = {}): SandboxReply => ({ status: 200, body: { code: LZ.ok, ...extra, request_id: requestId() } });
  const fail = (code: string, message: string, type: 'ISV' | 'ISP' | 'SYSTEM' = 'ISV', detail?: Json[]): SandboxReply => ({
    status: 200,
    body: { code, type, message, request_id: requestId(), ...(detail ? { detail } : {}) },
  });
  const refused = (problems: LazadaProblem[]) =>
    fail(problems[0]!.code, problems.map((p) => p.message).join('; '), 'ISV', problems.filter((p) => p.seller_sku).map((p) => ({ seller_sku: p.seller_sku, message: p.message })));

  // --- the signature and system parameters -------------------------------------------------------
  // signature-algorithm.md: every parameter but sign and byte arrays, ASCII order, name+value, API path first,
  // HMAC-SHA256 with the app secret, upper-case hex; empty values left out as the SDK's areNotEmpty does
  function expectedSign(apiPath: string, params: Record<string, string>): string {
    const text = apiPath + Object.keys(params).filter((k) => k !== 'sign' && params[k] !== '').sort().map((k) => k + params[k]).join('');
    return hmacSha256(options.appSecret, text).toString('hex').toUpperCase();
  }

  async function readParams(req: SandboxRequest): Promise<{ params: Record<string, string>; files: Map<string, File> }> {
    const params: Record<string, string> = Object.fromEntries(req.query);
    const files = new Map<string, File>();
    if (req.contentType.startsWith('multipart/form-data')) {
      for (const [key, value] of await parseMultipart(req)) {
        if (typeof value === 'string') params[key] = value;
        else files.set(key, value);
      }
    } else if (req.method === 'POST') {
      for (const [key, value] of parseForm(req)) params[key] = value;
    }
    return { params, files };
  }

  function checkCommon(apiPath: string, params: Record<string, string>): SandboxReply | null {
    // calling-parameters.md: app_key, timestamp, sign_method, sign on every call
    if (!params.app_key) return fail(LZ.missingParameter, 'the input parameter "app_key" that is mandatory for processing this request is not supplied');
    if (params.app_key !== options.appKey) return fail(LZ.invalidAppKey, 'Specified app key is invalid');
    if (!params.timestamp) return fail(LZ.missingParameter, 'the input parameter "timestamp" that is mandatory for processing this request is not supplied');
    // calling-parameters.md: "2017-11-11T12:00:00Z or 1517886554000", within 7200 seconds of UTC
    const ts = /^\d{13}$/.test(params.timestamp) ? Number(params.timestamp) : /^\d{4}-\d{2}-\d{2}T/.test(params.timestamp) ? Date.parse(params.timestamp) : NaN;
    if (!Number.isFinite(ts) || Math.abs(Date.now() - ts) > 7200 * 1000) return fail(LZ.invalidTimestamp, 'Timestamp is invalid: it must be within 7200 seconds of UTC');
    // http-request-sample.md: sign_method sha256
    if (params.sign_method !== 'sha256') return fail(LZ.invalidParameter, 'sign_method must be sha256');
    if (!params.sign) return fail(LZ.missingParameter, 'the input parameter "sign" that is mandatory for processing this request is not supplied');
    const sign = Buffer.from(params.sign);
    const expected = Buffer.from(expectedSign(apiPath, params));
    if (sign.length !== expected.length || !timingSafeEqual(sign, expected)) return fail(LZ.incompleteSignature, 'The request signature does not conform to lazop standards');
    return null;
  }

  const auth = new LazadaAuth(options, state, { ok, fail, checkCommon, readParams, log });

  const isReply = (v: unknown): v is SandboxReply => !!v && typeof v === 'object' && 'status' in v && 'body' in v;

  function parsePayload(text: string | undefined, name = 'payload'): Json | SandboxReply {
    if (!text) return fail(LZ.missingParameter, `the input parameter "${name}" that is mandatory for processing this request is not supplied`);
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
    } catch {
      // not JSON
    }
    // create-update-product-q-a.md Q1
    return fail(LZ.notJson, 'The parameters are not in JSON format');
  }

  // --- images ---------------------------------------------------------------------------------------
  // image-upload.md: jpg/png, 330-5000 px per side; uploadimage.json/migrateimage.json "maximum size 1MB"
  // against image-upload.md's 3145728 bytes: the stricter, 1 MiB
  function imageProblem(facts: ImageFacts | null): LazadaProblem | null {
    if (!facts || (facts.format !== 'jpeg' && facts.format !== 'png')) return { code: '302', message: 'Not supported URL: the image must be a jpg or png' };
    if (facts.bytes > 1024 * 1024) return { code: '303', message: `The image is too large: ${facts.bytes} bytes, at most 1MB` };
    if (Math.min(facts.width, facts.height) < 330 || Math.max(facts.width, facts.height) > 5000) return { code: '303', message: `The image must be 330-5000 px per side, got ${facts.width}x${facts.height}` };
    return null;
  }

  function storeImage(seller: LazadaSeller, facts: ImageFacts): SandboxReply {
    const hash = randomId(16);
    const url = `${apiBase}/p/${hash}.${facts.format === 'png' ? 'png' : 'jpg'}`;
    state.images.set(url, { sellerId: seller.sellerId, ...facts });
    return ok({ data: { image: { hash_code: hash, url } } });
  }

  /** image-upload.md: ports 80 and 443 only, no IP hosts, a domain blacklist, 5 s to download. */
  async function download(raw: string): Promise<Buffer | LazadaProblem> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { code: '302', message: `Not supported URL: ${raw}` };
    }
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    if (!['http:', 'https:'].includes(url.protocol) || !['80', '443'].includes(port)) return { code: '302', message: `Not supported URL: only ports 80 and 443 (${raw})` };
    if (/^[\d.]+$/.test(url.hostname) || url.hostname.includes(':') || /^(10|11|192)\./.test(url.hostname)) return { code: '302', message: `Not supported URL: IP image links are not supported (${raw})` };
    const local = options.imageHosts?.[url.hostname];
    if (!local) return { code: '302', message: `Not supported URL: the server could not download ${raw}` };
    const response = await fetch(`${local.replace(/\/$/, '')}${url.pathname}${url.search}`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
    if (!response?.ok) return { code: '302', message: `Not supported URL: the server could not download ${raw} (HTTP ${response?.status ?? 'none'})` };
    return Buffer.from(await response.arrayBuffer());
  }

  // --- products -------------------------------------------------------------------------------------
  const sellerItems = (seller: LazadaSeller) => [...state.items.values()].filter((i) => i.sellerId === seller.sellerId);
  const itemOf = (seller: LazadaSeller, id: string) => {
    const item = state.items.get(id);
    return item && item.sellerId === seller.sellerId ? item : null;
  };

  function contextFor(seller: LazadaSeller, categoryId: string, item?: LazadaItem) {
    return {
      category: state.categories.get(categoryId),
      brands: state.brands,
      noBrandId: SANDBOX_NO_BRAND_ID,
      ownImage: (url: string) => state.images.get(url)?.sellerId === seller.sellerId,
      // update-a-product.md: SellerSku unique in the store
      skuHolder: (sellerSku: string) => sellerItems(seller).find((i) => i !== item && i.skus.some((s) => s.sellerSku === sellerSku))?.itemId ?? null,
      existing: item?.skus,
    };
  }

  function toSku(raw: Json, itemId: string, category: LazadaCategory | undefined, keep?: LazadaSku): LazadaSku {
    const skuId = keep?.skuId ?? numericId();
    const skuAttrNames = new Set((category ? attributesOf(category) : []).filter((a) => a.attribute_type === 'sku' && !a.is_sale_prop).map((a) => a.name));
    const attributes = { ...(keep?.attributes ?? {}) };
    for (const [key, value] of Object.entries(raw)) if (skuAttrNames.has(key)) attributes[key] = String(value);
    return {
      skuId,
      sellerSku: raw.SellerSku ?? keep?.sellerSku,
      shopSku: keep?.shopSku ?? `${itemId}_ID-${skuId}`,
      price: raw.price !== undefined ? String(raw.price) : keep!.price,
      quantity: raw.quantity !== undefined ? Number(raw.quantity) : keep!.quantity,
      packageLength: String(raw.package_length),
      packageWidth: String(raw.package_width),
      packageHeight: String(raw.package_height),
      packageWeight: String(raw.package_weight),
      saleProp: { ...(raw.saleProp ?? keep?.saleProp ?? {}) },
      attributes,
      // An update that leaves the special price out takes it away.
      special: raw.special_price !== undefined ? { price: String(raw.special_price), from: String(raw.special_from_date ?? ''), to: String(raw.special_to_date ?? '') } : null,
    };
  }

  /** New and edited products go to QC; a category verdict or autoApprove decides it at once. */
  function qc(item: LazadaItem) {
    const verdict = state.categories.get(item.primaryCategory)?.qc;
    if (verdict?.outcome === 'rejected') item.qc = { status: 'rejected', reason: verdict.reason };
    else if (verdict?.outcome === 'approved' || options.autoApprove) item.qc = { status: 'approved', reason: null };
    else item.qc = { status: 'pending', reason: null };
  }

  /** getproductitem.json status: Active, InActive, Pending QC, Suspended, Deleted. */
  const statusOf = (item: LazadaItem) => (item.qc.status === 'pending' ? 'Pending QC' : item.active && item.qc.status === 'approved' ? 'Active' : 'InActive');

  function itemView(item: LazadaItem): Json {
    return {
      item_id: Number(item.itemId),
      primary_category: Number(item.primaryCategory),
      attributes: item.attributes,
      images: item.images,
      created_time: String(item.createdAt),
      updated_time: String(item.updatedAt),
      status: statusOf(item),
      // getproductitem.json: subStatus "Lock,Reject,Live_Reject,Admin"; rejectReason [{suggestion, violationDetail}]
      ...(item.qc.status === 'rejected' ? { subStatus: 'Reject', rejectReason: [{ suggestion: '', violationDetail: item.qc.reason ?? '' }] } : { subStatus: '', rejectReason: [] }),
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
        ...s.attributes,
        Status: item.active ? 'active' : 'inactive',
      })),
    };
  }

  const routes: Route[] = [
    {
      methods: ['POST'],
      apiPath: '/image/upload',
      handler: async ({ files, seller }) => {
        // uploadimage.json: image (byte[]); 302 when it is not a stream
        const file = files.get('image');
        if (!file) return fail('302', 'Not supported URL: the image field should be passed in as a stream');
        const facts = await inspectImage(Buffer.from(await file.arrayBuffer()));
        const problem = imageProblem(facts);
        return problem ? fail(problem.code, problem.message) : storeImage(seller, facts!);
      },
    },
    {
      methods: ['POST'],
      apiPath: '/image/migrate',
      handler: async ({ params, seller }) => {
        const payload = parsePayload(params.payload);
        if (isReply(payload)) return payload;
        const url = payload.Request?.Image?.Url;
        if (typeof url !== 'string' || !url) return fail('30', 'E030: Empty Request: Request.Image.Url');
        const data = await download(url);
        if (!Buffer.isBuffer(data)) return fail(data.code, data.message);
        const facts = await inspectImage(data);
        const problem = imageProblem(facts);
        return problem ? fail(problem.code, problem.message) : storeImage(seller, facts!);
      },
    },
    {
      methods: ['POST'],
      apiPath: '/product/create',
      handler: ({ params, seller }) => {
        const payload = parsePayload(params.payload);
        if (isReply(payload)) return payload;
        const product = payload.Request?.Product as Json | undefined;
        const category = String(product?.PrimaryCategory ?? '');
        const problems = productProblems(product, contextFor(seller, category), false);
        if (problems.length) return refused(problems);
        const now = Date.now();
        const itemId = numericId();
        const item: LazadaItem = {
          itemId,
          sellerId: seller.sellerId,
          primaryCategory: category,
          images: [...(product!.Images?.Image ?? [])],
          attributes: Object.fromEntries(Object.entries(product!.Attributes ?? {}).map(([k, v]) => [k, String(v)])),
          skus: product!.Skus.Sku.map((s: Json) => toSku(s, itemId, state.categories.get(category))),
          qc: { status: 'pending', reason: null },
          active: true,
          createdAt: now,
          updatedAt: now,
          edits: 0,
        };
        qc(item);
        state.items.set(itemId, item);
        return ok({
          data: { item_id: Number(itemId), sku_list: item.skus.map((s) => ({ seller_sku: s.sellerSku, sku_id: Number(s.skuId), shop_sku: s.shopSku })), item_status: statusOf(item) },
        });
      },
    },
    {
      methods: ['POST'],
      apiPath: '/product/update',
      handler: ({ params, seller }) => {
        const payload = parsePayload(params.payload);
        if (isReply(payload)) return payload;
        const product = payload.Request?.Product as Json | undefined;
        // raw/lazada/apis/product-api/updateproduct.json: E001 ItemId mandatory.
        if (!product?.ItemId) return fail('1', 'E001: Parameter ItemId is mandatory');
        const item = itemOf(seller, String(product.ItemId));
        // updateproduct.json names no code for an unknown item: 208 as getproductitem.json
        if (!item) return fail(LZ.itemNotFound, `E208: Item ${String(product.ItemId)} not exist`);
        const category = String(product.PrimaryCategory ?? item.primaryCategory);
        const problems = productProblems(product, contextFor(seller, category, item), true);
        const rows = (Array.isArray(product.Skus?.Sku) ? product.Skus.Sku : []) as Json[];
        // update-a-product.md: a SKU without SkuId is new, and needs AssociatedSku naming one of the product's SKUs.
        // The docs disagree on what it names (create-a-product.md, update-a-product.md: a SKU id;
        // custom-sales-attributes.md CASE1 and create-update-product-q-a.md Q12: a seller SKU of the product):
        // the worked examples say seller SKU, and only a seller SKU of this very item is taken.
        if (rows.some((r) => r.SkuId === undefined)) {
          const associated = product.AssociatedSku;
          if (associated === undefined) problems.unshift({ code: '4216', message: 'skuId is a mandatory field and must be filled in (or name an existing SKU in AssociatedSku to add one)' });
          else if (!item.skus.some((s) => s.sellerSku === String(associated))) problems.unshift({ code: '501', message: `AssociatedSku ${String(associated)} is not a seller SKU of item ${item.itemId}` });
        }
        if (problems.length) return refused(problems);
        item.primaryCategory = category;
        if (product.Images?.Image) item.images = [...product.Images.Image];
        item.attributes = { ...item.attributes, ...Object.fromEntries(Object.entries(product.Attributes ?? {}).map(([k, v]) => [k, String(v)])) };
        for (const raw of rows) {
          const index = raw.SkuId === undefined ? -1 : item.skus.findIndex((s) => s.skuId === String(raw.SkuId));
          const cat = state.categories.get(category);
          if (index >= 0) item.skus[index] = toSku(raw, item.itemId, cat, item.skus[index]);
          else item.skus.push(toSku(raw, item.itemId, cat));
        }
        item.updatedAt = Date.now();
        item.edits++;
        qc(item);
        return ok({ data: { item_status: statusOf(item) } });
      },
    },
    {
      methods: ['POST'],
      apiPath: '/product/sku/remove',
      handler: ({ params, seller }) => {
        // custom-sales-attributes.md RemoveSKU; removesku.json
        const payload = parsePayload(params.payload);
        if (isReply(payload)) return payload;
        const product = payload.Request?.Product as Json | undefined;
        if (!product?.ItemId) return fail('5', 'Invalid Request Format: Request.Product.ItemId is mandatory');
        const item = itemOf(seller, String(product.ItemId));
        if (!item) return fail(LZ.itemNotFound, `E208: Item ${String(product.ItemId)} not exist`);
        const rows = product.Skus?.Sku;
        if (!Array.isArray(rows) || rows.length === 0) return fail('5', 'Invalid Request Format: Request.Product.Skus.Sku must be an array');
        const gone = new Set<string>();
        for (const row of rows as Json[]) {
          // the guide names the SKU by SkuId, the API page's example by SellerSku: either, and both must agree
          const sku = item.skus.find((s) => (row.SkuId !== undefined ? s.skuId === String(row.SkuId) : s.sellerSku === row.SellerSku));
          if (!sku || (row.SellerSku !== undefined && sku.sellerSku !== row.SellerSku)) return fail('SELLER_SKU_NOT_FOUND', `sellerSku: ${String(row.SellerSku ?? row.SkuId)} not found`);
          gone.add(sku.skuId);
        }
        // raw/lazada/guides/api-best-practice/product-operation/custom-sales-attributes.json: CAN_NOT_REMOVE_ALL_SKU.
        if (gone.size >= item.skus.length) return fail('CAN_NOT_REMOVE_ALL_SKU', 'Can not remove all sku');
        item.skus = item.skus.filter((s) => !gone.has(s.skuId));
        item.updatedAt = Date.now();
        return ok({ data: {} });
      },
    },
    {
      methods: ['POST'],
      apiPath: '/product/price_quantity/update',
      handler: ({ params, seller }) => {
        const payload = parsePayload(params.payload);
        if (isReply(payload)) return payload;
        const rows = payload.Request?.Product?.Skus?.Sku;
        // raw/lazada/apis/product-api/updatepricequantity.json: E030 empty request; 4171 more than 50 SKUs.
        if (!Array.isArray(rows) || rows.length === 0) return fail('30', 'E030: Empty Request: Request.Product.Skus.Sku');
        if (rows.length > PRICE_QUANTITY_MAX_SKUS) {
          return fail('4171', `The updated SKU quantity exceeds the maximum number ${PRICE_QUANTITY_MAX_SKUS}, please do not update more than ${PRICE_QUANTITY_MAX_SKUS} SKUs at once (got ${rows.length})`);
        }
        const detail: Json[] = [];
        const found: Array<[LazadaSku, Json]> = [];
        for (const row of rows as Json[]) {
          // inventory-management-api.md: ItemId and SkuId locate the SKU (deactivateproduct.json 4193: SellerSku is not unique enough)
          const item = row.ItemId !== undefined ? itemOf(seller, String(row.ItemId)) : null;
          const sku = item?.skus.find((s) => s.skuId === String(row.SkuId ?? ''));
          const name = row.SellerSku ?? row.SkuId;
          if (row.ItemId === undefined || row.SkuId === undefined) detail.push({ seller_sku: name, field: 'SkuId', message: 'ItemId and SkuId are mandatory' });
          else if (!sku || (row.SellerSku !== undefined && sku.sellerSku !== row.SellerSku)) detail.push({ seller_sku: name, field: 'SellerSku', message: 'SELLER_SKU_NOT_FOUND' });
          else if (row.Price !== undefined && !(Number(row.Price) > 0)) detail.push({ seller_sku: name, field: 'Price', message: 'BIZ_CHECK_PRICE_IS_ZERO: price must be above 0' });
          // inventory-management-api.md: Quantity cannot be negative
          else if (row.Quantity !== undefined && !/^\d+$/.test(String(row.Quantity))) detail.push({ seller_sku: name, field: 'Quantity', message: 'Quantity cannot be negative' });
          else {
            const sale = specialPriceProblem('Sku', row.Price ?? sku.price, row.SalePrice, row.SaleStartDate, row.SaleEndDate, ['SalePrice', 'SaleStartDate', 'SaleEndDate']);
            if (sale) detail.push({ seller_sku: name, field: 'SalePrice', message: sale.message });
            else found.push([sku, row]);
          }
        }
        // updatepricequantity.json 501: "check the detail field … the SKU where the error occurred"; all or nothing
        if (detail.length) return fail('501', 'Update product failed', 'ISV', detail);
        for (const [sku, row] of found) {
          if (row.Price !== undefined) sku.price = String(row.Price);
          if (row.Quantity !== undefined) sku.quantity = Number(row.Quantity);
          if (row.SalePrice !== undefined) sku.special = { price: String(row.SalePrice), from: String(row.SaleStartDate), to: String(row.SaleEndDate) };
        }
        return ok({ data: {} });
      },
    },
    {
      methods: ['POST'],
      apiPath: '/product/deactivate',
      handler: ({ params, seller }) => {
        // deactivateproduct.json: apiRequestBody, ItemId mandatory (E0001), E0002 not exists, E0004 not online, 4193 SellerSku refused
        const body = parsePayload(params.apiRequestBody, 'apiRequestBody');
        if (isReply(body)) return body;
        const product = body.Request?.Product as Json | undefined;
        if (!product?.ItemId) return fail('E0001', 'Parameter ItemId is mandatory');
        const item = itemOf(seller, String(product.ItemId));
        if (!item) return fail('E0002', `Product:item id not exist (${String(product.ItemId)})`);
        if (Array.isArray(product.Skus?.Sku) && product.Skus.Sku.some((s: Json) => s.SellerSku !== undefined)) {
          return fail('4193', 'The SellerSku parameter is no longer supported. Please update your parameter to use SkuId and try again');
        }
        if (!item.active) return fail('E0004', 'Product Status not online');
        item.active = false;
        item.updatedAt = Date.now();
        return ok({ data: {} });
      },
    },
    {
      methods: ['GET', 'POST'],
      apiPath: '/product/item/get',
      handler: ({ params, seller }) => {
        // getproductitem.json: item_id required; seller_sku "no longer supported after November 15th, 2023"
        if (!params.item_id) return fail('200', 'E200: Empty Item Id and Seller Sku (item_id is required; seller_sku is no longer supported)');
        const item = itemOf(seller, params.item_id);
        if (!item) return fail(LZ.itemNotFound, 'E208: Item not exist');
        return ok({ data: itemView(item) });
      },
    },
    {
      methods: ['GET', 'POST'],
      apiPath: '/products/get',
      handler: ({ params, seller }) => {
        // getproducts.json: filter mandatory (E036), limit at most 50 (E019), sku_seller_list a JSON array (E070), whole SKUs, at most 100
        if (!FILTERS.has(params.filter ?? '')) return fail('36', 'E036: Invalid status filter');
        const limit = params.limit === undefined ? 10 : Number(params.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 50) return fail('19', `E019: "${params.limit}" Invalid Limit (at most 50)`);
        let wanted: string[] | null = null;
        if (params.sku_seller_list !== undefined) {
          try {
            const list = JSON.parse(params.sku_seller_list) as unknown;
            if (!Array.isArray(list) || list.some((s) => typeof s !== 'string') || list.length > 100) throw new Error('bad');
            wanted = list as string[];
          } catch {
            return fail('70', 'E070: You have corrupt data in your sku seller list.');
          }
        }
        const matches = sellerItems(seller).filter((item) => {
          if (wanted && !item.skus.some((s) => wanted!.includes(s.sellerSku))) return false;
          const status = statusOf(item);
          return params.filter === 'all' || (params.filter === 'live' && status === 'Active') || (params.filter === 'pending' && status === 'Pending QC') || (params.filter === 'rejected' && item.qc.status === 'rejected') || (params.filter === 'inactive' && status === 'InActive');
        });
        const offset = Number(params.offset ?? 0);
        return ok({ data: { total_products: matches.length, products: matches.slice(offset, offset + limit).map(itemView) } });
      },
    },
    {
      methods: ['GET', 'POST'],
      apiPath: '/category/tree/get',
      handler: () => {
        const node = (c: LazadaCategory): Json => {
          const children = [...state.categories.values()].filter((k) => (k.parentId ?? null) === c.id);
          return { category_id: Number(c.id), name: c.name, leaf: c.leaf, var: c.leaf, ...(children.length ? { children: children.map(node) } : {}) };
        };
        return ok({ data: [...state.categories.values()].filter((c) => !c.parentId).map(node) });
      },
    },
    {
      methods: ['GET', 'POST'],
      apiPath: '/category/attributes/get',
      handler: ({ params }) => {
        // getcategoryattributes.json: primary_category_id required; 4227 unknown category; E057 none linked (a branch)
        if (!params.primary_category_id) return fail(LZ.missingParameter, 'the input parameter "primary_category_id" that is mandatory for processing this request is not supplied');
        const category = state.categories.get(params.primary_category_id);
        if (!category) return fail('4227', 'Query category is null');
        if (!category.leaf) return fail('57', 'E057: No attribute sets linked to that category.');
        return ok({ data: attributesOf(category).map((a) => ({ ...a, advanced: { is_key_prop: 0 } })) });
      },
    },
    {
      methods: ['GET', 'POST'],
      apiPath: '/category/brands/query',
      handler: ({ params }) => {
        // getbrandbypages.json: startRow and pageSize required, pageSize at most 200
        const start = Number(params.startRow);
        const size = Number(params.pageSize);
        if (params.startRow === undefined || params.pageSize === undefined) return fail(LZ.missingParameter, 'startRow and pageSize are mandatory');
        if (!Number.isInteger(start) || start < 0 || !Number.isInteger(size) || size < 1 || size > 200) return fail(LZ.invalidParameter, 'pageSize must be 1-200 and startRow 0 or more');
        const all = [...state.brands.values()];
        return ok({
          data: { start_row: start, page_index: Math.floor(start / size), page_size: size, total_record: all.length, total_page: Math.ceil(all.length / size), enable_total: true, module: all.slice(start, start + size) },
          success: true,
        });
      },
    },
    {
      methods: ['GET', 'POST'],
      apiPath: '/seller/get',
      // seller-api/getseller.json
      handler: ({ seller }) =>
        ok({ data: { name: seller.name, name_company: seller.name, seller_id: Number(seller.sellerId), short_code: seller.shortCode, email: `${seller.shortCode.toLowerCase()}@sandbox.lazada.co.id`, cb: false, status: 'ACTIVE', verified: true, location: 'Bali' } }),
    },
  ];

  async function handle(req: SandboxRequest): Promise<SandboxReply> {
    const at = Date.now();
    const apiPath = req.path.replace(/^\/rest(?=\/)/, '');
    const record = (api: string, rateKey: string | null, out: SandboxReply) => {
      log.record({ at, api, rateKey, status: out.status, code: String((out.body as { code: string }).code) });
      return out;
    };
    // refreshaccesstoken.json: "the endpoint is https://auth.lazada.com/rest"; generateaccesstoken.json's InvalidCode
    // lists the wrong endpoint among its causes. The API host does not serve them.
    if (apiPath === '/auth/token/create') return record(apiPath, null, fail(LZ.invalidCode, 'Invalid authorization code: /auth/token/create is served at https://auth.lazada.com/rest'));
    if (apiPath === '/auth/token/refresh') return record(apiPath, null, fail(LZ.illegalRefreshToken, 'The specified refresh token is invalid or expired: /auth/token/refresh is served at https://auth.lazada.com/rest'));
    const route = routes.find((r) => r.apiPath === apiPath && r.methods.includes(req.method));
    if (!route) return record(`${req.method} ${apiPath}`, null, fail(LZ.invalidApiPath, `The specified API path ${apiPath} is invalid`));
    const { params, files } = await readParams(req);
    const problem = checkCommon(apiPath, params);
    if (problem) return record(apiPath, null, problem);
    const seller = auth.sellerOf(params);
    if (isReply(seller)) return record(apiPath, null, seller);
    const rateKey = `${options.appKey}:${seller.sellerId}:${apiPath}`;
    // create-update-product-q-a.md Q10: past an API's limit, "this ban will last 1 seconds"
    const bannedUntil = bans.get(rateKey) ?? 0;
    if (at < bannedUntil || !limiter.tryTake(rateKey, at)) {
      if (at >= bannedUntil) bans.set(rateKey, at + 1000);
      return record(apiPath, rateKey, fail(LZ.apiCallLimit, 'Api access frequency exceeds the limit. this ban will last 1 seconds.', 'ISP'));
    }
    return record(apiPath, rateKey, await route.handler({ params, files, seller }));
  }

  const [running, authRunning] = await Promise.all([startServer(handle, options.port, options.host), startServer((req) => auth.handle(req), options.authPort, options.host)]);
  apiBase = running.url;

  const findItem = (id: string) => {
    const item = state.items.get(id);
    if (!item) throw new Error(`sandbox has no item ${id}`);
    return item;
  };

  return {
    url: `${running.url}/rest`,
    authUrl: `${authRunning.url}/rest`,
    authorizeUrl: `${authRunning.url}/oauth/authorize`,
    state,
    log,
    issueSeller: (opts = {}) => auth.issueSeller(opts),
    addSeller: (name) => auth.addSeller(name),
    authorize: (seller) => auth.authorize(seller),
    expireAccessToken: (accessToken) => auth.expireAccessToken(accessToken),
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
    close: async () => {
      await Promise.all([running.close(), authRunning.close()]);
    },
  };
}

export { LAZADA_TIME };
