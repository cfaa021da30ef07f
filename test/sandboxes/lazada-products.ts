import type { LazadaBrand, LazadaCategory } from './lazada-taxonomy';
import { attributesOf } from './lazada-taxonomy';

// The Lazada sandbox's product rules for /product/create and /product/update, each citing the
// page it follows (paths under data/ of lazykern/ecommerce-api-docs).

type Json = Record<string, any>;

export interface LazadaProblem {
  code: string;
  message: string;
  seller_sku?: string;
}

export const LAZADA_TIME = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/;
const TWO_DECIMALS = /^\d+(\.\d{1,2})?$/;

/**
 * create-a-product.md: special_price with both dates; createproduct.json 4157 (below the price),
 * 4117 (from before to). Times are the seller's local time ('YYYY-MM-DD HH:mm:ss', WIB).
 */
export function specialPriceProblem(at: string, price: unknown, special: unknown, from: unknown, to: unknown, names = ['special_price', 'special_from_date', 'special_to_date']): LazadaProblem | null {
  if (special === undefined && from === undefined && to === undefined) return null;
  if (special === undefined || special === '') return { code: '1', message: `${at}.${names[0]} is mandatory with ${names[1]} and ${names[2]}` };
  if (!(Number(special) > 0)) return { code: '4118', message: `${at}.${names[0]} must be a number above 0` };
  if (!(Number(special) < Number(price))) return { code: '4157', message: `${at}.${names[0]} (${String(special)}) must be lower than the price (${String(price)}): the discount price must be cheaper than the regular price` };
  for (const [name, value] of [[names[1], from], [names[2], to]] as const) {
    if (typeof value !== 'string' || !LAZADA_TIME.test(value)) return { code: '5', message: `${at}.${name} must be a time as 'YYYY-MM-DD HH:mm:ss'` };
  }
  if (!(String(from) < String(to))) return { code: '4117', message: `${at}.${names[1]} must be before ${names[2]}` };
  return null;
}

// Sku fields the docs name (create-a-product.md, update-a-product.md); others must be the category's sku-level attributes.
const SKU_FIELDS = new Set(['SkuId', 'SellerSku', 'quantity', 'price', 'special_price', 'special_from_date', 'special_to_date', 'package_length', 'package_width', 'package_height', 'package_weight', 'saleProp', 'Images', 'Status', 'color_thumbnail']);
// create-a-product.md / update-a-product.md Attributes beside the category's own
const PRODUCT_FIELDS = new Set(['name', 'description', 'short_description', 'brand', 'brand_id', 'video', 'disableAutoFillAttribute', 'd_description', 'd_short_description', 'remove_video']);

export interface ProductContext {
  category: LazadaCategory | undefined;
  brands: Map<string, LazadaBrand>;
  noBrandId: string;
  /** Is this a Lazada image URL issued to the seller? */
  ownImage(url: string): boolean;
  /** The item (another of the store's) that holds this SellerSku, if any. */
  skuHolder(sellerSku: string): string | null;
  /** On update: the SKUs the item holds. */
  existing?: Array<{ skuId: string; sellerSku: string; saleProp: Record<string, string> }>;
}

const SPECIAL = /["^~<>|]/;
const HTML_FIELDS = new Set(['description', 'short_description']);

const isSelect = (type: string) => type === 'singleSelect' || type === 'multiSelect';

/** What Lazada would refuse in a product body; the first problem's code answers. */
export function productProblems(product: Json | undefined, ctx: ProductContext, update: boolean): LazadaProblem[] {
  const problems: LazadaProblem[] = [];
  const add = (code: string, message: string, seller_sku?: string) => problems.push({ code, message, ...(seller_sku ? { seller_sku } : {}) });
  // create-update-product-q-a.md Q1 (1001): Images.Image and Skus.Sku must be arrays
  if (!product || typeof product !== 'object') return [{ code: '1', message: 'Request.Product is mandatory' }];
  const { category } = ctx;
  if (!update || product.PrimaryCategory !== undefined) {
    // createproduct.json E201 Invalid CategoryId; 4134 "Please select the last level category."
    if (!product.PrimaryCategory) add('1', 'Parameter PrimaryCategory is mandatory');
    else if (!category) add('201', `${String(product.PrimaryCategory)} Invalid CategoryId`);
    else if (!category.leaf) add('4134', 'Please select the last level category.');
  }
  const attrDefs = category?.leaf ? attributesOf(category) : [];
  const defByName = new Map(attrDefs.map((a) => [a.name, a]));

  const images = product.Images?.Image;
  if (product.Images !== undefined && !Array.isArray(images)) add('1001', 'The parameters are not in JSON format: Images.Image must be an array');
  else if (Array.isArray(images)) {
    if (images.length > 8) add('4169', `Upload a maximum of 8 pictures (got ${images.length})`);
    // image-upload.md / create-a-product.md: only Lazada image URLs
    for (const url of images) if (!ctx.ownImage(String(url))) add('4138', `The image exists in the outer link: ${String(url)} (upload or migrate it first)`);
  }
  // createproduct.json 4139: at least one main image
  if (!update && !(Array.isArray(images) && images.length)) add('4139', 'BIZ_CHECK_MAIN_IMAGE_REQUIRE: Main image is require');

  const rawAttrs: unknown = product.Attributes ?? {};
  // update-a-product.md CASE1 sends "Attributes": "" on SKU-only updates
  const attrs: Json = rawAttrs && typeof rawAttrs === 'object' && !Array.isArray(rawAttrs) ? (rawAttrs as Json) : {};
  if (rawAttrs !== '' && attrs !== rawAttrs) add('1001', 'The parameters are not in JSON format: Attributes must be an object');
  if (!update || attrs.name !== undefined) {
    if (typeof attrs.name !== 'string' || !attrs.name.trim()) add('4108', 'CHK_BASIC_REQUIRED: Attributes.name is mandatory');
    // create-a-product.md: 255 characters; createproduct.json 4160: 255 bytes (stricter)
    else if (Buffer.byteLength(attrs.name, 'utf8') > 255) add('4160', `The max length of title can not exceed 255 bytes (got ${Buffer.byteLength(attrs.name, 'utf8')})`);
  }
  if (typeof attrs.description === 'string' && attrs.description.length > 25_000) add('5', 'Attributes.description: maximum 25000 characters');
  // createproduct.json 4129: "Special characters are not allowed: "^~<>|" in property values; the HTML descriptions aside
  for (const [key, value] of Object.entries(attrs)) {
    if (!HTML_FIELDS.has(key) && typeof value === 'string' && SPECIAL.test(value)) add('4129', `BIZ_CHECK_PROP_SPECIAL_CHAR: Special characters are not allowed: "^~<>| (Attributes.${key})`);
  }
  // create-a-product.md: brand_id mandatory, "brand" deprecated: the stricter reading refuses brand alone
  if (!update || attrs.brand_id !== undefined || attrs.brand !== undefined) {
    if (attrs.brand_id === undefined || attrs.brand_id === '') add('1', 'Parameter Attributes.brand_id is mandatory ("brand" is deprecated)');
    else if (!ctx.brands.has(String(attrs.brand_id))) add('4142', `THD_BRAND_ID_IS_NOT_VALID_IN_CATEGORY: brand_id ${String(attrs.brand_id)} does not exist`);
    else if (String(attrs.brand_id) === ctx.noBrandId && category?.noBrand === false) add('4142', `THD_BRAND_ID_IS_NOT_VALID_IN_CATEGORY: No Brand is not valid in category ${category.id} (${category.name})`);
  }
  for (const [key, value] of Object.entries(attrs)) {
    if (PRODUCT_FIELDS.has(key)) continue;
    const def = defByName.get(key);
    // createproduct.json 4140 "Class does not have this attribute"; get-category-attributes.md: sku attributes go in the Sku
    if (!def) add('4140', `CHK_ENUM_PROP_VALUE_NOT_IN_OPTION: category ${category?.id ?? '?'} does not have the attribute ${key}`);
    else if (def.attribute_type === 'sku' || def.is_sale_prop) add('4140', `The attribute ${key} belongs in each Sku (attribute_type sku), not in Attributes`);
    else valueProblem(def, value, `Attributes.${key}`, add);
  }
  if (!update && category?.leaf) {
    for (const def of attrDefs) {
      if (!def.is_mandatory || def.attribute_type !== 'normal' || PRODUCT_FIELDS.has(def.name) || def.name === 'brand') continue;
      // createproduct.json 4110 BIZ_CHECK_CAT_PROP_MANDATORY
      if (attrs[def.name] === undefined || String(attrs[def.name]).trim() === '') add('4110', `BIZ_CHECK_CAT_PROP_MANDATORY: Attributes.${def.name} (${def.label}) is mandatory for category ${category.id}`);
    }
  }

  const skus = product.Skus?.Sku;
  if (!Array.isArray(skus) || skus.length === 0) return [...problems, { code: '1001', message: 'The parameters are not in JSON format: Skus.Sku must be an array of at least one SKU' }];
  // create-update-product-q-a.md (ServiceTimeout): more than 50 SKUs in one request times out
  if (skus.length > 50) return [...problems, { code: 'ServiceTimeout', message: `The request timed out: ${skus.length} SKUs in one request (at most 50, 20 recommended)` }];
  skuProblems(skus, ctx, attrDefs, update, add);
  return problems;
}

type Add = (code: string, message: string, sellerSku?: string) => void;

/** Select attributes take only option names (createproduct.json 4115 CHK_CATPROP_CPV_NOT_ENUM). */
function valueProblem(def: { name: string; input_type: string; options: Array<{ en_name: string }> }, value: unknown, at: string, add: Add): void {
  if (typeof value !== 'string' && typeof value !== 'number') return add('1001', `The parameters are not in JSON format: ${at} must be a string`);
  if (!isSelect(def.input_type)) return;
  // multiSelect values comma-joined (the docs do not say how; the same reading as the adapter)
  const values = def.input_type === 'multiSelect' ? String(value).split(',') : [String(value)];
  for (const v of values) {
    if (!def.options.some((o) => o.en_name === v.trim())) add('4115', `CHK_CATPROP_CPV_NOT_ENUM: ${at} "${v}" is not one of the options (${def.options.map((o) => o.en_name).join(', ')})`);
  }
}

function skuProblems(skus: Json[], ctx: ProductContext, attrDefs: ReturnType<typeof attributesOf>, update: boolean, add: Add): void {
  const saleDefs = new Map(attrDefs.filter((a) => a.is_sale_prop).map((a) => [a.name, a]));
  const skuDefs = new Map(attrDefs.filter((a) => a.attribute_type === 'sku' && !a.is_sale_prop).map((a) => [a.name, a]));
  const seen = new Set<string>();
  const combos = new Set<string>();
  const existing = ctx.existing ?? [];
  const total = update ? new Set([...existing.map((s) => s.skuId), ...skus.map((s, i) => String(s.SkuId ?? `new-${i}`))]).size : skus.length;
  let keys: string | null = null;
  skus.forEach((sku: Json, i: number) => {
    const at = `Skus.Sku[${i}]`;
    const held = update && sku.SkuId !== undefined ? existing.find((s) => s.skuId === String(sku.SkuId)) : undefined;
    if (update && sku.SkuId !== undefined && !held) add('4216', `${at}.SkuId ${String(sku.SkuId)} is not a SKU of this product`);
    const sellerSku = held ? (sku.SellerSku ?? held.sellerSku) : sku.SellerSku;
    if (typeof sellerSku !== 'string' || !sellerSku.trim()) add('1', `Parameter ${at}.SellerSku is mandatory`);
    else {
      // update-a-product.md: SellerSku cannot be changed by UpdateProduct
      if (held && sellerSku !== held.sellerSku) add('501', `${at}: SellerSku cannot be modified (${held.sellerSku} -> ${sellerSku})`, sellerSku);
      // update-a-product.md: SellerSku unique in the store (create-a-product.md says "in the same item"; the store is stricter)
      if (seen.has(sellerSku)) add('4105', `BIZ_CHECK_SELLER_SKU_DUPLICATE: SellerSku ${sellerSku} appears twice in the request`, sellerSku);
      seen.add(sellerSku);
      if (update && !held && existing.some((s) => s.sellerSku === sellerSku)) add('4105', `BIZ_CHECK_SELLER_SKU_DUPLICATE: SellerSku ${sellerSku} already exists in this item`, sellerSku);
      const holder = ctx.skuHolder(sellerSku);
      if (holder) add('4105', `BIZ_CHECK_SELLER_SKU_DUPLICATE: SellerSku ${sellerSku} already exists in item ${holder}`, sellerSku);
    }
    const needFull = !update || !held;
    if (needFull || sku.price !== undefined) {
      if (sku.price === undefined || sku.price === '') add('1', `Parameter ${at}.price is mandatory`);
      else if (!(Number(sku.price) > 0)) add('4118', `BIZ_CHECK_PRICE_IS_ZERO: ${at}.price must be above 0`, sellerSku);
    }
    const special = specialPriceProblem(at, sku.price ?? Infinity, sku.special_price, sku.special_from_date, sku.special_to_date);
    if (special) add(special.code, special.message, sellerSku);
    if (needFull || sku.quantity !== undefined) {
      if (sku.quantity === undefined || sku.quantity === '') add('1', `Parameter ${at}.quantity is mandatory`);
      else if (!/^\d+$/.test(String(sku.quantity))) add('5', `${at}.quantity must be a whole number of 0 or more`, sellerSku);
    }
    // update-a-product.md: package_* mandatory on update too
    for (const key of ['package_length', 'package_width', 'package_height', 'package_weight']) {
      const value = sku[key];
      if (value === undefined || value === '') add('1', `Parameter ${at}.${key} is mandatory`);
      else if (!TWO_DECIMALS.test(String(value)) || !(Number(value) > 0)) add('4149', `BIZ_CHECK_PACKAGE_DECIMAL_INVALID: ${at}.${key} must be above 0 with at most two decimals`, sellerSku);
    }
    if (Number(sku.package_weight) > 40) add('4164', `${at}: the package weight exceeds 40kg`, sellerSku);
    if (Number(sku.package_length) + Number(sku.package_width) + Number(sku.package_height) > 300) add('4165', `${at}: the package dimension (Length+Width+Height) exceeds 300cm`, sellerSku);
    for (const key of Object.keys(sku)) {
      if (SKU_FIELDS.has(key)) continue;
      const def = skuDefs.get(key);
      if (!def) add('4140', `CHK_ENUM_PROP_VALUE_NOT_IN_OPTION: ${at}.${key} is not a sku attribute of the category`, sellerSku);
      else valueProblem(def, sku[key], `${at}.${key}`, add);
    }
    const props = (sku.saleProp ?? (held ? held.saleProp : undefined)) as Json | undefined;
    if (props !== undefined && (typeof props !== 'object' || Array.isArray(props))) return add('1001', `The parameters are not in JSON format: ${at}.saleProp must be an object`);
    for (const [key, value] of Object.entries(props ?? {})) {
      if (SPECIAL.test(String(value))) add('4129', `BIZ_CHECK_PROP_SPECIAL_CHAR: Special characters are not allowed: "^~<>| (${at}.saleProp.${key})`, sellerSku);
      const def = saleDefs.get(key);
      // createproduct.json 4143 BIZ_CHECK_SALEPROP_ATTRIBUTE_INVALID; create-update-product-q-a.md Q2
      if (!def) add('4143', `This variation attribute ${key} is not found in the variation label, please make sure that this attribute is declared`, sellerSku);
      else valueProblem(def, value, `${at}.saleProp.${key}`, add);
    }
    if (total > 1) {
      const propKeys = Object.keys(props ?? {}).sort().join(',');
      // create-a-product.md: sale attributes are required once a product has several SKUs (4144), the same on each (4109)
      if (!propKeys) add('4144', `BIZ_CHECK_SKU_NOT_CONTAIN_SALEPROP: ${at} has no saleProp`, sellerSku);
      else if (keys !== null && keys !== propKeys) add('4109', `CHK_SKU_PROPS_NOT_MATCH_SALE_PROP: ${at}.saleProp names ${propKeys}, another SKU ${keys}`, sellerSku);
      keys ??= propKeys;
      const combo = JSON.stringify(Object.entries(props ?? {}).sort());
      // createproduct.json 4112 CHK_SKU_PROPS_DUPLICATE
      if (propKeys && combos.has(combo)) add('4112', `CHK_SKU_PROPS_DUPLICATE: ${at}.saleProp repeats another SKU's`, sellerSku);
      combos.add(combo);
    }
  });
  if (update) {
    // update-a-product.md: SKUs the update does not name keep their sale props; they must not collide with new ones
    for (const held of existing) {
      if (skus.some((s) => String(s.SkuId ?? '') === held.skuId)) continue;
      const combo = JSON.stringify(Object.entries(held.saleProp).sort());
      if (Object.keys(held.saleProp).length && combos.has(combo)) add('4112', `CHK_SKU_PROPS_DUPLICATE: a new SKU repeats the saleProp of ${held.sellerSku}`);
    }
  }
}
