import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api';
import { formatDateTime, formatRupiah } from '../format';
import { useI18n } from '../i18n';
import { Select } from '../ui/fields';
import { LoadState, SellerPage, StatusBadge } from './layout';
import { ListingCard, ListingStatus, Page, useLoad } from './seller-api';

const STATUSES: ListingStatus[] = ['draft', 'submitted', 'published', 'archived'];

const priceRange = (l: ListingCard) =>
  l.minPrice === l.maxPrice ? formatRupiah(l.minPrice) : `${formatRupiah(l.minPrice)} – ${formatRupiah(l.maxPrice)}`;

/** The shop's listings, any status, newest change first; a rejected draft shows the curator's reason. */
export function ListingsPage() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<'' | ListingStatus>('');
  const listings = useLoad((signal) => api<Page<ListingCard>>('/listings/mine', { signal, query: { status, limit: 100 } }), [status]);
  return (
    <SellerPage title={t('seller.listings.title')}>
      <div className="row seller-toolbar">
        <Link href="/listings/new" className="btn btn-primary">{t('seller.listings.new')}</Link>
        <Link href="/bulk" className="btn btn-secondary">{t('seller.nav.bulk')}</Link>
        <Select
          label={t('seller.listings.filter')} value={status} placeholder={t('seller.listings.all')}
          options={STATUSES.map((s) => ({ value: s, label: t(`seller.status.listing.${s}`) }))}
          onChange={(e) => setStatus(e.target.value as ListingStatus | '')}
        />
      </div>
      <LoadState state={listings} isEmpty={(p) => p.items.length === 0} empty={t('seller.listings.empty')}>
        {(p) => (
          <ul className="seller-list" aria-label={t('seller.listings.title')}>
            {p.items.map((l) => (
              <li key={l.id} className="card seller-item">
                {l.thumbnail ? <img src={l.thumbnail} alt="" className="seller-thumb" /> : <span className="seller-thumb photo-placeholder" aria-hidden="true" />}
                <div className="seller-item-body">
                  <h2 className="card-title"><Link href={`/listings/${l.id}`}>{l.title}</Link></h2>
                  <p className="row">
                    <StatusBadge kind="listing" status={l.status} />
                    <span className="price">{priceRange(l)}</span>
                    <span className="muted">{t('seller.listings.stock', { count: l.stock, variants: l.variants })}</span>
                  </p>
                  {l.rejectionReason && (
                    <p className="seller-rejection" role="note"><strong>{t('seller.listings.rejected')}</strong> {l.rejectionReason}</p>
                  )}
                  <p className="muted small">{t('seller.listings.updated', { when: formatDateTime(l.updatedAt, lang) })}</p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </SellerPage>
  );
}
