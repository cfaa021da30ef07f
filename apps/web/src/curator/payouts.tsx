import { FormEvent, useState } from 'react';
import { api } from '../api';
import { formatDateTime, formatRupiah } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { TextField } from '../ui/fields';
import { toast } from '../ui/toast';
import { explain, fieldErrors, Paged, Payment, PayoutSummary, useLoad } from './curator-api';
import { CsvButton, CuratorPage, LoadState, StateBadge, useAction } from './layout';

/** Payout batches (make one, download its bank file, mark it paid) and transfers waiting for confirmation. */
export function PayoutsPage() {
  const { t } = useI18n();
  const batches = useLoad((signal) => api<Paged<PayoutSummary>>('/curation/payouts', { query: { limit: 30 }, signal }), []);
  const { busy, run } = useAction();
  const [paying, setPaying] = useState<PayoutSummary | null>(null);
  return (
    <CuratorPage title={t('curator.payouts.title')}>
      <section aria-labelledby="po-batches" className="stack">
        <h2 id="po-batches">{t('curator.payouts.batches')}</h2>
        <p className="muted">{t('curator.payouts.intro')}</p>
        <div className="row">
          <Button busy={busy === 'create'} onClick={() => void run('create', () => api('/curation/payouts', { method: 'POST' }), t('curator.payouts.created')).then((ok) => ok && batches.reload())}>
            {t('curator.payouts.create')}
          </Button>
        </div>
        <LoadState state={batches} isEmpty={(x) => x.items.length === 0} empty={t('curator.payouts.empty')}>
          {(x) => (
            <ul className="stack plain">
              {x.items.map((b) => (
                <li key={b.id} className="card curator-card">
                  <h3 className="card-title">{formatRupiah(b.total)} <StateBadge group="payout" value={b.status} /></h3>
                  <p className="muted small">
                    {t('curator.payouts.artisans', { count: b.artisans })} · {formatDateTime(b.createdAt)}
                    {b.paidAt && ` · ${t('curator.payouts.paidAt', { at: formatDateTime(b.paidAt), ref: b.bankReference ?? '' })}`}
                  </p>
                  <div className="row">
                    <CsvButton path={`/curation/payouts/${b.id}/csv`} label={t('curator.payouts.csv')} />
                    {b.status === 'created' && <Button onClick={() => setPaying(b)}>{t('curator.payouts.markPaid')}</Button>}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </LoadState>
      </section>
      <Transfers />
      {paying && <MarkPaidDialog batch={paying} onClose={() => setPaying(null)} onDone={() => { setPaying(null); batches.reload(); }} />}
    </CuratorPage>
  );
}

function MarkPaidDialog({ batch, onClose, onDone }: { batch: PayoutSummary; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [ref, setRef] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api(`/curation/payouts/${batch.id}/paid`, { method: 'POST', body: { bankReference: ref.trim() } });
      toast(t('curator.payouts.paid'));
      onDone();
    } catch (err) {
      setError(fieldErrors(err).bankReference ?? explain(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open title={t('curator.payouts.markPaidTitle', { total: formatRupiah(batch.total) })} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField label={t('curator.payouts.bankReference')} value={ref} onChange={(e) => setRef(e.target.value)} error={error} required />
        <Button type="submit" busy={busy}>{t('curator.payouts.markPaid')}</Button>
      </form>
    </Dialog>
  );
}

/** Bank transfers buyers say they made: a curator confirms each once it shows in the council's account. */
function Transfers() {
  const { t } = useI18n();
  const pending = useLoad((signal) => api<Paged<Payment>>('/curation/payments', { query: { status: 'pending', limit: 100 }, signal }), []);
  const { busy, run } = useAction();
  return (
    <section aria-labelledby="po-transfers" className="stack">
      <h2 id="po-transfers">{t('curator.transfers.title')}</h2>
      <LoadState state={pending} isEmpty={(x) => !x.items.some((p) => p.method === 'bank_transfer')} empty={t('curator.transfers.empty')}>
        {(x) => (
          <ul className="stack plain">
            {x.items.filter((p) => p.method === 'bank_transfer').map((p) => (
              <li key={p.id} className="curator-item">
                <span>{formatRupiah(p.amount)} <span className="muted small">· {formatDateTime(p.createdAt)} · {t('curator.transfers.expires', { at: formatDateTime(p.expiresAt) })}</span></span>
                <Button
                  busy={busy === p.id}
                  onClick={() => void run(p.id, () => api(`/curation/payments/${p.id}/confirm-transfer`, { method: 'POST' }), t('curator.transfers.confirmed')).then((ok) => ok && pending.reload())}
                >
                  {t('curator.transfers.confirm')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </section>
  );
}
