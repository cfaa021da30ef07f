import { PhotoRenditions, Regency } from './catalog';

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

export interface FacetCount { value: string; label: string; count: number }

export interface SearchHit {
  id: string;
  version: number;
  title: { id: string; en: string | null };
  /** Matches wrapped in <mark>…</mark>; the description cropped around them. */
  highlight: { title: string; description: string };
  shop: { name: string; slug: string };
  artisanId: string;
  regency: Regency;
  category: { slug: string; path: string[]; names: string[] };
  materials: string[];
  techniques: string[];
  /** What a buyer pays now (a live campaign's price when one applies). */
  price: { min: string; max: string };
  /** The prices without the campaign, when a campaign price applies; else null. */
  regularPrice: { min: string; max: string } | null;
  /** Live provenance marks of the listing or its shop. */
  marks: Array<{ code: string; name: { id: string; en: string } }>;
  /** Live campaigns the listing takes part in. */
  campaigns: Array<{ slug: string; title: { id: string; en: string | null } }>;
  inStock: boolean;
  stockTotal: number;
  photo: PhotoRenditions | null;
  popularity: number;
  publishedAt: string;
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  total: number;
  page: number;
  limit: number;
  totalPages: number;
  facets: Record<SearchFacet, FacetCount[]>;
  processingTimeMs: number;
  degraded: boolean;
  /** When the search found little: the buyer's words with typos corrected, if that finds more; else null. */
  didYouMean: string | null;
}

export interface SuggestResult {
  query: string;
  listings: Array<{ id: string; title: { id: string; en: string | null }; highlight: string }>;
  categories: FacetCount[];
  /** The regencies where the matching listings are made, most first (labelled). */
  regencies: FacetCount[];
  /** The shops with most matching listings. */
  shops: Array<{ slug: string; name: string; count: number }>;
}

export const SearchRunKind = { reindex: 'reindex', reconcile: 'reconcile' } as const;
export type SearchRunKind = (typeof SearchRunKind)[keyof typeof SearchRunKind];
export const SearchRunTrigger = { api: 'api', schedule: 'schedule', command: 'command', recovery: 'recovery' } as const;
export type SearchRunTrigger = (typeof SearchRunTrigger)[keyof typeof SearchRunTrigger];
export type SearchRunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ReconcileResult { checked: number; missing: number; extra: number; stale: number; fixed: number }
export interface ReindexResult { documents: number; indexUid: string; durationMs: number }

export interface SearchRunView {
  id: string;
  kind: SearchRunKind;
  trigger: SearchRunTrigger;
  status: SearchRunStatus;
  progress: { done: number; total: number };
  result: ReconcileResult | ReindexResult | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface SearchStatus {
  index: string;
  documents: number | null;
  settingsVersion: number;
  /** The version of the bilingual vocabulary the documents carry. */
  vocabularyVersion: number;
  meilisearch: 'up' | 'down';
}
