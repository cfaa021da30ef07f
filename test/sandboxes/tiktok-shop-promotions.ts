import { numericId, type SandboxReply, type SandboxRequest } from './sandbox-http';
import type { TikTokProduct, TikTokShop } from './tiktok-shop-sandbox';

/**
 * TikTok Shop's Promotion API (202309) in the sandbox: activities (Product Discount, fixed price or
 * percentage off) and their products, with the rules we hold it to (documented where we could
 * confirm them, otherwise our assumptions): a title of 1-50 characters, a begin no more than a minute in the past,
 * 10 minutes to 365 days long, an activity price below the SKU's price, and a SKU in one open
 * activity at a time. Plugged into the product sandbox, which checks signature, token and rate.
 */

export const TT_PROMOTION = { activityNotFound: 17020404, activityClosed: 17020410, skuInOtherActivity: 17020409 } as const;

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
  codes: { missingField: number; invalidField: number; notFound: number };
}

const MAX_DURATION_S = 365 * 24 * 3600;

export function promotionRoutes(d: PromotionDeps): Array<{ method: string; pattern: RegExp; api: string; handler: (ctx: Ctx) => SandboxReply }> {
  const { missingField, invalidField, notFound } = d.codes;
  const notJson = () => d.fail(invalidField, 'The body must be a JSON object');

  function ownActivity(ctx: Ctx, mustBeOpen: boolean): TikTokActivity | SandboxReply {
    const a = d.activities.get(ctx.params.id!);
    if (!a || a.shopCipher !== ctx.shop.shopCipher) return d.fail(TT_PROMOTION.activityNotFound, `activity ${ctx.params.id} does not exist`);
    if (mustBeOpen && !isOpen(a)) return d.fail(TT_PROMOTION.activityClosed, `activity ${a.id} is ${activityStatus(a)}`);
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
    if (typeof title !== 'string' || !title.trim()) return d.fail(missingField, 'title is required');
    if (title.length > 50) return d.fail(invalidField, `title must be at most 50 characters, got ${title.length}`);
    if (type !== 'FIXED_PRICE' && type !== 'DIRECT_DISCOUNT') return d.fail(invalidField, 'activity_type must be FIXED_PRICE or DIRECT_DISCOUNT');
    if (level !== 'PRODUCT' && level !== 'VARIATION') return d.fail(invalidField, 'product_level must be PRODUCT or VARIATION');
    if (!Number.isInteger(begin) || !Number.isInteger(end) || String(begin).length !== 10 || String(end).length !== 10) {
      return d.fail(invalidField, 'begin_time and end_time are Unix times in seconds');
    }
    const [b, e] = [begin as number, end as number];
    if (b < Math.floor(Date.now() / 1000) - 60) return d.fail(invalidField, 'begin_time must not be in the past');
    if (e - b < 600 || e - b > MAX_DURATION_S) return d.fail(invalidField, 'an activity lasts from 10 minutes to 365 days (end_time - begin_time)');
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
    if (!Number.isInteger(size) || (size as number) < 1 || (size as number) > 100) return d.fail(invalidField, 'page_size must be 1-100');
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
    if (body.activity_id !== a.id) return d.fail(invalidField, 'activity_id must be the activity of the path');
    const rows = body.products as Array<Record<string, unknown>> | undefined;
    if (!Array.isArray(rows) || rows.length === 0) return d.fail(missingField, 'products is required');
    const limit = (v: unknown) => v === undefined || v === -1 || (Number.isInteger(v) && (v as number) > 0);
    const next: TikTokActivity['products'] = [];
    // All or nothing, as TikTok answers a refused product for the whole request.
    for (const row of rows) {
      const product = d.products.get(String(row.id ?? ''));
      if (!product || product.shopCipher !== ctx.shop.shopCipher) return d.fail(notFound, `product ${String(row.id)} does not exist`);
      if (product.status === 'SELLER_DEACTIVATED' || product.status === 'FAILED') return d.fail(invalidField, `product ${product.id} is ${product.status} and cannot join a promotion`);
      if (!limit(row.quantity_limit) || !limit(row.quantity_per_user)) return d.fail(invalidField, 'quantity_limit and quantity_per_user are -1 (no limit) or a positive whole number');
      const skus = row.skus as Array<Record<string, unknown>> | undefined;
      if (a.productLevel === 'VARIATION' && (!Array.isArray(skus) || skus.length === 0)) return d.fail(missingField, `products[${product.id}].skus is required for a VARIATION activity`);
      const wanted: Array<Record<string, unknown>> = a.productLevel === 'VARIATION' ? skus! : product.skus.map((s) => ({ ...row, id: s.id }));
      const entries = wanted.map((s) => {
        const sku = product.skus.find((k) => k.id === s.id);
        if (!sku) return `sku ${String(s.id)} is not a SKU of product ${product.id}`;
        if (!limit(s.quantity_limit) || !limit(s.quantity_per_user)) return `sku ${sku.id}: quantity_limit and quantity_per_user are -1 or a positive whole number`;
        if (a.activityType === 'FIXED_PRICE') {
          const price = String(s.activity_price_amount ?? '');
          if (!/^\d+$/.test(price) || Number(price) < 100) return `activity_price_amount of sku ${sku.id} must be a whole IDR amount of at least 100`;
          if (Number(price) >= Number(sku.price.amount)) return `activity_price_amount ${price} of sku ${sku.id} must be lower than its price ${sku.price.amount}`;
          return { skuId: sku.id, activityPrice: price, discount: null };
        }
        const discount = String(s.discount ?? '');
        if (!/^\d+$/.test(discount) || Number(discount) < 1 || Number(discount) > 99) return `discount of sku ${sku.id} must be 1-99 (percent off)`;
        return { skuId: sku.id, activityPrice: null, discount };
      });
      const problem = entries.find((x): x is string => typeof x === 'string');
      if (problem) return d.fail(invalidField, problem);
      const accepted = entries as TikTokActivity['products'][number]['skus'];
      for (const sku of accepted) {
        const other = [...d.activities.values()].find((o) => o.id !== a.id && o.shopCipher === a.shopCipher && isOpen(o) && o.products.some((p) => p.skus.some((k) => k.skuId === sku.skuId)));
        if (other) return d.fail(TT_PROMOTION.skuInOtherActivity, `sku ${sku.skuId} is already in activity ${other.id} "${other.title}"`);
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
    if (!productIds.length && !skuIds.length) return d.fail(missingField, 'product_ids or sku_ids is required');
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
