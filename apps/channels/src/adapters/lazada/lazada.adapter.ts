import {
  ChannelCode,
  ChannelProductState,
  type ChannelAdapter,
  type ChannelImageRef,
  type ChannelLimits,
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
import { ChannelError, ChannelErrorKind, listingRefused } from '../channel-errors';
import { chunk, isSystemic } from '../batching';
import { looksLikeJpegOrPng, prepareImage } from '../images';
import { livePromotion, type PromotionNote } from '../listing-content';
import { LazadaClient, type LazadaConfig } from './lazada.client';
import { LazadaCode } from './lazada.errors';
import { lazadaPriceQuantityPayload, lazadaProductPayload, lazadaTime } from './lazada.payloads';
import { LAZADA_LIMITS, validateForLazada } from './lazada.rules';

interface ImageData {
  data: { image: { url: string; hash_code?: string } };
}

interface CreateData {
  data: { item_id: string | number; sku_list: Array<{ seller_sku: string; sku_id: string | number; shop_sku?: string }> };
}

interface ItemData {
  data: { item_id: string | number; attributes: { name?: string }; skus: Array<{ SellerSku: string; SkuId: string | number }> };
}

interface QcData {
  data: Array<{ seller_sku: string; status: string; reason?: string | null }>;
}

export interface LazadaAdapterOptions {
  /** SKUs per /product/price_quantity/update call: at most 50, Lazada recommends 20. */
  priceStockBatchSize?: number;
}

/** Lazada (Indonesia) for one seller. */
export class LazadaAdapter implements ChannelAdapter {
  readonly channel = ChannelCode.lazada;
  readonly limits: ChannelLimits;
  private readonly client: LazadaClient;
  private readonly batchSize: number;

  constructor(
    private readonly config: LazadaConfig,
    options: LazadaAdapterOptions = {},
  ) {
    this.client = new LazadaClient(config);
    this.limits = { ...LAZADA_LIMITS, requestsPerSecond: config.requestsPerSecond ?? LAZADA_LIMITS.requestsPerSecond };
    this.batchSize = Math.min(LAZADA_LIMITS.priceStockBatchMax, Math.max(1, options.priceStockBatchSize ?? LAZADA_LIMITS.priceStockBatchMax));
  }

  validate(listing: ChannelListing): ValidationProblem[] {
    return validateForLazada(listing);
  }

  /** A live campaign price goes out as the SKU's special price, which Lazada ends by itself. */
  describePromotion({ listing }: ChannelListing): PromotionNote | null {
    const promotion = livePromotion(listing);
    if (!promotion) return null;
    const skus = Object.entries(promotion.prices).map(([sku, price]) => `${sku} Rp ${price}`).join(', ');
    return { exported: true, note: `promotion exported: special price ${skus} until ${lazadaTime(promotion.endsAt)} WIB.` };
  }

  /** JPEG and PNG URLs are migrated by Lazada itself; anything else (our WebP) is converted and uploaded. */
  uploadImages(urls: string[]): Promise<ChannelImageRef[]> {
    return Promise.all(
      urls.map(async (url): Promise<ChannelImageRef> => {
        if (looksLikeJpegOrPng(url)) {
          const reply = await this.client.request<ImageData>({
            method: 'POST',
            apiPath: '/image/migrate',
            params: { payload: JSON.stringify({ Request: { Image: { Url: url } } }) },
            idempotent: true,
          });
          return { sourceUrl: url, ref: reply.data.image.url, url: reply.data.image.url, width: null, height: null };
        }
        const image = await prepareImage(this.channel, url, this.limits.images, this.config.timeoutMs ?? 15_000);
        const reply = await this.client.request<ImageData>({
          method: 'POST',
          apiPath: '/image/upload',
          files: { image: { data: image.data, type: `image/${image.format}`, name: `photo.${image.format === 'jpeg' ? 'jpg' : 'png'}` } },
          idempotent: true,
        });
        return { sourceUrl: url, ref: reply.data.image.url, url: reply.data.image.url, width: image.width, height: image.height };
      }),
    );
  }

  /**
   * Lazada has no idempotency key. A create is not repeated when its answer is lost; the next
   * attempt then meets 4105 (duplicate SellerSku), and a product holding exactly this listing's
   * SKUs under the same name is taken as the one the lost attempt made.
   */
  async createProduct(listing: ChannelListing, images: ChannelImageRef[], _options: CreateProductOptions): Promise<ChannelProductRef> {
    this.refuseInvalid(listing);
    const payload = lazadaProductPayload(listing, images);
    try {
      const reply = await this.client.request<CreateData>({
        method: 'POST',
        apiPath: '/product/create',
        params: { payload: JSON.stringify(payload) },
        idempotent: false,
      });
      return { productId: String(reply.data.item_id), skus: reply.data.sku_list.map((s) => ({ sellerSku: s.seller_sku, skuId: String(s.sku_id) })) };
    } catch (error) {
      if (!(error instanceof ChannelError) || error.code !== LazadaCode.duplicateSellerSku) throw error;
      const earlier = await this.findOwnProduct(listing);
      if (!earlier) throw error;
      return { ...earlier, recovered: true };
    }
  }

  async updateProduct(product: ChannelProductRef, listing: ChannelListing, images: ChannelImageRef[]): Promise<ChannelProductRef> {
    this.refuseInvalid(listing);
    await this.client.request({
      method: 'POST',
      apiPath: '/product/update',
      params: { payload: JSON.stringify(lazadaProductPayload(listing, images, product)) },
      idempotent: true,
    });
    // The update answers without ids; new SKUs get theirs from the item.
    const item = await this.getItem({ item_id: product.productId });
    return item ? { productId: item.productId, skus: item.skus } : product;
  }

  async updatePriceStock(items: PriceStockItem[]): Promise<PriceStockResult> {
    const failed = new Map<PriceStockItem, PriceStockFailure>();
    let requests = 0;
    const send = async (batch: PriceStockItem[]): Promise<void> => {
      requests++;
      try {
        await this.client.request({
          method: 'POST',
          apiPath: '/product/price_quantity/update',
          params: { payload: JSON.stringify(lazadaPriceQuantityPayload(batch)) },
          idempotent: true,
        });
      } catch (error) {
        if (!(error instanceof ChannelError) || isSystemic(error)) throw error;
        const detail = (error.details.detail as Array<{ seller_sku?: string; message?: string }> | undefined) ?? [];
        const refused = new Set(detail.map((d) => d.seller_sku).filter(Boolean));
        // Lazada refuses the whole batch for a few bad SKUs: mark those, send the rest again.
        const bad = batch.filter((i) => refused.has(i.sellerSku));
        if (bad.length === 0) {
          for (const item of batch) failed.set(item, { item, code: error.code ?? error.kind, reason: error.reason });
          return;
        }
        for (const item of bad) {
          const why = detail.find((d) => d.seller_sku === item.sellerSku)?.message ?? error.channelMessage ?? '';
          failed.set(item, { item, code: error.code ?? error.kind, reason: `Lazada refused the price or stock of ${item.sellerSku}: ${why}.` });
        }
        if (bad.length < batch.length) await send(batch.filter((i) => !refused.has(i.sellerSku)));
      }
    };
    await Promise.all(chunk(items, this.batchSize).map(send));
    return { updated: items.filter((i) => !failed.has(i)), failed: [...failed.values()], requests };
  }

  async deactivateProduct(product: ChannelProductRef): Promise<void> {
    await this.client.request({
      method: 'POST',
      apiPath: '/product/deactivate',
      params: { apiRequestBody: JSON.stringify({ Request: { Product: { ItemId: product.productId } } }) },
      idempotent: true,
    });
  }

  async getProductStatus(product: ChannelProductRef): Promise<ChannelProductStatus> {
    const reply = await this.client.request<QcData>({
      method: 'GET',
      apiPath: '/product/qc/status/get',
      params: { seller_skus: JSON.stringify(product.skus.map((s) => s.sellerSku)) },
      idempotent: true,
    });
    const rows = reply.data ?? [];
    const rejected = rows.filter((r) => r.status === 'rejected' || r.status === 'liverejected');
    if (rejected.length) {
      return { state: ChannelProductState.rejected, reasons: [...new Set(rejected.map((r) => r.reason ?? 'no reason given'))], channelStatus: rejected[0]!.status };
    }
    const live = rows.length > 0 && rows.every((r) => r.status === 'approved');
    return { state: live ? ChannelProductState.live : ChannelProductState.inReview, reasons: [], channelStatus: live ? 'approved' : 'pending' };
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

  private async findOwnProduct(listing: ChannelListing): Promise<ChannelProductRef | null> {
    const item = await this.getItem({ seller_sku: listing.listing.variants[0]!.sku });
    if (!item) return null;
    const ours = new Set(listing.listing.variants.map((v) => v.sku));
    const same = item.skus.length === ours.size && item.skus.every((s) => ours.has(s.sellerSku)) && item.name === listing.listing.title.id.trim();
    return same ? { productId: item.productId, skus: item.skus } : null;
  }

  /** The item by `item_id` or `seller_sku`, with its name; null when Lazada has none. */
  private async getItem(params: Record<string, string>): Promise<(ChannelProductRef & { name: string }) | null> {
    try {
      const reply = await this.client.request<ItemData>({ method: 'GET', apiPath: '/product/item/get', params, idempotent: true });
      return {
        productId: String(reply.data.item_id),
        name: reply.data.attributes.name ?? '',
        skus: reply.data.skus.map((s) => ({ sellerSku: s.SellerSku, skuId: String(s.SkuId) })),
      };
    } catch (error) {
      if (error instanceof ChannelError && error.kind === ChannelErrorKind.notFound) return null;
      throw error;
    }
  }
}
