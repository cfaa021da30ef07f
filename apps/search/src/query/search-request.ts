import type { MultiSearchQuery } from 'meilisearch';
import { Regency, SearchFacet, SearchSort } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { MAX_SEARCH_LIMIT, searchListingsQuery, searchProblems } from '@pk/contracts/requests/search';

export const MAX_LIMIT = MAX_SEARCH_LIMIT;

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

/** Checks a search's parameters; a bad or unknown one is a 400 naming it. */
export function parseSearchParams(raw: Record<string, unknown>): SearchParams {
  const parsed = searchListingsQuery.safeParse(raw ?? {});
  if (parsed.success) return parsed.data as SearchParams;
  const details = searchProblems(parsed.error);
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
