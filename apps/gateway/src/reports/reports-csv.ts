import { ArtisansReport, CHANNEL_LISTING_STATUSES, ChannelHealthReport, SalesFigures, SalesReport } from '@pk/contracts';
import { CsvCell, writeCsv } from '@pk/core';

export interface CsvFile {
  fileName: string;
  csv: string;
}

const FIGURE_COLUMNS: Array<keyof SalesFigures> = ['orders', 'units', 'gmv', 'shipping', 'refunds', 'net'];
const STATUS_COLUMNS = ['pending', 'verified', 'rejected', 'suspended', 'total'] as const;
const day = (iso: string) => iso.slice(0, 10);

/**
 * One row per group and a TOTAL row; amounts are whole rupiah, exactly as in the JSON, written as
 * numbers (a refund stays -5000); names (a shop's, typed by its artisan) as text that cannot run.
 */
export function salesCsv(r: SalesReport): CsvFile {
  const byCategory = r.groupBy === 'category';
  const header = ['key', 'label', ...(byCategory ? ['group'] : []), ...FIGURE_COLUMNS];
  const figures = (f: SalesFigures): CsvCell[] => FIGURE_COLUMNS.map((c) => BigInt(f[c]));
  const rows = r.rows.map((row) => [row.key, row.label, ...(byCategory ? [row.group?.slug ?? ''] : []), ...figures(row)]);
  const total = ['TOTAL', `all sales ${r.from} to ${r.to} (${r.timeZone})`, ...(byCategory ? [''] : []), ...figures(r.totals)];
  return { fileName: `sales-by-${r.groupBy.replace('_', '-')}-${r.from}-to-${r.to}.csv`, csv: writeCsv([header, ...rows, total]) };
}

/** Artisans per regency by status, and a TOTAL row. */
export function artisansCsv(r: ArtisansReport): CsvFile {
  const rows = r.byRegency.map((g) => [g.regency, g.label, ...STATUS_COLUMNS.map((s) => g[s])]);
  const total = ['TOTAL', 'Bali', ...STATUS_COLUMNS.map((s) => r.byStatus[s])];
  return { fileName: `artisans-by-status-${day(r.asOf)}.csv`, csv: writeCsv([['regency', 'label', ...STATUS_COLUMNS], ...rows, total]) };
}

/** One row per channel account. */
export function channelsCsv(r: ChannelHealthReport): CsvFile {
  const header = [
    'channel', 'account_id', 'account', 'scope', 'shop', 'status',
    'last_run_status', 'last_run_started_at', 'last_run_finished_at', 'last_run_created', 'last_run_updated', 'last_run_refused', 'last_run_failed',
    'last_success_at', ...CHANNEL_LISTING_STATUSES.map((s) => `listings_${s}`), 'runs_7d', 'failed_runs_7d', 'runs_with_failed_listings_7d', 'top_reason', 'top_reason_count',
  ];
  const rows = r.accounts.map((a): CsvCell[] => [
    a.channel, a.accountId, a.name, a.scope, a.shopSlug ?? '', a.status,
    a.lastRun?.status ?? '', a.lastRun?.startedAt ?? '', a.lastRun?.finishedAt ?? '',
    ...(['created', 'updated', 'refused', 'failed'] as const).map((c) => a.lastRun?.counts[c]),
    a.lastSuccessAt ?? '', ...CHANNEL_LISTING_STATUSES.map((s) => a.listings[s]),
    a.last7Days.runs, a.last7Days.failedRuns, a.last7Days.runsWithFailedListings,
    // a channel's refusal quotes the listing's own text back
    a.topReasons[0]?.reason ?? '', a.topReasons[0]?.count,
  ]);
  return { fileName: `channel-health-${day(r.asOf)}.csv`, csv: writeCsv([header, ...rows]) };
}
