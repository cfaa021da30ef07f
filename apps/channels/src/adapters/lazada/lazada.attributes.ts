import type { ListingSnapshot } from '@pk/contracts';
import type { ChannelAttributeMapping, ChannelAttributeValue, ChannelListing, ValidationProblem } from '../channel-adapter';
import { listingAttributeValues } from '../listing-content';

// A listing's Lazada attributes, sale props and brand, from the category mapping (made from
// /category/attributes/get) and the artisan's own values. Problems carry a code for the web.

/** The attribute keys Lazada reads from our own fields, never from a mapping. */
const OWN_KEYS = new Set(['name', 'description']);
// create-a-product.md: "brand" will be deprecated, use "brand_id" (a GetBrandByPages brand_id)
const BRAND_KEYS = new Set(['brand', 'brand_id']);

export interface LazadaAttributes {
  /** Attributes{} of the product (attribute_type "normal"), without name and description. */
  product: Record<string, string>;
  /** Attributes that belong in every Sku (get-category-attributes.md: attribute_type "sku"). */
  sku: Record<string, string>;
  /** The brand_id a curator set; null means Lazada's "No Brand". */
  brandId: string | null;
  /** saleProp per variant SKU (ours), keyed by the category's sale attribute names. */
  saleProps: Map<string, Record<string, string>>;
  problems: ValidationProblem[];
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');
const optionList = (options: ChannelAttributeValue[]) => options.map((o) => o.name).join(', ');

/** A value matched to the channel's option of the same name (case-insensitive), as the option spells it. */
function matchOption(value: string, options: ChannelAttributeValue[] | undefined): string | null {
  const hit = options?.find((o) => same(o.name, value));
  return hit ? hit.name : null;
}

/** The listing's own words for a source: each material or technique on its own, so each can match an option. */
function listingWords(listing: ListingSnapshot, mapping: ChannelAttributeMapping): string[] {
  if (!mapping.from) return [];
  if (mapping.from === 'materials') return listing.materials.map((m) => m.trim()).filter(Boolean);
  if (mapping.from === 'techniques') return listing.techniques.map((t) => t.trim()).filter(Boolean);
  const text = listingAttributeValues(listing)[mapping.from].trim();
  return text ? [text] : [];
}

/**
 * Select attributes (singleSelect, multiSelect) take only the category's option names
 * (createproduct.json 4115 CHK_CATPROP_CPV_NOT_ENUM, 4140 CHK_ENUM_PROP_VALUE_NOT_IN_OPTION);
 * the others take free text. A mapping without options (an older one) is taken as free text.
 */
const isSelect = (m: { customizable?: boolean; options?: ChannelAttributeValue[] }) => m.customizable !== true && (m.options?.length ?? 0) > 0;

export function resolveLazadaAttributes({ listing, category, attributeValues }: ChannelListing): LazadaAttributes {
  const out: LazadaAttributes = { product: {}, sku: {}, brandId: null, saleProps: new Map(), problems: [] };
  if (!category) return out;
  const categoryName = category.categoryName ?? category.categoryId;
  const problem = (field: string, code: string, params: Record<string, string | number>, reason: string) => out.problems.push({ field, code, params, reason });

  for (const mapping of category.attributes) {
    if (OWN_KEYS.has(mapping.id)) continue;
    const field = `attributes.${mapping.id}`;
    // The artisan's values for this listing win over the curator's, which win over the listing's fields.
    const chosen = attributeValues?.[mapping.id] ?? mapping.values ?? (mapping.value?.trim() ? [{ name: mapping.value.trim() }] : undefined);
    if (BRAND_KEYS.has(mapping.id)) {
      const brand = chosen?.[0];
      const id = brand?.id ?? (brand && /^\d+$/.test(brand.name) ? brand.name : undefined);
      if (id) out.brandId = id;
      else if (mapping.required) {
        // createproduct.json 4142 (brand invalid in the category) and 4156 (No Brand refused for LazMall):
        // a curator who marks the brand required is saying No Brand will not do here.
        problem(field, 'lazada.brand_required', { category: categoryName }, `Lazada needs a brand for category ${categoryName} and does not take "No Brand" there: ask a curator to set the brand in the category mapping.`);
      }
      continue;
    }
    let values: string[];
    if (chosen) {
      values = [];
      for (const v of chosen) {
        const name = isSelect(mapping) ? matchOption(v.name, mapping.options) : v.name.trim();
        if (name) values.push(name);
        else {
          problem(field, 'lazada.attribute_not_an_option', { attribute: mapping.name, value: v.name, options: optionList(mapping.options ?? []) },
            `Lazada takes only its own values for "${mapping.name}" (${optionList(mapping.options ?? [])}); "${v.name}" is not one of them: pick one of Lazada's values.`);
        }
      }
    } else {
      const words = listingWords(listing, mapping);
      if (isSelect(mapping)) {
        values = words.map((w) => matchOption(w, mapping.options)).filter((w): w is string => !!w);
        if (words.length && !values.length) {
          problem(field, 'lazada.attribute_not_an_option', { attribute: mapping.name, value: words.join(', '), options: optionList(mapping.options ?? []) },
            `Lazada takes only its own values for "${mapping.name}" (${optionList(mapping.options ?? [])}); the listing says "${words.join(', ')}": use one of Lazada's words in the listing, or ask a curator to pick a value in the category mapping.`);
          continue;
        }
      } else values = mapping.from === 'materials' || mapping.from === 'techniques' ? (words.length ? [words.join(', ')] : []) : words;
    }
    // An artisan or curator value refused above is the problem to fix, not a missing value.
    if (chosen && !values.length && chosen.length) continue;
    const unique = [...new Set(values)];
    // Docs are silent on how several values of a multi-select are written; we send them comma-joined
    // (as propCascade is in create-a-product.md) and a single-select gets only the first.
    const value = (mapping.multiple ? unique : unique.slice(0, 1)).join(',');
    if (!value) {
      if (mapping.required) {
        problem(field, 'lazada.attribute_missing', { attribute: mapping.name, category: categoryName, source: mapping.from ?? '' },
          `Lazada requires "${mapping.name}" for category ${categoryName}: ${mapping.from ? `add the ${mapping.from} to the listing, or ` : ''}ask a curator to set a value in the category mapping.`);
      }
      continue;
    }
    (mapping.level === 'sku' ? out.sku : out.product)[mapping.id] = value;
  }

  resolveSaleProps(listing, category.salesAttributes ?? [], out, problem);
  return out;
}

type AddProblem = (field: string, code: string, params: Record<string, string | number>, reason: string) => void;

/**
 * saleProp keys are the category's sale attributes (is_sale_prop = 1), filled from our variant
 * options by label. createproduct.json 4143 BIZ_CHECK_SALEPROP_ATTRIBUTE_INVALID refuses any other
 * key, and create-a-product.md makes them required once a product has several SKUs.
 */
function resolveSaleProps(listing: ListingSnapshot, sales: NonNullable<ChannelListing['category']>['salesAttributes'] & object, out: LazadaAttributes, problem: AddProblem): void {
  const several = listing.variants.length > 1;
  listing.variants.forEach((variant, i) => {
    const props: Record<string, string> = {};
    for (const [label, raw] of Object.entries(variant.options)) {
      const sale = sales.find((s) => s.optionLabels.some((l) => same(l, label)));
      if (!sale) {
        if (several) {
          problem(`variants[${i}].options`, 'lazada.sale_prop_unmapped', { option: label, sku: variant.sku },
            `Lazada takes variants only by the category's own variant attributes, and "${label}" is not mapped to one: ask a curator to map "${label}" to a Lazada variant attribute (colour, size…) of the category.`);
        }
        continue;
      }
      const value = isSelect(sale) ? matchOption(raw, sale.options) : (matchOption(raw, sale.options) ?? raw.trim());
      if (!value) {
        problem(`variants[${i}].options`, 'lazada.sale_value_not_an_option', { attribute: sale.name, value: raw, options: optionList(sale.options ?? []), sku: variant.sku },
          `Lazada takes only its own values for "${sale.name}" (${optionList(sale.options ?? [])}); ${variant.sku} has "${raw}": rename the option to one of them.`);
        continue;
      }
      props[sale.id] = value;
    }
    if (Object.keys(props).length) out.saleProps.set(variant.sku, props);
  });
}
