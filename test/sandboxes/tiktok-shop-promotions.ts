import { numericId, type SandboxReply, type SandboxRequest } from './sandbox-http';
import type { TikTokProduct, TikTokShop } from './tiktok-shop-sandbox';

/**
 * TikTok Shop's Promotion API (202309) in the sandbox: activities (Product Discount, fixed price or
 * percentage off) and their products, with the documented rules (promotion/*.spec.json): a title
 * of at most 50 characters, unique across the shop's activities; begin_time later than now
 * (17029005); quantity_limit -1 at VARIATION level; quantity_per_user -1 or 1-99; a product or SKU
 * in one ONGOING or NOT_START activity at a time. The docs name "too short" and "too long" periods
 * (17029006, 17029007) without figures: we hold to 10 minutes and 365 days, our reading. An
 * activity price must be below the SKU's price (our reading of "activity_price_amount is invalid").
 * Plugged into the product sandbox, which checks signature, token, shop_cipher and rate.
 */

export const TT_PROMOTION = {
  invalidParams: 17029001,
  titleTooLong: 17029002,
  duplicateTitle: 17029004,
  beginInPast: 17029005,
  periodTooShort: 17029006,
  periodTooLong: 17029007,
  activityNotFound: 17029009,
  activityDeactivated: 17029010,
  activityExpired: 17029012,
  quantityLimitVariation: 17029015,
  productNotInShop: 17029017,
  skuInOtherActivity: 17029022,
  productsNotInPromotion: 17029023,
  productsEmpty: 17029033,
  activityPriceInvalid: 17029034,
  skusEmpty: 17029037,
  duplicateProduct: 17029039,
  quantityOutOfRange: 17029050,
} as const;

export type TikTokActivityStatus = 'NOT_START' | 'ONGOING' | 'EXPIRED' | 'DEACTIVATED';

export interface TikTokActivity {
  id: string;
  shopCipher: string;
  title: string;
  activityType: 'FIXED_PRICE' | 'DIRECT_DISCOUNT';
  productLevel: 'PRODUCT' | 'VARIATION';
  /** Unix seconds, as sent. */
  beginTime: number;
  endTime: number;
  deactivated: boolean;
  products: Array<{ productId: string; skus: Array<{ skuId: string; activityPrice: string | null; discount: string | null }> }>;
  createdAt: number;
  updatedAt: number;
}

export function activityStatus(a: TikTokActivity, now = Date.now()): TikTokActivityStatus {
  if (a.deactivated) return 'DEACTIVATED';
  const s = now / 1000;
  return s < a.beginTime ? 'NOT_START' : s >= a.endTime ? 'EXPIRED' : 'ONGOING';
}

const isOpen = (a: TikTokActivity) => ['NOT_START', 'ONGOING'].includes(activityStatus(a));

interface Ctx {
  req: SandboxRequest;
  shop: TikTokShop;
  params: Record<string, string>;
}

export interface PromotionDeps {
  activities: Map<string, TikTokActivity>;
  products: Map<string, TikTokProduct>;
  ok(data?: unknown): SandboxReply;
  fail(code: number, message: string): SandboxReply;
  parseJson(req: SandboxRequest): Record<string, unknown> | null;
}

const MAX_DURATION_S = 365 * 24 * 3600;

export function promotionRoutes(d: PromotionDeps): Array<{ method: string; pattern: RegExp; api: string; handler: (ctx: Ctx) => SandboxReply }> {
  const P = TT_PROMOTION;
// developer-guide/tiktok-shop-api-concepts/common-errors.json: 36009022 invalid request format.
  const notJson = () => d.fail(36009022, 'Invalid request format. The request body format must be `application/json`.');

  function ownActivity(ctx: Ctx, mustBeOpen: boolean): TikTokActivity | SandboxReply {
    const a = d.activities.get(ctx.params.id!);
// get-activity / update-activity / deactivate-activity .spec.json: 17029009 activity does not exist; 17029028 another shop's.
    if (!a) return d.fail(P.activityNotFound, `Activity does not exist: ${ctx.params.id}`);
    if (a.shopCipher !== ctx.shop.shopCipher) return d.fail(17029028, 'You are specifying activities not in your shop.');
    if (mustBeOpen && a.deactivated) return d.fail(P.activityDeactivated, `Activity is deactivated: ${a.id}`);
    if (mustBeOpen && activityStatus(a) === 'EXPIRED') return d.fail(P.activityExpired, `Not allowed to update expired activities: ${a.id}`);
    return a;
  }
  const isReply = (v: unknown): v is SandboxReply => !!v && typeof v === 'object' && 'status' in v && 'body' in v;
  const summary = (a: TikTokActivity) => ({
    id: a.id, title: a.title, activity_type: a.activityType, product_level: a.productLevel, status: activityStatus(a),
    begin_time: a.beginTime, end_time: a.endTime, create_time: Math.floor(a.createdAt / 1000), update_time: Math.floor(a.updatedAt / 1000),
  });

  function create({ req, shop }: Ctx): SandboxReply {
    const body = d.parseJson(req);
    if (!body) return notJson();
    const { title, activity_type: type, product_level: level, begin_time: begin, end_time: end } = body as Record<string, unknown>;
    if (typeof title !== 'string' || !title.trim()) return d.fail(P.invalidParams, 'Invalid parameters: title is required');
    // create-activity.spec.json: "The length must not exceed 50 characters", "Unique name across all your activities".
    if (title.length > 50) return d.fail(P.titleTooLong, `Title Length Too Long: at most 50 characters, got ${title.length}`);
    if ([...d.activities.values()].some((o) => o.shopCipher === shop.shopCipher && o.title === title)) return d.fail(P.duplicateTitle, 'Duplicate activity title.');
    if (type !== 'FIXED_PRICE' && type !== 'DIRECT_DISCOUNT') return d.fail(P.invalidParams, 'Invalid parameters: activity_type must be FIXED_PRICE or DIRECT_DISCOUNT here');
    if (level !== 'PRODUCT' && level !== 'VARIATION') return d.fail(P.invalidParams, 'Invalid parameters: product_level must be PRODUCT or VARIATION');
    if (!Number.isInteger(begin) || !Number.isInteger(end) || String(begin).length !== 10 || String(end).length !== 10) {
      return d.fail(P.invalidParams, 'Invalid parameters: begin_time and end_time are Unix times in seconds');
    }
    const [b, e] = [begin as number, end as number];
    // create-activity.spec.json: begin_time "must be greater than the value of the current time".
    if (b <= Math.floor(Date.now() / 1000)) return d.fail(P.beginInPast, 'Begin Time Earlier Than Now');
    // The docs give no figures: 10 minutes to 365 days is our reading, said in the message.
    if (e - b < 600) return d.fail(P.periodTooShort, 'The activity period is too short (this sandbox: 10 minutes to 365 days).');
    if (e - b > MAX_DURATION_S) return d.fail(P.periodTooLong, 'The activity period is too long (this sandbox: 10 minutes to 365 days).');
    const now = Date.now();
    const a: TikTokActivity = {
      id: numericId(), shopCipher: shop.shopCipher, title, activityType: type, productLevel: level,
      beginTime: b, endTime: e, deactivated: false, products: [], createdAt: now, updatedAt: now,
    };
    d.activities.set(a.id, a);
    return d.ok({ activity_id: a.id, status: activityStatus(a), create_time: Math.floor(now / 1000), update_time: Math.floor(now / 1000) });
  }

  function search({ req, shop }: Ctx): SandboxReply {
    const body = d.parseJson(req);
    if (!body) return notJson();
    const size = body.page_size ?? 20;
// promotion/search-activities.spec.json: page_size 1-100.
    if (!Number.isInteger(size) || (size as number) < 1 || (size as number) > 100) return d.fail(P.invalidParams, 'Invalid parameters: page_size must be 1-100');
    const title = typeof body.activity_title === 'string' ? body.activity_title : null;
    const found = [...d.activities.values()].filter(
      (a) => a.shopCipher === shop.shopCipher && (!title || a.title.includes(title)) && (!body.status || activityStatus(a) === body.status),
    );
    return d.ok({ activities: found.slice(0, size as number).map(summary), total_count: found.length });
  }

  function setProducts(ctx: Ctx): SandboxReply {
    const a = ownActivity(ctx, true);
    if (isReply(a)) return a;
    const body = d.parseJson(ctx.req);
    if (!body) return notJson();
// update-activity-product.spec.json: activity_id in the body names the activity *(stricter: must match the path)*.
    if (body.activity_id !== a.id) return d.fail(P.invalidParams, 'Invalid parameters: activity_id must be the activity of the path');
    const rows = body.products as Array<Record<string, unknown>> | undefined;
// update-activity-product.spec.json: `products` required, not empty.
    if (!Array.isArray(rows) || rows.length === 0) return d.fail(P.productsEmpty, '`products` is empty.');
    // update-activity-product.spec.json: products "must not exceed 300"; SKUs across products too.
    if (rows.length > 300 || rows.reduce((n, r) => n + (Array.isArray(r.skus) ? r.skus.length : 0), 0) > 300) return d.fail(17029046, 'Number of items per request exceeds the limit.');
    if (new Set(rows.map((r) => String(r.id))).size !== rows.length) return d.fail(P.duplicateProduct, 'Duplicate product ID.');
    // update-activity-product.spec.json: "-1 or in the range of [1, 99]" (17029050).
    // quantity_limit and quantity_per_user are required (req=Y), -1 or 1-99.
    const limit = (v: unknown) => v === -1 || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 99);
    const next: TikTokActivity['products'] = [];
    // All or nothing, as TikTok answers a refused product for the whole request.
    for (const row of rows) {
      const product = d.products.get(String(row.id ?? ''));
      if (!product || product.shopCipher !== ctx.shop.shopCipher) return d.fail(P.productNotInShop, `You are specifying products not in your shop: ${String(row.id)}`);
      if (product.status === 'SELLER_DEACTIVATED' || product.status === 'FAILED') return d.fail(P.invalidParams, `Invalid parameters: product ${product.id} is ${product.status} and cannot join a promotion`);
      if (!limit(row.quantity_limit) || !limit(row.quantity_per_user)) return d.fail(P.quantityOutOfRange, 'The value of `quantity_limit` and `quantity_per_user` must be `-1` or in the range of `[1, 99]`.');
      // "When `product_level==VARIATION`, you must specify `-1`" (product-level limits).
      if (a.productLevel === 'VARIATION' && (row.quantity_limit !== -1 || row.quantity_per_user !== -1)) return d.fail(P.quantityLimitVariation, 'When `product_level==VARIATION`, the value of `quantity_limit` must be `-1`.');
      const skus = row.skus as Array<Record<string, unknown>> | undefined;
      if (a.productLevel === 'VARIATION' && (!Array.isArray(skus) || skus.length === 0)) return d.fail(P.skusEmpty, '`skus` is empty when `product_level==VARIATION`.');
      const wanted: Array<Record<string, unknown>> = a.productLevel === 'VARIATION' ? skus! : product.skus.map((s) => ({ ...row, id: s.id }));
      type Refusal = { code: number; message: string };
      const no = (code: number, message: string): Refusal => ({ code: 17029000 + code, message });
      const entries = wanted.map((s): Refusal | TikTokActivity['products'][number]['skus'][number] => {
        const sku = product.skus.find((k) => k.id === s.id);
        if (!sku) return no(16, `Invalid SKU ID: ${String(s.id)} is not a SKU of product ${product.id}`);
        if (a.productLevel === 'VARIATION' && s.quantity_limit !== -1) return no(15, 'When `product_level==VARIATION`, the value of `quantity_limit` must be `-1`.');
        if (!limit(s.quantity_limit) || !limit(s.quantity_per_user)) return no(50, 'The value of `quantity_limit` and `quantity_per_user` must be `-1` or in the range of `[1, 99]`.');
        if (a.activityType === 'FIXED_PRICE') {
          const price = String(s.activity_price_amount ?? '');
          if (!/^\d+$/.test(price) || Number(price) < 100) return no(34, `\`activity_price_amount\` is invalid: sku ${sku.id} needs a whole IDR amount of at least 100`);
          if (Number(price) >= Number(sku.price.amount)) return no(34, `\`activity_price_amount\` is invalid: ${price} of sku ${sku.id} must be lower than its price ${sku.price.amount}`);
          return { skuId: sku.id, activityPrice: price, discount: null };
        }
        const discount = String(s.discount ?? '');
        if (!/^\d+$/.test(discount) || Number(discount) < 1 || Number(discount) > 99) return no(1, `Invalid parameters: discount of sku ${sku.id} must be 1-99 (percent off)`);
        return { skuId: sku.id, activityPrice: null, discount };
      });
      const problem = entries.find((x): x is Refusal => 'code' in x);
// The per-SKU refusals above, each from update-activity-product.spec.json.
      if (problem) return d.fail(problem.code, problem.message);
      const accepted = entries as TikTokActivity['products'][number]['skus'];
      for (const sku of accepted) {
        const other = [...d.activities.values()].find((o) => o.id !== a.id && o.shopCipher === a.shopCipher && isOpen(o) && o.products.some((p) => p.skus.some((k) => k.skuId === sku.skuId)));
// update-activity-product.spec.json: a SKU in one ONGOING or NOT_START activity at a time.
        if (other) return d.fail(P.skuInOtherActivity, `The product or SKU cannot be in two \`ONGOING\` or \`NOT_START\` activities at the same time: sku ${sku.skuId} is already in activity ${other.id} "${other.title}"`);
      }
      next.push({ productId: product.id, skus: accepted });
    }
    for (const p of next) a.products = [...a.products.filter((q) => q.productId !== p.productId), p];
    a.updatedAt = Date.now();
    return d.ok({ activity_id: a.id, status: activityStatus(a), title: a.title, total_count: a.products.length, update_time: Math.floor(a.updatedAt / 1000) });
  }

  function removeProducts(ctx: Ctx): SandboxReply {
    const a = ownActivity(ctx, true);
    if (isReply(a)) return a;
    const body = d.parseJson(ctx.req);
    if (!body) return notJson();
    const productIds = Array.isArray(body.product_ids) ? body.product_ids.map(String) : [];
    const skuIds = Array.isArray(body.sku_ids) ? body.sku_ids.map(String) : [];
// remove-activity-product.spec.json: product_ids or sku_ids.
    if (!productIds.length && !skuIds.length) return d.fail(P.invalidParams, 'Invalid parameters: product_ids or sku_ids is required');
    a.products = a.products
      .filter((p) => !productIds.includes(p.productId))
      .map((p) => ({ ...p, skus: p.skus.filter((s) => !skuIds.includes(s.skuId)) }))
      .filter((p) => p.skus.length > 0);
    a.updatedAt = Date.now();
    return d.ok({ activity_id: a.id, status: activityStatus(a), title: a.title, total_count: a.products.length, update_time: Math.floor(a.updatedAt / 1000) });
  }

  function deactivate(ctx: Ctx): SandboxReply {
    const a = ownActivity(ctx, true);
    if (isReply(a)) return a;
    a.deactivated = true;
    a.updatedAt = Date.now();
    return d.ok({ activity_id: a.id, status: 'DEACTIVATED', title: a.title, update_time: Math.floor(a.updatedAt / 1000) });
  }

  return [
    { method: 'POST', pattern: /^\/promotion\/202309\/activities$/, api: 'promotion.activities.create', handler: create },
    { method: 'POST', pattern: /^\/promotion\/202309\/activities\/search$/, api: 'promotion.activities.search', handler: search },
    { method: 'PUT', pattern: /^\/promotion\/202309\/activities\/(?<id>[^/]+)\/products$/, api: 'promotion.activities.products.update', handler: setProducts },
    { method: 'DELETE', pattern: /^\/promotion\/202309\/activities\/(?<id>[^/]+)\/products$/, api: 'promotion.activities.products.remove', handler: removeProducts },
    { method: 'POST', pattern: /^\/promotion\/202309\/activities\/(?<id>[^/]+)\/deactivate$/, api: 'promotion.activities.deactivate', handler: deactivate },
  ];
}
