// The Lazada sandbox's categories, attributes and brands: a small Bali-craft taxonomy with the
// structure /category/tree/get, /category/attributes/get and /category/brands/query document
// (raw/lazada/apis/product-api/getcategorytree.json, getcategoryattributes.json, getbrandbypages.json;
// processed/lazada/guides/api-best-practice/product-operation/product-management/get-category-attributes.md).
// Ids are invented.

/** get-category-attributes.md input_type values. */
export type LazadaInputType = 'singleSelect' | 'multiSelect' | 'enumInput' | 'multiEnumInput' | 'text' | 'numeric' | 'date' | 'richText' | 'img';

export interface LazadaAttributeDef {
  id: number;
  name: string;
  label: string;
  input_type: LazadaInputType;
  /** get-category-attributes.md: "normal" goes in Attributes, "sku" in each Sku. */
  attribute_type: 'normal' | 'sku';
  is_mandatory: 0 | 1;
  is_sale_prop: 0 | 1;
  options: Array<{ id: number; name: string; en_name: string }>;
}

export interface LazadaCategory {
  id: string;
  name: string;
  leaf: boolean;
  parentId?: string | null;
  /** The category's own attributes beside the common ones (name, description, brand…). */
  attributes?: LazadaAttributeDef[];
  /** False where "No Brand" is refused (createproduct.json 4142 THD_BRAND_ID_IS_NOT_VALID_IN_CATEGORY). */
  noBrand?: boolean;
  /** A QC verdict given at once to products of this category (otherwise they wait in Pending QC). */
  qc?: { outcome: 'approved' } | { outcome: 'rejected'; reason: string };
}

let optionId = 80_000;
const options = (...names: string[]) => names.map((name) => ({ id: ++optionId, name, en_name: name }));
const attr = (id: number, name: string, label: string, input_type: LazadaInputType, more: Partial<LazadaAttributeDef> = {}): LazadaAttributeDef => ({
  id,
  name,
  label,
  input_type,
  attribute_type: 'normal',
  is_mandatory: 0,
  is_sale_prop: 0,
  options: [],
  ...more,
});

/** Every category has these (get-category-attributes.md sample: name, description, brand, package_content, color_family). */
export const COMMON_ATTRIBUTES: LazadaAttributeDef[] = [
  attr(100005571, 'name', 'Name', 'text', { is_mandatory: 1 }),
  attr(100005530, 'description', 'Long Description (Lorikeet)', 'richText'),
  attr(100005505, 'short_description', 'Short Description', 'richText'),
  // get-category-attributes.md: brand is a mandatory singleSelect without listed options (brands come from GetBrandByPages)
  attr(20000, 'brand', 'Brand', 'singleSelect', { is_mandatory: 1 }),
  attr(100005496, 'package_content', "What's in the box", 'text', { attribute_type: 'sku' }),
];

/** A variant size that takes the seller's own words (multiEnumInput). */
const freeSize = (id: number) => attr(id, 'size', 'Size', 'multiEnumInput', { attribute_type: 'sku', is_sale_prop: 1, options: options('S', 'M', 'L', 'XL') });

const colorFamily = attr(100005683, 'color_family', 'Color', 'multiEnumInput', {
  attribute_type: 'sku',
  is_sale_prop: 1,
  options: options('Red', 'Blue', 'Green', 'Black', 'White', 'Gold', 'Silver', 'Brown', 'Multicolor'),
});

export const DEFAULT_LAZADA_CATEGORIES: LazadaCategory[] = [
  { id: '62541001', name: 'Home & Living', leaf: false, parentId: null },
  { id: '62541300', name: 'Textiles & Fabrics', leaf: false, parentId: '62541001' },
  {
    id: '62541305',
    name: 'Traditional Fabric',
    leaf: true,
    parentId: '62541300',
    attributes: [
      // enumInput-like: a material outside the list is taken
      attr(100006120, 'material', 'Material', 'multiEnumInput', { is_mandatory: 1, options: options('Cotton', 'Silk', 'Rayon', 'Linen') }),
      attr(100006121, 'weaving_technique', 'Weaving Technique', 'singleSelect', { options: options('Ikat', 'Double Ikat', 'Songket', 'Plain Weave') }),
      colorFamily,
      attr(100006122, 'size', 'Size', 'singleSelect', { attribute_type: 'sku', is_sale_prop: 1, options: options('Small', 'Medium', 'Large', 'Int:One size') }),
    ],
  },
  { id: '62541400', name: 'Home Decor', leaf: false, parentId: '62541001' },
  {
    id: '62541420',
    name: 'Wood Carvings',
    leaf: true,
    parentId: '62541400',
    attributes: [attr(100006130, 'material', 'Material', 'singleSelect', { options: options('Suar Wood', 'Teak', 'Crocodile Wood', 'Hibiscus Wood', 'Mahogany') }), colorFamily, freeSize(100006131)],
  },
  {
    id: '62541601',
    name: 'Paintings',
    leaf: true,
    parentId: '62541400',
    attributes: [attr(100006140, 'painting_style', 'Painting Style', 'singleSelect', { options: options('Kamasan', 'Batuan', 'Ubud', 'Modern') }), colorFamily, freeSize(100006141)],
  },
  {
    id: '62541650',
    name: 'Baskets',
    leaf: true,
    parentId: '62541400',
    attributes: [attr(100006150, 'material', 'Material', 'singleSelect', { options: options('Ata Grass', 'Bamboo', 'Rattan', 'Pandan') }), colorFamily, freeSize(100006151)],
  },
  { id: '62541500', name: 'Jewellery', leaf: false, parentId: null },
  {
    id: '62541510',
    name: 'Silver Jewellery',
    leaf: true,
    parentId: '62541500',
    // "No Brand" refused here: a real brand is needed
    noBrand: false,
    attributes: [
      attr(100006160, 'material', 'Material', 'singleSelect', { is_mandatory: 1, options: options('Sterling Silver 925', 'Silver', 'Gold Plated Silver') }),
      attr(100006161, 'ring_size', 'Ring Size', 'singleSelect', { attribute_type: 'sku', is_sale_prop: 1, options: options('6', '7', '8', '9', '10') }),
      colorFamily,
      freeSize(100006162),
    ],
  },
];

export interface LazadaBrand {
  brand_id: string;
  name: string;
  name_en: string;
  global_identifier: string;
}

/** The sandbox's "No Brand" (its real id per country is only a picture in create-update-product-q-a.md Q3). */
export const SANDBOX_NO_BRAND_ID = '97623';

/** 240 brands, "No Brand" on the second page of 200 so that paging is needed to find it. */
export const DEFAULT_LAZADA_BRANDS: LazadaBrand[] = [
  ...Array.from({ length: 230 }, (_, i) => {
    const name = `Brand ${String(i + 1).padStart(3, '0')}`;
    return { brand_id: String(10_000 + i), name, name_en: name, global_identifier: name.toLowerCase().replace(/\s+/g, '_') };
  }),
  { brand_id: SANDBOX_NO_BRAND_ID, name: 'No Brand', name_en: 'No Brand', global_identifier: 'no brand' },
  ...['Celuk Silver', 'Tenun Sidemen', 'Ukiran Mas', 'Ata Tenganan', 'Kamasan Art', 'Pejaten', 'Bangli Bamboo', 'Tabanan Iron', 'Endek Bali'].map((name, i) => ({
    brand_id: String(20_000 + i),
    name,
    name_en: name,
    global_identifier: name.toLowerCase().replace(/\s+/g, '_'),
  })),
];

/** The attributes /category/attributes/get lists for a leaf: the common ones, then the category's. */
export const attributesOf = (category: LazadaCategory): LazadaAttributeDef[] => [...COMMON_ATTRIBUTES, ...(category.attributes ?? [])];
