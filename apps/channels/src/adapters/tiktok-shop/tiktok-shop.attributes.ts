import type { ListingSnapshot } from '@pk/contracts';
import type { ChannelAttributeValue, ChannelListing, ListingAttributeSource, ValidationProblem } from '../channel-adapter';
import { listingAttributeValues } from '../listing-content';

// Product and sales attributes as TikTok Shop takes them (products/create-product.spec.json):
// a built-in value by its id from Get Attributes, a custom `name` only where the attribute is
// customizable, one value unless is_multiple_selection, and up to 3 sales attribute types.

export interface TikTokAttributeBody {
  id: string;
  values: Array<{ id: string } | { name: string }>;
}

export interface TikTokSalesAttributeBody {
  id?: string;
  name?: string;
  value_id?: string;
  value_name?: string;
}

// products/create-product.spec.json: product_attributes.values.name "Max length: 2000 characters".
export const TIKTOK_ATTRIBUTE_VALUE_MAX = 2000;
// products/create-product.spec.json: sales_attributes "up to 3 types", name "Max length: 20", value_name "Max length: 50".
export const TIKTOK_SALES_ATTRIBUTES_MAX = 3;
export const TIKTOK_SALES_NAME_MAX = 20;
export const TIKTOK_SALES_VALUE_MAX = 50;

const same = (a: string, b: string) => a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'accent' }) === 0;

/** The listing's own texts for a source: one per material or technique, one for origin and handmade. */
function sourceTexts(listing: ListingSnapshot, from: ListingAttributeSource): string[] {
  if (from === 'materials') return listing.materials.map((m) => m.trim()).filter(Boolean);
  if (from === 'techniques') return listing.techniques.map((t) => t.trim()).filter(Boolean);
  const text = listingAttributeValues(listing)[from].trim();
  return text ? [text] : [];
}

const SOURCE_HINT: Record<ListingAttributeSource, string> = {
  materials: 'add the materials to the listing',
  techniques: 'add the techniques to the listing',
  origin: 'set the regency of the listing',
  handmade: 'mark whether the listing is handmade',
};

interface Resolved {
  attributes: TikTokAttributeBody[];
  problems: ValidationProblem[];
}

/**
 * The listing's product attributes. The artisan's values for this listing win, then the curator's
 * chosen values, then a fixed value, then the listing field; listing text is matched to the
 * attribute's options by name (case-insensitive), else sent as a name only where customizable.
 */
export function tiktokProductAttributes({ listing, category, attributeValues }: ChannelListing): Resolved {
  const attributes: TikTokAttributeBody[] = [];
  const problems: ValidationProblem[] = [];
  if (!category) return { attributes, problems };
  const categoryName = category.categoryName ?? category.categoryId;
  for (const m of category.attributes) {
    const problem = (code: string, reason: string, params: Record<string, string | number> = {}) =>
      problems.push({ field: `attributes.${m.id}`, reason, code, params: { attribute: m.name, category: categoryName, ...params } });
    // Older mappings carry no option data: their text goes as a name and TikTok judges it.
    const legacy = m.options === undefined && m.customizable === undefined;
    const options = m.options ?? [];
    const toValue = (v: ChannelAttributeValue): { id: string } | { name: string } | string => {
      if (v.id) return { id: v.id };
      const option = options.find((o) => o.id && same(o.name, v.name));
      if (option?.id) return { id: option.id };
      if (m.customizable || legacy) return { name: v.name.trim() };
      return v.name;
    };
    const given = attributeValues?.[m.id]?.filter((v) => v.id || v.name.trim());
    const chosen = given?.length ? given : m.values?.length ? m.values : m.value?.trim() ? [{ name: m.value.trim() }] : null;
    let wanted: ChannelAttributeValue[] = chosen ?? (m.from ? sourceTexts(listing, m.from).map((name) => ({ name })) : []);
    if (!chosen && legacy && m.from && wanted.length > 1) wanted = [{ name: listingAttributeValues(listing)[m.from] }];
    if (wanted.length === 0) {
      if (m.required) {
        problem(
          'tiktok.attribute_required',
          `TikTok Shop requires "${m.name}" for category ${categoryName}: ` +
            (m.from ? `${SOURCE_HINT[m.from]}, or ask a curator to set a value in the category mapping.` : 'ask a curator to set a value in the category mapping.'),
        );
      }
      continue;
    }
    const resolved = wanted.map(toValue);
    const unknown = resolved.filter((v): v is string => typeof v === 'string');
    if (unknown.length) {
      const names = options.map((o) => o.name).slice(0, 8).join(', ');
      problem(
        'tiktok.attribute_value_unknown',
        `TikTok Shop takes only its own values for "${m.name}" and none matches "${unknown.join('", "')}"${names ? ` (it has: ${names}…)` : ''}: choose one for this listing.`,
        { value: unknown.join(', '), options: names },
      );
      continue;
    }
    let values = (resolved as Array<{ id: string } | { name: string }>).filter(
      (v, i, all) => all.findIndex((w) => ('id' in w && 'id' in v ? w.id === v.id : 'name' in w && 'name' in v && same(w.name, v.name))) === i,
    );
    if (values.length > 1 && m.multiple === false) {
      // One value only (is_multiple_selection false): listing text may still be one custom name.
      if (m.customizable && !given?.length && !m.values?.length) values = [{ name: wanted.map((w) => w.name).join(', ') }];
      else {
        problem('tiktok.attribute_single_value', `TikTok Shop takes one value for "${m.name}"; this listing gives ${values.length}: keep one.`, { count: values.length });
        continue;
      }
    }
    const tooLong = values.find((v) => 'name' in v && v.name.length > TIKTOK_ATTRIBUTE_VALUE_MAX);
    if (tooLong) {
      problem('tiktok.attribute_value_length', `TikTok Shop takes values of "${m.name}" up to ${TIKTOK_ATTRIBUTE_VALUE_MAX} characters.`, { max: TIKTOK_ATTRIBUTE_VALUE_MAX });
      continue;
    }
    attributes.push({ id: m.id, values });
  }
  return { attributes, problems };
}

/** Sales attributes per variant (by index); none for a single variant, which may omit them. */
export function tiktokSalesAttributes({ listing, category }: ChannelListing): { perVariant: TikTokSalesAttributeBody[][]; problems: ValidationProblem[] } {
  const problems: ValidationProblem[] = [];
  if (listing.variants.length < 2) return { perVariant: listing.variants.map(() => []), problems };
  const labels = [...new Set(listing.variants.flatMap((v) => Object.keys(v.options)))].sort((a, b) => a.localeCompare(b));
  if (labels.length > TIKTOK_SALES_ATTRIBUTES_MAX) {
    problems.push({
      field: 'variants',
      code: 'tiktok.sales_attribute_count',
      params: { max: TIKTOK_SALES_ATTRIBUTES_MAX, count: labels.length },
      reason: `TikTok Shop takes at most ${TIKTOK_SALES_ATTRIBUTES_MAX} kinds of variant option; this listing has ${labels.length} (${labels.join(', ')}).`,
    });
  }
  const mapped = new Map(labels.map((label) => [label, category?.salesAttributes?.find((s) => s.optionLabels.some((l) => same(l, label)))]));
  for (const label of labels) {
    if (!mapped.get(label) && label.length > TIKTOK_SALES_NAME_MAX) {
      problems.push({
        field: 'variants',
        code: 'tiktok.sales_attribute_name_length',
        params: { name: label, max: TIKTOK_SALES_NAME_MAX, length: label.length },
        reason: `TikTok Shop takes variant option names up to ${TIKTOK_SALES_NAME_MAX} characters; "${label}" has ${label.length}.`,
      });
    }
  }
  const perVariant = listing.variants.map((v, i) => {
    const out: TikTokSalesAttributeBody[] = [];
    // products/create-product.spec.json: "Each SKU must include the same number and type of sales attributes".
    const missingLabels = labels.filter((l) => !v.options[l]?.trim());
    if (missingLabels.length && Object.keys(v.options).length) {
      problems.push({
        field: `variants[${i}].options`,
        code: 'tiktok.sales_attribute_missing',
        params: { sku: v.sku, options: missingLabels.join(', ') },
        reason: `TikTok Shop needs every variant to name the same options; ${v.sku} has no ${missingLabels.join(', ')}.`,
      });
    }
    for (const label of labels) {
      const value = v.options[label]?.trim();
      if (!value) continue;
      const sales = mapped.get(label);
      const option = sales?.options?.find((o) => o.id && same(o.name, value));
      if (!option && value.length > TIKTOK_SALES_VALUE_MAX) {
        problems.push({
          field: `variants[${i}].options`,
          code: 'tiktok.sales_attribute_value_length',
          params: { sku: v.sku, value, max: TIKTOK_SALES_VALUE_MAX, length: value.length },
          reason: `TikTok Shop takes variant option values up to ${TIKTOK_SALES_VALUE_MAX} characters; "${value}" of ${v.sku} has ${value.length}.`,
        });
      }
      if (sales && !option && sales.customizable === false) {
        problems.push({
          field: `variants[${i}].options`,
          code: 'tiktok.sales_attribute_value_unknown',
          params: { sku: v.sku, value, attribute: sales.name },
          reason: `TikTok Shop takes only its own values for "${sales.name}" and none matches "${value}" of ${v.sku}.`,
        });
      }
      // A built-in id where mapped, else the custom name (create-product.spec.json: "Provide either a built-in ID or a custom name").
      out.push({ ...(sales ? { id: sales.id } : { name: label }), ...(option?.id ? { value_id: option.id } : { value_name: value }) });
    }
    return out;
  });
  return { perVariant, problems };
}
