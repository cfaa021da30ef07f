// Council reports: sales (orders app), artisans by status (catalog app), channel export health
// (channels app). Curators only; the gateway serves each as JSON or CSV.
import type { ChannelListingStatus } from './channels';

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

/** Listing states per account, in the order reports show them. */
export const CHANNEL_LISTING_STATUSES: readonly ChannelListingStatus[] = ['synced', 'pending', 'in_review', 'rejected', 'failed', 'sold_out'];

// The reports are the reply schemas' types (replies/reports.ts).
export type {
  ArtisanStatusCounts,
  ArtisansReport,
  ChannelAccountHealth,
  ChannelHealthReport,
  PendingApplication,
  SalesFigures,
  SalesReport,
  SalesRow,
} from './replies/reports';
