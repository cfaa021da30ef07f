// Failed BullMQ jobs, kept by every app and shown to curators (and admins) to inspect and retry.
import { CampaignQueues } from './campaigns';
import { MarkQueues } from './curation';
import { Queues, RetentionQueues } from './queues';
import { ServiceName } from './services';

/** `<service>.jobs.failed` lists a service's failed jobs; `<service>.jobs.retry` retries one. */
export const failedJobsPattern = (service: ServiceName) => `${service}.jobs.failed`;
export const retryJobPattern = (service: ServiceName) => `${service}.jobs.retry`;

/** The queues whose workers run in each app: where that app's failed jobs wait. The gateway's is identity-events. */
export const QUEUES_BY_APP: Record<ServiceName | 'gateway', readonly string[]> = {
  gateway: [Queues.identityEvents, RetentionQueues.identity],
  catalog: [Queues.catalogReservations, Queues.catalogImports, CampaignQueues.transitions, CampaignQueues.sweep, MarkQueues.sweep, RetentionQueues.catalog],
  orders: [Queues.ordersEvents, Queues.ordersFulfilment, Queues.ordersMail, RetentionQueues.orders],
  payments: [Queues.paymentsEvents, Queues.paymentsWebhooks, RetentionQueues.payments],
  search: [Queues.searchEvents, Queues.searchMaintenance, RetentionQueues.search],
  channels: [Queues.channelsEvents, Queues.channelsExport, RetentionQueues.channels],
};

export interface FailedJobView {
  app: ServiceName | 'gateway';
  queue: string;
  id: string;
  name: string;
  /** The job's data as JSON, cut at 2,000 characters. */
  data: string;
  failedReason: string;
  attemptsMade: number;
  createdAt: string;
  failedAt: string | null;
}
/** Newest first per queue; `total` counts every failed job of the app's queues. */
export interface FailedJobsReply { items: FailedJobView[]; total: number }
export interface RetryJobRequest { queue: string; id: string }
