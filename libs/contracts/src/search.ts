
// The search app's RPC patterns (the gateway's search and curation routes call them).
export const SearchPatterns = {
  listings: 'search.listings',
  suggest: 'search.suggest',
  reindex: 'search.reindex',
  reconcile: 'search.reconcile',
  runs: 'search.runs',
  run: 'search.run',
  status: 'search.status',
} as const;

/** Price bands buyers filter by, on a listing's cheapest variant: [from, to) in rupiah. */
export const PRICE_BANDS = [
  { value: 'lt100k', label: 'Di bawah Rp 100.000', from: 0, to: 100_000 },
  { value: '100k-250k', label: 'Rp 100.000 – Rp 250.000', from: 100_000, to: 250_000 },
  { value: '250k-500k', label: 'Rp 250.000 – Rp 500.000', from: 250_000, to: 500_000 },
  { value: '500k-1m', label: 'Rp 500.000 – Rp 1.000.000', from: 500_000, to: 1_000_000 },
  { value: '1m-2.5m', label: 'Rp 1.000.000 – Rp 2.500.000', from: 1_000_000, to: 2_500_000 },
  { value: 'gte2.5m', label: 'Rp 2.500.000 ke atas', from: 2_500_000, to: Number.MAX_SAFE_INTEGER },
] as const;
export type PriceBand = (typeof PRICE_BANDS)[number]['value'];

export const SEARCH_SORTS = ['relevance', 'newest', 'price_asc', 'price_desc', 'popular'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The facets a search answers with, in the order a storefront shows them. */
export const SEARCH_FACETS = ['category', 'regency', 'material', 'technique', 'priceBand', 'inStock', 'mark', 'campaign'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

export const SearchRunKind = { reindex: 'reindex', reconcile: 'reconcile' } as const;
export type SearchRunKind = (typeof SearchRunKind)[keyof typeof SearchRunKind];
export const SearchRunTrigger = { api: 'api', schedule: 'schedule', command: 'command', recovery: 'recovery' } as const;
export type SearchRunTrigger = (typeof SearchRunTrigger)[keyof typeof SearchRunTrigger];
export type SearchRunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

// The replies (hits, results, suggestions, runs, status) are the reply schemas' types (replies/search.ts).
export type {
  FacetCount,
  ReconcileResult,
  ReindexResult,
  SearchHit,
  SearchResult,
  SearchRunView,
  SearchStatus,
  SuggestResult,
} from './replies/search';
