import type { ChannelLimits, ChannelListing, ValidationProblem } from '../channel-adapter';
import { optionsKey, parseRupiah, shippedDimensions } from '../listing-content';
import { resolveLazadaAttributes } from './lazada.attributes';

/**
 * Lazada's rules for a product (Indonesia), each from the documentation under data/ of
 * lazykern/ecommerce-api-docs. Lazada publishes no general request rate: 20 a second per API for
 * an app and seller is our assumption, shared with the sandbox, and configurable.
 */
export const LAZADA_LIMITS: ChannelLimits = {
  requestsPerSecond: 20,
  rateLimitScope: 'api',
  // raw/lazada/apis/product-api/updatepricequantity.json: at most 50 SKUs (4171), 20 recommended
  priceStockBatchMax: 50,
  // processed/.../create-a-product.md: name "Maximum 255 characters"; createproduct.json 4160 says 255 bytes: stricter, bytes
  titleLength: { min: 1, max: 255 },
  // processed/.../image-upload.md: 330–5000 px, jpg/png, 3145728 bytes; uploadimage.json and migrateimage.json say 1MB:
  // the stricter, 1 MiB. createproduct.json 4169: at most 8 images.
  images: { min: 1, max: 8, minPx: 330, maxPx: 5000, maxBytes: 1024 * 1024 },
  // create-update-product-q-a.md (ServiceTimeout): more than 50 SKUs in one create/update times out
  skus: { min: 1, max: 50 },
};

// create-a-product.md: description "Maximum 25000 characters"
export const LAZADA_DESCRIPTION_MAX = 25_000;
// createproduct.json 4164: package weight over 40 kg; 4165: length + width + height over 300 cm
export const LAZADA_MAX_WEIGHT_KG = 40;
export const LAZADA_MAX_DIMENSION_SUM_CM = 300;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
export const LAZADA_SPECIAL_CHARACTERS = '"^~<>|';

/** Everything Lazada would refuse in this listing, before it is sent. */
export function validateForLazada(channelListing: ChannelListing): ValidationProblem[] {
  const { listing, category } = channelListing;
  const problems: ValidationProblem[] = [];
  const add = (field: string, code: string, params: Record<string, string | number>, reason: string) => problems.push({ field, code, params, reason });
  const { max } = LAZADA_LIMITS.titleLength;

  const name = listing.title.id.trim();
  if (!name) add('title', 'lazada.title_missing', {}, 'Lazada needs a product name.');
  if (bytes(name) > max) add('title', 'lazada.title_too_long', { max, length: bytes(name) }, `Lazada takes names up to ${max} bytes; this one has ${bytes(name)}. Shorten it.`);
  // The description goes out as HTML (paragraph tags added): leave room for them.
  const descriptionMax = LAZADA_DESCRIPTION_MAX - 2000;
  if (listing.description.id.length > descriptionMax) {
    add('description', 'lazada.description_too_long', { max: descriptionMax, length: listing.description.id.length }, `Lazada takes descriptions up to about ${descriptionMax} characters; this one has ${listing.description.id.length}.`);
  }

  // createproduct.json 4129 BIZ_CHECK_PROP_SPECIAL_CHAR: "Special characters are not allowed: "^~<>|" in property
  // values; the docs do not say which, so the name and every attribute and variant value are held to it (stricter).
  const special = (field: string, label: string, value: string) => {
    const found = [...new Set([...value].filter((c) => LAZADA_SPECIAL_CHARACTERS.includes(c)))];
    if (found.length) {
      add(field, 'lazada.special_characters', { characters: found.join(' '), value }, `Lazada does not take the characters ${found.join(' ')} in ${label} ("${value}"): remove them.`);
    }
  };
  special('title', 'the name', name);

  if (!category) {
    const path = listing.category.names.join(' › ');
    add('category', 'lazada.category_unmapped', { category: path }, `The category "${path}" is not mapped to a Lazada category yet: ask a curator to map it.`);
  } else {
    if (!category.categoryId.trim()) add('category', 'lazada.category_id_missing', {}, 'The category mapping has no Lazada category id: ask a curator to fix it.');
    const resolved = resolveLazadaAttributes(channelListing);
    problems.push(...resolved.problems);
    for (const [key, value] of Object.entries({ ...resolved.product, ...resolved.sku })) special(`attributes.${key}`, `"${key}"`, value);
    listing.variants.forEach((v, i) => {
      for (const value of Object.values(resolved.saleProps.get(v.sku) ?? {})) special(`variants[${i}].options`, `the option of ${v.sku}`, value);
    });
  }

  // create-a-product.md / createproduct.json 4139 BIZ_CHECK_MAIN_IMAGE_REQUIRE
  if (listing.photos.length < LAZADA_LIMITS.images.min) add('photos', 'lazada.photos_missing', {}, 'Lazada needs at least one photo: add a photo of the piece.');

  // create-a-product.md: package_weight (kg) and package_length/width/height (cm) are mandatory
  if (!(listing.weightGrams > 0)) add('weight', 'lazada.weight_missing', {}, 'Lazada needs the package weight: enter the weight in grams.');
  else if (listing.weightGrams / 1000 > LAZADA_MAX_WEIGHT_KG) {
    add('weight', 'lazada.weight_too_heavy', { max: LAZADA_MAX_WEIGHT_KG, kg: listing.weightGrams / 1000 }, `Lazada takes packages up to ${LAZADA_MAX_WEIGHT_KG} kg; this one weighs ${listing.weightGrams / 1000} kg.`);
  }
  // The package sent is the artisan's package size, else the piece's own size (shippedDimensions).
  const dims = shippedDimensions(listing);
  const sum = Math.round((dims.length + dims.width + dims.height) * 10) / 10;
  if (!(dims.length > 0 && dims.width > 0 && dims.height > 0)) add('dimensions', 'lazada.dimensions_missing', {}, 'Lazada needs the package length, width and height in centimetres.');
  else if (sum > LAZADA_MAX_DIMENSION_SUM_CM && dims.source === 'piece') {
    // A cloth ships folded: the piece is too big, the parcel usually is not. The package size fixes it.
    add('packageCm', 'lazada.package_size_needed', { max: LAZADA_MAX_DIMENSION_SUM_CM, sum },
      `Lazada takes packages whose length, width and height add up to ${LAZADA_MAX_DIMENSION_SUM_CM} cm at most; the piece itself adds up to ${sum} cm. Enter the package size: the parcel as shipped, e.g. the cloth folded.`);
  } else if (sum > LAZADA_MAX_DIMENSION_SUM_CM) {
    add('packageCm', 'lazada.dimensions_too_large', { max: LAZADA_MAX_DIMENSION_SUM_CM, sum }, `Lazada takes packages whose length, width and height add up to ${LAZADA_MAX_DIMENSION_SUM_CM} cm at most; this one adds up to ${sum} cm.`);
  }

  const skus = listing.variants;
  if (skus.length < LAZADA_LIMITS.skus.min) add('variants', 'lazada.variants_missing', {}, 'Lazada needs at least one variant with a SKU, price and stock.');
  if (skus.length > LAZADA_LIMITS.skus.max) {
    add('variants', 'lazada.too_many_variants', { max: LAZADA_LIMITS.skus.max, count: skus.length }, `Lazada takes at most ${LAZADA_LIMITS.skus.max} variants in one product; this listing has ${skus.length}.`);
  }
  const seen = new Set<string>();
  const combos = new Set<string>();
  skus.forEach((v, i) => {
    const field = `variants[${i}]`;
    if (!v.sku.trim()) add(`${field}.sku`, 'lazada.sku_missing', { index: i + 1 }, 'Lazada needs a SKU for every variant.');
    if (seen.has(v.sku)) add(`${field}.sku`, 'lazada.sku_repeated', { sku: v.sku }, `The SKU "${v.sku}" is used twice in this listing; each variant needs its own.`);
    seen.add(v.sku);
    const price = parseRupiah(v.price);
    if (price === null || price <= 0n) add(`${field}.price`, 'lazada.price_invalid', { sku: v.sku, price: v.price }, `Lazada needs a price above zero, in whole rupiah; ${v.sku} costs ${v.price}.`);
    if (!Number.isInteger(v.stock) || v.stock < 0) add(`${field}.stock`, 'lazada.stock_invalid', { sku: v.sku, stock: v.stock }, `Lazada needs a stock of zero or more; ${v.sku} has ${v.stock}.`);
    if (skus.length > 1) {
      // createproduct.json 4113 (sale attribute not filled in) and 4112 (the same on two SKUs)
      const key = optionsKey(v.options);
      if (!key) add(`${field}.options`, 'lazada.options_missing', { sku: v.sku }, `With several variants, Lazada needs each to name its option (colour, size…); ${v.sku} has none.`);
      else if (combos.has(key)) add(`${field}.options`, 'lazada.options_repeated', { options: key }, `Two variants have the same options (${key}); Lazada needs them to differ.`);
      combos.add(key);
    }
  });
  return problems;
}
