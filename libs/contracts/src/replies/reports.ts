import { z } from 'zod';
import { failedJobsPattern, retryJobPattern } from '../jobs';
import { ReportsPatterns, SALES_GROUPS } from '../reports';
import { SERVICE_NAMES, ServiceName, Services } from '../services';
import { channelListingStatusSchema, channelRunCountsSchema, channelRunKindSchema, channelRunStatusSchema, channelSchema } from './channels';
import { isoDate, money, regency, reply, signedMoney, uuid } from './common';

// The council's reports (sales from orders, artisans from catalog, channel health from channels)
// and every app's failed jobs.

/** A day in Bali's time zone (WITA), YYYY-MM-DD. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * A sale is an order paid in the period (orders.paid_at, WITA) whatever happened to it later.
 * gmv: its lines' goods value (no shipping); shipping: its shipping fees; refunds: what has been
 * refunded on its shipments so far (goods and shipping); net = gmv + shipping − refunds. Rows by
 * category share each shipment's shipping and refunds across its lines by goods value.
 */
export const salesFiguresSchema = reply({
  orders: z.number().int(),
  units: z.number().int(),
  gmv: money,
  shipping: money,
  refunds: money,
  net: signedMoney,
});
export const salesRowSchema = salesFiguresSchema.extend({
  /** regency slug ('unknown' for orders placed before regencies were recorded), category slug, artisan id, or the period's first day */
  key: z.string(),
  label: z.string(),
  /** by category: its top-level group */
  group: reply({ slug: z.string(), label: z.string() }).nullable().optional(),
});
export const salesReportSchema = reply({
  groupBy: z.enum(SALES_GROUPS),
  from: day,
  to: day,
  timeZone: z.string(),
  rows: z.array(salesRowSchema),
  /** more rows than `limit` matched */
  truncated: z.boolean(),
  /** every sale of the period, whatever the limit */
  totals: salesFiguresSchema,
});
export type SalesFigures = z.infer<typeof salesFiguresSchema>;
export type SalesRow = z.infer<typeof salesRowSchema>;
export type SalesReport = z.infer<typeof salesReportSchema>;

export const artisanStatusCountsSchema = reply({
  pending: z.number().int(),
  verified: z.number().int(),
  rejected: z.number().int(),
  suspended: z.number().int(),
  total: z.number().int(),
});
export const pendingApplicationSchema = reply({
  artisanId: uuid,
  shopName: z.string(),
  regency,
  appliedAt: isoDate,
  /** whole days waiting */
  ageDays: z.number().int(),
});
export const artisansReportSchema = reply({
  asOf: isoDate,
  byStatus: artisanStatusCountsSchema,
  byRegency: z.array(artisanStatusCountsSchema.extend({ regency, label: z.string() })),
  pending: reply({ count: z.number().int(), oldestDays: z.number().int().nullable(), applications: z.array(pendingApplicationSchema) }),
});
export type ArtisanStatusCounts = z.infer<typeof artisanStatusCountsSchema>;
export type PendingApplication = z.infer<typeof pendingApplicationSchema>;
export type ArtisansReport = z.infer<typeof artisansReportSchema>;

export const channelAccountHealthSchema = reply({
  accountId: uuid,
  channel: channelSchema,
  channelName: z.string(),
  name: z.string(),
  scope: z.enum(['council', 'shop']),
  shopSlug: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  /** the last export (nightly or sync now; not dry runs or stock pushes) */
  lastRun: reply({
    id: uuid,
    kind: channelRunKindSchema,
    status: channelRunStatusSchema,
    createdAt: isoDate,
    startedAt: isoDate.nullable(),
    finishedAt: isoDate.nullable(),
    counts: channelRunCountsSchema,
    error: z.string().nullable(),
  }).nullable(),
  lastSuccessAt: isoDate.nullable(),
  listings: z.record(channelListingStatusSchema, z.number().int()),
  /** the commonest reasons listings are rejected or failed now, most first */
  topReasons: z.array(reply({ status: z.enum(['rejected', 'failed']), reason: z.string(), count: z.number().int() })),
  /** exports created in the last 7 days, those that failed, and those with failed listings */
  last7Days: reply({ runs: z.number().int(), failedRuns: z.number().int(), runsWithFailedListings: z.number().int() }),
});
export const channelHealthReportSchema = reply({ asOf: isoDate, accounts: z.array(channelAccountHealthSchema) });
export type ChannelAccountHealth = z.infer<typeof channelAccountHealthSchema>;
export type ChannelHealthReport = z.infer<typeof channelHealthReportSchema>;

export const failedJobViewSchema = reply({
  app: z.enum(['gateway', ...Object.values(Services)] as ['gateway', ...ServiceName[]]),
  queue: z.string(),
  id: z.string(),
  name: z.string(),
  /** The job's data as JSON, cut at 2,000 characters. */
  data: z.string(),
  failedReason: z.string(),
  attemptsMade: z.number().int(),
  createdAt: isoDate,
  failedAt: isoDate.nullable(),
});
/** Newest first per queue; `total` counts every failed job of the app's queues. */
export const failedJobsReplySchema = reply({ items: z.array(failedJobViewSchema), total: z.number().int() });
export type FailedJobView = z.infer<typeof failedJobViewSchema>;
export type FailedJobsReply = z.infer<typeof failedJobsReplySchema>;
const retriedJobSchema = reply({ queue: z.string(), id: z.string(), state: z.string() });

export const ReportsReplies = {
  [ReportsPatterns.sales]: salesReportSchema,
  [ReportsPatterns.artisans]: artisansReportSchema,
  [ReportsPatterns.channels]: channelHealthReportSchema,
} as const;

/** Every app answers `<app>.jobs.failed` and `<app>.jobs.retry` the same way. */
export const JobsReplies: Record<string, z.ZodTypeAny> = Object.fromEntries(
  SERVICE_NAMES.flatMap((s) => [[failedJobsPattern(s), failedJobsReplySchema], [retryJobPattern(s), retriedJobSchema]]),
);
