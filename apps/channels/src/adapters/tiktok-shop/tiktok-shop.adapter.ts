import {
  ChannelCode,
  ChannelProductState,
  type ChannelAdapter,
  type ChannelAttributeSpec,
  type ChannelCategoryNode,
  type ChannelImageRef,
  type ChannelListing,
  type ChannelProductRef,
  type ChannelProductStatus,
  type ChannelTokens,
  type CreateProductOptions,
  type PriceStockFailure,
  type PriceStockItem,
  type PriceStockResult,
  type ValidationProblem,
} from '../channel-adapter';
import { ChannelError, listingRefused } from '../channel-errors';
import { prepareImage } from '../images';
import { activityPrices, livePromotion, witaTime, type PromotionNote } from '../listing-content';
import { chunk, isSystemic } from '../batching';
import { TikTokShopClient, type ListingPlatform, type TikTokShopConfig } from './tiktok-shop.client';
import { TikTokCode, tiktokError } from './tiktok-shop.errors';
import { tiktokHashContent, tiktokProductBody, tiktokSellerSku, tiktokSkusBody } from './tiktok-shop.payloads';
import { TikTokShopPromotions } from './tiktok-shop.promotions';
import { TIKTOK_SHOP_LIMITS, TIKTOK_STOCK, validateForTikTokShop } from './tiktok-shop.rules';

const V = '202309';
// The edit APIs are documented at version 202509 only (products/partial-edit-product.spec.json).
const V_EDIT = '202509';

interface ProductData {
  product_id: string;
  skus: Array<{ id: string; seller_sku: string }>;
  // products/create-product.spec.json: data.warnings[].message, "critical problems/blockers".
  warnings?: Array<{ message?: string }>;
}

interface BatchErrors {
  errors?: Array<{ code: number; message: string; detail?: { sku_id?: string; product_id?: string; extra_errors?: Array<{ code?: number; message?: string }> } }>;
}
type BatchError = NonNullable<BatchErrors['errors']>[number];

type Platform = 'TIKTOK_SHOP' | 'TOKOPEDIA';

// products/get-product.spec.json
interface ProductDetail {
  id: string;
  /** Omitted for Indonesia sellers whose product is not listed on TIKTOK_SHOP. */
  status?: string;
  audit_failed_reasons?: Array<{ position?: string; reasons?: string[]; suggestions?: string[]; listing_platform?: Platform }>;
  integrated_platform_statuses?: Array<{ platform: Platform; status: string }>;
}

// products/get-product.spec.json: status values.
const STATES: Record<string, ChannelProductState> = {
  DRAFT: ChannelProductState.inReview,
  PENDING: ChannelProductState.inReview,
  ACTIVATE: ChannelProductState.live,
  FAILED: ChannelProductState.rejected,
  SELLER_DEACTIVATED: ChannelProductState.inactive,
  PLATFORM_DEACTIVATED: ChannelProductState.inactive,
  FREEZE: ChannelProductState.inactive,
  DELETED: ChannelProductState.deleted,
};
const PLATFORM_NAME: Record<Platform, string> = { TIKTOK_SHOP: 'TikTok Shop', TOKOPEDIA: 'Tokopedia' };

/** The platforms where the product is in this state (TikTok Shop alone for a seller not migrated from Tokopedia). */
const platformsIn = (status: ChannelProductStatus, state: ChannelProductState): Platform[] =>
  status.platforms ? status.platforms.filter((p) => p.state === state).map((p) => p.platform as Platform) : status.state === state ? ['TIKTOK_SHOP'] : [];

/** TikTok Shop (which serves Tokopedia sellers) for one shop. */
export class TikTokShopAdapter implements ChannelAdapter {
  readonly channel = ChannelCode.tiktokShop;
  readonly limits = TIKTOK_SHOP_LIMITS;
  readonly promotions: TikTokShopPromotions;
  // Stock is 1-99,999 (update-inventory.spec.json), never 0: a product with a sold-out SKU is hidden
  // with Deactivate Products, which names "out of stock" as its use (deactivate-products.spec.json).
  readonly hidesSoldOut = true;
  private readonly client: TikTokShopClient;

  constructor(private readonly config: TikTokShopConfig) {
    this.client = new TikTokShopClient(config);
    this.promotions = new TikTokShopPromotions(this.client, config.clock);
  }

  validate(listing: ChannelListing): ValidationProblem[] {
    return validateForTikTokShop(listing, { namespaceSkus: this.config.namespaceSkus });
  }

  /**
   * The regular price stays the product's price; the campaign price goes out as a promotion
   * activity (see `promotions`), and the run records what the channel made of it.
   */
  describePromotion({ listing }: ChannelListing): PromotionNote | null {
    const promotion = livePromotion(listing);
    if (!promotion) return null;
    return { exported: true, note: `promotion planned: ${activityPrices(promotion.prices)} in a TikTok Shop promotion activity until ${witaTime(promotion.endsAt)} WITA.` };
  }

  /** products/update-inventory.spec.json, update-price.spec.json: "The SKU ID must belong to a product with the ACTIVATE status". */
  acceptsPriceStock(state: ChannelProductState): boolean {
    return state === ChannelProductState.live;
  }

  /** Exactly what the product body carries (no campaign price: that goes as a promotion activity). */
  contentForHash(listing: ChannelListing): unknown {
    return tiktokHashContent(listing, { listingPlatforms: this.config.listingPlatforms, namespaceSkus: this.config.namespaceSkus });
  }

  uploadImages(urls: string[]): Promise<ChannelImageRef[]> {
    return Promise.all(
      urls.map(async (url) => {
        const image = await prepareImage(this.channel, url, this.limits.images, this.config.timeoutMs ?? 15_000);
        const form = new FormData();
        // products/upload-product-image.spec.json: multipart `data` (the file) and use_case MAIN_IMAGE.
        form.append('data', new Blob([image.data], { type: `image/${image.format}` }), `photo.${image.format === 'jpeg' ? 'jpg' : 'png'}`);
        form.append('use_case', 'MAIN_IMAGE');
        const data = await this.client.request<{ uri: string; url: string; width: number; height: number }>({
          method: 'POST',
          path: `/product/${V}/images/upload`,
          api: 'images.upload',
          // products/upload-product-image.spec.json: query app_key, sign, timestamp only (no shop_cipher).
          shopScoped: false,
          form,
          idempotent: true,
        });
        return { sourceUrl: url, ref: data.uri, url: data.url, width: data.width ?? image.width, height: data.height ?? image.height };
      }),
    );
  }

  async createProduct(listing: ChannelListing, images: ChannelImageRef[], { idempotencyKey }: CreateProductOptions): Promise<ChannelProductRef> {
    this.refuseInvalid(listing);
    // products/create-product.spec.json: idempotency_key up to 128 characters, unique within the shop.
    const body = { ...this.body(listing, images), idempotency_key: idempotencyKey.slice(0, 128) };
    // The idempotency key makes a repeated create return the first product, so it may be retried.
    const data = await this.client.request<ProductData>({ method: 'POST', path: `/product/${V}/products`, api: 'products.create', shopScoped: true, json: body, idempotent: true });
    return this.toRef(data, listing);
  }

  /**
   * Partial Edit Product, not Edit Product: a full edit overwrites every field left out with a
   * blank (products/edit-product.spec.json: "All inputs, including blanks, in the request payload
   * will overwrite existing values"), so brand, video, delivery options, size chart or
   * certifications a seller set in Seller Center would be wiped. A partial edit keeps every
   * top-level property we leave out (products/partial-edit-product.spec.json: "Omitting these
   * properties in the request will leave them unchanged"); we send each property we own whole,
   * as it requires. Reading the product first and sending it back whole would cost a request more
   * per edit and race with the seller's own edits.
   */
  async updateProduct(product: ChannelProductRef, listing: ChannelListing, images: ChannelImageRef[]): Promise<ChannelProductRef> {
    this.refuseInvalid(listing);
    const data = await this.client.request<ProductData>({
      method: 'POST',
      path: `/product/${V_EDIT}/products/${encodeURIComponent(product.productId)}/partial_edit`,
      api: 'products.partial_edit',
      shopScoped: true,
      json: this.body(listing, images, product),
      idempotent: true,
    });
    return this.toRef(data, listing);
  }

  /** TikTok updates prices and stock per product, in two APIs; each call carries one product's SKUs. */
  async updatePriceStock(items: PriceStockItem[]): Promise<PriceStockResult> {
    const byProduct = new Map<string, PriceStockItem[]>();
    const failed = new Map<PriceStockItem, PriceStockFailure>();
    for (const item of items) {
      // products/update-inventory.spec.json: quantity "Valid range: [1, 99,999]"; out of range is not sent.
      if (item.stock !== undefined && (!Number.isInteger(item.stock) || item.stock < TIKTOK_STOCK.min || item.stock > TIKTOK_STOCK.max)) {
        failed.set(item, {
          item,
          code: 'tiktok.stock_range',
          reason: `TikTok Shop takes stock from ${TIKTOK_STOCK.min} to ${TIKTOK_STOCK.max.toLocaleString('en')} per SKU; ${item.sellerSku} has ${item.stock}, so it was not sent.`,
        });
        continue;
      }
      byProduct.set(item.productId, [...(byProduct.get(item.productId) ?? []), item]);
    }
    let requests = 0;
    const run = async (productId: string, api: 'prices' | 'inventory', batch: PriceStockItem[]) => {
      requests++;
      const skus =
        api === 'prices'
          ? batch.map((i) => ({ id: i.skuId, price: { amount: i.price!, currency: 'IDR' } }))
          : batch.map((i) => ({ id: i.skuId, inventory: [{ warehouse_id: this.config.warehouseId, quantity: i.stock! }] }));
      try {
        const data = await this.client.request<BatchErrors | undefined>({
          method: 'POST',
          path: `/product/${V}/products/${encodeURIComponent(productId)}/${api}/update`,
          api: `products.${api}.update`,
          shopScoped: true,
          json: { skus },
          idempotent: true,
        });
        for (const e of data?.errors ?? []) {
          const item = batch.find((i) => i.skuId === e.detail?.sku_id);
          const extra = (e.detail?.extra_errors ?? []).map((x) => x.message).filter(Boolean).join('; ');
          if (item) failed.set(item, { item, code: String(e.code), reason: `TikTok Shop refused the ${api === 'prices' ? 'price' : 'stock'} of ${item.sellerSku}: ${e.message}${extra ? ` (${extra})` : ''}.` });
        }
      } catch (error) {
        if (!(error instanceof ChannelError) || isSystemic(error)) throw error;
        for (const item of batch) failed.set(item, { item, code: error.code ?? error.kind, reason: error.reason });
      }
    };
    const calls: Array<Promise<void>> = [];
    for (const [productId, productItems] of byProduct) {
      for (const batch of chunk(productItems.filter((i) => i.price !== undefined), this.limits.priceStockBatchMax)) calls.push(run(productId, 'prices', batch));
      for (const batch of chunk(productItems.filter((i) => i.stock !== undefined), this.limits.priceStockBatchMax)) calls.push(run(productId, 'inventory', batch));
    }
    await Promise.all(calls);
    return { updated: items.filter((i) => !failed.has(i)), failed: [...failed.values()], requests };
  }

  /**
   * Deactivate Products takes only products "in the `Activate` status" (deactivate-products.spec.json):
   * refused with 12052901, the product is read and deactivated where it is live; where it is live
   * nowhere and not in review (deactivated, failed), nothing is on sale and it counts as done; in
   * review it fails, and the next run tries again.
   */
  async deactivateProduct(product: ChannelProductRef): Promise<void> {
    const error = await this.setActive('deactivate', product, this.config.listingPlatforms);
    if (!error) return;
    if (error.code !== TikTokCode.statusNotAvailable) throw tiktokError(200, error);
    const status = await this.getProductStatus(product);
    const live = platformsIn(status, ChannelProductState.live);
    if (!live.length) {
      if (status.state === ChannelProductState.inReview) throw tiktokError(200, error);
      return;
    }
    const again = await this.setActive('deactivate', product, live);
    if (again) throw tiktokError(200, again);
  }

  /**
   * Back on sale after it was hidden as sold out. Its stock first, by Partial Edit Product (the
   * only documented way to set the inventory of a product that is not ACTIVATE: update-inventory.spec.json
   * takes ACTIVATE products only; partial-edit-product.spec.json edits any product not FREEZE or DELETED,
   * and "edits to the price or inventory fields do not require a reaudit"), so TikTok never sells
   * the stock it held when the product sold out here; `skus` is a top-level property, sent whole.
   * Then Activate Product (activate-product.spec.json: from Seller_deactivated or Platform_deactivated,
   * to Pending while TikTok audits it, then Activate).
   */
  async reactivateProduct(product: ChannelProductRef, listing: ChannelListing): Promise<void> {
    this.refuseInvalid(listing);
    const held = new Set(product.skus.map((s) => s.skuId));
    const stock = new Map(listing.listing.variants.map((v) => [tiktokSellerSku(listing.listing, v.sku, this.config.namespaceSkus), v.stock]));
    // A SKU still at 0 is one TikTok holds none of (the export decides): its inventory is left out, unchanged.
    const skus = tiktokSkusBody(listing, {
      warehouseId: this.config.warehouseId, namespaceSkus: this.config.namespaceSkus, existing: product,
    })
      .filter((s) => s.id && held.has(s.id))
      .map(({ inventory: _, ...s }) => {
        const quantity = stock.get(s.seller_sku) ?? 0;
        return quantity >= TIKTOK_STOCK.min ? { ...s, inventory: [{ warehouse_id: this.config.warehouseId, quantity }] } : s;
      });
    await this.client.request<ProductData>({
      method: 'POST',
      path: `/product/${V_EDIT}/products/${encodeURIComponent(product.productId)}/partial_edit`,
      api: 'products.partial_edit',
      shopScoped: true,
      json: { skus },
      idempotent: true,
    });
    const error = await this.setActive('activate', product, this.config.listingPlatforms);
    if (!error) return;
    // Activated on a platform where it is not hidden (live there, or refused in audit): activate where it is.
    if (error.code !== TikTokCode.statusNotAvailable) throw tiktokError(200, error);
    const hidden = platformsIn(await this.getProductStatus(product), ChannelProductState.inactive);
    if (!hidden.length) return;
    const again = await this.setActive('activate', product, hidden);
    if (again) throw tiktokError(200, again);
  }

  /**
   * Deactivate Products or Activate Product for one product; the error it answered for it, if any
   * (activate-product.spec.json answers 12052990 "Check failed" with the cause in `extra_errors`).
   * `listing_platforms` (default TIKTOK_SHOP) only for sellers migrated from Tokopedia, so a
   * migrated seller's product is hidden, or shown, on Tokopedia too.
   */
  private async setActive(action: 'activate' | 'deactivate', product: ChannelProductRef, platforms: ListingPlatform[] | undefined): Promise<BatchError | null> {
    const data = await this.client.request<BatchErrors | undefined>({
      method: 'POST',
      path: `/product/${V}/products/${action}`,
      api: `products.${action}`,
      shopScoped: true,
      json: { product_ids: [product.productId], ...(this.config.listingPlatforms?.length && platforms?.length ? { listing_platforms: platforms } : {}) },
      idempotent: true,
    });
    const error = data?.errors?.[0];
    if (!error) return null;
    const cause = error.detail?.extra_errors?.find((e) => typeof e.code === 'number');
    return cause ? { code: cause.code!, message: cause.message ?? error.message } : error;
  }

  /**
   * The product's state, per platform for a seller migrated from Tokopedia
   * (products/get-product.spec.json: `status` is TikTok Shop's and is omitted when the product is
   * not listed there; `integrated_platform_statuses` holds Tokopedia's; `audit_failed_reasons`
   * name their `listing_platform`).
   */
  async getProductStatus(product: ChannelProductRef): Promise<ChannelProductStatus> {
    const data = await this.client.request<ProductDetail>({
      method: 'GET',
      path: `/product/${V}/products/${encodeURIComponent(product.productId)}`,
      api: 'products.get',
      shopScoped: true,
      idempotent: true,
    });
    const failures = data.audit_failed_reasons ?? [];
    const reasonsFor = (platform: Platform | null) =>
      failures
        .filter((r) => !platform || (r.listing_platform ?? 'TIKTOK_SHOP') === platform)
        .flatMap((r) => (r.reasons ?? []).map((reason) => (r.position ? `${r.position}: ${reason}` : reason)));
    const platforms = [
      ...(data.status ? [{ platform: 'TIKTOK_SHOP' as Platform, channelStatus: data.status }] : []),
      ...(data.integrated_platform_statuses ?? []).map((s) => ({ platform: s.platform, channelStatus: s.status })),
    ].map((p) => ({ ...p, state: STATES[p.channelStatus] ?? ChannelProductState.inReview, reasons: reasonsFor(p.platform) }));
    if (platforms.length <= 1) {
      const only = platforms[0];
      return { state: only?.state ?? ChannelProductState.inReview, reasons: reasonsFor(null), channelStatus: only?.channelStatus ?? 'UNKNOWN' };
    }
    // Live where any platform has it live (price and stock then apply there); else the first platform's word.
    const live = platforms.find((p) => p.state === ChannelProductState.live);
    const lead = live ?? platforms.find((p) => p.state === ChannelProductState.rejected) ?? platforms[0]!;
    return {
      state: lead.state,
      reasons: platforms.flatMap((p) => p.reasons.map((r) => `${PLATFORM_NAME[p.platform]}: ${r}`)),
      channelStatus: platforms.map((p) => `${p.platform}=${p.channelStatus}`).join(' '),
      platforms: platforms.map((p) => ({ platform: p.platform, state: p.state, channelStatus: p.channelStatus, reasons: p.reasons })),
    };
  }

  /** Get Categories (products/get-categories.spec.json), flattened; root parent_id is "0". */
  async categories(): Promise<ChannelCategoryNode[]> {
    type Category = { id: string; parent_id: string; local_name: string; is_leaf: boolean; permission_statuses?: string[] };
    const fetchFor = (platform?: Platform) =>
      this.client.request<{ categories?: Category[] }>({
        method: 'GET',
        path: `/product/${V}/categories`,
        api: 'products.categories',
        shopScoped: true,
        // category_version v1 is the 3-level tree outside the US; listing_platform only for migrated sellers.
        query: { category_version: 'v1', ...(platform ? { listing_platform: platform } : {}) },
        idempotent: true,
      });
    const platforms = this.config.listingPlatforms ?? [];
    const lists = platforms.length > 1 ? await Promise.all(platforms.map((p) => fetchFor(p))) : [await fetchFor()];
    // create-product.spec.json: "to list a product on both TikTok Shop and Tokopedia, you must use only categories that are available on both".
    const usable = (c: Category) => !c.permission_statuses?.length || c.permission_statuses.includes('AVAILABLE');
    const [first, ...others] = lists.map((l) => l.categories ?? []);
    const inAll = (first ?? []).filter((c) => others.every((o) => o.some((d) => d.id === c.id && (!c.is_leaf || usable(d)))) && (!c.is_leaf || usable(c)));
    return inAll.map((c) => ({ id: c.id, parentId: c.parent_id && c.parent_id !== '0' ? c.parent_id : null, name: c.local_name, leaf: c.is_leaf }));
  }

  /**
   * Get Attributes (products/get-attributes.spec.json). Required flags live there
   * (`is_requried`, sic, as documented); Get Category Rules holds certifications, size charts and
   * package rules, not attribute flags, so it is not asked.
   */
  async categoryAttributes(categoryId: string): Promise<ChannelAttributeSpec[]> {
    type Attribute = {
      id: string;
      name: string;
      type: 'SALES_PROPERTY' | 'PRODUCT_PROPERTY';
      is_requried?: boolean;
      is_required?: boolean;
      values?: Array<{ id: string; name: string }>;
      is_customizable?: boolean;
      is_multiple_selection?: boolean;
    };
    const data = await this.client.request<{ attributes?: Attribute[] }>({
      method: 'GET',
      path: `/product/${V}/categories/${encodeURIComponent(categoryId)}/attributes`,
      api: 'products.categories.attributes',
      shopScoped: true,
      query: { category_version: 'v1' },
      idempotent: true,
    });
    return (data.attributes ?? []).map((a) => {
      const sales = a.type === 'SALES_PROPERTY';
      return {
        id: a.id,
        name: a.name,
        required: !sales && !!(a.is_requried ?? a.is_required),
        sales,
        // is_multiple_selection and is_customizable apply to PRODUCT_PROPERTY; sales attributes take
        // custom value names (create-product.spec.json: sales_attributes.value_name).
        multiple: !sales && !!a.is_multiple_selection,
        customizable: sales || !!a.is_customizable,
        level: 'product',
        values: (a.values ?? []).map((v) => ({ id: v.id, name: v.name })),
      };
    });
  }

  refreshToken(): Promise<ChannelTokens> {
    return this.client.tokens.refresh();
  }

  currentTokens(): ChannelTokens {
    return this.client.tokens.current();
  }

  private refuseInvalid(listing: ChannelListing): void {
    const problems = this.validate(listing);
    if (problems.length) throw listingRefused(this.channel, problems);
  }

  private body(listing: ChannelListing, images: ChannelImageRef[], existing?: ChannelProductRef) {
    return tiktokProductBody(listing, images, {
      warehouseId: this.config.warehouseId,
      listingPlatforms: this.config.listingPlatforms,
      namespaceSkus: this.config.namespaceSkus,
      existing,
    });
  }

  /** The channel's ids by our SKUs (a namespaced seller_sku maps back to ours), with any warnings. */
  private toRef(data: ProductData, { listing }: ChannelListing): ChannelProductRef {
    const ours = new Map(listing.variants.map((v) => [tiktokSellerSku(listing, v.sku, this.config.namespaceSkus), v.sku]));
    const warnings = (data.warnings ?? []).map((w) => w.message?.trim()).filter((m): m is string => !!m);
    return {
      productId: data.product_id,
      skus: data.skus.map((s) => {
        const sellerSku = ours.get(s.seller_sku) ?? s.seller_sku;
        return { sellerSku, skuId: s.id, ...(sellerSku !== s.seller_sku ? { channelSku: s.seller_sku } : {}) };
      }),
      ...(warnings.length ? { warnings } : {}),
    };
  }
}
