import type { ChannelLimits, ChannelListing, ValidationProblem } from '../channel-adapter';
import { channelSkuFor, optionsKey, parseRupiah, regularPriceOf, shippedDimensions } from '../listing-content';
import { tiktokProductAttributes, tiktokSalesAttributes } from './tiktok-shop.attributes';

/** TikTok Shop's documented rules for a product (Indonesia). Sources beside each figure. */
export const TIKTOK_SHOP_LIMITS: ChannelLimits = {
  // developer-guide/tiktok-shop-api-concepts/rate-limits.json: 50 QPS per API, per app and shop.
  requestsPerSecond: 50,
  rateLimitScope: 'api',
  // products/update-inventory.spec.json, update-price.spec.json: one product's SKUs per call, and a product has at most 100.
  priceStockBatchMax: 100,
  // products/create-product.spec.json: title [25, 255] in "Other regions" (ID).
  titleLength: { min: 25, max: 255 },
  // products/create-product.spec.json: main_images max 9, [300x300, 4000x4000] px;
  // products/upload-product-image.spec.json: max 10MB (5 MB kept: our stricter, older figure).
  images: { min: 1, max: 9, minPx: 300, maxPx: 4000, maxBytes: 5 * 1024 * 1024 },
  // products/create-product.spec.json: "Max SKUs for other regions: 100".
  skus: { min: 1, max: 100 },
};

// products/product-pricing.json gives the IDR range; 100 to 100,000,000 is what we hold to.
export const TIKTOK_PRICE_IDR = { min: 100n, max: 100_000_000n } as const;
// products/create-product.spec.json and update-inventory.spec.json: quantity "Valid range: [1, 99,999]".
export const TIKTOK_STOCK = { min: 1, max: 99_999 } as const;
// products/create-product.spec.json: seller_sku "Valid length: 1-50 characters", "Text without spaces".
export const TIKTOK_SELLER_SKU_MAX = 50;
// products/create-product.spec.json: description "Max length: 10,000 characters".
export const TIKTOK_DESCRIPTION_MAX = 10_000;

// products/create-product.spec.json error 12052262: Chinese characters are not supported in product name.
const HAN = /\p{Script=Han}/u;

/**
 * products/create-product.spec.json errors 12052931 (title) and 12052932 (description): no HTML
 * escape characters (e.g. &nbsp;), emojis or ASCII control characters, not symbols alone, no
 * character more than 9 times in a row. The first problem found, in words, or null.
 */
export function tiktokTextFault(text: string): { rule: string; reason: string } | null {
  if (/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i.test(text)) return { rule: 'html_escape', reason: 'an HTML escape such as &nbsp;' };
  if (/\p{Extended_Pictographic}/u.test(text)) return { rule: 'emoji', reason: 'an emoji' };
  // Line breaks are paragraphs and <br> in the HTML we send; other control characters are refused.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) return { rule: 'control', reason: 'an invisible control character' };
  if (text.trim() && !/[\p{L}\p{N}]/u.test(text)) return { rule: 'symbols_only', reason: 'symbols only' };
  const run = /(.)\1{9,}/su.exec(text);
  if (run) return { rule: 'repeated', reason: `"${run[1]}" more than 9 times in a row` };
  return null;
}

/** Everything TikTok Shop would refuse in this listing, before it is sent. */
export function validateForTikTokShop(cl: ChannelListing, options: { namespaceSkus?: boolean } = {}): ValidationProblem[] {
  const { listing, category } = cl;
  const problems: ValidationProblem[] = [];
  const add = (field: string, code: string, params: Record<string, string | number>, reason: string) => problems.push({ field, code, params, reason });
  const { min, max } = TIKTOK_SHOP_LIMITS.titleLength;

  const title = listing.title.id.trim();
  if (title.length < min || title.length > max) {
    add('title', 'tiktok.title_length', { min, max, length: title.length },
      `TikTok Shop needs a title of ${min}–${max} characters; this one has ${title.length}. ${title.length < min ? 'Describe the piece more fully (craft, material, origin).' : 'Shorten it.'}`);
  }
  if (HAN.test(title)) add('title', 'tiktok.title_chinese', {}, 'TikTok Shop does not allow Chinese characters in a title.');
  const titleFault = tiktokTextFault(title);
  if (titleFault) add('title', 'tiktok.title_format', { rule: titleFault.rule }, `TikTok Shop does not take a title with ${titleFault.reason}: change the title.`);

  const description = listing.description.id.trim();
  if (!description) add('description', 'tiktok.description_required', {}, 'TikTok Shop needs a description: write a few sentences about the piece.');
  else if (description.length > TIKTOK_DESCRIPTION_MAX - 1000) {
    // The HTML we wrap it in needs room inside TikTok's 10,000 characters.
    add('description', 'tiktok.description_length', { max: TIKTOK_DESCRIPTION_MAX - 1000, length: description.length },
      `TikTok Shop takes descriptions up to about ${TIKTOK_DESCRIPTION_MAX - 1000} characters; this one has ${description.length}.`);
  }
  const descriptionFault = description ? tiktokTextFault(description) : null;
  if (descriptionFault) {
    add('description', 'tiktok.description_format', { rule: descriptionFault.rule }, `TikTok Shop does not take a description with ${descriptionFault.reason}: change the description.`);
  }

  if (!category) {
    add('category', 'tiktok.category_unmapped', { category: listing.category.names.join(' › ') },
      `The category "${listing.category.names.join(' › ')}" is not mapped to a TikTok Shop category yet: ask a curator to map it.`);
  } else {
    if (!category.categoryId.trim()) add('category', 'tiktok.category_id_missing', {}, 'The category mapping has no TikTok Shop category id: ask a curator to fix it.');
    problems.push(...tiktokProductAttributes(cl).problems);
  }

  const images = TIKTOK_SHOP_LIMITS.images;
  if (listing.photos.length < images.min) add('photos', 'tiktok.photos_required', { min: images.min }, 'TikTok Shop needs at least one photo: add a photo of the piece.');
  // More than the channel takes is no refusal: the first nine are sent (imageRefsFor).

  // create-product.spec.json: package_weight required, a positive number.
  if (!(listing.weightGrams > 0)) add('weight', 'tiktok.weight_required', {}, 'TikTok Shop needs the package weight: enter the weight in grams.');
  const dims = shippedDimensions(listing);
  // create-product.spec.json says package_dimensions are optional for ID; we always send them, so all three must be positive.
  if (!(dims.length > 0 && dims.width > 0 && dims.height > 0)) add('dimensions', 'tiktok.dimensions_required', {}, 'TikTok Shop needs the package length, width and height in centimetres.');

  const skus = listing.variants;
  const limits = TIKTOK_SHOP_LIMITS.skus;
  if (skus.length < limits.min) add('variants', 'tiktok.variants_required', { min: limits.min }, 'TikTok Shop needs at least one variant with a SKU, price and stock.');
  if (skus.length > limits.max) add('variants', 'tiktok.variants_too_many', { max: limits.max, count: skus.length }, `TikTok Shop takes at most ${limits.max} variants per product; this listing has ${skus.length}.`);
  const seen = new Set<string>();
  const combos = new Set<string>();
  skus.forEach((v, i) => {
    const field = `variants[${i}]`;
    // The SKU as sent: a council-wide store prefixes the artisan's code (see channelSkuFor).
    const sent = channelSkuFor(listing.artisan.id, v.sku, !!options.namespaceSkus);
    if (!v.sku || sent.length > TIKTOK_SELLER_SKU_MAX) {
      add(`${field}.sku`, 'tiktok.sku_length', { sku: v.sku, max: TIKTOK_SELLER_SKU_MAX - (sent.length - v.sku.length), length: v.sku.length },
        `TikTok Shop takes SKUs of 1–${TIKTOK_SELLER_SKU_MAX - (sent.length - v.sku.length)} characters here; "${v.sku}" has ${v.sku.length}.`);
    }
    if (/\s/.test(v.sku)) add(`${field}.sku`, 'tiktok.sku_spaces', { sku: v.sku }, `TikTok Shop does not allow spaces in a SKU: change "${v.sku}".`);
    if (seen.has(v.sku)) add(`${field}.sku`, 'tiktok.sku_duplicate', { sku: v.sku }, `The SKU "${v.sku}" is used twice in this listing; each variant needs its own.`);
    seen.add(v.sku);
    // The regular price is what TikTok Shop is sent (see the payload).
    const price = parseRupiah(regularPriceOf(v));
    if (price === null || price < TIKTOK_PRICE_IDR.min || price > TIKTOK_PRICE_IDR.max) {
      add(`${field}.price`, 'tiktok.price_range', { sku: v.sku, min: Number(TIKTOK_PRICE_IDR.min), max: Number(TIKTOK_PRICE_IDR.max), price: regularPriceOf(v) },
        `TikTok Shop takes prices from Rp ${TIKTOK_PRICE_IDR.min} to Rp ${TIKTOK_PRICE_IDR.max.toLocaleString('id-ID')}; ${v.sku} costs ${regularPriceOf(v)}.`);
    }
    // The documented range is 1-99,999; a sold-out variant (0) goes without a quantity (see inventoryOf in the payload).
    if (!Number.isInteger(v.stock) || v.stock < 0 || v.stock > TIKTOK_STOCK.max) {
      add(`${field}.stock`, 'tiktok.stock_range', { sku: v.sku, min: TIKTOK_STOCK.min, max: TIKTOK_STOCK.max, stock: v.stock },
        `TikTok Shop takes stock from ${TIKTOK_STOCK.min} to ${TIKTOK_STOCK.max.toLocaleString('en')} per SKU (a sold-out SKU goes without one); ${v.sku} has ${v.stock}.`);
    }
    if (skus.length > 1) {
      const key = optionsKey(v.options);
      if (!key) add(`${field}.options`, 'tiktok.options_required', { sku: v.sku }, `With several variants, TikTok Shop needs each to name its option (colour, size…); ${v.sku} has none.`);
      else if (combos.has(key)) add(`${field}.options`, 'tiktok.options_duplicate', { options: key }, `Two variants have the same options (${key}); TikTok Shop needs them to differ.`);
      combos.add(key);
    }
  });
  problems.push(...tiktokSalesAttributes(cl).problems);
  return problems;
}
