import { useState } from 'react';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { toast } from '../ui/toast';
import { explain, useLoad } from './curator-api';
import { CuratorPage, LoadState } from './layout';

interface FailedJob { app: string; queue: string; id: string; name: string; data: string; failedReason: string; attemptsMade: number; createdAt: string; failedAt: string | null }
interface FailedJobs { items: FailedJob[]; total: number; unavailable: string[] }

/** Jobs that failed in any app's workers, newest first, each with its reason and a retry button. */
export function FailedJobsPage() {
  const { t } = useI18n();
  const jobs = useLoad((signal) => api<FailedJobs>('/curation/jobs/failed', { signal }), []);
  const [busy, setBusy] = useState<string | null>(null);
  const retry = async (j: FailedJob) => {
    setBusy(j.id);
    try {
      await api(`/curation/jobs/${j.app}/${encodeURIComponent(j.queue)}/${encodeURIComponent(j.id)}/retry`, { method: 'POST' });
      toast(t('curator.jobs.retried', { name: j.name }));
      jobs.reload();
    } catch (e) {
      toast(explain(e), 'error');
    } finally {
      setBusy(null);
    }
  };
  return (
    <CuratorPage title={t('curator.jobs.title')}>
      <LoadState state={jobs} isEmpty={(x) => x.items.length === 0 && x.unavailable.length === 0} empty={t('curator.jobs.empty')}>
        {(x) => (
          <>
            {x.unavailable.length > 0 && <p role="status" className="muted">{t('curator.jobs.unavailable', { apps: x.unavailable.join(', ') })}</p>}
            <p>{t('curator.jobs.total', { count: x.total })}</p>
            <ul className="stack plain">
              {x.items.map((j) => (
                <li key={`${j.queue}/${j.id}`} className="curator-item">
                  <span>
                    <strong>{j.app}</strong> · <span className="mono small">{j.queue} · {j.name}</span>
                    <br />
                    <span>{j.failedReason || t('curator.jobs.noReason')}</span>
                    <br />
                    <span className="muted small">
                      {j.failedAt ? formatDateTime(j.failedAt) : '—'} · {t('curator.jobs.attempts', { count: j.attemptsMade })} · <span className="mono">{j.data}</span>
                    </span>
                  </span>
                  <Button variant="secondary" busy={busy === j.id} onClick={() => void retry(j)} aria-label={t('curator.jobs.retryLabel', { name: j.name, id: j.id })}>
                    {t('curator.jobs.retry')}
                  </Button>
                </li>
              ))}
            </ul>
          </>
        )}
      </LoadState>
    </CuratorPage>
  );
}
