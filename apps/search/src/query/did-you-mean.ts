import { Injectable, Logger } from '@nestjs/common';
import type { SearchResponse } from 'meilisearch';
import { REGENCIES } from '@pk/contracts';
import { GLOSSARY, words } from '../index/glossary';
import { STOP_WORDS } from '../index/index-settings';
import { MeiliHealth } from '../index/meili-health';
import { SearchIndex } from '../index/search-index';
import { FacetLabels } from './facet-labels';

/** Fewer hits than this and the search answers with a "did you mean". */
export const FEW_HITS = 3;
const TTL_MS = 10 * 60_000;

/** Edit distance with adjacent transpositions (optimal string alignment): "braclet" is one from "bracelet". */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      rowMin = Math.min(rowMin, d[i][j]);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length][b.length];
}

/** Known words, each with a weight: the vocabulary's first, then how often the index uses them. */
export type Dictionary = Map<string, number>;

/**
 * The nearest known word for each unknown word of a query; null when every word is known or
 * nothing is near. Words of up to four letters may be one edit off, longer ones two; among
 * equally near words the commoner wins, then the longer ("lukisn" is "lukisan", not "lukis").
 */
export function correct(query: string, dictionary: Dictionary): string | null {
  const typed = words(query);
  let changed = false;
  const out = typed.map((word) => {
    if (dictionary.has(word) || word.length < 3 || /\d/.test(word)) return word;
    const max = word.length <= 4 ? 1 : 2;
    let best: { term: string; distance: number; weight: number } | null = null;
    for (const [term, weight] of dictionary) {
      const distance = editDistance(word, term, max);
      if (distance > max) continue;
      // Nearer first, then commoner, then longer (buyers drop letters more than they add them).
      const better = !best || distance < best.distance || (distance === best.distance && (weight > best.weight ||
        (weight === best.weight && (term.length > best.term.length || (term.length === best.term.length && term < best.term)))));
      if (better) {
        best = { term, distance, weight };
      }
    }
    if (!best) return word;
    changed = true;
    return best.term;
  });
  return changed ? out.join(' ') : null;
}

/**
 * "Did you mean": when a search finds little, the query with each unknown word replaced by the
 * nearest word of the vocabulary, the category and regency names, or the materials and
 * techniques the index holds; offered only when it finds more than the buyer's own words did.
 */
@Injectable()
export class DidYouMean {
  private readonly logger = new Logger(DidYouMean.name);
  private dictionary: Dictionary = new Map();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly index: SearchIndex,
    private readonly labels: FacetLabels,
    private readonly health: MeiliHealth,
  ) {}

  /** The better query, when there is one: `count` says how many hits a query finds. */
  async suggest(q: string, found: number, count: (q: string) => Promise<number>): Promise<string | null> {
    if (!q || found >= FEW_HITS) return null;
    await this.ready();
    const better = correct(q, this.dictionary);
    if (!better || better === words(q).join(' ')) return null;
    return (await count(better)) > found ? better : null;
  }

  private async ready(): Promise<void> {
    if (Date.now() - this.loadedAt < TTL_MS) return;
    this.loading ??= this.load()
      .catch((error: Error) => this.logger.warn(`index terms unavailable for did-you-mean: ${error.message}`))
      .finally(() => (this.loading = null));
    if (this.dictionary.size === 0) await this.loading;
  }

  private async load(): Promise<void> {
    const dictionary: Dictionary = new Map();
    const add = (text: string, weight: number) => {
      for (const word of words(text)) if (word.length >= 3 && !/\d/.test(word)) dictionary.set(word, Math.max(dictionary.get(word) ?? 0, weight));
    };
    // The index's own words for materials and techniques, weighted by how many listings use them.
    const facets = await this.index.http.post<SearchResponse>(`/indexes/${encodeURIComponent(this.index.liveUid)}/search`, {
      q: '', limit: 0, facets: ['materials', 'techniques', 'categories'],
    }, this.health.signal);
    for (const attribute of ['materials', 'techniques']) {
      for (const [value, n] of Object.entries(facets.facetDistribution?.[attribute] ?? {})) add(value, n);
    }
    await this.labels.ready();
    for (const [slug, n] of Object.entries(facets.facetDistribution?.categories ?? {})) add(this.labels.label('category', slug), n);
    for (const name of Object.values(REGENCIES)) add(name, 1);
    // The vocabulary outweighs any count: it is what buyers mean.
    for (const word of GLOSSARY.allWords()) add(word, Number.MAX_SAFE_INTEGER);
    // Known, so never corrected ("dan" is not a typo of "tas").
    for (const word of STOP_WORDS) if (!dictionary.has(word)) dictionary.set(word, 0);
    this.dictionary = dictionary;
    this.loadedAt = Date.now();
  }
}
