import { useParams } from 'wouter';
import { api } from '../api';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { Page } from '../ui/layout';
import { EmptyState, ErrorState, Loading } from '../ui/status';
import { mediaSrc } from './config';
import { Photo } from '../ui/photo';
import { ListingCard } from './components';
import type { ShopPage as Shop } from './types';
import { useApi } from '../use-api';

export function ShopPage() {
  const { slug } = useParams<{ slug: string }>();
  const { t, lang } = useI18n();
  const shop = useApi((signal) => api<Shop>(`/shops/${slug}`, { query: { limit: 48 }, signal }), [slug]);
  const s = shop.data;
  return (
    <Page title={s?.shop.name}>
      {shop.loading && !s && <Loading />}
      {shop.error !== null && <ErrorState error={shop.error} onRetry={shop.reload} />}
      {s && (
        <>
          <header className="shop-head">
            {s.shop.photo && <Photo src={mediaSrc(s.shop.photo.card)} alt="" width="120" height="120" className="shop-photo" />}
            <div>
              <h1>{s.shop.name}</h1>
              <p className="muted">
                {s.shop.regencyName}
                {s.shop.verifiedSince && ` · ${t('store.shop.verifiedSince', { date: formatDate(s.shop.verifiedSince, lang) })}`}
              </p>
              <p>{s.shop.craftTypes.map((c) => <span key={c.slug} className="chip">{lang === 'en' ? c.nameEn : c.name}</span>)}</p>
            </div>
          </header>
          <section aria-labelledby="shop-story">
            <h2 id="shop-story">{t('store.shop.story')}</h2>
            <p className="prewrap">{s.shop.story}</p>
          </section>
          <section aria-labelledby="shop-listings">
            <h2 id="shop-listings">{t('store.shop.listings', { count: s.listings.total })}</h2>
            {s.listings.items.length === 0 ? (
              <EmptyState>{t('store.shop.none')}</EmptyState>
            ) : (
              <ul className="grid">
                {s.listings.items.map((l) => (
                  <ListingCard key={l.id} item={{ id: l.id, title: l.title, price: l.minPrice, maxPrice: l.maxPrice, thumbnail: l.thumbnail, inStock: l.inStock }} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
