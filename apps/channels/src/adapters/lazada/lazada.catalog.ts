import type { ChannelAttributeSpec, ChannelCategoryNode } from '../channel-adapter';
import { ChannelError, ChannelErrorKind } from '../channel-errors';
import type { LazadaClient } from './lazada.client';

// Lazada's category tree, category attributes and brands, as curators' mappings need them
// (processed/lazada/guides/api-best-practice/product-operation/product-management/get-category-attributes.md).

interface TreeNode {
  category_id: number | string;
  name: string;
  leaf: boolean | string;
  children?: TreeNode[];
}

interface AttributeRow {
  name: string;
  label?: string;
  is_mandatory: number | string;
  is_sale_prop: number | string;
  input_type: string;
  attribute_type: string;
  options?: Array<{ name: string; en_name?: string; id: number | string }>;
}

interface BrandPage {
  data: { module?: Array<{ brand_id: number | string; name: string; name_en?: string; global_identifier?: string }>; total_record?: number | string };
}

/** raw/lazada/apis/product-api/getcategorytree.json: nested children, flattened parent first. */
export async function lazadaCategories(client: LazadaClient): Promise<ChannelCategoryNode[]> {
  const reply = await client.request<{ data: TreeNode[] }>({ method: 'GET', apiPath: '/category/tree/get', params: { language_code: 'id_ID' }, idempotent: true });
  const out: ChannelCategoryNode[] = [];
  const walk = (nodes: TreeNode[], parentId: string | null) => {
    for (const node of nodes) {
      const id = String(node.category_id);
      out.push({ id, parentId, name: node.name, leaf: node.leaf === true || node.leaf === 'true' });
      walk(node.children ?? [], id);
    }
  };
  walk(reply.data ?? [], null);
  return out;
}

// get-category-attributes.md input_type: singleSelect and multiSelect take no custom value;
// enumInput, multiEnumInput, text, numeric, date, richText and img do.
const CUSTOMIZABLE = new Set(['enuminput', 'multienuminput', 'text', 'numeric', 'date', 'richtext', 'img']);
const MULTIPLE = new Set(['multiselect', 'multienuminput']);
const truthy = (v: number | string) => Number(v) === 1;

/** raw/lazada/apis/product-api/getcategoryattributes.json mapped to our attribute specs. */
export async function lazadaCategoryAttributes(client: LazadaClient, categoryId: string): Promise<ChannelAttributeSpec[]> {
  const reply = await client.request<{ data: AttributeRow[] }>({
    method: 'GET',
    apiPath: '/category/attributes/get',
    params: { primary_category_id: categoryId, language_code: 'id_ID' },
    idempotent: true,
  });
  return (reply.data ?? []).map((row) => {
    const kind = row.input_type.toLowerCase();
    // get-category-attributes.md lists brand without options: its values are GetBrandByPages brand_ids,
    // typed by a curator (a numeric name, or an id), so it takes values outside the (empty) list.
    const brand = row.name === 'brand';
    return {
      id: row.name,
      name: row.label ?? row.name,
      required: truthy(row.is_mandatory),
      sales: truthy(row.is_sale_prop),
      multiple: MULTIPLE.has(kind),
      customizable: brand || CUSTOMIZABLE.has(kind),
      level: row.attribute_type === 'sku' ? 'sku' : 'product',
      // get-category-attributes.md: en_name is the value to send for an option
      values: (row.options ?? []).map((o) => ({ id: String(o.id), name: (o.en_name ?? o.name).trim() })),
    };
  });
}

const noBrandIds = new Map<string, Promise<string>>();
const NO_BRAND = 'no brand';
// getbrandbypages.json: pageSize at most 200
const BRAND_PAGE = 200;
const BRAND_PAGES_MAX = 500;

/**
 * brand_id of Lazada's own "No Brand" in this country, from /category/brands/query (GetBrandByPages).
 * create-update-product-q-a.md Q3 gives the ids per country only as a picture; the brand list is
 * the documented source, read once per app and host and kept.
 */
export function lazadaNoBrandId(client: LazadaClient, key: string): Promise<string> {
  let found = noBrandIds.get(key);
  if (!found) {
    found = (async () => {
      for (let page = 0; page < BRAND_PAGES_MAX; page++) {
        const reply = await client.request<BrandPage>({
          method: 'GET',
          apiPath: '/category/brands/query',
          params: { startRow: String(page * BRAND_PAGE), pageSize: String(BRAND_PAGE) },
          idempotent: true,
        });
        const rows = reply.data?.module ?? [];
        const hit = rows.find((b) => [b.name, b.name_en, b.global_identifier].some((n) => n?.trim().toLowerCase() === NO_BRAND));
        if (hit) return String(hit.brand_id);
        if (rows.length < BRAND_PAGE) break;
      }
      throw new ChannelError({
        channel: 'lazada',
        kind: ChannelErrorKind.invalidField,
        code: 'no_brand_unknown',
        reason: 'Lazada lists no "No Brand" brand for this store: ask a curator to set a brand in the category mapping.',
      });
    })();
    noBrandIds.set(key, found);
    found.catch(() => noBrandIds.delete(key));
  }
  return found;
}
