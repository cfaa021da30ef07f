import type { MultiSearchQuery } from 'meilisearch';
import { z } from 'zod';
import { PRICE_BANDS, REGENCY_SLUGS, Regency, SEARCH_SORTS, SearchFacet, SearchSort } from '@pk/contracts';
import { DomainError, ErrorCode, fieldProblems } from '@pk/core';

export const MAX_LIMIT = 48;

/** A search as the API takes it, checked. Within a facet values are ORed; across facets, ANDed. */
export interface SearchParams {
  q: string;
  category: string[];
  regency: Regency[];
  material: string[];
  technique: string[];
  priceBand: string[];
  /** Provenance mark codes and campaign slugs. */
  mark: string[];
  campaign: string[];
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  shop?: string;
  sort: SearchSort;
  page: number;
  limit: number;
}

// A query string gives one value, a repeated key gives several; either may be comma-separated.
const list = <T extends z.ZodTypeAny>(item: T, max = 20) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)))
    .pipe(z.array(item).max(max, `at most ${max} values`));

const slug = z.string().regex(/^[a-z0-9-]{1,60}$/, 'a slug: lower-case letters, digits and hyphens');
const word = z.string().max(40, 'at most 40 characters').transform((s) => s.toLowerCase());
const rupiah = z.coerce.number({ invalid_type_error: 'whole rupiah, as digits' }).int('whole rupiah, as digits').min(0, 'cannot be negative').max(10_000_000_000, 'at most Rp 10.000.000.000');
const bool = z.enum(['true', 'false'], { errorMap: () => ({ message: 'true or false' }) }).transform((v) => v === 'true');

const schema = z
  .object({
    q: z.string().max(200, 'at most 200 characters').default('').transform((s) => s.trim()),
    category: list(slug),
    regency: list(z.enum(REGENCY_SLUGS as [Regency, ...Regency[]], { errorMap: () => ({ message: `one of: ${REGENCY_SLUGS.join(', ')}` }) })),
    material: list(word),
    technique: list(word),
    priceBand: list(z.enum(PRICE_BANDS.map((b) => b.value) as [string, ...string[]], { errorMap: () => ({ message: `one of: ${PRICE_BANDS.map((b) => b.value).join(', ')}` }) })),
    mark: list(slug),
    campaign: list(slug),
    minPrice: rupiah.optional(),
    maxPrice: rupiah.optional(),
    inStock: bool.optional(),
    shop: slug.optional(),
    sort: z.enum(SEARCH_SORTS, { errorMap: () => ({ message: `one of: ${SEARCH_SORTS.join(', ')}` }) }).default('relevance'),
    page: z.coerce.number({ invalid_type_error: 'a whole number' }).int('a whole number').min(1, 'at least 1').max(1000, 'at most 1000').default(1),
    limit: z.coerce.number({ invalid_type_error: 'a whole number' }).int('a whole number').min(1, 'at least 1').max(MAX_LIMIT, `at most ${MAX_LIMIT}`).default(24),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.minPrice !== undefined && p.maxPrice !== undefined && p.minPrice > p.maxPrice) {
      ctx.addIssue({ code: 'custom', path: ['minPrice'], message: 'must not be more than maxPrice' });
    }
  });

/** Checks a search's parameters; a bad or unknown one is a 400 naming it. */
export function parseSearchParams(raw: Record<string, unknown>): SearchParams {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data as SearchParams;
  const details = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: key, messages: [`unknown search parameter; use one of: ${Object.keys(schema.innerType().shape).join(', ')}`] }))
      : // A list's item is reported as the parameter itself (`regency`, not `regency.0`).
        fieldProblems(new z.ZodError([{ ...issue, path: issue.path.slice(0, 1) }])),
  );
  throw new DomainError(ErrorCode.validationFailed, `Please correct: ${details.map((d) => d.field).join(', ')}.`, details as unknown as Record<string, unknown>[]);
}

/** Each API facet and the document attribute behind it. */
export const FACET_ATTRIBUTES: Record<SearchFacet, string> = {
  category: 'categories',
  regency: 'regency',
  material: 'materials',
  technique: 'techniques',
  priceBand: 'priceBand',
  inStock: 'inStock',
  // Counted on `value|label`, so each count carries its name; filtered on the bare values.
  mark: 'markFacets',
  campaign: 'campaignFacets',
};

const SORTS: Record<SearchSort, string[] | undefined> = {
  relevance: undefined,
  newest: ['publishedAt:desc'],
  price_asc: ['priceMin:asc'],
  price_desc: ['priceMin:desc'],
  popular: ['popularity:desc'],
};

// Meilisearch filter strings: values quoted, with quotes and backslashes escaped.
const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const anyOf = (attribute: string, values: string[]) => `${attribute} IN [${values.map(quote).join(', ')}]`;

/** The filter of each facet the search selects on, by facet. */
function facetFilters(p: SearchParams): Partial<Record<SearchFacet, string>> {
  const out: Partial<Record<SearchFacet, string>> = {};
  if (p.category.length) out.category = anyOf('categories', p.category);
  if (p.regency.length) out.regency = anyOf('regency', p.regency);
  if (p.material.length) out.material = anyOf('materials', p.material);
  if (p.technique.length) out.technique = anyOf('techniques', p.technique);
  if (p.priceBand.length) out.priceBand = anyOf('priceBand', p.priceBand);
  if (p.inStock !== undefined) out.inStock = `inStock = ${p.inStock}`;
  if (p.mark.length) out.mark = anyOf('markCodes', p.mark);
  if (p.campaign.length) out.campaign = anyOf('campaignSlugs', p.campaign);
  return out;
}

/** Filters that are not facets: a price range (overlapping the listing's) and one shop. */
function otherFilters(p: SearchParams): string[] {
  const out: string[] = [];
  if (p.minPrice !== undefined) out.push(`priceMax >= ${p.minPrice}`);
  if (p.maxPrice !== undefined) out.push(`priceMin <= ${p.maxPrice}`);
  if (p.shop) out.push(`shopSlug = ${quote(p.shop)}`);
  return out;
}

export type MatchingStrategy = 'last' | 'all' | 'frequency';

/**
 * With a sort the order is the buyer's, so a listing that matches only some of the words would
 * be ranked among the rest by its price: then every word must match ('all'). Without one,
 * relevance puts partial matches after full ones, dropping the commonest word first
 * ('frequency': in "barong mask" or "tas dan keranjang" the rarer word is still searched on its
 * own, where 'last' only ever dropped the last; measured by `npm run bench -- relevance`). A
 * sorted search that finds nothing with every word is asked again with 'frequency' (SearchService).
 */
export function matchingFor(p: SearchParams): MatchingStrategy {
  return p.sort === 'relevance' ? 'frequency' : 'all';
}

export const HIGHLIGHT = { pre: '\u0001', post: '\u0002' } as const;

const RETRIEVED = [
  'id', 'version', 'titleId', 'titleEn', 'categories', 'categoryNames', 'materials', 'techniques', 'regency',
  'artisanId', 'shopName', 'shopSlug', 'priceMin', 'priceMax', 'regularPriceMin', 'regularPriceMax', 'inStock', 'stockTotal',
  'photo', 'popularity', 'publishedAt', 'marks', 'campaigns',
];

/**
 * What is sent to Meilisearch's multi-search: the hits with every filter and the facets nobody
 * selected; then, per selected facet, its counts without its own selection (so a buyer who picked
 * Gianyar still sees how many are in Badung).
 */
export function buildSearchQueries(p: SearchParams, indexUid: string, matching: MatchingStrategy = matchingFor(p)): MultiSearchQuery[] {
  const byFacet = facetFilters(p);
  const others = otherFilters(p);
  const all = [...Object.values(byFacet), ...others];
  const selected = Object.keys(byFacet) as SearchFacet[];
  const main: MultiSearchQuery = {
    indexUid,
    q: p.q,
    matchingStrategy: matching,
    filter: all.length ? all : undefined,
    sort: SORTS[p.sort],
    page: p.page,
    hitsPerPage: p.limit,
    facets: Object.values(FACET_ATTRIBUTES),
    // Everything a result card shows, but not the descriptions: they come back cropped in
    // _formatted, and whole they were half of every reply's bytes.
    attributesToRetrieve: RETRIEVED,
    attributesToHighlight: ['titleId', 'titleEn', 'descriptionId', 'descriptionEn'],
    attributesToCrop: ['descriptionId', 'descriptionEn'],
    cropLength: 24,
    cropMarker: '…',
    highlightPreTag: HIGHLIGHT.pre,
    highlightPostTag: HIGHLIGHT.post,
  };
  const disjunctive = selected.map((facet): MultiSearchQuery => {
    const rest = [...Object.entries(byFacet).filter(([f]) => f !== facet).map(([, f]) => f as string), ...others];
    return { indexUid, q: p.q, matchingStrategy: matching, filter: rest.length ? rest : undefined, facets: [FACET_ATTRIBUTES[facet]], limit: 0 };
  });
  return [main, ...disjunctive];
}

/** The facet each extra query of buildSearchQueries counts, in order. */
export function selectedFacets(p: SearchParams): SearchFacet[] {
  return Object.keys(facetFilters(p)) as SearchFacet[];
}
