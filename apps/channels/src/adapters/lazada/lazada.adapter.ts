import {
  ChannelCode,
  ChannelProductState,
  type ChannelAdapter,
  type ChannelAttributeSpec,
  type ChannelCategoryNode,
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
import { livePromotion, photoUrls, type PromotionNote } from '../listing-content';
import { lazadaCategories, lazadaCategoryAttributes, lazadaNoBrandId } from './lazada.catalog';
import { LazadaClient, type LazadaConfig } from './lazada.client';
import { LazadaCode } from './lazada.errors';
import { fitLazadaImage } from './lazada.images';
import { lazadaPriceQuantityPayload, lazadaProductPayload, lazadaSellerSku, lazadaTime } from './lazada.payloads';
import { LAZADA_LIMITS, validateForLazada } from './lazada.rules';
import { lazadaProductStatus, type LazadaItemData } from './lazada.status';

interface ImageData {
  data: { image: { url: string; hash_code?: string } };
}

interface CreateData {
  data: { item_id: string | number; sku_list: Array<{ seller_sku: string; sku_id: string | number; shop_sku?: string }>; item_status?: string };
}

interface ProductsData {
  data: { total_products?: number | string; products?: LazadaItemData[] };
}

// migrateimage.json 301/302/303/304: Lazada could not fetch or take the URL; image-upload.md allows
// only ports 80/443 and no IP hosts, so those photos are sent as bytes instead.
const MIGRATE_REFUSED = new Set(['301', '302', '303', '304', 'E301', 'E302', 'E303']);

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

  /** JPEG and PNG URLs are migrated by Lazada itself where it can fetch them; anything else is converted and uploaded. */
  uploadImages(urls: string[]): Promise<ChannelImageRef[]> {
    return Promise.all(
      urls.map(async (url): Promise<ChannelImageRef> => {
        if (looksLikeJpegOrPng(url)) {
          try {
            const reply = await this.client.request<ImageData>({
              method: 'POST',
              apiPath: '/image/migrate',
              params: { payload: JSON.stringify({ Request: { Image: { Url: url } } }) },
              idempotent: true,
            });
            return { sourceUrl: url, ref: reply.data.image.url, url: reply.data.image.url, width: null, height: null };
          } catch (error) {
            if (!(error instanceof ChannelError) || !MIGRATE_REFUSED.has(error.code ?? '')) throw error;
          }
        }
        // Fetched and made JPEG/PNG within the pixel limits; the 1 MB limit is met by re-encoding, not by refusing.
        const { maxBytes, minPx } = this.limits.images;
        const prepared = await prepareImage(this.channel, url, { ...this.limits.images, maxBytes: Number.MAX_SAFE_INTEGER }, this.config.timeoutMs ?? 15_000);
        const image = await fitLazadaImage(prepared, maxBytes, minPx);
        if (!image) {
          throw new ChannelError({
            channel: this.channel,
            kind: ChannelErrorKind.invalidImage,
            code: 'local_image',
            reason: `Lazada takes photos up to 1 MB, and ${url} does not fit even made smaller: upload a simpler photo.`,
            details: { url },
          });
        }
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
   * attempt then meets 4105 (SellerSku repeat), and a product holding exactly this listing's SKUs
   * under the same name, found with /products/get (sku_seller_list), is the one the lost attempt made.
   */
  async createProduct(listing: ChannelListing, images: ChannelImageRef[], _options: CreateProductOptions): Promise<ChannelProductRef> {
    this.refuseInvalid(listing);
    const payload = lazadaProductPayload(listing, images, { noBrandId: await this.noBrandId(), namespaceSkus: this.namespaced });
    try {
      const reply = await this.client.request<CreateData>({
        method: 'POST',
        apiPath: '/product/create',
        params: { payload: JSON.stringify(payload) },
        idempotent: false,
      });
      return { productId: String(reply.data.item_id), skus: this.ourSkus(listing, reply.data.sku_list.map((s) => ({ SellerSku: s.seller_sku, SkuId: s.sku_id }))) };
    } catch (error) {
      if (!(error instanceof ChannelError) || error.kind !== ChannelErrorKind.duplicateSku) throw error;
      const earlier = await this.findOwnProduct(listing);
      if (!earlier) throw error;
      return { ...earlier, recovered: true };
    }
  }

  /**
   * Updates the product; variants that are new are tied to it by AssociatedSku, and variants the
   * listing no longer has are removed with /product/sku/remove (update-a-product.md: the update
   * cannot delete them). The ids of new SKUs come from /product/item/get.
   */
  async updateProduct(product: ChannelProductRef, listing: ChannelListing, images: ChannelImageRef[]): Promise<ChannelProductRef> {
    this.refuseInvalid(listing);
    const payload = lazadaProductPayload(listing, images, { existing: product, noBrandId: await this.noBrandId(), namespaceSkus: this.namespaced });
    await this.client.request({ method: 'POST', apiPath: '/product/update', params: { payload: JSON.stringify(payload) }, idempotent: true });
    const ours = new Set(listing.listing.variants.map((v) => v.sku));
    const gone = product.skus.filter((s) => !ours.has(s.sellerSku));
    if (gone.length) {
      // custom-sales-attributes.md RemoveSKU CASE1 names the SKU by SkuId; removesku.json's example by SellerSku: both are sent
      const body = { Request: { Product: { ItemId: product.productId, Skus: { Sku: gone.map((s) => ({ SkuId: s.skuId, SellerSku: s.channelSku ?? s.sellerSku })) } } } };
      await this.client.request({ method: 'POST', apiPath: '/product/sku/remove', params: { payload: JSON.stringify(body) }, idempotent: true });
    }
    const item = await this.getItem(product.productId);
    return item ? { productId: String(item.item_id), skus: this.ourSkus(listing, item.skus) } : product;
  }

  async updatePriceStock(items: PriceStockItem[]): Promise<PriceStockResult> {
    const failed = new Map<PriceStockItem, PriceStockFailure>();
    let requests = 0;
    const held = (i: PriceStockItem) => i.channelSku ?? i.sellerSku;
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
        // Lazada refuses the whole batch for a few bad SKUs (501 with detail): mark those, send the rest again.
        const bad = batch.filter((i) => refused.has(held(i)));
        if (bad.length === 0) {
          for (const item of batch) failed.set(item, { item, code: error.code ?? error.kind, reason: error.reason });
          return;
        }
        for (const item of bad) {
          const why = detail.find((d) => d.seller_sku === held(item))?.message ?? error.channelMessage ?? '';
          failed.set(item, { item, code: error.code ?? error.kind, reason: `Lazada refused the price or stock of ${item.sellerSku}: ${why}.` });
        }
        if (bad.length < batch.length) await send(batch.filter((i) => !refused.has(held(i))));
      }
    };
    await Promise.all(chunk(items, this.batchSize).map(send));
    return { updated: items.filter((i) => !failed.has(i)), failed: [...failed.values()], requests };
  }

  async deactivateProduct(product: ChannelProductRef): Promise<void> {
    try {
      await this.client.request({
        method: 'POST',
        apiPath: '/product/deactivate',
        // deactivateproduct.json: apiRequestBody, ItemId mandatory, Skus optional
        params: { apiRequestBody: JSON.stringify({ Request: { Product: { ItemId: product.productId } } }) },
        idempotent: true,
      });
    } catch (error) {
      // deactivateproduct.json E0004: "already in the Inactive state and does not need to call this API"
      if (error instanceof ChannelError && error.code === LazadaCode.productNotOnline) return;
      throw error;
    }
  }

  /** /product/item/get by item_id: status, subStatus and rejectReason (getproductitem.json). */
  async getProductStatus(product: ChannelProductRef): Promise<ChannelProductStatus> {
    const item = await this.getItem(product.productId);
    if (!item) return { state: ChannelProductState.deleted, reasons: [], channelStatus: 'not found' };
    return lazadaProductStatus(item);
  }

  /**
   * The docs name no state in which /product/price_quantity/update is refused (Pending QC
   * included), so every product Lazada still holds takes price and stock.
   */
  acceptsPriceStock(state: ChannelProductState): boolean {
    return state !== ChannelProductState.deleted;
  }

  /**
   * What the product body carries, stock aside: the special price's start is "now" at send time,
   * so only the campaign price and its end are hashed.
   */
  contentForHash(listing: ChannelListing): unknown {
    if (!listing.category) return { listing: listing.listing.id, category: null };
    const urls = photoUrls(listing.listing, LAZADA_LIMITS.images.max);
    const refs = urls.map((url) => ({ sourceUrl: url, ref: url, url, width: null, height: null }));
    const product = lazadaProductPayload(listing, refs, { namespaceSkus: this.namespaced }).Request.Product;
    return {
      ...product,
      Skus: product.Skus.Sku.map(({ quantity: _quantity, special_from_date: _from, ...sku }) => sku),
      attributeValues: listing.attributeValues ?? null,
    };
  }

  categories(): Promise<ChannelCategoryNode[]> {
    return lazadaCategories(this.client);
  }

  categoryAttributes(categoryId: string): Promise<ChannelAttributeSpec[]> {
    return lazadaCategoryAttributes(this.client, categoryId);
  }

  refreshToken(): Promise<ChannelTokens> {
    return this.client.tokens.refresh();
  }

  currentTokens(): ChannelTokens {
    return this.client.tokens.current();
  }

  private get namespaced(): boolean {
    return this.config.namespaceSkus === true;
  }

  private noBrandId(): Promise<string> {
    return this.config.noBrandId ? Promise.resolve(this.config.noBrandId) : lazadaNoBrandId(this.client, `${this.config.appKey}@${this.config.baseUrl}`);
  }

  private refuseInvalid(listing: ChannelListing): void {
    const problems = this.validate(listing);
    if (problems.length) throw listingRefused(this.channel, problems);
  }

  /** Lazada's SKUs as our refs: sellerSku is our variant's SKU, channelSku the one Lazada holds when they differ. */
  private ourSkus(listing: ChannelListing, skus: Array<{ SellerSku: string; SkuId: string | number }>): ChannelProductRef['skus'] {
    const byChannelSku = new Map(listing.listing.variants.map((v) => [lazadaSellerSku(listing, v.sku, this.namespaced), v.sku]));
    return skus.map((s) => {
      const ours = byChannelSku.get(s.SellerSku) ?? s.SellerSku;
      return { sellerSku: ours, skuId: String(s.SkuId), ...(ours !== s.SellerSku ? { channelSku: s.SellerSku } : {}) };
    });
  }

  /**
   * getproductitem.json: seller_sku lookups ended on 15 November 2023, and the page sends callers to
   * GetProducts; getproducts.json: sku_seller_list, a JSON array, matching whole SKUs.
   */
  private async findOwnProduct(listing: ChannelListing): Promise<ChannelProductRef | null> {
    const held = listing.listing.variants.map((v) => lazadaSellerSku(listing, v.sku, this.namespaced));
    const reply = await this.client.request<ProductsData>({
      method: 'GET',
      apiPath: '/products/get',
      params: { filter: 'all', sku_seller_list: JSON.stringify(held), limit: '50' },
      idempotent: true,
    });
    const want = new Set(held);
    const name = listing.listing.title.id.trim();
    const same = (reply.data?.products ?? []).find(
      (p) => p.skus.length === want.size && p.skus.every((s) => want.has(s.SellerSku)) && (p.attributes?.name ?? '') === name,
    );
    return same ? { productId: String(same.item_id), skus: this.ourSkus(listing, same.skus) } : null;
  }

  private async getItem(itemId: string): Promise<LazadaItemData | null> {
    try {
      const reply = await this.client.request<{ data: LazadaItemData }>({ method: 'GET', apiPath: '/product/item/get', params: { item_id: itemId }, idempotent: true });
      return reply.data;
    } catch (error) {
      if (error instanceof ChannelError && (error.kind === ChannelErrorKind.notFound || error.code === LazadaCode.skuNotFound)) return null;
      throw error;
    }
  }
}
