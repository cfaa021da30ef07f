// Council reports: sales (orders app), artisans by status (catalog app), channel export health
// (channels app). Curators only; the gateway serves each as JSON or CSV.
import type { Regency } from './catalog';
import type { Channel, ChannelAccountScope, ChannelListingStatus, ChannelRunCounts, ChannelRunKind, ChannelRunStatus } from './channels';

export const ReportsPatterns = {
  /** SalesReportQuery → SalesReport */
  sales: 'orders.reports.sales',
  /** {} → ArtisansReport */
  artisans: 'catalog.reports.artisans',
  /** {} → ChannelHealthReport */
  channels: 'channels.reports.health',
} as const;

/** Bali's time zone: report days, weeks and months start at midnight WITA. */
export const REPORT_TIME_ZONE = 'Asia/Makassar';

export const SALES_GROUPS = ['regency', 'category', 'category_group', 'artisan', 'day', 'week', 'month'] as const;
export type SalesGroupBy = (typeof SALES_GROUPS)[number];

/** Dates are YYYY-MM-DD in WITA, both days included. */
export interface SalesReportQuery {
  groupBy?: SalesGroupBy;
  from?: string;
  to?: string;
  limit?: number;
}

/**
 * A sale is an order paid in the period (orders.paid_at, WITA) whatever happened to it later.
 * gmv: its lines' goods value (no shipping); shipping: its shipping fees; refunds: what has been
 * refunded on its shipments so far (goods and shipping); net = gmv + shipping − refunds. Rows by
 * category share each shipment's shipping and refunds across its lines by goods value.
 * Amounts are integer rupiah as strings.
 */
export interface SalesFigures {
  orders: number;
  units: number;
  gmv: string;
  shipping: string;
  refunds: string;
  net: string;
}

export interface SalesRow extends SalesFigures {
  /** regency slug ('unknown' for orders placed before regencies were recorded), category slug, artisan id, or the period's first day */
  key: string;
  label: string;
  /** by category: its top-level group */
  group?: { slug: string; label: string } | null;
}

export interface SalesReport {
  groupBy: SalesGroupBy;
  from: string;
  to: string;
  timeZone: string;
  rows: SalesRow[];
  /** more rows than `limit` matched */
  truncated: boolean;
  /** every sale of the period, whatever the limit */
  totals: SalesFigures;
}

export interface ArtisanStatusCounts {
  pending: number;
  verified: number;
  rejected: number;
  suspended: number;
  total: number;
}

export interface PendingApplication {
  artisanId: string;
  shopName: string;
  regency: Regency;
  appliedAt: string;
  /** whole days waiting */
  ageDays: number;
}

export interface ArtisansReport {
  asOf: string;
  byStatus: ArtisanStatusCounts;
  byRegency: Array<{ regency: Regency; label: string } & ArtisanStatusCounts>;
  pending: { count: number; oldestDays: number | null; applications: PendingApplication[] };
}

/** Listing states per account, in the order reports show them. */
export const CHANNEL_LISTING_STATUSES: readonly ChannelListingStatus[] = ['synced', 'pending', 'in_review', 'rejected', 'failed', 'sold_out'];

export interface ChannelAccountHealth {
  accountId: string;
  channel: Channel;
  channelName: string;
  name: string;
  scope: ChannelAccountScope;
  shopSlug: string | null;
  status: 'active' | 'disabled';
  /** the last export (nightly or sync now; not dry runs or stock pushes) */
  lastRun: {
    id: string;
    kind: ChannelRunKind;
    status: ChannelRunStatus;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    counts: ChannelRunCounts;
    error: string | null;
  } | null;
  lastSuccessAt: string | null;
  listings: Record<ChannelListingStatus, number>;
  /** the commonest reasons listings are rejected or failed now, most first */
  topReasons: Array<{ status: 'rejected' | 'failed'; reason: string; count: number }>;
  /** exports created in the last 7 days, those that failed, and those with failed listings */
  last7Days: { runs: number; failedRuns: number; runsWithFailedListings: number };
}

export interface ChannelHealthReport {
  asOf: string;
  accounts: ChannelAccountHealth[];
}
