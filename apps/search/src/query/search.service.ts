import { Injectable, Logger } from '@nestjs/common';
import type { FacetDistribution, Hit, MultiSearchResponse, SearchResponse } from 'meilisearch';
import { FacetCount, SEARCH_FACETS, SearchFacet, SearchHit, SearchResult, SuggestResult } from '@pk/contracts';
import { DomainError, parseInput } from '@pk/core';
import { LABEL_SEPARATOR, ListingDocument } from '../index/listing-document';
import { MeiliHealth, SLOW_SEARCH_MS } from '../index/meili-health';
import { MeiliUnreachable } from '../index/meili-http';
import { SearchIndex, isMeiliDown, meiliErrorCode, searchUnavailable } from '../index/search-index';
import { DidYouMean } from './did-you-mean';
import { FacetLabels } from './facet-labels';
import { FACET_ATTRIBUTES, HIGHLIGHT, MatchingStrategy, SearchParams, buildSearchQueries, matchingFor, parseSearchParams, selectedFacets } from './search-request';
import { suggestInput } from '@pk/contracts/requests/search';

// Artisans write titles; buyers' browsers render highlights as HTML. Escape, then mark.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function markup(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/[&<>"']/g, (c) => ESCAPES[c])
    .replaceAll(HIGHLIGHT.pre, '<mark>')
    .replaceAll(HIGHLIGHT.post, '</mark>');
}
const marked = (text: string | null | undefined) => (text ?? '').includes(HIGHLIGHT.pre);

const discounted = (hit: Pick<ListingDocument, 'priceMin' | 'priceMax' | 'regularPriceMin' | 'regularPriceMax'>) =>
  hit.regularPriceMin !== undefined && (hit.regularPriceMin !== hit.priceMin || hit.regularPriceMax !== hit.priceMax);

const totalOf = (r: { totalHits?: number; estimatedTotalHits?: number }) => r.totalHits ?? r.estimatedTotalHits ?? 0;

// Facets counted on `value|label`: the label travels with the count, so no lookup is needed.
const LABELLED = new Set<SearchFacet>(['mark', 'campaign']);

/**
 * `value|label` counts back to values with labels. A renamed campaign may briefly show under two
 * labels while its listings are re-indexed: the counts add up, the commoner label wins.
 */
export function unlabel(values: Record<string, number>): FacetCount[] {
  const byValue = new Map<string, FacetCount & { top: number }>();
  for (const [key, count] of Object.entries(values)) {
    const at = key.indexOf(LABEL_SEPARATOR);
    const value = at < 0 ? key : key.slice(0, at);
    const label = at < 0 ? key : key.slice(at + 1);
    const seen = byValue.get(value);
    if (!seen) byValue.set(value, { value, label, count, top: count });
    else {
      seen.count += count;
      if (count > seen.top) Object.assign(seen, { label, top: count });
    }
  }
  return [...byValue.values()].map(({ value, label, count }) => ({ value, label, count }));
}

/** Searches the live index; buyers' queries never reach Meilisearch unchecked. */
@Injectable()
export class SearchService {
  private readonly logger = new Logger(SearchService.name);

  constructor(
    private readonly index: SearchIndex,
    private readonly labels: FacetLabels,
    private readonly didYouMean: DidYouMean,
    private readonly health: MeiliHealth,
  ) {}

  async search(raw: unknown): Promise<SearchResult> {
    const params = parseSearchParams((raw ?? {}) as Record<string, unknown>);
    const multi = (matching: MatchingStrategy) =>
      this.meili((signal) => this.index.http.post<MultiSearchResponse<ListingDocument>>('/multi-search', { queries: buildSearchQueries(params, this.index.liveUid, matching) }, signal));
    let matching = matchingFor(params);
    let [, response] = await Promise.all([this.labels.ready(), multi(matching)]);
    // A sorted search needs every word; when nothing has them all, the partial matches are better than nothing.
    if (matching === 'all' && params.q.includes(' ') && totalOf(response.results[0]) === 0) {
      matching = 'frequency';
      response = await multi(matching);
    }
    const [main, ...perFacet] = response.results;
    const distribution: FacetDistribution = { ...main.facetDistribution };
    selectedFacets(params).forEach((facet, i) => {
      const attribute = FACET_ATTRIBUTES[facet];
      distribution[attribute] = perFacet[i]?.facetDistribution?.[attribute] ?? {};
    });
    const total = totalOf(main);
    const didYouMean = await this.didYouMean
      .suggest(params.q, total, (q) => this.count({ ...params, q }, matching))
      // A suggestion is a courtesy: without one the search still answers.
      .catch((error: Error) => (this.logger.warn(`did-you-mean failed: ${error.message}`), null));
    return {
      query: params.q,
      hits: main.hits.map((hit) => this.hit(hit)),
      total,
      page: params.page,
      limit: params.limit,
      totalPages: main.totalPages ?? Math.ceil(total / params.limit),
      facets: this.facets(distribution),
      // The facet-count queries are part of the search's time too.
      processingTimeMs: [main, ...perFacet].reduce((sum, r) => sum + (r.processingTimeMs ?? 0), 0),
      degraded: false,
      didYouMean,
    };
  }

  /** How many listings a search finds, with the same filters: no hits, no facets. */
  private async count(params: SearchParams, matching: MatchingStrategy): Promise<number> {
    const [query] = buildSearchQueries(params, this.index.liveUid, matching);
    const found = await this.meili((signal) =>
      this.index.http.post<SearchResponse>(`/indexes/${encodeURIComponent(this.index.liveUid)}/search`, {
        q: query.q, filter: query.filter, matchingStrategy: query.matchingStrategy, limit: 0,
      }, signal),
    );
    return totalOf(found);
  }

  async suggest(raw: unknown): Promise<SuggestResult> {
    const { q, limit } = parseInput(suggestInput, raw ?? {});
    const [, result] = await Promise.all([
      this.labels.ready(),
      this.meili((signal) =>
        this.index.http.post<SearchResponse<ListingDocument>>(`/indexes/${encodeURIComponent(this.index.liveUid)}/search`, {
          q,
          limit,
          attributesToRetrieve: ['id', 'titleId', 'titleEn'],
          attributesToHighlight: ['titleId', 'titleEn'],
          highlightPreTag: HIGHLIGHT.pre,
          highlightPostTag: HIGHLIGHT.post,
          facets: [FACET_ATTRIBUTES.category, FACET_ATTRIBUTES.regency, 'shopFacet'],
        }, signal),
      ),
    ]);
    const facets = result.facetDistribution ?? {};
    return {
      query: q,
      listings: result.hits.map((hit) => ({
        id: hit.id,
        title: { id: hit.titleId, en: hit.titleEn },
        highlight: markup(this.titleHighlight(hit)),
      })),
      categories: this.counts('category', facets[FACET_ATTRIBUTES.category] ?? {}).slice(0, 5),
      // Where the matching listings are made, and the shops with most of them.
      regencies: this.counts('regency', facets[FACET_ATTRIBUTES.regency] ?? {}).slice(0, 5),
      shops: unlabel(facets.shopFacet ?? {})
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
        .slice(0, 5)
        .map(({ value, label, count }) => ({ slug: value, name: label, count })),
    };
  }

  /**
   * One call to Meilisearch for a buyer: refused at once while Meilisearch does not answer at all,
   * and cut when it stops answering meanwhile (a slow call asks the health probe at once).
   */
  private async meili<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.health.down) throw searchUnavailable(new MeiliUnreachable('Meilisearch does not answer /health'));
    const slow = setTimeout(() => void this.health.probe(), SLOW_SEARCH_MS);
    try {
      const answer = await call(this.health.signal);
      this.health.answered();
      return answer;
    } catch (error) {
      if (!isMeiliDown(error)) this.health.answered();
      if (isMeiliDown(error) || meiliErrorCode(error) === 'index_not_found') throw searchUnavailable(error);
      // Anything else is our query's fault, not the buyer's: logged, and a plain 500.
      this.logger.error(`Meilisearch refused a search: ${(error as Error).message}`);
      throw error instanceof DomainError ? error : new Error('search failed');
    } finally {
      clearTimeout(slow);
    }
  }

  private hit(hit: Hit<ListingDocument>): SearchHit {
    const f = hit._formatted ?? {};
    const description = marked(f.descriptionEn) && !marked(f.descriptionId) ? f.descriptionEn : f.descriptionId;
    return {
      id: hit.id,
      version: hit.version,
      title: { id: hit.titleId, en: hit.titleEn },
      highlight: { title: markup(this.titleHighlight(hit)), description: markup(description as string) },
      shop: { name: hit.shopName, slug: hit.shopSlug },
      artisanId: hit.artisanId,
      regency: hit.regency,
      category: { slug: hit.categories[hit.categories.length - 1], path: hit.categories, names: hit.categoryNames },
      materials: hit.materials,
      techniques: hit.techniques,
      price: { min: String(hit.priceMin), max: String(hit.priceMax) },
      regularPrice: discounted(hit) ? { min: String(hit.regularPriceMin), max: String(hit.regularPriceMax) } : null,
      // Documents written before marks and campaigns were indexed have neither until the reindex.
      marks: hit.marks ?? [],
      campaigns: hit.campaigns ?? [],
      inStock: hit.inStock,
      stockTotal: hit.stockTotal,
      photo: hit.photo,
      popularity: hit.popularity,
      publishedAt: new Date(hit.publishedAt).toISOString(),
    };
  }

  /** The Indonesian title, unless only the English one matched. */
  private titleHighlight(hit: Hit<Pick<ListingDocument, 'titleId' | 'titleEn'>>): string {
    const f = hit._formatted ?? {};
    if (marked(f.titleEn) && !marked(f.titleId)) return f.titleEn as string;
    return (f.titleId as string | undefined) ?? hit.titleId;
  }

  private facets(distribution: FacetDistribution): Record<SearchFacet, FacetCount[]> {
    return Object.fromEntries(
      SEARCH_FACETS.map((facet) => [facet, this.counts(facet, distribution[FACET_ATTRIBUTES[facet]] ?? {})]),
    ) as Record<SearchFacet, FacetCount[]>;
  }

  private counts(facet: SearchFacet, values: Record<string, number>): FacetCount[] {
    const entries = LABELLED.has(facet)
      ? unlabel(values)
      : Object.entries(values).map(([value, count]) => ({ value, label: this.labels.label(facet, value), count }));
    return entries
      .filter(({ count }) => count > 0)
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
}
