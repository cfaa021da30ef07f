import type { ChannelImageRef, ChannelListing, ChannelProductRef } from '../channel-adapter';
import { channelSkuFor, descriptionHtml, gramsToKg, imageRefsFor, regularPriceOf, shippedDimensions } from '../listing-content';
import { tiktokProductAttributes, tiktokSalesAttributes, type TikTokAttributeBody, type TikTokSalesAttributeBody } from './tiktok-shop.attributes';
import type { ListingPlatform } from './tiktok-shop.client';
import { TIKTOK_SHOP_LIMITS } from './tiktok-shop.rules';

// The JSON bodies of TikTok Shop's Create Product (products/create-product.spec.json) and Partial
// Edit Product (products/partial-edit-product.spec.json). Every field we send is cited below.

export type { ListingPlatform };

export interface TikTokSkuBody {
  id?: string;
  seller_sku: string;
  external_sku_id: string;
  price: { amount: string; currency: 'IDR' };
  inventory?: Array<{ warehouse_id: string; quantity?: number }>;
  sales_attributes?: TikTokSalesAttributeBody[];
}

export interface TikTokProductBody {
  title: string;
  description: string;
  category_id: string;
  main_images: Array<{ uri: string }>;
  skus: TikTokSkuBody[];
  package_weight: { value: string; unit: 'KILOGRAM' };
  package_dimensions: { length: string; width: string; height: string; unit: 'CENTIMETER' };
  product_attributes: TikTokAttributeBody[];
  external_product_id: string;
  listing_platforms?: ListingPlatform[];
  idempotency_key?: string;
}

export interface TikTokPayloadContext {
  warehouseId: string;
  /** Only for sellers migrated from Tokopedia; absent otherwise (and not sent). */
  listingPlatforms?: ListingPlatform[];
  /** On edit: the channel's SKU ids, so existing SKUs are kept rather than replaced. */
  existing?: ChannelProductRef;
  /** A council-wide store: seller SKUs go out under the artisan's namespace (channelSkuFor). */
  namespaceSkus?: boolean;
}

/** Our SKU as the shop holds it. */
export const tiktokSellerSku = (listing: ChannelListing['listing'], sku: string, namespaced: boolean | undefined): string =>
  channelSkuFor(listing.artisan.id, sku, !!namespaced);

/**
 * create-product.spec.json: inventory[].warehouse_id (Get Warehouse List) and quantity "Valid
 * range: [1, 99,999]", quantity not required. A sold-out SKU cannot be sent as 0: on create its
 * quantity is left out (no stock); on an edit an existing SKU's inventory is left out, which keeps
 * what TikTok holds (partial-edit-product.spec.json requires quantity when inventory is sent;
 * edit-product.spec.json: "If you omit this object array … the existing information will remain").
 */
function inventoryOf(stock: number, existing: boolean, warehouseId: string): Pick<TikTokSkuBody, 'inventory'> {
  if (stock > 0) return { inventory: [{ warehouse_id: warehouseId, quantity: stock }] };
  return existing ? {} : { inventory: [{ warehouse_id: warehouseId }] };
}

/** The `skus` of a create or partial-edit body (a top-level property: a partial edit sends it whole). */
export function tiktokSkusBody(cl: ChannelListing, ctx: Pick<TikTokPayloadContext, 'warehouseId' | 'existing' | 'namespaceSkus'>): TikTokSkuBody[] {
  const { listing } = cl;
  const skuIds = new Map((ctx.existing?.skus ?? []).map((s) => [s.sellerSku, s.skuId]));
  const sales = tiktokSalesAttributes(cl).perVariant;
  return listing.variants.map((v, i) => ({
    // partial-edit-product.spec.json: an existing SKU keeps its id; a SKU id left out is deleted.
    ...(skuIds.has(v.sku) ? { id: skuIds.get(v.sku) } : {}),
    // create-product.spec.json: seller_sku 1-50 characters, no spaces.
    seller_sku: tiktokSellerSku(listing, v.sku, ctx.namespaceSkus),
    // create-product.spec.json: external_sku_id up to 999 characters.
    external_sku_id: v.id,
    // create-product.spec.json: price.amount and currency IDR. The regular price: campaign
    // prices go out as promotion activities (promotion/update-activity-product.spec.json).
    price: { amount: regularPriceOf(v), currency: 'IDR' as const },
    ...inventoryOf(v.stock, skuIds.has(v.sku), ctx.warehouseId),
    // create-product.spec.json: sales_attributes may be omitted with one SKU, required otherwise.
    ...(listing.variants.length > 1 ? { sales_attributes: sales[i] } : {}),
  }));
}

/** A validated listing as TikTok Shop's create / partial-edit body. */
export function tiktokProductBody(cl: ChannelListing, images: ChannelImageRef[], ctx: TikTokPayloadContext): TikTokProductBody {
  const { listing, category } = cl;
  if (!category) throw new Error('tiktokProductBody needs a category mapping; validate the listing first');
  const dims = shippedDimensions(listing);
  return {
    // create-product.spec.json: title 25-255 characters outside DE/ES/FR/IE/IT/JP/UK/US/BR/MX.
    title: listing.title.id.trim(),
    // create-product.spec.json: description in HTML, at most 10,000 characters.
    description: descriptionHtml(listing.description.id),
    // create-product.spec.json: a leaf category_id of category_version v1 (the default outside the US).
    category_id: category.categoryId,
    // create-product.spec.json: main_images[].uri from Upload Product Image, at most 9.
    main_images: imageRefsFor(listing, images, TIKTOK_SHOP_LIMITS.images.max).map((i) => ({ uri: i.ref })),
    skus: tiktokSkusBody(cl, ctx),
    // create-product.spec.json: package_weight value in KILOGRAM (up to 3 decimals).
    package_weight: { value: gramsToKg(listing.weightGrams), unit: 'KILOGRAM' },
    // create-product.spec.json: package_dimensions as positive whole numbers in CENTIMETER: the parcel as shipped
    // when the artisan gave its size, else the piece's.
    package_dimensions: {
      length: String(Math.ceil(dims.length)),
      width: String(Math.ceil(dims.width)),
      height: String(Math.ceil(dims.height)),
      unit: 'CENTIMETER',
    },
    // create-product.spec.json: product_attributes[].values by built-in id, or a name where customizable.
    product_attributes: tiktokProductAttributes(cl).attributes,
    // create-product.spec.json: external_product_id up to 999 characters.
    external_product_id: listing.id,
    // create-product.spec.json: listing_platforms "Applicable only for sellers that migrated from Tokopedia".
    ...(ctx.listingPlatforms?.length ? { listing_platforms: ctx.listingPlatforms } : {}),
  };
}

/**
 * What the product body carries, for the export's content hash: exactly the body without the
 * channel's ids, images as their source URLs and stock left out (it goes on its own).
 */
export function tiktokHashContent(cl: ChannelListing, ctx: Pick<TikTokPayloadContext, 'listingPlatforms' | 'namespaceSkus'>): unknown {
  const { listing, category } = cl;
  const sales = tiktokSalesAttributes(cl).perVariant;
  return {
    title: listing.title.id.trim(),
    description: descriptionHtml(listing.description.id),
    category_id: category?.categoryId ?? null,
    photos: listing.photos.slice(0, TIKTOK_SHOP_LIMITS.images.max).map((p) => p.urls.full),
    skus: listing.variants.map((v, i) => ({
      seller_sku: tiktokSellerSku(listing, v.sku, ctx.namespaceSkus),
      external_sku_id: v.id,
      price: regularPriceOf(v),
      ...(listing.variants.length > 1 ? { sales_attributes: sales[i] } : {}),
    })),
    package_weight: gramsToKg(listing.weightGrams),
    // The package size when given, else the piece's: the same numbers the body sends, so a new package size re-sends it.
    package_dimensions: [shippedDimensions(listing)].flatMap((d) => [d.length, d.width, d.height]).map(Math.ceil),
    product_attributes: tiktokProductAttributes(cl).attributes,
    listing_platforms: ctx.listingPlatforms ?? null,
  };
}
