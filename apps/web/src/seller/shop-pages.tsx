import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, ApiError, revalidateSession } from '../api';
import { useI18n } from '../i18n';
import { toast } from '../ui/toast';
import { SellerPage, LoadState } from './layout';
import { PhotoPicker } from './photo-picker';
import { ArtisanProfile, explain, upload, useLoad } from './seller-api';
import { ShopForm, shopValues } from './shop-form';

/** The caller's shop, or null when they have not applied yet (404). */
export const loadMyShop = (signal: AbortSignal) =>
  api<ArtisanProfile>('/artisans/me', { signal }).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });

/** Where the application stands, and what to do next. */
function ShopStatus({ shop }: { shop: ArtisanProfile }) {
  const { t } = useI18n();
  return (
    <section className="card seller-card" aria-labelledby="shop-status">
      <h2 id="shop-status">{shop.shopName}</h2>
      <p>
        <span className={`status seller-status-${shop.status}`}>{t(`seller.status.artisan.${shop.status}`)}</span>{' '}
        <span className="muted">/shops/{shop.shopSlug}</span>
      </p>
      <p>{t(`seller.home.${shop.status}`)}</p>
      {shop.statusReason && <p role="note"><strong>{t('seller.home.reason')}</strong> {shop.statusReason}</p>}
      {shop.status === 'rejected' && <Link href="/apply" className="btn btn-primary">{t('seller.apply.again')}</Link>}
    </section>
  );
}

export function SellerHome() {
  const { t } = useI18n();
  const shop = useLoad(loadMyShop, []);
  return (
    <SellerPage title={t('seller.home.title')}>
      <LoadState state={shop}>
        {(s) =>
          s ? (
            <ShopStatus shop={s} />
          ) : (
            <section className="card seller-card">
              <p>{t('seller.home.noShop')}</p>
              <Link href="/apply" className="btn btn-primary">{t('seller.apply.title')}</Link>
            </section>
          )
        }
      </LoadState>
      {shop.data?.status === 'verified' && (
        <ul className="seller-tiles">
          <li><Link href="/listings/new">{t('seller.listings.new')}</Link></li>
          <li><Link href="/orders">{t('seller.nav.orders')}</Link></li>
          <li><Link href="/bulk">{t('seller.nav.bulk')}</Link></li>
          <li><Link href="/statement">{t('seller.nav.statement')}</Link></li>
        </ul>
      )}
    </SellerPage>
  );
}

/** Apply as an artisan (any signed-in user; again after a rejection). */
export function ApplyPage() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const shop = useLoad(loadMyShop, []);
  return (
    <SellerPage title={t('seller.apply.title')} nav={false}>
      <p>{t('seller.apply.intro')}</p>
      <LoadState state={shop}>
        {(s) =>
          s && s.status !== 'rejected' ? (
            <p role="status">{t('seller.apply.already')} <Link href="/">{t('seller.nav.home')}</Link></p>
          ) : (
            <ShopForm
              mode="apply" slugLocked={false} initial={shopValues(s)}
              onSaved={() => {
                toast(t('seller.apply.sent'));
                void revalidateSession();
                navigate('/');
              }}
            />
          )
        }
      </LoadState>
    </SellerPage>
  );
}

export function ProfilePage() {
  const { t } = useI18n();
  const shop = useLoad(loadMyShop, []);
  const [progress, setProgress] = useState<number | null>(null);

  async function setPhoto(file: File) {
    const form = new FormData();
    form.append('file', file);
    setProgress(0);
    try {
      await upload<ArtisanProfile>('/artisans/me/photo', form, { method: 'PUT', onProgress: setProgress });
      toast(t('seller.profile.photoSaved'));
      shop.reload();
    } catch (e) {
      toast(explain(e), 'error', 8000);
    } finally {
      setProgress(null);
    }
  }

  return (
    <SellerPage title={t('seller.profile.title')}>
      <LoadState state={shop}>
        {(s) =>
          s ? (
            <>
              <section className="seller-card card">
                <h2>{t('seller.profile.photo')}</h2>
                {s.photo && <img src={s.photo.card} alt={t('seller.profile.photoAlt', { name: s.shopName })} className="seller-shop-photo" />}
                <PhotoPicker label={t('seller.profile.choosePhoto')} progress={progress} onPick={(f) => void setPhoto(f)} />
              </section>
              <ShopForm
                key={s.id} mode="edit" slugLocked={s.status === 'verified'} initial={shopValues(s)}
                onSaved={() => { toast(t('seller.profile.saved')); shop.reload(); }}
              />
            </>
          ) : (
            <p>{t('seller.home.noShop')} <Link href="/apply">{t('seller.apply.title')}</Link></p>
          )
        }
      </LoadState>
    </SellerPage>
  );
}
