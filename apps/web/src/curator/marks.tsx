import { FormEvent, useState } from 'react';
import { api } from '../api';
import { formatDate } from '../format';
import { localized, useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Select, TextArea, TextField } from '../ui/fields';
import { toast } from '../ui/toast';
import { explain, fieldErrors, MarkType, MarkView, Paged, useLoad } from './curator-api';
import { CuratorPage, LoadState, ReasonDialog, StateBadge } from './layout';

type State = '' | 'live' | 'expired' | 'revoked';

/** Provenance marks: grant one (with evidence and an optional expiry), list, revoke with a reason. */
export function MarksPage() {
  const { t, lang } = useI18n();
  const [state, setState] = useState<State>('live');
  const types = useLoad((signal) => api<MarkType[]>('/marks', { signal }), []);
  const marks = useLoad((signal) => api<Paged<MarkView>>('/curation/marks', { query: { state, limit: 100 }, signal }), [state]);
  const [revoking, setRevoking] = useState<MarkView | null>(null);
  return (
    <CuratorPage title={t('curator.marks.title')}>
      <GrantForm types={types.data ?? []} onGranted={marks.reload} />
      <section aria-labelledby="marks-list" className="stack">
        <h2 id="marks-list">{t('curator.marks.list')}</h2>
        <Select label={t('curator.marks.state')} value={state} onChange={(e) => setState(e.target.value as State)} placeholder={t('curator.all')}
          options={(['live', 'expired', 'revoked'] as const).map((s) => ({ value: s, label: t(`curator.state.mark.${s}`) }))} />
        <LoadState state={marks} isEmpty={(x) => x.items.length === 0} empty={t('curator.marks.empty')}>
          {(x) => (
            <ul className="stack plain">
              {x.items.map((m) => (
                <li key={m.id} className="card curator-card">
                  <h3 className="card-title">{localized(m.name, lang)} <StateBadge group="mark" value={m.state} /></h3>
                  <p className="small">{m.listing ? `${m.listing.title} · ${m.artisan.shopName}` : m.artisan.shopName}</p>
                  <p className="muted small">
                    {t('curator.marks.granted', { at: formatDate(m.grantedAt) })}
                    {m.expiresAt && ` · ${t('curator.marks.expires', { at: formatDate(m.expiresAt) })}`}
                  </p>
                  <p className="small prewrap">{m.evidence}</p>
                  {m.revokeReason && <p className="small">{t('curator.marks.revokedBecause', { reason: m.revokeReason })}</p>}
                  {m.state === 'live' && <Button variant="danger" onClick={() => setRevoking(m)}>{t('curator.marks.revoke')}</Button>}
                </li>
              ))}
            </ul>
          )}
        </LoadState>
      </section>
      <ReasonDialog
        open={revoking !== null}
        title={revoking ? t('curator.marks.revokeTitle', { name: localized(revoking.name, lang) }) : ''}
        confirm={t('curator.marks.revoke')}
        onClose={() => setRevoking(null)}
        onConfirm={async (reason) => {
          if (!revoking) return;
          await api(`/curation/marks/${revoking.id}/revoke`, { method: 'POST', body: { reason } });
          toast(t('curator.marks.revoked'));
          setRevoking(null);
          marks.reload();
        }}
      />
    </CuratorPage>
  );
}

function GrantForm({ types, onGranted }: { types: MarkType[]; onGranted: () => void }) {
  const { t, lang } = useI18n();
  const empty = { code: '', target: 'artisan', targetId: '', evidence: '', expiresOn: '' };
  const [f, setF] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setF({ ...f, [key]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('/curation/marks', {
        method: 'POST',
        body: {
          code: f.code,
          [f.target === 'artisan' ? 'artisanId' : 'listingId']: f.targetId.trim(),
          evidence: f.evidence,
          // The end of the chosen day in Bali.
          expiresAt: f.expiresOn ? `${f.expiresOn}T23:59:59+08:00` : undefined,
        },
      });
      toast(t('curator.marks.grantedNow'));
      setF(empty);
      setErrors({});
      onGranted();
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) toast(explain(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card curator-card" aria-labelledby="marks-grant">
      <h2 id="marks-grant">{t('curator.marks.grant')}</h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Select label={t('curator.marks.type')} value={f.code} onChange={set('code')} placeholder={t('curator.choose')} error={errors.code} required
          options={types.map((m) => ({ value: m.code, label: `${localized(m.name, lang)} (${m.issuer})` }))} />
        <Select label={t('curator.marks.target')} value={f.target} onChange={set('target')}
          options={[{ value: 'artisan', label: t('curator.marks.toArtisan') }, { value: 'listing', label: t('curator.marks.toListing') }]} />
        <TextField label={t(f.target === 'artisan' ? 'curator.marks.artisanId' : 'curator.marks.listingId')} value={f.targetId} onChange={set('targetId')} error={errors.artisanId ?? errors.listingId} required />
        <TextArea label={t('curator.marks.evidence')} hint={t('curator.marks.evidenceHint')} value={f.evidence} onChange={set('evidence')} error={errors.evidence} required rows={3} />
        <TextField label={t('curator.marks.expiresOn')} type="date" value={f.expiresOn} onChange={set('expiresOn')} error={errors.expiresAt} />
        <Button type="submit" busy={busy}>{t('curator.marks.grant')}</Button>
      </form>
    </section>
  );
}
