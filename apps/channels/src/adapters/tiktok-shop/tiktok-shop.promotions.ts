import type { ChannelProductRef, ChannelPromotions, PromotionActivity } from '../channel-adapter';
import { ChannelError } from '../channel-errors';
import type { TikTokShopClient } from './tiktok-shop.client';
import { ACTIVITY_CLOSED, TikTokCode } from './tiktok-shop.errors';

const V = '202309';

// promotion/create-activity.spec.json: title "must not exceed 50 characters", unique across the shop's activities.
export const ACTIVITY_TITLE_MAX = 50;

interface ActivitySummary {
  id: string;
  title: string;
  status: string;
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const withActivityGone = (e: ChannelError) =>
  new ChannelError({ channel: e.channel, kind: e.kind, reason: e.reason, code: e.code ?? undefined, channelMessage: e.channelMessage ?? undefined, requestId: e.requestId ?? undefined, httpStatus: e.httpStatus ?? undefined, details: { ...e.details, activityGone: true } });
// promotion/*.spec.json: 17029010 "Activity is deactivated", 17029012 "Not allowed to update expired activities".
const closed = (e: unknown) => e instanceof ChannelError && e.code !== null && ACTIVITY_CLOSED.has(e.code);
/**
 * promotion/create-activity.spec.json: begin_time "must be greater than the value of the current
 * time" (17029005 Begin Time Earlier Than Now). A few seconds cover the request's travel, so a
 * campaign under way is priced within seconds; refused anyway (our clock behind TikTok's, which
 * common-errors.json allows up to 5 minutes), it is tried once more that much later.
 */
export const BEGIN_MARGIN_S = 5;
const BEGIN_RETRY_MARGIN_S = 300;

/**
 * TikTok Shop's Promotion API (202309): a campaign is a FIXED_PRICE activity at variation level,
 * each listing's product added with an activity price per SKU. Activities carry no idempotency
 * key, so an open activity of the same title is adopted rather than a second one created.
 */
export class TikTokShopPromotions implements ChannelPromotions {
  constructor(
    private readonly client: TikTokShopClient,
    private readonly clock: () => number = Date.now,
  ) {}

  async openActivity({ name, tag, beginsAt, endsAt }: { name: string; tag: string; beginsAt: string; endsAt: string }): Promise<PromotionActivity> {
    const title = `${name.trim().slice(0, ACTIVITY_TITLE_MAX - tag.length - 1).trim()} ${tag}`;
    const found = await this.client.request<{ activities?: ActivitySummary[] }>({
      method: 'POST',
      path: `/promotion/${V}/activities/search`,
      api: 'promotion.activities.search',
      shopScoped: true, // promotion/*.spec.json: shop_cipher is a query parameter
      json: { activity_title: title, page_size: 50 },
      idempotent: true,
    });
    const earlier = (found.activities ?? []).find((a) => a.title === title && (a.status === 'ONGOING' || a.status === 'NOT_START'));
    if (earlier) return { activityId: earlier.id, title, recovered: true };
    // Not retried when the answer is lost: the next run finds it by its title instead.
    const create = (margin: number) =>
      this.client.request<{ activity_id: string }>({
        method: 'POST',
        path: `/promotion/${V}/activities`,
        api: 'promotion.activities.create',
        shopScoped: true, // promotion/*.spec.json: shop_cipher is a query parameter
        // promotion/create-activity.spec.json: FIXED_PRICE at VARIATION level, begin_time later than now.
        json: { title, activity_type: 'FIXED_PRICE', product_level: 'VARIATION', begin_time: Math.max(seconds(beginsAt), Math.floor(this.clock() / 1000) + margin), end_time: seconds(endsAt) },
        idempotent: false,
      });
    const data = await create(BEGIN_MARGIN_S).catch((e: unknown) => {
      if (e instanceof ChannelError && e.code === String(TikTokCode.activityBeginInPast)) return create(BEGIN_RETRY_MARGIN_S);
      throw e;
    });
    return { activityId: data.activity_id, title };
  }

  async setProductPrices(activityId: string, product: ChannelProductRef, prices: Record<string, string>): Promise<void> {
    const skus = product.skus
      .filter((s) => prices[s.sellerSku] !== undefined)
      // promotion/update-activity-product.spec.json: at VARIATION level quantity_limit must be -1 (17029015); quantity_per_user -1 or 1-99 (17029050).
      .map((s) => ({ id: s.skuId, activity_price_amount: prices[s.sellerSku], quantity_limit: -1, quantity_per_user: -1 }));
    try {
      await this.client.request({
        method: 'PUT',
        path: `/promotion/${V}/activities/${encodeURIComponent(activityId)}/products`,
        api: 'promotion.activities.products.update',
        shopScoped: true, // promotion/*.spec.json: shop_cipher is a query parameter
        json: { activity_id: activityId, products: [{ id: product.productId, quantity_limit: -1, quantity_per_user: -1, skus }] },
        idempotent: true,
      });
    } catch (e) {
      // Gone or ended on TikTok's side (a seller may end it in Seller Center): the next export opens a new one.
      if (e instanceof ChannelError && (e.code === String(TikTokCode.activityNotFound) || closed(e))) throw withActivityGone(e);
      throw e;
    }
  }

  async removeProduct(activityId: string, product: ChannelProductRef): Promise<void> {
    try {
      await this.client.request({
        method: 'DELETE',
        path: `/promotion/${V}/activities/${encodeURIComponent(activityId)}/products`,
        api: 'promotion.activities.products.remove',
        shopScoped: true, // promotion/*.spec.json: shop_cipher is a query parameter
        json: { product_ids: [product.productId] },
        idempotent: true,
      });
    } catch (e) {
      if (!closed(e)) throw e;
    }
  }

  async deactivateActivity(activityId: string): Promise<void> {
    try {
      await this.client.request({
        method: 'POST',
        path: `/promotion/${V}/activities/${encodeURIComponent(activityId)}/deactivate`,
        api: 'promotion.activities.deactivate',
        shopScoped: true, // promotion/*.spec.json: shop_cipher is a query parameter
        json: {},
        idempotent: true,
      });
    } catch (e) {
      if (!closed(e)) throw e;
    }
  }
}
