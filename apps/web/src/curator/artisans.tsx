import { useState } from 'react';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { Select } from '../ui/fields';
import { toast } from '../ui/toast';
import { ArtisanStatus, ArtisanView, Paged, useLoad } from './curator-api';
import { CuratorPage, LoadState, ReasonDialog, StateBadge, useAction } from './layout';

type Decision = 'verify' | 'reject' | 'suspend' | 'reinstate';

// What a curator may decide on an artisan in each status (the catalog checks again).
const DECISIONS: Record<ArtisanStatus, Decision[]> = {
  pending: ['verify', 'reject'],
  verified: ['suspend'],
  rejected: ['verify'],
  suspended: ['reinstate'],
};
const NEEDS_REASON: Decision[] = ['reject', 'suspend'];

/** The artisan verification queue: applications oldest first, other statuses by filter. */
export function ArtisanQueuePage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<ArtisanStatus>('pending');
  const queue = useLoad((signal) => api<Paged<ArtisanView>>('/curation/artisans', { query: { status, limit: 50 }, signal }), [status]);
  const [asking, setAsking] = useState<{ artisan: ArtisanView; decision: Decision } | null>(null);
  const { busy, run } = useAction();
  const decide = (artisan: ArtisanView, decision: Decision, reason?: string) =>
    api(`/curation/artisans/${artisan.id}/decision`, { method: 'POST', body: { decision, reason } });
  return (
    <CuratorPage title={t('curator.artisans.title')}>
      <Select
        label={t('curator.artisans.status')}
        value={status}
        onChange={(e) => setStatus(e.target.value as ArtisanStatus)}
        options={(['pending', 'verified', 'rejected', 'suspended'] as const).map((s) => ({ value: s, label: t(`curator.state.artisan.${s}`) }))}
      />
      <LoadState state={queue} isEmpty={(q) => q.items.length === 0} empty={t('curator.artisans.empty')}>
        {(q) => (
          <ul className="stack plain">
            {q.items.map((a) => (
              <li key={a.id} className="card curator-card">
                <h2 className="card-title">{a.shopName} <StateBadge group="artisan" value={a.status} /></h2>
                <p className="muted small">{a.regencyName} · {a.craftTypes.join(', ')} · {t('curator.artisans.applied', { at: formatDateTime(a.createdAt) })}</p>
                <p className="prewrap">{a.story}</p>
                <dl className="facts">
                  <dt>NIB</dt><dd>{a.nib ?? '—'}</dd>
                  <dt>{t('curator.artisans.bank')}</dt><dd>{a.bankAccount.bankName} · {a.bankAccount.accountName} · <span className="mono">{a.bankAccount.accountNumber}</span></dd>
                </dl>
                {a.statusReason && <p>{t('curator.artisans.reason', { reason: a.statusReason })}</p>}
                <div className="row">
                  {DECISIONS[a.status].map((d) =>
                    NEEDS_REASON.includes(d) ? (
                      <Button key={d} variant="danger" onClick={() => setAsking({ artisan: a, decision: d })}>{t(`curator.artisans.${d}`)}</Button>
                    ) : (
                      <Button
                        key={d}
                        busy={busy === `${a.id}-${d}`}
                        onClick={() => void run(`${a.id}-${d}`, () => decide(a, d), t('curator.artisans.done', { name: a.shopName })).then((ok) => ok && queue.reload())}
                      >
                        {t(`curator.artisans.${d}`)}
                      </Button>
                    ),
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
      <ReasonDialog
        open={asking !== null}
        title={asking ? `${t(`curator.artisans.${asking.decision}`)}: ${asking.artisan.shopName}` : ''}
        confirm={asking ? t(`curator.artisans.${asking.decision}`) : ''}
        onClose={() => setAsking(null)}
        onConfirm={async (reason) => {
          if (!asking) return;
          await decide(asking.artisan, asking.decision, reason);
          toast(t('curator.artisans.done', { name: asking.artisan.shopName }));
          setAsking(null);
          queue.reload();
        }}
      />
    </CuratorPage>
  );
}
