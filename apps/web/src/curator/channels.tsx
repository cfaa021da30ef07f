import { Link, useLocation } from 'wouter';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { AccountFacts, AccountState, ConnectButtons, ConnectResult, ReconnectNotice } from '../channels/accounts';
import { channelName } from '../channels/channel-api';
import { Button } from '../ui/button';
import { ChannelAccount, ChannelRun, ChannelRunDetail, explain, Paged, RunCounts, useLoad } from './curator-api';
import { CuratorPage, LoadState, StateBadge, useAction } from './layout';

function Counts({ counts }: { counts: RunCounts }) {
  const { t } = useI18n();
  return (
    <span className="small">
      {t('curator.channels.counts', { created: counts.created, updated: counts.updated, refused: counts.refused, failed: counts.failed, considered: counts.considered })}
    </span>
  );
}

/** Channel accounts (connect the council's, reconnect, sync now, dry run), the way to the category mappings, and the export runs. */
export function ChannelsPage() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const accounts = useLoad((signal) => api<{ items: ChannelAccount[] }>('/curation/channels/accounts', { signal }), []);
  const runs = useLoad((signal) => api<Paged<ChannelRun>>('/curation/channels/runs', { query: { limit: 30 }, signal }), []);
  const { busy, run } = useAction();
  const sync = (a: ChannelAccount, dryRun: boolean) =>
    void run(`${a.id}-${dryRun}`, async () => {
      const started = await api<ChannelRun>(`/curation/channels/accounts/${a.id}/sync`, { method: 'POST', body: { dryRun } });
      if (started?.id) navigate(`/channels/runs/${started.id}`);
    }, t(dryRun ? 'curator.channels.dryRunStarted' : 'curator.channels.syncStarted'));
  return (
    <CuratorPage title={t('curator.channels.title')}>
      <ConnectResult onConnected={accounts.reload} />
      <p><Link href="/channels/mappings" className="btn btn-secondary">{t('curator.mapping.title')}</Link></p>
      <section aria-labelledby="ch-accounts" className="stack">
        <h2 id="ch-accounts">{t('curator.channels.accounts')}</h2>
        <p>{t('channels.connect.introCouncil')}</p>
        {accounts.data && (
          <ConnectButtons scope="council" explain={explain} connected={accounts.data.items.filter((a) => a.scope === 'council' && a.status === 'active').map((a) => a.channel)} />
        )}
        <LoadState state={accounts} isEmpty={(x) => x.items.length === 0} empty={t('curator.channels.noAccounts')}>
          {(x) => (
            <ul className="stack plain">
              {x.items.map((a) => (
                <li key={a.id} className="card curator-card channels-account">
                  <h3 className="card-title">{a.name} <AccountState account={a} /></h3>
                  <p className="muted small">{channelName(a.channel)} · {a.scope === 'shop' ? a.shopSlug : t('curator.channels.council')}</p>
                  <AccountFacts account={a} />
                  <ReconnectNotice account={a} canReconnect={a.scope === 'council'} explain={explain} />
                  <div className="row">
                    <Button busy={busy === `${a.id}-false`} onClick={() => sync(a, false)} aria-label={t('curator.channels.syncNamed', { name: a.name })}>{t('curator.channels.sync')}</Button>
                    <Button variant="secondary" busy={busy === `${a.id}-true`} onClick={() => sync(a, true)} aria-label={t('curator.channels.dryRunNamed', { name: a.name })}>{t('curator.channels.dryRun')}</Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </LoadState>
      </section>
      <section aria-labelledby="ch-runs" className="stack">
        <h2 id="ch-runs">{t('curator.channels.runs')}</h2>
        <LoadState state={runs} isEmpty={(x) => x.items.length === 0} empty={t('curator.channels.noRuns')}>
          {(x) => (
            <ul className="stack plain">
              {x.items.map((r) => (
                <li key={r.id} className="curator-item">
                  <span>
                    <Link href={`/channels/runs/${r.id}`}>{formatDateTime(r.createdAt)}</Link> · {r.channel} · {t(`curator.channels.kind.${r.kind}`)}{' '}
                    <StateBadge group="run" value={r.status} />
                  </span>
                  <Counts counts={r.counts} />
                </li>
              ))}
            </ul>
          )}
        </LoadState>
      </section>
    </CuratorPage>
  );
}

/** One run: its counts and each listing's result (refusals and failures with reasons, dry-run payloads). */
export function ChannelRunPage({ id }: { id: string }) {
  const { t } = useI18n();
  const state = useLoad((signal) => api<ChannelRunDetail>(`/curation/channels/runs/${id}`, { signal }), [id]);
  return (
    <CuratorPage title={t('curator.channels.run')}>
      <p><Link href="/channels">← {t('curator.channels.title')}</Link></p>
      <LoadState state={state}>
        {(r) => (
          <div className="stack">
            <p>
              {r.channel} · {t(`curator.channels.kind.${r.kind}`)} · {formatDateTime(r.createdAt)} <StateBadge group="run" value={r.status} />{' '}
              <Button variant="link" onClick={state.reload}>{t('curator.refresh')}</Button>
            </p>
            <Counts counts={r.counts} />
            {r.error && <p role="alert">{r.error}</p>}
            {r.items.length === 0 ? (
              <p className="state state-empty">{t('curator.channels.noItems')}</p>
            ) : (
              <div className="curator-scroll">
                <table className="table">
                  <thead><tr><th>{t('curator.channels.listing')}</th><th>{t('curator.channels.action')}</th><th>{t('curator.channels.outcome')}</th><th>{t('curator.channels.reason')}</th></tr></thead>
                  <tbody>
                    {r.items.map((item) => (
                      <tr key={`${item.listingId}-${item.action}`}>
                        <td className="mono small">{item.listingId.slice(0, 8)}</td>
                        <td>{item.action}</td>
                        <td>{item.outcome}</td>
                        <td>
                          {item.reason ?? '—'}
                          {item.payload != null && (
                            <details><summary>{t('curator.channels.payload')}</summary><pre className="small">{JSON.stringify(item.payload, null, 2)}</pre></details>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
      </LoadState>
    </CuratorPage>
  );
}
