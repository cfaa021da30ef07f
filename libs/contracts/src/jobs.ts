// Failed BullMQ jobs, kept by every app and shown to curators (and admins) to inspect and retry.
import { CampaignJobData, CampaignJobs } from './campaigns';
import { ChannelsJobs, ImportJobData, ImportJobs, PaymentsJobs, SearchJobData, SearchJobs, queuesOfApp } from './queues';
import { ServiceName } from './services';

/** `<service>.jobs.failed` lists a service's failed jobs; `<service>.jobs.retry` retries one. */
export const failedJobsPattern = (service: ServiceName) => `${service}.jobs.failed`;
export const retryJobPattern = (service: ServiceName) => `${service}.jobs.retry`;

/** The queues whose workers run in each app (from QueueTable): where that app's failed jobs wait. */
export const QUEUES_BY_APP: Record<ServiceName | 'gateway', readonly string[]> = {
  gateway: queuesOfApp('gateway'),
  catalog: queuesOfApp('catalog'),
  orders: queuesOfApp('orders'),
  payments: queuesOfApp('payments'),
  search: queuesOfApp('search'),
  channels: queuesOfApp('channels'),
};

// FailedJobView and FailedJobsReply are the reply schemas' types (replies/reports.ts).
export type { FailedJobView, FailedJobsReply } from './replies/reports';
export interface RetryJobRequest { queue: string; id: string }

/**
 * The jobs of each processor's queue, as a union on the job's name: a processor switches on
 * `job.name` and TypeScript narrows `job.data`, and a name no case takes fails to compile.
 */
export interface JobOf<N extends string, D> { name: N; data: D }
export type ImportJob = JobOf<typeof ImportJobs.run, ImportJobData>;
export type CampaignJob = JobOf<typeof CampaignJobs.start | typeof CampaignJobs.end, CampaignJobData>;
export type SearchMaintenanceJob = JobOf<typeof SearchJobs.run, SearchJobData>;
export type WebhookJob =
  | JobOf<typeof PaymentsJobs.process, { provider: string; eventId: string }>
  | JobOf<typeof PaymentsJobs.sweep, Record<string, never>>;
/** The account-wide jobs name no account (`'*'`): they are one per queue, not per account. */
export type ChannelsExportJob =
  | JobOf<typeof ChannelsJobs.run, { runId: string }>
  | JobOf<typeof ChannelsJobs.nightly, { accountId: string }>
  | JobOf<typeof ChannelsJobs.stockPush | typeof ChannelsJobs.campaignExport | typeof ChannelsJobs.tokenRefresh, { accountId: '*' }>;
