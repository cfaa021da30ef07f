import type { ChannelImageRef, ChannelListing, ChannelProductRef, PriceStockItem } from '../channel-adapter';
import { channelSkuFor, cm2, descriptionHtml, gramsToKg, imageRefsFor, livePromotion, regularPriceOf, shippedDimensions } from '../listing-content';
import { resolveLazadaAttributes } from './lazada.attributes';
import { LAZADA_LIMITS } from './lazada.rules';

// The JSON `payload` of Lazada's product API, `{ Request: { Product: … } }`
// (processed/lazada/guides/api-best-practice/product-operation/product-management/create-a-product.md, update-a-product.md).

export interface LazadaSkuBody {
  // update-a-product.md: SkuId locates an existing SKU (4216: mandatory on update for existing SKUs)
  SkuId?: string;
  // create-a-product.md: SellerSku mandatory; update-a-product.md: unique in the store, not changeable
  SellerSku: string;
  quantity: string;
  price: string;
  // create-a-product.md: special_price with its dates; from_date/to_date need special_price
  special_price?: string;
  special_from_date?: string;
  special_to_date?: string;
  // create-a-product.md: package_* mandatory, two decimals at most, cm and kg
  package_length: string;
  package_width: string;
  package_height: string;
  package_weight: string;
  // create-a-product.md: saleProp keyed by the category's sale attributes
  saleProp?: Record<string, string>;
  // get-category-attributes.md: attributes of attribute_type "sku" go in the Sku
  [skuAttribute: string]: unknown;
}

export interface LazadaProductBody {
  ItemId?: string;
  // update-a-product.md: a new SKU on an existing product names one of its SKUs here
  AssociatedSku?: string;
  PrimaryCategory: string;
  // create-a-product.md: Images.Image must be an array of Lazada image URLs, at most 8
  Images: { Image: string[] };
  Attributes: Record<string, string>;
  Skus: { Sku: LazadaSkuBody[] };
}

export interface LazadaRequest<T> {
  Request: T;
}

export interface LazadaPayloadOptions {
  /** The product as Lazada holds it (an update). */
  existing?: ChannelProductRef;
  /** brand_id of "No Brand", used unless a curator set a brand; the adapter looks it up. */
  noBrandId?: string;
  /** Send each SKU under its artisan's namespace (a council-wide store). */
  namespaceSkus?: boolean;
  now?: number;
}

/** Lazada Indonesia reads times as 'YYYY-MM-DD HH:mm:ss' in the seller's zone, WIB (UTC+7). */
export function lazadaTime(at: string | number): string {
  return new Date(new Date(at).getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The SellerSku Lazada holds for one of our variants. */
export const lazadaSellerSku = ({ listing }: ChannelListing, sku: string, namespaced = false) => channelSkuFor(listing.artisan.id, sku, namespaced);

/**
 * A validated listing as Lazada's create/update payload: the regular price, and a live campaign
 * price as the SKU's special price from now to the campaign's end. On an update, SKUs Lazada
 * already holds carry their SkuId, and new ones are tied to the product by AssociatedSku.
 * (An older signature passed `existing` third; it still works.)
 */
export function lazadaProductPayload(
  channelListing: ChannelListing,
  images: ChannelImageRef[],
  existingOrOptions?: ChannelProductRef | LazadaPayloadOptions,
  nowArg?: number,
): LazadaRequest<{ Product: LazadaProductBody }> {
  const options: LazadaPayloadOptions = existingOrOptions && 'productId' in existingOrOptions ? { existing: existingOrOptions } : { ...existingOrOptions };
  const now = nowArg ?? options.now ?? Date.now();
  const { listing, category } = channelListing;
  if (!category) throw new Error('lazadaProductPayload needs a category mapping; validate the listing first');
  const { existing } = options;
  const resolved = resolveLazadaAttributes(channelListing);
  const promotion = livePromotion(listing, now);
  const held = new Map((existing?.skus ?? []).map((s) => [s.sellerSku, s]));
  // update-a-product.md: a SKU's SellerSku cannot be changed, so one Lazada holds keeps the SellerSku it has
  // (a product made before its account was namespaced keeps our plain SKU).
  const sellerSku = (sku: string) => {
    const ref = held.get(sku);
    return ref ? (ref.channelSku ?? ref.sellerSku) : lazadaSellerSku(channelListing, sku, options.namespaceSkus);
  };
  // create-a-product.md: package_length/width/height are the package's: the parcel as shipped when the artisan gave it
  const dims = shippedDimensions(listing);
  const skus: LazadaSkuBody[] = listing.variants.map((v) => {
    const saleProp = resolved.saleProps.get(v.sku);
    return {
      ...(held.has(v.sku) ? { SkuId: held.get(v.sku)!.skuId } : {}),
      SellerSku: sellerSku(v.sku),
      quantity: String(v.stock),
      price: regularPriceOf(v),
      ...(promotion?.prices[v.sku]
        ? { special_price: promotion.prices[v.sku], special_from_date: lazadaTime(now), special_to_date: lazadaTime(promotion.endsAt) }
        : {}),
      package_length: cm2(dims.length),
      package_width: cm2(dims.width),
      package_height: cm2(dims.height),
      package_weight: gramsToKg(listing.weightGrams),
      ...resolved.sku,
      ...(saleProp ? { saleProp } : {}),
    };
  });
  // custom-sales-attributes.md (UpdateProduct CASE1): AssociatedSku is one of the product's own seller SKUs
  const associated = existing?.skus.find((s) => listing.variants.some((v) => v.sku === s.sellerSku)) ?? existing?.skus[0];
  const adding = !!existing && skus.some((s) => !s.SkuId);
  return {
    Request: {
      Product: {
        ...(existing ? { ItemId: existing.productId } : {}),
        ...(adding && associated ? { AssociatedSku: associated.channelSku ?? associated.sellerSku } : {}),
        PrimaryCategory: category.categoryId,
        Images: { Image: imageRefsFor(listing, images, LAZADA_LIMITS.images.max).map((i) => i.ref) },
        Attributes: {
          ...resolved.product,
          // create-a-product.md: brand_id from GetBrandByPages ("brand" is deprecated)
          brand_id: resolved.brandId ?? options.noBrandId ?? 'No Brand',
          name: listing.title.id.trim(),
          description: descriptionHtml(listing.description.id),
        },
        Skus: { Sku: skus },
      },
    },
  };
}

/** One batch of /product/price_quantity/update (updatepricequantity.json); only what changes is sent. */
export function lazadaPriceQuantityPayload(items: PriceStockItem[]) {
  return {
    Request: {
      Product: {
        Skus: {
          Sku: items.map((i) => ({
            // inventory-management-api.md: ItemId and SkuId locate the SKU; SellerSku as Lazada holds it
            ItemId: i.productId,
            SkuId: i.skuId,
            SellerSku: i.channelSku ?? i.sellerSku,
            ...(i.price !== undefined ? { Price: i.price } : {}),
            ...(i.stock !== undefined ? { Quantity: String(i.stock) } : {}),
            ...(i.special ? { SalePrice: i.special.price, SaleStartDate: lazadaTime(i.special.from), SaleEndDate: lazadaTime(i.special.to) } : {}),
          })),
        },
      },
    },
  };
}
