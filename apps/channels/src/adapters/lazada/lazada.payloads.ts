import type { ChannelImageRef, ChannelListing, ChannelProductRef, PriceStockItem } from '../channel-adapter';
import { cm2, descriptionHtml, gramsToKg, imageRefsFor, resolveAttributes } from '../listing-content';
import { LAZADA_LIMITS, LAZADA_NO_BRAND } from './lazada.rules';

// The JSON `payload` of Lazada's product API, `{ Request: { Product: … } }`.

export interface LazadaSkuBody {
  SkuId?: string;
  SellerSku: string;
  quantity: string;
  price: string;
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

/** A validated listing as Lazada's create/update payload. */
export function lazadaProductPayload({ listing, category }: ChannelListing, images: ChannelImageRef[], existing?: ChannelProductRef): LazadaRequest<{ Product: LazadaProductBody }> {
  if (!category) throw new Error('lazadaProductPayload needs a category mapping; validate the listing first');
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
            price: v.price.trim(),
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
          })),
        },
      },
    },
  };
}
