import { DomainError } from '@pk/core';
import { HIGHLIGHT, buildSearchQueries, parseSearchParams } from './search-request';
import { markup, unlabel } from './search.service';

function problems(raw: Record<string, unknown>): string[] {
  try {
    parseSearchParams(raw);
  } catch (error) {
    return ((error as DomainError).details as Array<{ field: string }>).map((d) => d.field);
  }
  throw new Error('expected a validation failure');
}

describe('parseSearchParams', () => {
  it('takes repeated and comma-separated values, lower-cases materials, and fills defaults', () => {
    const p = parseSearchParams({ q: '  kain endek ', regency: ['gianyar', 'klungkung,karangasem'], material: 'Perak' });
    expect(p).toMatchObject({ q: 'kain endek', regency: ['gianyar', 'klungkung', 'karangasem'], material: ['perak'], sort: 'relevance', page: 1, limit: 24 });
  });

  it('names each bad or unknown parameter', () => {
    expect(problems({ sort: 'cheapest' })).toEqual(['sort']);
    expect(problems({ regency: ['gianyar', 'paris'] })).toEqual(['regency']);
    expect(problems({ limit: '500', inStock: 'maybe' }).sort()).toEqual(['inStock', 'limit']);
    expect(problems({ colour: 'red' })).toEqual(['colour']);
    expect(problems({ minPrice: '500000', maxPrice: '100000' })).toEqual(['minPrice']);
    expect(problems({ mark: 'Kriya Bali!' })).toEqual(['mark']);
    expect(problems({ campaign: ['pameran-endek', 'a"b'] })).toEqual(['campaign']);
  });
});

describe('buildSearchQueries', () => {
  it('quotes filter values, so a value cannot change the filter', () => {
    const [main] = buildSearchQueries(parseSearchParams({ material: 'perak" OR inStock = false OR x = "' }), 'listings');
    expect(main.filter).toEqual(['materials IN ["perak\\" or instock = false or x = \\""]']);
  });

  it('adds one facet-count query per selected facet, without its own selection', () => {
    const queries = buildSearchQueries(parseSearchParams({ q: 'perak', regency: 'gianyar', inStock: 'true', minPrice: '1000' }), 'listings');
    expect(queries).toHaveLength(3);
    expect(queries[0].filter).toEqual(['regency IN ["gianyar"]', 'inStock = true', 'priceMax >= 1000']);
    expect(queries[1]).toMatchObject({ q: 'perak', facets: ['regency'], filter: ['inStock = true', 'priceMax >= 1000'], limit: 0 });
    expect(queries[2]).toMatchObject({ facets: ['inStock'], filter: ['regency IN ["gianyar"]', 'priceMax >= 1000'] });
  });
});

describe('sorting with words', () => {
  it('needs every word when the buyer asks for an order, and lets relevance drop words otherwise', () => {
    const sorted = buildSearchQueries(parseSearchParams({ q: 'kain endek', sort: 'price_asc', regency: 'gianyar' }), 'listings');
    expect(sorted.map((q) => q.matchingStrategy)).toEqual(['all', 'all']);
    expect(sorted[0].sort).toEqual(['priceMin:asc']);
    const ranked = buildSearchQueries(parseSearchParams({ q: 'kain endek' }), 'listings');
    expect(ranked[0]).toMatchObject({ matchingStrategy: 'frequency', sort: undefined });
  });
});

describe('marks and campaigns', () => {
  it('filters on the bare codes and counts on the labelled values', () => {
    const [main, marks] = buildSearchQueries(parseSearchParams({ mark: 'ig-endek-bali', campaign: 'pameran-endek' }), 'listings');
    expect(main.filter).toEqual(['markCodes IN ["ig-endek-bali"]', 'campaignSlugs IN ["pameran-endek"]']);
    expect(main.facets).toEqual(expect.arrayContaining(['markFacets', 'campaignFacets']));
    expect(marks).toMatchObject({ facets: ['markFacets'], filter: ['campaignSlugs IN ["pameran-endek"]'] });
  });

  it('splits labelled counts into value and label, adding up a value seen under two labels', () => {
    expect(unlabel({ 'ig-endek-bali|Indikasi Geografis Endek Bali': 3, 'pameran|Pameran lama': 1, 'pameran|Pameran | baru': 2 })).toEqual([
      { value: 'ig-endek-bali', label: 'Indikasi Geografis Endek Bali', count: 3 },
      { value: 'pameran', label: 'Pameran | baru', count: 3 },
    ]);
  });
});

describe('markup', () => {
  it('escapes what artisans wrote before marking the matches', () => {
    const text = `<img src=x onerror=alert(1)> ${HIGHLIGHT.pre}perak${HIGHLIGHT.post} & "emas"`;
    expect(markup(text)).toBe('&lt;img src=x onerror=alert(1)&gt; <mark>perak</mark> &amp; &quot;emas&quot;');
  });
});
