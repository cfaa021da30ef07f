import type { ChannelLimits, ChannelListing, ValidationProblem } from '../channel-adapter';
import { missingAttributes, optionsKey, parseRupiah } from '../listing-content';

/**
 * Lazada's rules for a product (Indonesia). Lazada publishes no request rate; 20 a second per
 * API for an app and seller is our assumption, shared with the sandbox, and configurable.
 */
export const LAZADA_LIMITS: ChannelLimits = {
  requestsPerSecond: 20,
  rateLimitScope: 'api',
  // /product/price_quantity/update takes at most 50 SKUs (Lazada recommends 20).
  priceStockBatchMax: 50,
  titleLength: { min: 1, max: 255 },
  images: { min: 1, max: 8, minPx: 330, maxPx: 5000, maxBytes: 3 * 1024 * 1024 },
  // Lazada documents no cap; this is the catalogue's own.
  skus: { min: 1, max: 100 },
};

export const LAZADA_DESCRIPTION_MAX = 25_000;
/** Lazada's own brand for unbranded goods, used unless the category mapping names one. */
export const LAZADA_NO_BRAND = 'No Brand';

/** Everything Lazada would refuse in this listing, before it is sent. */
export function validateForLazada({ listing, category }: ChannelListing): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const add = (field: string, reason: string) => problems.push({ field, reason });
  const { max } = LAZADA_LIMITS.titleLength;

  const name = listing.title.id.trim();
  if (!name) add('title', 'Lazada needs a product name.');
  if (name.length > max) add('title', `Lazada takes names up to ${max} characters; this one has ${name.length}. Shorten it.`);
  if (listing.description.id.length > LAZADA_DESCRIPTION_MAX - 2000) {
    add('description', `Lazada takes descriptions up to about ${LAZADA_DESCRIPTION_MAX - 2000} characters; this one has ${listing.description.id.length}.`);
  }

  if (!category) {
    add('category', `The category "${listing.category.names.join(' › ')}" is not mapped to a Lazada category yet: ask a curator to map it.`);
  } else {
    if (!category.categoryId.trim()) add('category', 'The category mapping has no Lazada category id: ask a curator to fix it.');
    problems.push(...missingAttributes(listing, category, 'Lazada'));
  }

  if (listing.photos.length < LAZADA_LIMITS.images.min) add('photos', 'Lazada needs at least one photo: add a photo of the piece.');

  if (!(listing.weightGrams > 0)) add('weight', 'Lazada needs the package weight: enter the weight in grams.');
  const dims = listing.dimensionsCm;
  if (!(dims.length > 0 && dims.width > 0 && dims.height > 0)) add('dimensions', 'Lazada needs the package length, width and height in centimetres.');

  const skus = listing.variants;
  if (skus.length < LAZADA_LIMITS.skus.min) add('variants', 'Lazada needs at least one variant with a SKU, price and stock.');
  const seen = new Set<string>();
  const combos = new Set<string>();
  skus.forEach((v, i) => {
    const field = `variants[${i}]`;
    if (!v.sku.trim()) add(`${field}.sku`, 'Lazada needs a SKU for every variant.');
    if (seen.has(v.sku)) add(`${field}.sku`, `The SKU "${v.sku}" is used twice in this listing; each variant needs its own.`);
    seen.add(v.sku);
    const price = parseRupiah(v.price);
    if (price === null || price <= 0n) add(`${field}.price`, `Lazada needs a price above zero, in whole rupiah; ${v.sku} costs ${v.price}.`);
    if (!Number.isInteger(v.stock) || v.stock < 0) add(`${field}.stock`, `Lazada needs a stock of zero or more; ${v.sku} has ${v.stock}.`);
    if (skus.length > 1) {
      const key = optionsKey(v.options);
      if (!key) add(`${field}.options`, `With several variants, Lazada needs each to name its option (colour, size…); ${v.sku} has none.`);
      else if (combos.has(key)) add(`${field}.options`, `Two variants have the same options (${key}); Lazada needs them to differ.`);
      combos.add(key);
    }
  });
  return problems;
}
