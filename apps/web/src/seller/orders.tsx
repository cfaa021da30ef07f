import { FormEvent, useState } from 'react';
import { api } from '../api';
import { formatDateTime, formatRupiah } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { TextField } from '../ui/fields';
import { toast } from '../ui/toast';
import { LoadState, SellerPage, StatusBadge } from './layout';
import { explain, fieldErrors, Page, Shipment, useLoad } from './seller-api';

const TABS = [
  ['todo', 'paid,accepted'],
  ['sent', 'shipped,delivered'],
  ['done', 'completed,cancelled'],
] as const;
type Tab = (typeof TABS)[number][0];

function ShipForm({ shipment, onShipped }: { shipment: Shipment; onShipped: () => void }) {
  const { t } = useI18n();
  const [courier, setCourier] = useState(shipment.courier);
  const [tracking, setTracking] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function ship(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/artisan/shipments/${shipment.id}/ship`, { method: 'POST', body: { courier, trackingNumber: tracking } });
      toast(t('seller.orders.shipped', { number: shipment.orderNumber }));
      onShipped();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const errs = fieldErrors(error);
  return (
    <form className="form seller-ship" onSubmit={ship} noValidate aria-label={t('seller.orders.shipFor', { number: shipment.orderNumber })}>
      <TextField label={t('seller.orders.courier')} value={courier} error={errs.courier} onChange={(e) => setCourier(e.target.value)} />
      <TextField
        label={t('seller.orders.tracking')} hint={t('seller.orders.trackingHint')} required autoCapitalize="characters"
        value={tracking} error={errs.trackingNumber} onChange={(e) => setTracking(e.target.value)}
      />
      {error !== null && !errs.trackingNumber && !errs.courier && <p className="field-error" role="alert">{explain(error)}</p>}
      <Button type="submit" busy={busy}>{t('seller.orders.ship')}</Button>
    </form>
  );
}

function ShipmentCard({ s, onChanged }: { s: Shipment; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  async function act(action: 'accept' | 'deliver') {
    setBusy(true);
    try {
      await api(`/artisan/shipments/${s.id}/${action}`, { method: 'POST' });
      toast(t(`seller.orders.${action}ed`, { number: s.orderNumber }));
      onChanged();
    } catch (e) {
      toast(explain(e), 'error', 8000);
    } finally {
      setBusy(false);
    }
  }
  return (
    <li className="card seller-card seller-shipment" aria-labelledby={`order-${s.id}`}>
      <h2 id={`order-${s.id}`} className="row">
        <span>{t('seller.orders.order', { number: s.orderNumber })}</span> <StatusBadge kind="shipment" status={s.status} />
      </h2>
      {s.complaintOpen && <p className="field-error">{t('seller.orders.complaint')}</p>}
      <p className="muted small">
        {s.paidAt && t('seller.orders.paidAt', { when: formatDateTime(s.paidAt, lang) })}
        {s.shipBy && <> · <strong>{t('seller.orders.shipBy', { when: formatDateTime(s.shipBy, lang) })}</strong></>}
      </p>
      <ul className="plain">
        {s.lines.map((l) => (
          <li key={l.id}>
            {l.quantity} × {l.title}{Object.keys(l.options).length > 0 && ` (${Object.values(l.options).join(', ')})`} <span className="mono small">{l.sku}</span>{' '}
            <span className="price">{formatRupiah(l.total)}</span>
          </li>
        ))}
      </ul>
      <p>{t('seller.orders.totals', { goods: formatRupiah(s.goodsTotal), fee: formatRupiah(s.shippingFee), courier: `${s.courier} ${s.service}` })}</p>
      {s.address && (
        <address className="seller-address">
          {s.address.recipient} · {s.address.phone}<br />
          {s.address.street}, {s.address.district}, {s.address.city}, {s.address.province} {s.address.postalCode}
        </address>
      )}
      {s.trackingNumber && <p>{t('seller.orders.trackingIs', { courier: s.courier, number: s.trackingNumber })}</p>}
      {s.cancelReason && <p role="note">{t('seller.orders.cancelled', { reason: s.cancelReason })}</p>}
      {s.status === 'paid' && <Button busy={busy} onClick={() => void act('accept')}>{t('seller.orders.accept')}</Button>}
      {s.status === 'accepted' && <ShipForm shipment={s} onShipped={onChanged} />}
      {s.status === 'shipped' && <Button variant="secondary" busy={busy} onClick={() => void act('deliver')}>{t('seller.orders.deliver')}</Button>}
    </li>
  );
}

/** Shipments to pack and send (paid, accepted), those on their way, and the finished ones. */
export function OrdersPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('todo');
  const status = TABS.find(([k]) => k === tab)![1];
  const inbox = useLoad((signal) => api<Page<Shipment>>('/artisan/shipments', { signal, query: { status, limit: 50 } }), [status]);
  return (
    <SellerPage title={t('seller.orders.title')}>
      <div className="row seller-tabs" role="group" aria-label={t('seller.orders.filter')}>
        {TABS.map(([key]) => (
          <button key={key} type="button" className="btn btn-secondary" aria-pressed={tab === key} onClick={() => setTab(key)}>{t(`seller.orders.tab.${key}`)}</button>
        ))}
      </div>
      <LoadState state={inbox} isEmpty={(p) => p.items.length === 0} empty={t(`seller.orders.empty.${tab}`)}>
        {(p) => (
          <ul className="seller-list">
            {p.items.map((s) => <ShipmentCard key={s.id} s={s} onChanged={inbox.reload} />)}
          </ul>
        )}
      </LoadState>
    </SellerPage>
  );
}
