import { useState } from 'react';
import { Link } from 'wouter';
import { useAuth } from '../api';
import { formatRupiah } from '../format';
import { localized, useI18n } from '../i18n';
import { Select } from '../ui/fields';
import { Page } from '../ui/layout';
import { EmptyState, ErrorState, Loading } from '../ui/status';
import { knownErrorText } from '../ui/error-messages';
import { toast } from '../ui/toast';
import { removeLine, setLineQuantity, useCart } from './cart';
import { Photo } from '../ui/photo';
import { mediaSrc } from './config';
import type { CartLine } from './types';

const QUANTITIES = Array.from({ length: 20 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));

export function CartPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { cart, loading, error, reload } = useCart();
  return (
    <Page title={t('store.cart.title')}>
      <h1>{t('store.cart.title')}</h1>
      {loading && !cart && <Loading />}
      {error !== null && <ErrorState error={error} onRetry={reload} />}
      {cart && cart.groups.length === 0 && (
        <EmptyState>{t('store.cart.empty')} <Link href="/search">{t('store.cart.browse')}</Link></EmptyState>
      )}
      {cart && cart.groups.length > 0 && (
        <div className="stack">
          {cart.groups.map((g) => (
            <section key={g.artisanId ?? 'gone'} className="card cart-group" aria-label={g.shopName ?? t('store.cart.unavailableGroup')} data-testid="cart-group">
              <h2 className="card-body">{g.shopName ?? t('store.cart.unavailableGroup')}</h2>
              <ul className="cart-lines">{g.lines.map((line) => <CartLineRow key={line.variantId} line={line} />)}</ul>
            </section>
          ))}
          <div className="summary">
            <p>
              {t('store.cart.totalItems', { count: cart.totals.items })}: <strong data-testid="cart-total">{formatRupiah(cart.totals.goods)}</strong>
            </p>
            <p className="muted small">{t('store.cart.shippingLater')}</p>
            {!cart.checkoutReady && <p role="alert" className="field-error">{t('store.cart.notReady')}</p>}
            {cart.checkoutReady && (
              <Link href={user ? '/checkout' : `/login?next=${encodeURIComponent('/checkout')}`} className="btn btn-primary">
                {t('store.cart.checkout')}
              </Link>
            )}
          </div>
        </div>
      )}
    </Page>
  );
}

function CartLineRow({ line }: { line: CartLine }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const title = line.title ? localized(line.title, lang) : line.sku ?? t('store.cart.gone');
  const change = async (op: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await op();
    } catch (err) {
      toast(knownErrorText(err, lang) ?? (err instanceof Error ? err.message : String(err)), 'error');
    } finally {
      setBusy(false);
    }
  };
  const options = Object.entries(line.options).map(([k, v]) => `${k}: ${v}`).join(', ');
  return (
    <li className="cart-line" data-testid="cart-line" aria-busy={busy}>
      <Photo src={mediaSrc(line.thumbnail)} alt="" width="64" height="64" className="small" />
      <div className="cart-line-main">
        {line.listingId ? <Link href={`/listing/${line.listingId}`}>{title}</Link> : <span>{title}</span>}
        {options && <p className="muted small">{options}</p>}
        {line.unitPrice && <p className="small">{formatRupiah(line.unitPrice)} × {line.quantity} = <strong>{formatRupiah(line.lineTotal ?? '0')}</strong></p>}
        <LineProblems line={line} />
        <div className="row">
          <Select label={t('store.listing.quantity')} className="qty" value={String(line.quantity)} options={QUANTITIES} disabled={busy || line.unavailable}
            onChange={(e) => void change(() => setLineQuantity(line.variantId, Number(e.target.value)))} />
          <button type="button" className="btn btn-link" disabled={busy} onClick={() => void change(() => removeLine(line.variantId))}
            aria-label={t('store.cart.removeItem', { title })}>
            {t('store.cart.remove')}
          </button>
        </div>
      </div>
    </li>
  );
}

function LineProblems({ line }: { line: CartLine }) {
  const { t } = useI18n();
  const problems: string[] = [];
  if (line.unavailable) problems.push(t('store.cart.problem.unavailable'));
  else if (line.outOfStock) problems.push(t('store.cart.problem.outOfStock'));
  else if (line.insufficientStock) problems.push(t('store.cart.problem.short', { available: line.insufficientStock.available }));
  if (line.priceChanged) problems.push(t('store.cart.problem.price', { from: formatRupiah(line.priceChanged.from), to: formatRupiah(line.priceChanged.to) }));
  if (!problems.length) return null;
  return <ul className="problems">{problems.map((p) => <li key={p} className="field-error">{p}</li>)}</ul>;
}
