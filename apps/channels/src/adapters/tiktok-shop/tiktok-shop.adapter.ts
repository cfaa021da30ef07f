import {
  ChannelCode,
  ChannelProductState,
  type ChannelAdapter,
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
import { TikTokShopClient, type TikTokShopConfig } from './tiktok-shop.client';
import { tiktokError } from './tiktok-shop.errors';
import { tiktokProductBody } from './tiktok-shop.payloads';
import { TikTokShopPromotions } from './tiktok-shop.promotions';
import { TIKTOK_SHOP_LIMITS, validateForTikTokShop } from './tiktok-shop.rules';

const V = '202309';

interface ProductData {
  product_id: string;
  skus: Array<{ id: string; seller_sku: string }>;
}

interface BatchErrors {
  errors?: Array<{ code: number; message: string; detail?: { sku_id?: string; product_id?: string } }>;
}

interface ProductDetail {
  id: string;
  status: string;
  audit_failed_reasons?: Array<{ position?: string; reasons?: string[]; suggestions?: string[] }>;
}

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

/** TikTok Shop (which serves Tokopedia sellers) for one shop. */
export class TikTokShopAdapter implements ChannelAdapter {
  readonly channel = ChannelCode.tiktokShop;
  readonly limits = TIKTOK_SHOP_LIMITS;
  readonly promotions: TikTokShopPromotions;
  private readonly client: TikTokShopClient;

  constructor(private readonly config: TikTokShopConfig) {
    this.client = new TikTokShopClient(config);
    this.promotions = new TikTokShopPromotions(this.client);
  }

  validate(listing: ChannelListing): ValidationProblem[] {
    return validateForTikTokShop(listing);
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

  uploadImages(urls: string[]): Promise<ChannelImageRef[]> {
    return Promise.all(
      urls.map(async (url) => {
        const image = await prepareImage(this.channel, url, this.limits.images, this.config.timeoutMs ?? 15_000);
        const form = new FormData();
        form.append('data', new Blob([image.data], { type: `image/${image.format}` }), `photo.${image.format === 'jpeg' ? 'jpg' : 'png'}`);
        form.append('use_case', 'MAIN_IMAGE');
        const data = await this.client.request<{ uri: string; url: string; width: number; height: number }>({
          method: 'POST',
          path: `/product/${V}/images/upload`,
          api: 'images.upload',
          form,
          idempotent: true,
        });
        return { sourceUrl: url, ref: data.uri, url: data.url, width: data.width ?? image.width, height: data.height ?? image.height };
      }),
    );
  }

  async createProduct(listing: ChannelListing, images: ChannelImageRef[], { idempotencyKey }: CreateProductOptions): Promise<ChannelProductRef> {
    this.refuseInvalid(listing);
    const body = { ...this.body(listing, images), idempotency_key: idempotencyKey };
    // The idempotency key makes a repeated create return the first product, so it may be retried.
    const data = await this.client.request<ProductData>({ method: 'POST', path: `/product/${V}/products`, api: 'products.create', json: body, idempotent: true });
    return toRef(data);
  }

  async updateProduct(product: ChannelProductRef, listing: ChannelListing, images: ChannelImageRef[]): Promise<ChannelProductRef> {
    this.refuseInvalid(listing);
    const data = await this.client.request<ProductData>({
      method: 'PUT',
      path: `/product/${V}/products/${encodeURIComponent(product.productId)}`,
      api: 'products.edit',
      json: this.body(listing, images, product),
      idempotent: true,
    });
    return toRef(data);
  }

  /** TikTok updates prices and stock per product, in two APIs; each call carries one product's SKUs. */
  async updatePriceStock(items: PriceStockItem[]): Promise<PriceStockResult> {
    const byProduct = new Map<string, PriceStockItem[]>();
    for (const item of items) byProduct.set(item.productId, [...(byProduct.get(item.productId) ?? []), item]);
    const failed = new Map<PriceStockItem, PriceStockFailure>();
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
          json: { skus },
          idempotent: true,
        });
        for (const e of data?.errors ?? []) {
          const item = batch.find((i) => i.skuId === e.detail?.sku_id);
          if (item) failed.set(item, { item, code: String(e.code), reason: `TikTok Shop refused the ${api === 'prices' ? 'price' : 'stock'} of ${item.sellerSku}: ${e.message}.` });
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

  async deactivateProduct(product: ChannelProductRef): Promise<void> {
    const data = await this.client.request<BatchErrors | undefined>({
      method: 'POST',
      path: `/product/${V}/products/deactivate`,
      api: 'products.deactivate',
      json: { product_ids: [product.productId] },
      idempotent: true,
    });
    const error = data?.errors?.[0];
    if (error) throw tiktokError(200, { code: error.code, message: error.message });
  }

  async getProductStatus(product: ChannelProductRef): Promise<ChannelProductStatus> {
    const data = await this.client.request<ProductDetail>({
      method: 'GET',
      path: `/product/${V}/products/${encodeURIComponent(product.productId)}`,
      api: 'products.get',
      idempotent: true,
    });
    const reasons = (data.audit_failed_reasons ?? []).flatMap((r) => (r.reasons ?? []).map((reason) => (r.position ? `${r.position}: ${reason}` : reason)));
    return { state: STATES[data.status] ?? ChannelProductState.inReview, reasons, channelStatus: data.status };
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
    return tiktokProductBody(listing, images, { warehouseId: this.config.warehouseId, listingPlatforms: this.config.listingPlatforms, existing });
  }
}

const toRef = (data: ProductData): ChannelProductRef => ({
  productId: data.product_id,
  skus: data.skus.map((s) => ({ sellerSku: s.seller_sku, skuId: s.id })),
});
