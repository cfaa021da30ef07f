import type { ChannelImageRef, ChannelListing, ChannelProductRef, PriceStockItem } from '../channel-adapter';
import { cm2, descriptionHtml, gramsToKg, imageRefsFor, livePromotion, regularPriceOf, resolveAttributes } from '../listing-content';
import { LAZADA_LIMITS, LAZADA_NO_BRAND } from './lazada.rules';

// The JSON `payload` of Lazada's product API, `{ Request: { Product: … } }`.

export interface LazadaSkuBody {
  SkuId?: string;
  SellerSku: string;
  quantity: string;
  price: string;
  /** A campaign price Lazada applies between the two dates and ends by itself. */
  special_price?: string;
  special_from_date?: string;
  special_to_date?: string;
  package_length: string;
  package_width: string;
  package_height: string;
  package_weight: string;
  saleProp?: Record<string, string>;
}

export interface LazadaProductBody {
  ItemId?: string;
  PrimaryCategory: string;
  Images: { Image: string[] };
  Attributes: Record<string, string>;
  Skus: { Sku: LazadaSkuBody[] };
}

export interface LazadaRequest<T> {
  Request: T;
}

/** Lazada Indonesia reads times as 'YYYY-MM-DD HH:mm:ss' in the seller's zone, WIB (UTC+7). */
export function lazadaTime(at: string | number): string {
  return new Date(new Date(at).getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A validated listing as Lazada's create/update payload: the regular price, and a live campaign
 * price as the SKU's special price from now to the campaign's end.
 */
export function lazadaProductPayload(
  { listing, category }: ChannelListing,
  images: ChannelImageRef[],
  existing?: ChannelProductRef,
  now = Date.now(),
): LazadaRequest<{ Product: LazadaProductBody }> {
  if (!category) throw new Error('lazadaProductPayload needs a category mapping; validate the listing first');
  const promotion = livePromotion(listing, now);
  const skuIds = new Map((existing?.skus ?? []).map((s) => [s.sellerSku, s.skuId]));
  const attributes: Record<string, string> = {};
  for (const a of resolveAttributes(listing, category)) if (a.value) attributes[a.mapping.id] = a.value;
  const dims = listing.dimensionsCm;
  const several = listing.variants.length > 1;
  return {
    Request: {
      Product: {
        ...(existing ? { ItemId: existing.productId } : {}),
        PrimaryCategory: category.categoryId,
        Images: { Image: imageRefsFor(listing, images, LAZADA_LIMITS.images.max).map((i) => i.ref) },
        Attributes: {
          brand: LAZADA_NO_BRAND,
          ...attributes,
          name: listing.title.id.trim(),
          description: descriptionHtml(listing.description.id),
        },
        Skus: {
          Sku: listing.variants.map((v) => ({
            ...(skuIds.has(v.sku) ? { SkuId: skuIds.get(v.sku) } : {}),
            SellerSku: v.sku,
            quantity: String(v.stock),
            price: regularPriceOf(v),
            ...(promotion?.prices[v.sku]
              ? { special_price: promotion.prices[v.sku], special_from_date: lazadaTime(now), special_to_date: lazadaTime(promotion.endsAt) }
              : {}),
            package_length: cm2(dims.length),
            package_width: cm2(dims.width),
            package_height: cm2(dims.height),
            package_weight: gramsToKg(listing.weightGrams),
            ...(several ? { saleProp: { ...v.options } } : {}),
          })),
        },
      },
    },
  };
}

/** One batch of /product/price_quantity/update; only what changes is sent. */
export function lazadaPriceQuantityPayload(items: PriceStockItem[]) {
  return {
    Request: {
      Product: {
        Skus: {
          Sku: items.map((i) => ({
            ItemId: i.productId,
            SkuId: i.skuId,
            SellerSku: i.sellerSku,
            ...(i.price !== undefined ? { Price: i.price } : {}),
            ...(i.stock !== undefined ? { Quantity: String(i.stock) } : {}),
            ...(i.special ? { SalePrice: i.special.price, SaleStartDate: lazadaTime(i.special.from), SaleEndDate: lazadaTime(i.special.to) } : {}),
          })),
        },
      },
    },
  };
}
