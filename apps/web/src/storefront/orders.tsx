import { FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'wouter';
import { api } from '../api';
import { formatDateTime, formatRupiah } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Select, TextArea } from '../ui/fields';
import { Page, RequireRole } from '../ui/layout';
import { EmptyState, ErrorState, Loading } from '../ui/status';
import { toast } from '../ui/toast';
import { PaymentInstructionsView } from './payment';
import type { Order, OrderDetail, OrderLine, Shipment } from './types';
import { useApi } from '../use-api';

const POLL_MS = 3000;

function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`status status-${status}`} data-testid="status">{t(`store.status.${status}`)}</span>;
}

export function OrdersPage() {
  return (
    <RequireRole roles={['buyer', 'artisan', 'curator']}>
      <OrderList />
    </RequireRole>
  );
}

function OrderList() {
  const { t, lang } = useI18n();
  const orders = useApi((signal) => api<{ items: Order[]; total: number }>('/orders', { query: { limit: 50 }, signal }), []);
  return (
    <Page title={t('nav.orders')}>
      <h1>{t('nav.orders')}</h1>
      {orders.loading && !orders.data && <Loading />}
      {orders.error !== null && <ErrorState error={orders.error} onRetry={orders.reload} />}
      {orders.data && orders.data.items.length === 0 && <EmptyState>{t('store.orders.none')}</EmptyState>}
      {orders.data && orders.data.items.length > 0 && (
        <ul className="stack plain">
          {orders.data.items.map((o) => (
            <li key={o.id} className="card card-body" data-testid="order-row">
              <Link href={`/orders/${o.id}`}><strong>{o.number}</strong></Link> <StatusBadge status={o.status} />
              <p className="muted small">
                {formatDateTime(o.createdAt, lang)} · {t('store.orders.shipments', { count: o.shipments.length })} · {formatRupiah(o.total)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

export function OrderPage() {
  return (
    <RequireRole roles={['buyer', 'artisan', 'curator']}>
      <OrderView />
    </RequireRole>
  );
}

function OrderView() {
  const { id } = useParams<{ id: string }>();
  const { t, lang } = useI18n();
  const order = useApi((signal) => api<OrderDetail>(`/orders/${id}`, { signal }), [id]);
  const o = order.data;
  // While the payment is open, the page follows it (a transfer is confirmed by the bank or the council).
  useEffect(() => {
    if (o?.status !== 'pending_payment') return;
    const timer = setInterval(order.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [o?.status, order.reload]);

  return (
    <Page title={o ? t('store.orders.title', { number: o.number }) : undefined}>
      {order.loading && !o && <Loading />}
      {order.error !== null && !o && <ErrorState error={order.error} onRetry={order.reload} />}
      {o && (
        <div className="stack" data-testid="order">
          <h1>{t('store.orders.title', { number: o.number })}</h1>
          <p>
            <StatusBadge status={o.status} /> <span className="muted small">{formatDateTime(o.createdAt, lang)}</span>
          </p>
          {o.status === 'pending_payment' && o.payment?.instructions && (
            <PaymentInstructionsView instructions={o.payment.instructions} onPaid={order.reload} />
          )}
          {o.status === 'pending_payment' && (
            <p className="muted small">{t('store.orders.payBefore', { date: formatDateTime(o.paymentDueAt, lang) })}</p>
          )}
          {o.status === 'cancelled' && o.cancelReason && <p role="status">{t('store.orders.cancelled', { reason: o.cancelReason })}</p>}
          <dl className="totals">
            <dt>{t('store.checkout.goods')}</dt><dd>{formatRupiah(o.goodsTotal)}</dd>
            <dt>{t('store.checkout.shippingTotal')}</dt><dd>{formatRupiah(o.shippingTotal)}</dd>
            <dt>{t('store.checkout.total')}</dt><dd><strong data-testid="order-total">{formatRupiah(o.total)}</strong></dd>
          </dl>
          {o.shipments.map((s) => <ShipmentCard key={s.id} shipment={s} order={o} onChanged={order.reload} />)}
        </div>
      )}
    </Page>
  );
}

function ShipmentCard({ shipment: s, order, onChanged }: { shipment: Shipment; order: OrderDetail; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await api(`/shipments/${s.id}/confirm-receipt`, { method: 'POST' });
      onChanged();
    } catch (err) {
      toast(err instanceof Error ? err.message : String(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card card-body" aria-label={t('store.checkout.shipmentFrom', { shop: s.shopName })} data-testid="shipment">
      <h2>{t('store.checkout.shipmentFrom', { shop: s.shopName })}</h2>
      <p><StatusBadge status={s.status} /> {s.courier} {s.service} · {formatRupiah(s.shippingFee)}</p>
      {s.trackingNumber && <p>{t('store.orders.tracking')}: <strong className="mono" data-testid="tracking">{s.trackingNumber}</strong></p>}
      {s.shippedAt && <p className="muted small">{t('store.orders.shippedAt', { date: formatDateTime(s.shippedAt, lang) })}</p>}
      <ul className="plain">
        {s.lines.map((line) => (
          <li key={line.id}>
            <Link href={`/listing/${line.listingId}`}>{line.title}</Link>
            <span className="muted small"> {Object.values(line.options).join(', ')} · {line.quantity} × {formatRupiah(line.unitPrice)}</span>
            {s.status === 'completed' && <ReviewBox line={line} done={order.reviews?.some((r) => r.orderLineId === line.id) ?? false} onDone={onChanged} />}
          </li>
        ))}
      </ul>
      {(s.status === 'shipped' || s.status === 'delivered') && <Button variant="secondary" busy={busy} onClick={confirm}>{t('store.orders.confirmReceipt')}</Button>}
    </section>
  );
}

function ReviewBox({ line, done, onDone }: { line: OrderLine; done: boolean; onDone: () => void }) {
  const { t } = useI18n();
  const [rating, setRating] = useState('5');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (done) return <p className="muted small">{t('store.reviews.thanks')}</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/reviews', { method: 'POST', body: { orderLineId: line.id, rating: Number(rating), ...(body.trim() ? { body: body.trim() } : {}) } });
      toast(t('store.reviews.thanks'));
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form review-form" onSubmit={submit} aria-label={t('store.reviews.write', { title: line.title })}>
      <Select label={t('store.reviews.ratingLabel')} value={rating} onChange={(e) => setRating(e.target.value)}
        options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: '★'.repeat(n) + ` (${n})` }))} />
      <TextArea label={t('store.reviews.body')} value={body} onChange={(e) => setBody(e.target.value)} maxLength={2000} rows={3} error={error} />
      <Button type="submit" busy={busy}>{t('store.reviews.send')}</Button>
    </form>
  );
}
