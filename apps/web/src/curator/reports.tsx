import { useState } from 'react';
import { api } from '../api';
import { formatDateTime, formatRupiah } from '../format';
import { useI18n } from '../i18n';
import { Select, TextField } from '../ui/fields';
import { BarChart } from './bar-chart';
import { ArtisansReport, ChannelHealthReport, SalesReport, useLoad } from './curator-api';
import { CsvButton, CuratorPage, LoadState } from './layout';

const GROUPS = ['regency', 'category', 'artisan', 'day', 'week', 'month'] as const;

/** Sales, artisans by status and channel health, each as a chart, a table-free summary and a CSV. */
export function ReportsPage() {
  const { t } = useI18n();
  return (
    <CuratorPage title={t('curator.reports.title')}>
      <SalesSection />
      <ArtisansSection />
      <ChannelsSection />
    </CuratorPage>
  );
}

function SalesSection() {
  const { t } = useI18n();
  const [groupBy, setGroupBy] = useState<(typeof GROUPS)[number]>('regency');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query = { groupBy, from, to };
  const sales = useLoad((signal) => api<SalesReport>('/curation/reports/sales', { query, signal }), [groupBy, from, to]);
  return (
    <section className="card curator-card" aria-labelledby="rep-sales">
      <h2 id="rep-sales">{t('curator.reports.sales')}</h2>
      <div className="curator-filters">
        <Select label={t('curator.reports.groupBy')} value={groupBy} onChange={(e) => setGroupBy(e.target.value as (typeof GROUPS)[number])} options={GROUPS.map((g) => ({ value: g, label: t(`curator.reports.by.${g}`) }))} />
        <TextField label={t('curator.reports.from')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <TextField label={t('curator.reports.to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <LoadState state={sales}>
        {(r) => (
          <>
            <p>
              {t('curator.reports.period', { from: r.from, to: r.to })}: {t('curator.reports.orders', { count: r.totals.orders })} ·{' '}
              {t('curator.reports.gmv')} {formatRupiah(r.totals.gmv)} · {t('curator.reports.net')} {formatRupiah(r.totals.net)}
            </p>
            {r.rows.length === 0 ? (
              <p className="state state-empty">{t('curator.reports.noSales')}</p>
            ) : (
              <BarChart title={t('curator.reports.netBy', { by: t(`curator.reports.by.${groupBy}`) })} bars={r.rows.map((row) => ({ label: row.label, value: Number(row.net), text: formatRupiah(row.net) }))} />
            )}
          </>
        )}
      </LoadState>
      <CsvButton path="/curation/reports/sales" query={{ ...query, format: 'csv' }} label={t('curator.reports.csv')} />
    </section>
  );
}

function ArtisansSection() {
  const { t } = useI18n();
  const report = useLoad((signal) => api<ArtisansReport>('/curation/reports/artisans', { signal }), []);
  return (
    <section className="card curator-card" aria-labelledby="rep-artisans">
      <h2 id="rep-artisans">{t('curator.reports.artisans')}</h2>
      <LoadState state={report}>
        {(r) => (
          <>
            <BarChart
              title={t('curator.reports.artisansByStatus', { total: r.byStatus.total })}
              bars={(['verified', 'pending', 'rejected', 'suspended'] as const).map((s) => ({ label: t(`curator.state.artisan.${s}`), value: r.byStatus[s], text: String(r.byStatus[s]) }))}
            />
            <BarChart title={t('curator.reports.verifiedByRegency')} bars={r.byRegency.map((x) => ({ label: x.label, value: x.verified, text: String(x.verified) }))} />
            {r.pending.oldestDays !== null && <p>{t('curator.reports.oldestPending', { days: r.pending.oldestDays })}</p>}
          </>
        )}
      </LoadState>
      <CsvButton path="/curation/reports/artisans" query={{ format: 'csv' }} label={t('curator.reports.csv')} />
    </section>
  );
}

function ChannelsSection() {
  const { t } = useI18n();
  const report = useLoad((signal) => api<ChannelHealthReport>('/curation/reports/channels', { signal }), []);
  return (
    <section className="card curator-card" aria-labelledby="rep-channels">
      <h2 id="rep-channels">{t('curator.reports.channels')}</h2>
      <LoadState state={report} isEmpty={(r) => r.accounts.length === 0} empty={t('curator.channels.noAccounts')}>
        {(r) => (
          <div className="stack">
            {r.accounts.map((a) => (
              <div key={a.accountId}>
                <BarChart
                  title={`${a.channelName} · ${a.name}`}
                  bars={Object.entries(a.listings).map(([status, n]) => ({ label: t(`curator.state.channelListing.${status}`), value: n, text: String(n) }))}
                />
                <p className="small">
                  {t('curator.reports.lastSuccess', { at: a.lastSuccessAt ? formatDateTime(a.lastSuccessAt) : '—' })} ·{' '}
                  {t('curator.reports.week', { runs: a.last7Days.runs, failed: a.last7Days.failedRuns })}
                </p>
                {a.topReasons.length > 0 && (
                  <ul className="small">
                    {a.topReasons.map((x) => <li key={x.reason}>{x.reason} ({x.count})</li>)}
                  </ul>
                )}
              </div>
            ))}
          </div>
        )}
      </LoadState>
      <CsvButton path="/curation/reports/channels" query={{ format: 'csv' }} label={t('curator.reports.csv')} />
    </section>
  );
}
