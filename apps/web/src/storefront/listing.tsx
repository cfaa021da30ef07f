import { useEffect, useState } from 'react';
import { Link, useParams } from 'wouter';
import { api } from '../api';
import { formatDate } from '../format';
import { localized, useI18n } from '../i18n';
import { Button } from '../ui/button';
import { TextField } from '../ui/fields';
import { Page } from '../ui/layout';
import { EmptyState, ErrorState, Loading } from '../ui/status';
import { knownErrorText } from '../ui/error-messages';
import { toast } from '../ui/toast';
import { addToCart } from './cart';
import { mediaSrc } from './config';
import { Photo } from '../ui/photo';
import { MarkBadges, PriceTag, Stars } from './components';
import type { ListingReviews, PublicListing } from './types';
import { useApi } from '../use-api';

const optionText = (options: Record<string, string>) => Object.entries(options).map(([k, v]) => `${k}: ${v}`).join(', ');

export function ListingPage() {
  const { id } = useParams<{ id: string }>();
  const { t, lang } = useI18n();
  const listing = useApi((signal) => api<PublicListing>(`/listings/${id}`, { signal }), [id]);
  const l = listing.data;
  const title = l ? localized(l.title, lang) : '';
  return (
    <Page title={title || undefined}>
      {listing.loading && !l && <Loading />}
      {listing.error !== null && <ErrorState error={listing.error} onRetry={listing.reload} />}
      {l && (
        <article className="listing" data-testid="listing">
          <Photos listing={l} />
          <div className="listing-main">
            <h1>{title}</h1>
            <p className="muted">
              <Link href={`/shop/${l.artisan.shopSlug}`}>{l.artisan.shopName}</Link>
              {' · '}
              <Link href={`/regency/${l.regency}`}>{l.regency.charAt(0).toUpperCase() + l.regency.slice(1)}</Link>
              {' · '}
              <Link href={`/category/${l.category.slug}`}>{l.category.names[l.category.names.length - 1] ?? l.category.slug}</Link>
            </p>
            <MarkBadges marks={l.marks ?? []} />
            {(l.campaigns ?? []).map((c) => (
              <p key={c.slug} className="chip chip-campaign">{localized(c.title, lang)} · {t('store.home.until', { date: formatDate(c.endsAt, lang) })}</p>
            ))}
            <BuyBox listing={l} />
            <section aria-labelledby="about">
              <h2 id="about">{t('store.listing.about')}</h2>
              <p className="prewrap">{localized(l.description, lang)}</p>
              <dl className="facts">
                {l.materials.length > 0 && <><dt>{t('store.facet.material')}</dt><dd>{l.materials.join(', ')}</dd></>}
                {l.techniques.length > 0 && <><dt>{t('store.facet.technique')}</dt><dd>{l.techniques.join(', ')}</dd></>}
                <dt>{t('store.listing.size')}</dt><dd>{l.dimensionsCm.length} × {l.dimensionsCm.width} × {l.dimensionsCm.height} cm, {l.weightGrams} g</dd>
                {l.handmade && <><dt>{t('store.listing.handmade')}</dt><dd>{t('store.listing.yes')}</dd></>}
              </dl>
            </section>
            {l.story && (
              <section aria-labelledby="story">
                <h2 id="story">{t('store.listing.story', { shop: l.artisan.shopName })}</h2>
                <p className="prewrap" data-testid="artisan-story">{l.story}</p>
              </section>
            )}
            <Reviews listingId={l.id} />
          </div>
        </article>
      )}
    </Page>
  );
}

function Photos({ listing }: { listing: PublicListing }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(0);
  const photos = listing.photos;
  if (!photos.length) return <div className="photo-placeholder big" aria-hidden="true" />;
  const current = photos[Math.min(shown, photos.length - 1)];
  return (
    <div className="gallery">
      <Photo key={current.id} src={mediaSrc(current.urls.full)} alt={current.alt} width="800" height="600" className="big" />
      {photos.length > 1 && (
        <ul className="thumbs" aria-label={t('store.listing.photos')}>
          {photos.map((p, i) => (
            <li key={p.id}>
              <button type="button" aria-pressed={i === shown} aria-label={t('store.listing.photoN', { n: i + 1 })} onClick={() => setShown(i)}>
                <Photo src={mediaSrc(p.urls.thumbnail)} alt="" width="64" height="64" className="small" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function BuyBox({ listing }: { listing: PublicListing }) {
  const { t, lang } = useI18n();
  const firstInStock = listing.variants.find((v) => v.stock > 0) ?? listing.variants[0];
  const [variantId, setVariantId] = useState(firstInStock?.id);
  const [quantity, setQuantity] = useState('1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setVariantId(firstInStock?.id), [firstInStock?.id]);
  const variant = listing.variants.find((v) => v.id === variantId) ?? firstInStock;
  if (!variant) return null;
  const qty = Number(quantity);
  const qtyError = !Number.isInteger(qty) || qty < 1 || qty > 20 ? t('store.listing.qtyRange') : qty > variant.stock && variant.stock > 0 ? t('store.listing.qtyStock', { stock: variant.stock }) : null;

  const add = async () => {
    if (qtyError) return;
    setBusy(true);
    setError(null);
    try {
      await addToCart(variant.id, qty);
      toast(t('store.listing.added'));
    } catch (err) {
      setError(knownErrorText(err, lang) ?? (err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="buy-box">
      <PriceTag price={variant.price} regular={variant.regularPrice} />
      {listing.variants.length > 1 && (
        <fieldset className="variants">
          <legend>{t('store.listing.variant')}</legend>
          {listing.variants.map((v) => (
            <label key={v.id} className={`variant${v.stock === 0 ? ' variant-out' : ''}`}>
              <input type="radio" name="variant" value={v.id} checked={v.id === variant.id} onChange={() => setVariantId(v.id)} disabled={v.stock === 0} />
              <span>{optionText(v.options) || v.sku}</span>
              <span className="muted small">{v.stock === 0 ? t('store.outOfStock') : t('store.listing.stock', { stock: v.stock })}</span>
            </label>
          ))}
        </fieldset>
      )}
      {listing.variants.length === 1 && <p className="muted small">{variant.stock === 0 ? t('store.outOfStock') : t('store.listing.stock', { stock: variant.stock })}</p>}
      <div className="row">
        <TextField label={t('store.listing.quantity')} type="number" inputMode="numeric" min={1} max={20} value={quantity}
          onChange={(e) => setQuantity(e.target.value)} error={qtyError} className="qty" />
        <Button onClick={add} busy={busy} disabled={variant.stock === 0 || qtyError !== null}>{t('store.listing.addToCart')}</Button>
      </div>
      {error && <p role="alert" className="field-error">{error}</p>}
    </div>
  );
}

function Reviews({ listingId }: { listingId: string }) {
  const { t, lang } = useI18n();
  const reviews = useApi((signal) => api<ListingReviews>(`/listings/${listingId}/reviews`, { query: { limit: 10 }, signal }), [listingId]);
  const r = reviews.data;
  return (
    <section aria-labelledby="reviews">
      <h2 id="reviews">{t('store.reviews.title')}</h2>
      {reviews.loading && !r && <Loading />}
      {reviews.error !== null && <ErrorState error={reviews.error} onRetry={reviews.reload} />}
      {r && r.count === 0 && <EmptyState>{t('store.reviews.none')}</EmptyState>}
      {r && r.count > 0 && (
        <>
          <p><Stars rating={r.average ?? 0} label={t('store.reviews.average', { rating: r.average ?? 0 })} /> {t('store.reviews.summary', { rating: r.average ?? 0, count: r.count })}</p>
          <ul className="reviews">
            {r.items.map((item) => (
              <li key={item.id}>
                <Stars rating={item.rating} label={t('store.reviews.rating', { rating: item.rating })} />
                <span className="muted small"> {formatDate(item.createdAt, lang)}{Object.keys(item.options).length ? ` · ${optionText(item.options)}` : ''}</span>
                {item.body && <p>{item.body}</p>}
                {item.reply && <p className="reply"><strong>{t('store.reviews.reply')}</strong> {item.reply}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
