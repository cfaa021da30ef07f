import { Link } from 'wouter';
import { api, ApiError } from '../api';
import { formatDateTime } from '../format';
import { localized, useI18n } from '../i18n';
import { Page } from '../ui/layout';
import { EmptyState, ErrorState, Loading } from '../ui/status';
import { mediaSrc } from './config';
import { Photo } from '../ui/photo';
import { ListingCard } from './components';
import type { HomeCard, HomePage, SearchResult } from './types';
import { useApi } from '../use-api';

/** Until GET /home exists everywhere: the newest listings from search stand in for the composed page. */
async function loadHome(signal: AbortSignal): Promise<HomePage> {
  try {
    return await api<HomePage>('/home', { signal });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
    const newest = await api<SearchResult>('/search/listings', { query: { sort: 'newest', limit: 8 }, signal });
    const cards: HomeCard[] = newest.hits.map((h) => ({
      id: h.id, title: h.title, price: h.price.min, regularPrice: h.price.min, photo: h.photo,
      shop: h.shop, regency: h.regency, marks: [], campaigns: [], unitsSold: h.popularity,
    }));
    return {
      campaigns: [],
      collections: cards.length ? [{ id: 'newest', slug: '', title: { id: 'Terbaru', en: 'Newest' }, description: { id: '', en: null }, cover: null, listings: cards }] : [],
      newArtisans: [],
      regions: [],
      generatedAt: new Date().toISOString(),
    };
  }
}

// The regions with the most craft get a row of their best sellers; the rest are links.
const REGIONS_SHOWN = 3;

const card = (c: HomeCard) => ({ id: c.id, title: c.title, price: c.price, regularPrice: c.regularPrice, photo: c.photo, shop: c.shop, marks: c.marks });

export function HomePage() {
  const { t, lang } = useI18n();
  const home = useApi(loadHome, []);
  return (
    <Page>
      <section className="hero">
        <h1 data-testid="home-title">{t('app.name')}</h1>
        <p>{t('app.tagline')}</p>
        <form action="/search" role="search" className="hero-search">
          <label htmlFor="home-q" className="visually-hidden">{t('store.searchLabel')}</label>
          <input id="home-q" name="q" type="search" placeholder={t('store.searchPlaceholder')} />
          <button type="submit" className="btn btn-primary">{t('nav.search')}</button>
        </form>
      </section>
      {home.loading && !home.data && <Loading />}
      {home.error !== null && <ErrorState error={home.error} onRetry={home.reload} />}
      {home.data && (
        <div className="stack" data-testid="home-content">
          {home.data.campaigns.length > 0 && (
            <section aria-labelledby="home-campaigns">
              <h2 id="home-campaigns">{t('store.home.campaigns')}</h2>
              <ul className="campaigns">
                {home.data.campaigns.map((c) => (
                  <li key={c.id} className="card campaign">
                    {c.banner && <Photo src={mediaSrc(c.banner.card)} alt="" width="800" height="300" />}
                    <div className="card-body">
                      <h3><Link href={`/search?campaign=${encodeURIComponent(c.slug)}`}>{localized(c.title, lang)}</Link></h3>
                      <p>{localized(c.description, lang)}</p>
                      <p className="muted small">{t('store.home.until', { date: formatDateTime(c.endsAt, lang) })}</p>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {home.data.collections.map((col) => (
            <section key={col.id} aria-labelledby={`col-${col.id}`}>
              <h2 id={`col-${col.id}`}>{localized(col.title, lang)}</h2>
              {col.description.id && <p className="muted">{localized(col.description, lang)}</p>}
              <ul className="grid">{col.listings.map((c) => <ListingCard key={c.id} item={card(c)} />)}</ul>
            </section>
          ))}
          {home.data.newArtisans.length > 0 && (
            <section aria-labelledby="home-artisans">
              <h2 id="home-artisans">{t('store.home.newArtisans')}</h2>
              <ul className="chips-list">
                {home.data.newArtisans.map((a) => (
                  <li key={a.id}><Link href={`/shop/${a.shopSlug}`} className="chip">{a.shopName}</Link></li>
                ))}
              </ul>
            </section>
          )}
          {home.data.regions.length > 0 && (
            <section aria-labelledby="home-regions">
              <h2 id="home-regions">{t('store.home.regions')}</h2>
              <ul className="chips-list">
                {home.data.regions.map((r) => (
                  <li key={r.regency}>
                    <Link href={`/regency/${r.regency}`} className="chip">{r.name} ({r.listingCount})</Link>
                  </li>
                ))}
              </ul>
              {[...home.data.regions].filter((r) => r.top.length > 0).sort((a, b) => b.listingCount - a.listingCount).slice(0, REGIONS_SHOWN).map((r) => (
                <section key={r.regency} aria-labelledby={`region-${r.regency}`}>
                  <h3 id={`region-${r.regency}`}><Link href={`/regency/${r.regency}`}>{t('store.home.popularIn', { region: r.name })}</Link></h3>
                  <ul className="grid">{r.top.map((c) => <ListingCard key={c.id} item={card(c)} />)}</ul>
                </section>
              ))}
            </section>
          )}
          {home.data.campaigns.length + home.data.collections.length + home.data.regions.length === 0 && <EmptyState>{t('store.home.empty')}</EmptyState>}
        </div>
      )}
    </Page>
  );
}
