import { z } from 'zod';
import { SEARCH_FACETS, SearchFacet, SearchPatterns } from '../search';
import { bilingual, isoDate, money, page, photoRenditions, regency, reply, uuid } from './common';

// The search app's replies: buyers' searches and suggestions, curators' index runs and status.

export const facetCountSchema = reply({ value: z.string(), label: z.string(), count: z.number().int() });
export type FacetCount = z.infer<typeof facetCountSchema>;
const priceRange = reply({ min: money, max: money });

export const searchHitSchema = reply({
  id: uuid,
  version: z.number().int(),
  title: bilingual,
  /** Matches wrapped in <mark>…</mark>; the description cropped around them. */
  highlight: reply({ title: z.string(), description: z.string() }),
  shop: reply({ name: z.string(), slug: z.string() }),
  artisanId: uuid,
  regency,
  category: reply({ slug: z.string(), path: z.array(z.string()), names: z.array(z.string()) }),
  materials: z.array(z.string()),
  techniques: z.array(z.string()),
  /** What a buyer pays now (a live campaign's price when one applies). */
  price: priceRange,
  /** The prices without the campaign, when a campaign price applies; else null. */
  regularPrice: priceRange.nullable(),
  /** Live provenance marks of the listing or its shop. */
  marks: z.array(reply({ code: z.string(), name: reply({ id: z.string(), en: z.string() }) })),
  /** Live campaigns the listing takes part in. */
  campaigns: z.array(reply({ slug: z.string(), title: bilingual })),
  inStock: z.boolean(),
  stockTotal: z.number().int(),
  photo: photoRenditions.nullable(),
  popularity: z.number().int(),
  publishedAt: isoDate,
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = reply({
  query: z.string(),
  hits: z.array(searchHitSchema),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  totalPages: z.number().int(),
  facets: reply(Object.fromEntries(SEARCH_FACETS.map((f) => [f, z.array(facetCountSchema)])) as Record<SearchFacet, z.ZodArray<typeof facetCountSchema>>),
  processingTimeMs: z.number(),
  degraded: z.boolean(),
  /** When the search found little: the buyer's words with typos corrected, if that finds more; else null. */
  didYouMean: z.string().nullable(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const suggestResultSchema = reply({
  query: z.string(),
  listings: z.array(reply({ id: uuid, title: bilingual, highlight: z.string() })),
  categories: z.array(facetCountSchema),
  /** The regencies where the matching listings are made, most first (labelled). */
  regencies: z.array(facetCountSchema),
  /** The shops with most matching listings. */
  shops: z.array(reply({ slug: z.string(), name: z.string(), count: z.number().int() })),
});
export type SuggestResult = z.infer<typeof suggestResultSchema>;

export const reconcileResultSchema = reply({ checked: z.number().int(), missing: z.number().int(), extra: z.number().int(), stale: z.number().int(), fixed: z.number().int() });
export const reindexResultSchema = reply({ documents: z.number().int(), indexUid: z.string(), durationMs: z.number() });
export type ReconcileResult = z.infer<typeof reconcileResultSchema>;
export type ReindexResult = z.infer<typeof reindexResultSchema>;

export const searchRunViewSchema = reply({
  id: uuid,
  kind: z.enum(['reindex', 'reconcile']),
  trigger: z.enum(['api', 'schedule', 'command', 'recovery']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progress: reply({ done: z.number().int(), total: z.number().int() }),
  result: z.union([reconcileResultSchema, reindexResultSchema]).nullable(),
  error: z.string().nullable(),
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
});
export type SearchRunView = z.infer<typeof searchRunViewSchema>;

export const searchStatusSchema = reply({
  index: z.string(),
  documents: z.number().int().nullable(),
  settingsVersion: z.number().int(),
  /** The version of the bilingual vocabulary the documents carry. */
  vocabularyVersion: z.number().int(),
  meilisearch: z.enum(['up', 'down']),
});
export type SearchStatus = z.infer<typeof searchStatusSchema>;

export const SearchReplies = {
  [SearchPatterns.listings]: searchResultSchema,
  [SearchPatterns.suggest]: suggestResultSchema,
  [SearchPatterns.reindex]: searchRunViewSchema,
  [SearchPatterns.reconcile]: searchRunViewSchema,
  [SearchPatterns.runs]: page(searchRunViewSchema),
  [SearchPatterns.run]: searchRunViewSchema,
  [SearchPatterns.status]: searchStatusSchema,
} as const;
