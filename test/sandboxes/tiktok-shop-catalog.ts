// The TikTok Shop sandbox's category tree, attributes and category rules: a small Bali-craft
// taxonomy (ids invented, structure as documented), and the attribute checks Create Product and
// Partial Edit Product make. Sources under data/raw/tiktok/api-reference/products/.

/** Documented codes this file answers with (products/create-product.spec.json error list). */
export const TT_ATTRIBUTE = {
  propertyRequired: 12052104,
  notMultiSelect: 12052246,
  customNotSupported: 12052247,
  valueEmpty: 12052248,
  valueTooLong: 12052249,
  nameTooLong: 12052242,
  duplicateValues: 12052251,
  duplicateAttributeId: 12052254,
  salesOverThree: 12052525,
  salesAttributeNotFound: 12052527,
  valueIdNotFound: 12052529,
  skuPropertiesMismatch: 12052550,
  duplicateSalesAttributes: 12052560,
  invalidInput: 12052910,
} as const;

export interface TikTokAttributeValue {
  id: string;
  name: string;
}

/** An attribute as Get Attributes returns it (products/get-attributes.spec.json). */
export interface TikTokAttribute {
  id: string;
  name: string;
  type: 'SALES_PROPERTY' | 'PRODUCT_PROPERTY';
  /** Documented with this spelling (`is_requried`); PRODUCT_PROPERTY only. */
  required?: boolean;
  values: TikTokAttributeValue[];
  customizable?: boolean;
  multiple?: boolean;
}

export interface TikTokCategoryRules {
  /** products/get-category-rules.spec.json: package_dimension.is_required. */
  packageDimensionRequired: boolean;
  sizeChart: { supported: boolean; required: boolean };
  codSupported: boolean;
}

export interface TikTokCategory {
  id: string;
  name: string;
  leaf: boolean;
  /** "0" for a root (products/get-categories.spec.json). */
  parentId?: string;
  /** Attributes of a leaf (product and sales). */
  attributes?: TikTokAttribute[];
  /** Shorthand for tests: product attributes the category demands, customizable, by id. */
  requiredAttributes?: Array<{ id: string; name: string }>;
  rules?: Partial<TikTokCategoryRules>;
  /** Platforms the category is open on for migrated sellers (default both). */
  platforms?: Array<'TIKTOK_SHOP' | 'TOKOPEDIA'>;
  /** An audit verdict given at once to products of this category (otherwise they wait). */
  audit?: { outcome: 'approved' } | { outcome: 'rejected'; reasons: string[] };
}

const MATERIAL: TikTokAttribute = {
  id: '100198',
  name: 'Material',
  type: 'PRODUCT_PROPERTY',
  required: true,
  customizable: true,
  multiple: true,
  values: [
    { id: '1000101', name: 'Katun' },
    { id: '1000102', name: 'Sutra' },
    { id: '1000103', name: 'Perak 925' },
    { id: '1000104', name: 'Kayu Jati' },
    { id: '1000105', name: 'Kayu Suar' },
    { id: '1000106', name: 'Rotan' },
    { id: '1000107', name: 'Bambu' },
    { id: '1000108', name: 'Ata' },
    { id: '1000109', name: 'Kanvas' },
    { id: '1000110', name: 'Cat Akrilik' },
  ],
};
const COLOUR: TikTokAttribute = {
  id: '100000',
  name: 'Warna',
  type: 'SALES_PROPERTY',
  values: [
    { id: '1000001', name: 'Merah' },
    { id: '1000002', name: 'Biru' },
    { id: '1000003', name: 'Hijau' },
    { id: '1000004', name: 'Hitam' },
    { id: '1000005', name: 'Putih' },
  ],
};
const SIZE: TikTokAttribute = {
  id: '100007',
  name: 'Ukuran',
  type: 'SALES_PROPERTY',
  values: [
    { id: '1000701', name: 'S' },
    { id: '1000702', name: 'M' },
    { id: '1000703', name: 'L' },
  ],
};
const MOTIF: TikTokAttribute = {
  id: '100347',
  name: 'Motif',
  type: 'PRODUCT_PROPERTY',
  required: false,
  customizable: false,
  multiple: false,
  values: [
    { id: '1034701', name: 'Cemplong' },
    { id: '1034702', name: 'Geringsing' },
    { id: '1034703', name: 'Songket' },
    { id: '1034704', name: 'Poleng' },
  ],
};
const SILVER_PURITY: TikTokAttribute = {
  id: '100520',
  name: 'Kadar Perak',
  type: 'PRODUCT_PROPERTY',
  required: true,
  customizable: false,
  multiple: false,
  values: [
    { id: '1052001', name: '925 Sterling' },
    { id: '1052002', name: '950' },
    { id: '1052003', name: '999 Fine' },
  ],
};
const STYLE: TikTokAttribute = {
  id: '100611',
  name: 'Gaya',
  type: 'PRODUCT_PROPERTY',
  required: false,
  customizable: true,
  multiple: true,
  values: [
    { id: '1061101', name: 'Kamasan' },
    { id: '1061102', name: 'Batuan' },
    { id: '1061103', name: 'Ubud' },
  ],
};

/** A small Bali-craft taxonomy in TikTok's three-level (category_version v1) shape. */
export const DEFAULT_TIKTOK_CATEGORIES: TikTokCategory[] = [
  { id: '600001', name: 'Home Supplies', leaf: false, parentId: '0' },
  { id: '601152', name: 'Textiles & Soft Furnishings', leaf: false, parentId: '600001' },
  { id: '601161', name: 'Traditional Cloth', leaf: true, parentId: '601152', attributes: [MATERIAL, MOTIF, COLOUR, SIZE] },
  { id: '601200', name: 'Home Decor', leaf: false, parentId: '600001' },
  { id: '601210', name: 'Wood Carvings & Sculptures', leaf: true, parentId: '601200', attributes: [MATERIAL, COLOUR, SIZE] },
  { id: '601230', name: 'Paintings', leaf: true, parentId: '601200', attributes: [{ ...MATERIAL, required: false }, STYLE, SIZE] },
  { id: '601250', name: 'Baskets & Woven Crafts', leaf: true, parentId: '601200', attributes: [MATERIAL, COLOUR, SIZE] },
  { id: '601180', name: 'Fashion Accessories', leaf: false, parentId: '0' },
  { id: '601183', name: 'Jewellery', leaf: false, parentId: '601180' },
  // Open on TikTok Shop only: a migrated seller listing on both cannot use it.
  { id: '601190', name: 'Silver Jewellery', leaf: true, parentId: '601183', attributes: [MATERIAL, SILVER_PURITY, SIZE], platforms: ['TIKTOK_SHOP'] },
];

/** A test's category: its shorthand required attributes become customizable product attributes; by default nothing is required. */
export function normaliseCategory(c: TikTokCategory): TikTokCategory {
  const extra = (c.requiredAttributes ?? [])
    .filter((r) => !(c.attributes ?? []).some((a) => a.id === r.id))
    .map((r): TikTokAttribute => ({ id: r.id, name: r.name, type: 'PRODUCT_PROPERTY', required: true, customizable: true, multiple: false, values: [] }));
  return { parentId: '0', ...c, attributes: c.leaf ? [...(c.attributes ?? [{ ...MATERIAL, required: false }, COLOUR, SIZE]), ...extra] : [] };
}

export const categoryRules = (c: TikTokCategory): TikTokCategoryRules => ({
  packageDimensionRequired: false,
  sizeChart: { supported: false, required: false },
  codSupported: true,
  ...c.rules,
});

export interface AttributeProblem {
  code: number;
  message: string;
}

/** Values as the sandbox stores them: names (a built-in id stored by its value's name). */
export type StoredAttributes = Record<string, string[]>;

/**
 * product_attributes as Create Product checks them (products/create-product.spec.json):
 * ids from Get Attributes, values by built-in id or a custom name where customizable, one value
 * unless multiple, names up to 2000 characters, no duplicates, required ones present.
 */
export function checkProductAttributes(category: TikTokCategory, given: unknown): { problems: AttributeProblem[]; stored: StoredAttributes } {
  const problems: AttributeProblem[] = [];
  const stored: StoredAttributes = {};
  const specs = (category.attributes ?? []).filter((a) => a.type === 'PRODUCT_PROPERTY');
  const list = Array.isArray(given) ? (given as Array<{ id?: unknown; values?: unknown }>) : [];
  if (given !== undefined && !Array.isArray(given)) problems.push({ code: TT_ATTRIBUTE.invalidInput, message: 'product_attributes must be a list' });
  const seen = new Set<string>();
  for (const a of list) {
    const id = typeof a.id === 'string' ? a.id : '';
    const spec = specs.find((s) => s.id === id);
    if (!id) { problems.push({ code: TT_ATTRIBUTE.valueEmpty, message: 'product_attributes[].id is required' }); continue; }
    if (seen.has(id)) { problems.push({ code: TT_ATTRIBUTE.duplicateAttributeId, message: `Duplicate attribute id ${id}` }); continue; }
    seen.add(id);
    if (!spec) { problems.push({ code: TT_ATTRIBUTE.invalidInput, message: `attribute ${id} is not an attribute of category ${category.id} (Get Attributes)` }); continue; }
    const values = Array.isArray(a.values) ? (a.values as Array<{ id?: unknown; name?: unknown }>) : [];
    if (!values.length) { problems.push({ code: TT_ATTRIBUTE.valueEmpty, message: `The product attribute value name or attribute value id is empty, attribute id is :${id}` }); continue; }
    if (values.length > 1 && !spec.multiple) { problems.push({ code: TT_ATTRIBUTE.notMultiSelect, message: `The product attribute not support multi selected, attribute id is :${id}` }); continue; }
    const names: string[] = [];
    for (const v of values) {
      // "Provide either a built-in ID or a custom name; if both are provided, the ID takes priority."
      if (typeof v.id === 'string' && v.id) {
        const builtIn = spec.values.find((b) => b.id === v.id);
        if (!builtIn) { problems.push({ code: TT_ATTRIBUTE.valueIdNotFound, message: `The property value id not exist: ${v.id} (attribute ${id})` }); continue; }
        names.push(builtIn.name);
      } else if (typeof v.name === 'string' && v.name.trim()) {
        if (!spec.customizable) { problems.push({ code: TT_ATTRIBUTE.customNotSupported, message: `Do not support custom product attribute: ${id} (${spec.name}) takes a value id from Get Attributes, got name "${v.name}"` }); continue; }
        if (v.name.length > 2000) { problems.push({ code: TT_ATTRIBUTE.valueTooLong, message: `The product attribute value name characters cannot exceed 2000, attribute value name is :${v.name.slice(0, 40)}…` }); continue; }
        names.push(v.name.trim());
      } else problems.push({ code: TT_ATTRIBUTE.valueEmpty, message: `The product attribute value name or attribute value id is empty, attribute id is :${id}` });
    }
    if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) problems.push({ code: TT_ATTRIBUTE.duplicateValues, message: `Duplicated attribute values found for attribute ${id}` });
    stored[id] = names;
  }
  for (const spec of specs) {
    if (spec.required && !stored[spec.id]?.length && !problems.some((p) => p.message.includes(`:${spec.id}`))) {
      problems.push({ code: TT_ATTRIBUTE.propertyRequired, message: `property is required: product attribute ${spec.id} (${spec.name}) for category ${category.id}` });
    }
  }
  return { problems, stored };
}

/** One SKU's sales attributes as stored: name and value name. */
export interface StoredSalesAttribute {
  id: string | null;
  name: string;
  valueId: string | null;
  valueName: string;
}

/**
 * skus[].sales_attributes as Create Product checks them (products/create-product.spec.json):
 * omitted for one SKU, else required; up to 3 types; the same types on every SKU; a built-in id
 * (value_id) or a custom name (up to 20) and value_name (up to 50); no two SKUs alike.
 */
export function checkSalesAttributes(category: TikTokCategory, skus: Array<{ sales_attributes?: unknown }>): { problems: AttributeProblem[]; stored: StoredSalesAttribute[][] } {
  const problems: AttributeProblem[] = [];
  const specs = (category.attributes ?? []).filter((a) => a.type === 'SALES_PROPERTY');
  const stored = skus.map((sku, i) => {
    const list = Array.isArray(sku.sales_attributes) ? (sku.sales_attributes as Array<Record<string, unknown>>) : [];
    return list.map((a): StoredSalesAttribute => {
      const id = typeof a.id === 'string' && a.id ? a.id : null;
      const spec = id ? specs.find((s) => s.id === id) : undefined;
      if (id && !spec) problems.push({ code: TT_ATTRIBUTE.salesAttributeNotFound, message: `skus[${i}]: The sale attribute id not exist: ${id}` });
      const name = spec?.name ?? (typeof a.name === 'string' ? a.name.trim() : '');
      if (!id && !name) problems.push({ code: TT_ATTRIBUTE.valueEmpty, message: `skus[${i}]: sales attribute id or name is required` });
      if (!id && name.length > 20) problems.push({ code: TT_ATTRIBUTE.nameTooLong, message: `skus[${i}]: The attribute name characters cannot exceed 20: "${name}"` });
      const valueId = typeof a.value_id === 'string' && a.value_id ? a.value_id : null;
      const builtIn = valueId ? spec?.values.find((v) => v.id === valueId) : undefined;
      if (valueId && !builtIn) problems.push({ code: TT_ATTRIBUTE.valueIdNotFound, message: `skus[${i}]: The property value id not exist: ${valueId}` });
      const valueName = builtIn?.name ?? (typeof a.value_name === 'string' ? a.value_name.trim() : '');
      if (!valueId && !valueName) problems.push({ code: TT_ATTRIBUTE.valueEmpty, message: `skus[${i}]: The sales attribute value name or attribute value id is empty` });
      if (!valueId && valueName.length > 50) problems.push({ code: TT_ATTRIBUTE.valueTooLong, message: `skus[${i}]: The sales attribute value name characters cannot exceed 50, attribute value name is :${valueName}` });
      return { id, name, valueId: builtIn ? valueId : null, valueName };
    });
  });
  if (skus.length > 1) {
    const kinds = (attrs: StoredSalesAttribute[]) => attrs.map((a) => (a.id ?? a.name).toLowerCase()).sort().join('|');
    const first = kinds(stored[0] ?? []);
    if ((stored[0] ?? []).length > 3) problems.push({ code: TT_ATTRIBUTE.salesOverThree, message: 'The attribute max num cannot exceed 3.' });
    const combos = new Set<string>();
    stored.forEach((attrs, i) => {
      if (!attrs.length || kinds(attrs) !== first) problems.push({ code: TT_ATTRIBUTE.skuPropertiesMismatch, message: `skus[${i}]: SKU property must contain all properties (${first || 'none given'})` });
      const combo = attrs.map((a) => `${(a.id ?? a.name).toLowerCase()}=${(a.valueId ?? a.valueName).toLowerCase()}`).sort().join('|');
      // products/create-product.spec.json: 12052560 a SKU with duplicate sales attributes.
      if (combos.has(combo)) problems.push({ code: TT_ATTRIBUTE.duplicateSalesAttributes, message: `skus[${i}]: The SKU contains duplicate sales attribute.` });
      combos.add(combo);
    });
  }
  return { problems, stored };
}
