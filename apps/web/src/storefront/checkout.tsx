import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api } from '../api';
import { formatRupiah } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Page, RequireRole } from '../ui/layout';
import { EmptyState, ErrorState, Loading } from '../ui/status';
import { AddressForm } from './address-form';
import { refreshCart, useCart } from './cart';
import { webConfig } from './config';
import type { Address, Order, Payment, ShippingQuote } from './types';
import { useApi } from '../use-api';

type Method = 'bank_transfer' | 'card';

// randomUUID needs a secure context; plain-http hosts other than localhost get random hex instead.
const newKey = (): string =>
  typeof crypto.randomUUID === 'function' && window.isSecureContext
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export function CheckoutPage() {
  return (
    <RequireRole roles={['buyer', 'artisan', 'curator']}>
      <Checkout />
    </RequireRole>
  );
}

function Checkout() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const { cart } = useCart();
  const addresses = useApi((signal) => api<{ items: Address[] }>('/addresses', { signal }).then((r) => r.items), []);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [shipping, setShipping] = useState<Record<string, string>>({});
  const [method, setMethod] = useState<Method>('bank_transfer');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!addressId && addresses.data?.length) setAddressId((addresses.data.find((a) => a.isDefault) ?? addresses.data[0]).id);
  }, [addresses.data, addressId]);

  const quote = useApi(
    (signal) => (addressId ? api<ShippingQuote>('/shipping/quote', { method: 'POST', body: { addressId }, signal }) : Promise.resolve(null)),
    [addressId, cart?.totals.items, cart?.totals.goods],
  );
  // The cheapest option per shipment is picked until the buyer chooses another.
  useEffect(() => {
    if (!quote.data) return;
    setShipping((prev) => Object.fromEntries(quote.data!.shipments.map((s) => [s.artisanId, s.options.some((o) => o.code === prev[s.artisanId]) ? prev[s.artisanId] : s.options[0]?.code])));
  }, [quote.data]);

  // One idempotency key per attempt: a retry of the same choices reuses it, a change makes a new one.
  const key = useMemo(newKey, [addressId, JSON.stringify(shipping), method, cart?.totals.goods]);

  const shippingTotal = quote.data?.shipments.reduce((sum, s) => sum + BigInt(s.options.find((o) => o.code === shipping[s.artisanId])?.fee ?? '0'), 0n) ?? 0n;
  const goods = BigInt(cart?.totals.goods ?? '0');

  const submit = async () => {
    if (!addressId) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ order: Order; payment: Payment }>('/checkout', {
        method: 'POST',
        headers: { 'idempotency-key': key },
        body: { addressId, shipping, paymentMethod: method },
      });
      void refreshCart().catch(() => undefined);
      navigate(`/orders/${res.order.id}?new=1`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (cart && cart.groups.length === 0) {
    return (
      <Page title={t('store.checkout.title')}>
        <h1>{t('store.checkout.title')}</h1>
        <EmptyState>{t('store.cart.empty')} <Link href="/search">{t('store.cart.browse')}</Link></EmptyState>
      </Page>
    );
  }

  return (
    <Page title={t('store.checkout.title')}>
      <h1>{t('store.checkout.title')}</h1>
      <section aria-labelledby="co-address" className="stack">
        <h2 id="co-address">{t('store.checkout.address')}</h2>
        {addresses.loading && <Loading />}
        {addresses.error !== null && <ErrorState error={addresses.error} onRetry={addresses.reload} />}
        {addresses.data && addresses.data.length > 0 && !adding && (
          <fieldset>
            <legend>{t('store.checkout.sendTo')}</legend>
            {addresses.data.map((a) => (
              <label key={a.id} className="choice">
                <input type="radio" name="address" value={a.id} checked={a.id === addressId} onChange={() => setAddressId(a.id)} />
                <span><strong>{a.recipient}</strong> · {a.phone}<br />{a.street}, {a.district}, {a.city}, {a.province} {a.postalCode}</span>
              </label>
            ))}
            <Button variant="link" onClick={() => setAdding(true)}>{t('store.address.add')}</Button>
          </fieldset>
        )}
        {addresses.data && (addresses.data.length === 0 || adding) && (
          <AddressForm
            onCancel={addresses.data.length ? () => setAdding(false) : undefined}
            onSaved={(a) => {
              setAdding(false);
              setAddressId(a.id);
              addresses.reload();
            }}
          />
        )}
      </section>

      {addressId && (
        <section aria-labelledby="co-shipping" className="stack">
          <h2 id="co-shipping">{t('store.checkout.shipping')}</h2>
          {quote.loading && <Loading />}
          {quote.error !== null && <ErrorState error={quote.error} onRetry={quote.reload} />}
          {quote.data?.shipments.map((s) => (
            <fieldset key={s.artisanId} data-testid="shipment-options">
              <legend>{t('store.checkout.shipmentFrom', { shop: s.shopName })} · {formatRupiah(s.goods)}</legend>
              {s.options.map((o) => (
                <label key={o.code} className="choice">
                  <input type="radio" name={`ship-${s.artisanId}`} value={o.code} checked={shipping[s.artisanId] === o.code}
                    onChange={() => setShipping({ ...shipping, [s.artisanId]: o.code })} />
                  <span>
                    {o.courier} {o.service} — <strong>{o.fee === '0' ? t('store.checkout.free') : formatRupiah(o.fee)}</strong>
                    <span className="muted small"> · {o.pickup ? t('store.checkout.pickup', { outlet: o.pickup.outlet }) : t('store.checkout.days', { min: o.days.min, max: o.days.max })}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </section>
      )}

      {quote.data && (
        <section aria-labelledby="co-pay" className="stack">
          <h2 id="co-pay">{t('store.checkout.payment')}</h2>
          <fieldset>
            <legend>{t('store.checkout.method')}</legend>
            <label className="choice">
              <input type="radio" name="method" value="bank_transfer" checked={method === 'bank_transfer'} onChange={() => setMethod('bank_transfer')} />
              <span>{t('store.checkout.bankTransfer')}</span>
            </label>
            {webConfig.stripePublishableKey && (
              <label className="choice">
                <input type="radio" name="method" value="card" checked={method === 'card'} onChange={() => setMethod('card')} />
                <span>{t('store.checkout.card')}</span>
              </label>
            )}
          </fieldset>
          <dl className="totals">
            <dt>{t('store.checkout.goods')}</dt><dd>{formatRupiah(goods)}</dd>
            <dt>{t('store.checkout.shippingTotal')}</dt><dd>{formatRupiah(shippingTotal)}</dd>
            <dt>{t('store.checkout.total')}</dt><dd><strong data-testid="checkout-total">{formatRupiah(goods + shippingTotal)}</strong></dd>
          </dl>
          {error !== null && <ErrorState error={error} />}
          <Button onClick={submit} busy={busy} disabled={!cart?.checkoutReady || quote.data.shipments.some((s) => !shipping[s.artisanId])}>
            {t('store.checkout.placeOrder')}
          </Button>
        </section>
      )}
    </Page>
  );
}
