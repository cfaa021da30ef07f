import type { ChannelLimits, ChannelListing, ValidationProblem } from '../channel-adapter';
import { missingAttributes, optionsKey, parseRupiah, regularPriceOf } from '../listing-content';

/** TikTok Shop's documented rules for a product (Indonesia). */
export const TIKTOK_SHOP_LIMITS: ChannelLimits = {
  requestsPerSecond: 50,
  rateLimitScope: 'api',
  // Prices and stock are updated per product, and a product has at most 100 SKUs.
  priceStockBatchMax: 100,
  titleLength: { min: 25, max: 255 },
  images: { min: 1, max: 9, minPx: 300, maxPx: 4000, maxBytes: 5 * 1024 * 1024 },
  skus: { min: 1, max: 100 },
};

export const TIKTOK_PRICE_IDR = { min: 100n, max: 100_000_000n } as const;
export const TIKTOK_MAX_STOCK = 999_999;
export const TIKTOK_SELLER_SKU_MAX = 50;
export const TIKTOK_DESCRIPTION_MAX = 10_000;

// Chinese characters are not allowed in titles outside China.
const HAN = /\p{Script=Han}/u;

/** Everything TikTok Shop would refuse in this listing, before it is sent. */
export function validateForTikTokShop({ listing, category }: ChannelListing): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const add = (field: string, reason: string) => problems.push({ field, reason });
  const { min, max } = TIKTOK_SHOP_LIMITS.titleLength;

  const title = listing.title.id.trim();
  if (title.length < min || title.length > max) {
    add('title', `TikTok Shop needs a title of ${min}–${max} characters; this one has ${title.length}. ${title.length < min ? 'Describe the piece more fully (craft, material, origin).' : 'Shorten it.'}`);
  }
  if (HAN.test(title)) add('title', 'TikTok Shop does not allow Chinese characters in a title.');

  const description = listing.description.id.trim();
  if (!description) add('description', 'TikTok Shop needs a description: write a few sentences about the piece.');
  else if (description.length > TIKTOK_DESCRIPTION_MAX - 1000) {
    // The HTML we wrap it in needs room inside TikTok's 10,000 characters.
    add('description', `TikTok Shop takes descriptions up to about ${TIKTOK_DESCRIPTION_MAX - 1000} characters; this one has ${description.length}.`);
  }

  if (!category) {
    add('category', `The category "${listing.category.names.join(' › ')}" is not mapped to a TikTok Shop category yet: ask a curator to map it.`);
  } else {
    if (!category.categoryId.trim()) add('category', 'The category mapping has no TikTok Shop category id: ask a curator to fix it.');
    problems.push(...missingAttributes(listing, category, 'TikTok Shop'));
  }

  const photos = listing.photos.length;
  const images = TIKTOK_SHOP_LIMITS.images;
  if (photos < images.min) add('photos', 'TikTok Shop needs at least one photo: add a photo of the piece.');
  // More than the channel takes is no refusal: the first ones are sent (see imageUrlsFor).

  if (!(listing.weightGrams > 0)) add('weight', 'TikTok Shop needs the package weight: enter the weight in grams.');
  const dims = listing.dimensionsCm;
  if (!(dims.length > 0 && dims.width > 0 && dims.height > 0)) add('dimensions', 'TikTok Shop needs the package length, width and height in centimetres.');

  const skus = listing.variants;
  const limits = TIKTOK_SHOP_LIMITS.skus;
  if (skus.length < limits.min) add('variants', 'TikTok Shop needs at least one variant with a SKU, price and stock.');
  if (skus.length > limits.max) add('variants', `TikTok Shop takes at most ${limits.max} variants per product; this listing has ${skus.length}.`);
  const seen = new Set<string>();
  const combos = new Set<string>();
  skus.forEach((v, i) => {
    const field = `variants[${i}]`;
    if (!v.sku || v.sku.length > TIKTOK_SELLER_SKU_MAX) add(`${field}.sku`, `TikTok Shop takes SKUs of 1–${TIKTOK_SELLER_SKU_MAX} characters; "${v.sku}" has ${v.sku.length}.`);
    if (/\s/.test(v.sku)) add(`${field}.sku`, `TikTok Shop does not allow spaces in a SKU: change "${v.sku}".`);
    if (seen.has(v.sku)) add(`${field}.sku`, `The SKU "${v.sku}" is used twice in this listing; each variant needs its own.`);
    seen.add(v.sku);
    // The regular price is what TikTok Shop is sent (see the payload).
    const price = parseRupiah(regularPriceOf(v));
    if (price === null || price < TIKTOK_PRICE_IDR.min || price > TIKTOK_PRICE_IDR.max) {
      add(`${field}.price`, `TikTok Shop takes prices from Rp ${TIKTOK_PRICE_IDR.min} to Rp ${TIKTOK_PRICE_IDR.max.toLocaleString('id-ID')}; ${v.sku} costs ${regularPriceOf(v)}.`);
    }
    if (!Number.isInteger(v.stock) || v.stock < 0 || v.stock > TIKTOK_MAX_STOCK) add(`${field}.stock`, `TikTok Shop takes stock from 0 to ${TIKTOK_MAX_STOCK}; ${v.sku} has ${v.stock}.`);
    if (skus.length > 1) {
      const key = optionsKey(v.options);
      if (!key) add(`${field}.options`, `With several variants, TikTok Shop needs each to name its option (colour, size…); ${v.sku} has none.`);
      else if (combos.has(key)) add(`${field}.options`, `Two variants have the same options (${key}); TikTok Shop needs them to differ.`);
      combos.add(key);
    }
  });
  return problems;
}
