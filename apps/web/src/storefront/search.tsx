import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useParams, useSearch } from 'wouter';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Checkbox, Select } from '../ui/fields';
import { Page } from '../ui/layout';
import { EmptyState, ErrorState, Spinner } from '../ui/status';
import { ListingCard } from './components';
import { DidYouMean } from './did-you-mean';
import type { FacetCount, SearchResult } from './types';
import { useApi } from '../use-api';

// Facets shown, in this order; any facet the API adds later (e.g. mark, campaign) follows.
const FACET_ORDER = ['category', 'regency', 'material', 'technique', 'priceBand', 'mark', 'campaign'];
const TYPE_DELAY_MS = 250;

type Params = Record<string, string[]>;

function parse(search: string): Params {
  const out: Params = {};
  new URLSearchParams(search).forEach((value, key) => {
    (out[key] ??= []).push(value);
  });
  return out;
}

function serialize(params: Params): string {
  const s = new URLSearchParams();
  for (const [key, values] of Object.entries(params)) for (const v of values) if (v !== '') s.append(key, v);
  const text = s.toString();
  return text ? `?${text}` : '';
}

const useWide = () => useMemo(() => window.matchMedia('(min-width: 48rem)').matches, []);

/** Search, and browsing by category (/category/:slug) or regency (/regency/:slug): one page, with a fixed filter. */
export function SearchPage({ fixed }: { fixed?: 'category' | 'regency' }) {
  const { t } = useI18n();
  const route = useParams<{ slug?: string }>();
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = useMemo(() => parse(search), [search]);
  const wide = useWide();

  // What the buyer types shows at once; the URL (and so the search) follows after a pause.
  const [typed, setTyped] = useState(params.q?.[0] ?? '');
  const lastPushed = useRef(params.q?.[0] ?? '');
  useEffect(() => {
    const fromUrl = params.q?.[0] ?? '';
    if (fromUrl !== lastPushed.current) {
      lastPushed.current = fromUrl;
      setTyped(fromUrl);
    }
  }, [params.q]);
  useEffect(() => {
    if (typed === lastPushed.current) return;
    const timer = setTimeout(() => {
      lastPushed.current = typed;
      navigate(`${location}${serialize({ ...params, q: typed ? [typed] : [], page: [] })}`, { replace: true });
    }, TYPE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, params, location, navigate]);

  const query = useMemo(() => {
    const q: Record<string, string[]> = { ...params };
    if (fixed && route.slug) q[fixed] = [route.slug];
    return q;
  }, [params, fixed, route.slug]);

  const result = useApi((signal) => api<SearchResult>('/search/listings', { query: { limit: 24, ...query }, signal }), [JSON.stringify(query)]);
  const data = result.data;

  const setParam = (key: string, values: string[]) => navigate(`${location}${serialize({ ...params, [key]: values, page: [] })}`);
  const toggle = (key: string, value: string, on: boolean) => {
    const current = params[key] ?? [];
    setParam(key, on ? [...current, value] : current.filter((v) => v !== value));
  };

  const fixedLabel = fixed && data?.facets[fixed as keyof SearchResult['facets']]?.find((f) => f.value === route.slug)?.label;
  const title = fixed ? (fixedLabel ?? route.slug ?? '') : t('store.search.title');
  const facetKeys = data ? [...FACET_ORDER.filter((k) => k in data.facets), ...Object.keys(data.facets).filter((k) => !FACET_ORDER.includes(k) && k !== 'inStock')] : [];
  const page = Number(params.page?.[0] ?? 1);

  return (
    <Page title={title} wide>
      <h1>{title}</h1>
      <form role="search" className="search-bar" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="search-q" className="visually-hidden">{t('store.searchLabel')}</label>
        <input id="search-q" type="search" value={typed} autoComplete="off" placeholder={t('store.searchPlaceholder')}
          onChange={(e) => setTyped(e.target.value)} data-testid="search-input" />
        <Select label={t('store.search.sort')} className="sort" value={params.sort?.[0] ?? 'relevance'} onChange={(e) => setParam('sort', [e.target.value])}
          options={['relevance', 'newest', 'price_asc', 'price_desc', 'popular'].map((s) => ({ value: s, label: t(`store.sort.${s}`) }))} />
      </form>
      <div className="search-layout">
        <details className="facets" open={wide}>
          <summary>{t('store.search.filters')}</summary>
          <Checkbox label={t('store.search.inStock')} checked={params.inStock?.[0] === 'true'} onChange={(e) => setParam('inStock', e.target.checked ? ['true'] : [])} />
          {facetKeys.filter((k) => k !== fixed).map((key) => (
            <FacetGroup key={key} name={key} counts={data!.facets[key as keyof SearchResult['facets']] as FacetCount[]} selected={params[key] ?? []}
              onToggle={(value, on) => toggle(key, value, on)} />
          ))}
        </details>
        <section aria-labelledby="results-heading" className="results">
          <h2 id="results-heading" className="visually-hidden">{t('store.search.results')}</h2>
          <p role="status" aria-live="polite" className="muted" data-testid="result-count">
            {result.loading ? <><Spinner size="small" label="" /> {t('common.loading')}</> : data ? t('store.search.count', { count: data.total }) : ''}
          </p>
          {result.error !== null && <ErrorState error={result.error} onRetry={result.reload} />}
          {data?.degraded && <p className="muted">{t('store.search.degraded')}</p>}
          {data?.didYouMean && <DidYouMean suggestion={data.didYouMean} href={`${location}${serialize({ ...params, q: [data.didYouMean], page: [] })}`} />}
          {data && data.hits.length === 0 && <EmptyState>{t('store.search.none')}</EmptyState>}
          {data && data.hits.length > 0 && (
            <ul className="grid" aria-busy={result.loading}>
              {data.hits.map((h) => (
                <ListingCard key={h.id} item={{
                  id: h.id, title: h.title, titleHtml: h.highlight.title, price: h.price.min, maxPrice: h.price.max,
                  regularPrice: h.regularPrice?.min ?? null, photo: h.photo, shop: h.shop,
                  inStock: h.inStock, marks: h.marks ?? [],
                }} />
              ))}
            </ul>
          )}
          {data && data.totalPages > 1 && (
            <nav className="row pager" aria-label={t('store.search.pages')}>
              <button type="button" className="btn btn-secondary" disabled={page <= 1} onClick={() => setParam('page', [String(page - 1)])}>{t('store.search.prev')}</button>
              <span>{t('store.search.pageOf', { page, total: data.totalPages })}</span>
              <button type="button" className="btn btn-secondary" disabled={page >= data.totalPages} onClick={() => setParam('page', [String(page + 1)])}>{t('store.search.next')}</button>
            </nav>
          )}
        </section>
      </div>
    </Page>
  );
}

function FacetGroup({ name, counts, selected, onToggle }: { name: string; counts: FacetCount[]; selected: string[]; onToggle: (value: string, on: boolean) => void }) {
  const { t } = useI18n();
  // A selected value stays visible even when the other filters leave it no results.
  const values = [...counts, ...selected.filter((v) => !counts.some((c) => c.value === v)).map((v) => ({ value: v, label: v, count: 0 }))];
  if (!values.length) return null;
  return (
    <fieldset className="facet" data-facet={name}>
      <legend>{t(`store.facet.${name}`)}</legend>
      {values.map((f) => (
        <Checkbox key={f.value} label={`${f.label} (${f.count})`} checked={selected.includes(f.value)} onChange={(e) => onToggle(f.value, e.target.checked)} />
      ))}
    </fieldset>
  );
}

