import { Link } from 'wouter';
import { formatRupiah } from '../format';
import { localized, useI18n } from '../i18n';
import { Photo } from '../ui/photo';
import { mediaSrc } from './config';
import type { Bilingual, ListingMark, PhotoRenditions } from './types';

/** The price paid now, with the regular price struck through while a campaign lowers it. */
export function PriceTag({ price, regular, max }: { price: string; regular?: string | null; max?: string | null }) {
  const { t } = useI18n();
  const discounted = regular != null && regular !== price && BigInt(regular) > BigInt(price);
  return (
    <span className="price-tag">
      <span className="price" data-testid="price">
        {formatRupiah(price)}
        {max && max !== price ? ` – ${formatRupiah(max)}` : ''}
      </span>
      {discounted && (
        <del className="price-regular" data-testid="regular-price">
          <span className="visually-hidden">{t('store.regularPrice')} </span>
          {formatRupiah(regular!)}
        </del>
      )}
    </span>
  );
}

type Mark = Pick<ListingMark, 'code' | 'name'> & { scope?: string };

export function MarkBadges({ marks }: { marks: Mark[] }) {
  const { lang } = useI18n();
  if (!marks.length) return null;
  return (
    <ul className="marks" aria-label="Tanda asal / provenance">
      {marks.map((m) => (
        <li key={`${m.code}-${m.scope ?? ''}`} className="chip chip-mark" data-mark={m.code}>
          <span aria-hidden="true">✓ </span>
          {lang === 'en' ? m.name.en : m.name.id}
        </li>
      ))}
    </ul>
  );
}

export interface CardData {
  id: string;
  title: Bilingual;
  price: string;
  regularPrice?: string | null;
  maxPrice?: string | null;
  photo?: PhotoRenditions | null;
  thumbnail?: string | null;
  shop?: { name: string; slug: string } | null;
  subtitle?: string;
  marks?: Mark[];
  inStock?: boolean;
  titleHtml?: string;
}

/** Escapes everything, then lets only the search engine's <mark> through. */
function safeHighlight(html: string): string {
  const escaped = html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(/&lt;mark&gt;/g, '<mark>').replace(/&lt;\/mark&gt;/g, '</mark>');
}

export function ListingCard({ item }: { item: CardData }) {
  const { t, lang } = useI18n();
  const title = localized(item.title, lang);
  const src = mediaSrc(item.photo?.card ?? item.thumbnail ?? null);
  return (
    <li className="card listing-card" data-testid="listing-card">
      <Link href={`/listing/${item.id}`}>
        <Photo src={src} alt="" loading="lazy" width="400" height="300" />
        <div className="card-body">
          {item.titleHtml && lang === 'id' ? (
            <p className="card-title" dangerouslySetInnerHTML={{ __html: safeHighlight(item.titleHtml) }} />
          ) : (
            <p className="card-title">{title}</p>
          )}
          <PriceTag price={item.price} regular={item.regularPrice} max={item.maxPrice} />
          {item.shop && <p className="muted small">{item.shop.name}{item.subtitle ? ` · ${item.subtitle}` : ''}</p>}
          {item.inStock === false && <p className="small stock-out">{t('store.outOfStock')}</p>}
          {item.marks && item.marks.length > 0 && <MarkBadges marks={item.marks} />}
        </div>
      </Link>
    </li>
  );
}

export function Stars({ rating, label }: { rating: number; label: string }) {
  return (
    <span className="stars" role="img" aria-label={label}>
      {'★★★★★'.slice(0, Math.round(rating))}
      <span className="stars-off">{'★★★★★'.slice(Math.round(rating))}</span>
    </span>
  );
}
