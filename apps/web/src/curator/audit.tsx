import { FormEvent, useState } from 'react';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Select, TextField } from '../ui/fields';
import { AuditEntry, Paged, useLoad } from './curator-api';
import { CsvButton, CuratorPage, LoadState, StateBadge } from './layout';

const NO_FILTERS = { action: '', outcome: '', targetId: '', from: '', to: '' };

/** Every curator write, newest first, filtered by action, outcome, target and WITA days. */
export function AuditPage() {
  const { t } = useI18n();
  const [draft, setDraft] = useState(NO_FILTERS);
  const [filters, setFilters] = useState(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const log = useLoad((signal) => api<Paged<AuditEntry>>('/curation/audit', { query: { ...filters, limit: 50, offset }, signal }), [filters, offset]);
  const set = (key: keyof typeof NO_FILTERS) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setFilters(draft);
  };
  return (
    <CuratorPage title={t('curator.audit.title')}>
      <form className="curator-filters" onSubmit={apply} aria-label={t('curator.audit.filters')}>
        <TextField label={t('curator.audit.action')} hint={t('curator.audit.actionHint')} value={draft.action} onChange={set('action')} />
        <Select label={t('curator.audit.outcome')} value={draft.outcome} onChange={set('outcome')} placeholder={t('curator.all')}
          options={(['succeeded', 'failed', 'pending'] as const).map((o) => ({ value: o, label: t(`curator.state.outcome.${o}`) }))} />
        <TextField label={t('curator.audit.target')} value={draft.targetId} onChange={set('targetId')} />
        <TextField label={t('curator.reports.from')} type="date" value={draft.from} onChange={set('from')} />
        <TextField label={t('curator.reports.to')} type="date" value={draft.to} onChange={set('to')} />
        <div className="row">
          <Button type="submit">{t('curator.audit.apply')}</Button>
          <CsvButton path="/curation/audit.csv" query={filters} label={t('curator.reports.csv')} />
        </div>
      </form>
      <LoadState state={log} isEmpty={(x) => x.items.length === 0} empty={t('curator.audit.empty')}>
        {(x) => (
          <>
            <ul className="stack plain">
              {x.items.map((a) => (
                <li key={a.id} className="curator-item">
                  <span>
                    <span className="mono small">{a.action}</span> <StateBadge group="outcome" value={a.outcome} />
                    <br />
                    <span className="muted small">{formatDateTime(a.startedAt)} · {a.curatorEmail ?? a.curatorId}{a.errorCode && ` · ${a.errorCode}`}</span>
                  </span>
                </li>
              ))}
            </ul>
            <div className="row">
              <Button variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 50))}>{t('curator.previous')}</Button>
              <span>{t('curator.range', { from: offset + 1, to: offset + x.items.length, total: x.total })}</span>
              <Button variant="secondary" disabled={offset + x.items.length >= x.total} onClick={() => setOffset(offset + 50)}>{t('curator.next')}</Button>
            </div>
          </>
        )}
      </LoadState>
    </CuratorPage>
  );
}
