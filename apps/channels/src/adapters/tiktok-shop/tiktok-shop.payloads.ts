import type { ChannelImageRef, ChannelListing, ChannelProductRef } from '../channel-adapter';
import { descriptionHtml, gramsToKg, imageRefsFor, regularPriceOf, resolveAttributes } from '../listing-content';
import { TIKTOK_SHOP_LIMITS } from './tiktok-shop.rules';

// The JSON bodies of TikTok Shop's product API (version 202309).

export type ListingPlatform = 'TOKOPEDIA' | 'TIKTOK_SHOP';

export interface TikTokSkuBody {
  id?: string;
  seller_sku: string;
  external_sku_id: string;
  price: { amount: string; currency: 'IDR' };
  inventory: Array<{ warehouse_id: string; quantity: number }>;
  sales_attributes?: Array<{ name: string; value_name: string }>;
}

export interface TikTokProductBody {
  title: string;
  description: string;
  category_id: string;
  main_images: Array<{ uri: string }>;
  skus: TikTokSkuBody[];
  package_weight: { value: string; unit: 'KILOGRAM' };
  package_dimensions: { length: string; width: string; height: string; unit: 'CENTIMETER' };
  product_attributes: Array<{ id: string; values: Array<{ name: string }> }>;
  external_product_id: string;
  listing_platforms?: ListingPlatform[];
  idempotency_key?: string;
}

export interface TikTokPayloadContext {
  warehouseId: string;
  listingPlatforms?: ListingPlatform[];
  /** On edit: the channel's SKU ids, so existing SKUs are kept rather than replaced. */
  existing?: ChannelProductRef;
}

/** A validated listing as TikTok Shop's create/edit body. */
export function tiktokProductBody({ listing, category }: ChannelListing, images: ChannelImageRef[], ctx: TikTokPayloadContext): TikTokProductBody {
  if (!category) throw new Error('tiktokProductBody needs a category mapping; validate the listing first');
  const skuIds = new Map((ctx.existing?.skus ?? []).map((s) => [s.sellerSku, s.skuId]));
  const several = listing.variants.length > 1;
  const dims = listing.dimensionsCm;
  return {
    title: listing.title.id.trim(),
    description: descriptionHtml(listing.description.id),
    category_id: category.categoryId,
    main_images: imageRefsFor(listing, images, TIKTOK_SHOP_LIMITS.images.max).map((i) => ({ uri: i.ref })),
    skus: listing.variants.map((v) => ({
      ...(skuIds.has(v.sku) ? { id: skuIds.get(v.sku) } : {}),
      seller_sku: v.sku,
      external_sku_id: v.id,
      // The regular price: campaign prices would need a promotion activity, which is not sent.
      price: { amount: regularPriceOf(v), currency: 'IDR' as const },
      inventory: [{ warehouse_id: ctx.warehouseId, quantity: v.stock }],
      ...(several ? { sales_attributes: Object.entries(v.options).map(([name, value_name]) => ({ name, value_name })) } : {}),
    })),
    package_weight: { value: gramsToKg(listing.weightGrams), unit: 'KILOGRAM' },
    // TikTok takes whole centimetres.
    package_dimensions: {
      length: String(Math.ceil(dims.length)),
      width: String(Math.ceil(dims.width)),
      height: String(Math.ceil(dims.height)),
      unit: 'CENTIMETER',
    },
    product_attributes: resolveAttributes(listing, category)
      .filter((a) => a.value)
      .map((a) => ({ id: a.mapping.id, values: [{ name: a.value }] })),
    external_product_id: listing.id,
    ...(ctx.listingPlatforms ? { listing_platforms: ctx.listingPlatforms } : {}),
  };
}
