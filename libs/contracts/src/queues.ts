import { CampaignEvents } from './campaigns';
import { CatalogEvents } from './catalog';
import { IdentityEvents } from './events';
import { OrdersEvents } from './orders';
import { PaymentsEvents } from './payments';
import { SchemaName } from './services';

/** Queue names, kebab-case. Each subscriber has its own event queue fed by the outbox relays. */
export const Queues = {
  catalogEvents: 'catalog-events',
  ordersEvents: 'orders-events',
  paymentsEvents: 'payments-events',
  searchEvents: 'search-events',
  channelsEvents: 'channels-events',
  identityEvents: 'identity-events',
  // the catalog's sweep of expired stock reservations (a Job Scheduler)
  catalogReservations: 'catalog-reservations',
  // artisans' bulk CSV imports, one job per import
  catalogImports: 'catalog-imports',
  // the search app's reindex and reconcile runs, and the reconcile schedule
  searchMaintenance: 'search-maintenance',
  // the channels app's export runs (nightly schedules, sync now, dry runs) and quick stock pushes
  channelsExport: 'channels-export',
  // provider webhooks, stored first, processed here one event per job
  paymentsWebhooks: 'payments-webhooks',
  // orders' clocks: unpaid orders, unshipped shipments, shipments to complete (a Job Scheduler)
  ordersFulfilment: 'orders-fulfilment',
  // orders' email of notifications, when SMTP_URL is set (a Job Scheduler)
  ordersMail: 'orders-mail',
} as const;
export type QueueName = (typeof Queues)[keyof typeof Queues];

/**
 * Each app's pruning of its published outbox rows and old inbox rows (a Job Scheduler). A queue
 * per schema: the apps share one Redis prefix, and a tick must reach the app that owns the tables.
 */
export const RetentionQueues: Record<SchemaName, string> = {
  identity: 'identity-retention',
  catalog: 'catalog-retention',
  orders: 'orders-retention',
  payments: 'payments-retention',
  search: 'search-retention',
  channels: 'channels-retention',
};

/** Jobs on the RetentionQueues: the scheduler's id and the job it adds. */
export const RetentionJobs = { pruneScheduler: 'messaging-retention', prune: 'retention.prune' } as const;

/** Jobs on Queues.catalogReservations: the scheduler's id and the job it adds. */
export const ReservationJobs = { sweepScheduler: 'reservation-sweep', sweep: 'reservations.sweep' } as const;

/** Jobs on Queues.catalogImports; the data is `{ importId }`. */
export const ImportJobs = { run: 'imports.run' } as const;
export interface ImportJobData { importId: string }

/** Jobs on Queues.searchMaintenance; the data is `{ runId }` (a scheduled job creates its run). */
export const SearchJobs = { reconcileScheduler: 'search-reconcile', run: 'search.run' } as const;
export interface SearchJobData { runId?: string }

/** Jobs on Queues.channelsExport. A scheduled job names its account; the others name their run. */
export const ChannelsJobs = {
  run: 'channels.run',
  nightly: 'channels.nightly',
  stockPush: 'channels.stock-push',
  campaignExport: 'channels.campaign-export',
  // every CHANNEL_TOKEN_REFRESH_CRON: authorized accounts' tokens that lapse soon are refreshed
  tokenRefresh: 'channels.token-refresh',
} as const;
export type ChannelsJobData = { runId: string } | { accountId: string };

/** Jobs on Queues.paymentsWebhooks: one stored event each ({ provider, eventId }), and the sweep of any left behind. */
export const PaymentsJobs = { process: 'webhooks.process', sweepScheduler: 'webhooks-sweep', sweep: 'webhooks.sweep' } as const;
export interface WebhookJobData { provider?: string; eventId?: string }

/** Jobs on Queues.ordersFulfilment: the sweep that applies every clock that ran out. */
export const OrdersJobs = { sweepScheduler: 'orders-sweep', sweep: 'orders.sweep' } as const;

/** Jobs on Queues.ordersMail: the scheduler that sends notifications not yet emailed. */
export const OrdersMailJobs = { sendScheduler: 'orders-mail-send', send: 'mail.send' } as const;

/**
 * Which subscriber queue receives which events. A relay fans an outbox row out to every queue
 * listed for its event name; a name with no subscriber is marked published and goes nowhere.
 */
export type SubscriptionTable = Partial<Record<string, readonly string[]>>;
export const EventSubscriptions: SubscriptionTable = {
  // The gateway owns identity: a verified artisan's user gains the artisan role, a suspended one loses it.
  [Queues.identityEvents]: [CatalogEvents.artisanVerified, CatalogEvents.artisanSuspended],
  // The search index copies public listings: each of these refreshes one listing's document.
  [Queues.searchEvents]: [
    CatalogEvents.listingPublished,
    CatalogEvents.listingUpdated,
    CatalogEvents.listingUnpublished,
    CatalogEvents.stockChanged,
  ],
  // Payments post sales to the payout ledger, and release them when the shipment completes.
  [Queues.paymentsEvents]: [OrdersEvents.orderPaid, OrdersEvents.shipmentCompleted],
  // Orders move on payment results, and keep each user's email to send notifications to.
  [Queues.ordersEvents]: [PaymentsEvents.paymentSucceeded, PaymentsEvents.paymentFailed, PaymentsEvents.paymentRefunded, IdentityEvents.userRegistered],
  // The channels app keeps its own copy of public listings to export, pushes stock changes, and
  // exports soon after a campaign starts or ends, so its prices reach the channels on time.
  [Queues.channelsEvents]: [
    CatalogEvents.listingPublished,
    CatalogEvents.listingUpdated,
    CatalogEvents.listingUnpublished,
    CatalogEvents.stockChanged,
    CampaignEvents.started,
    CampaignEvents.ended,
    CampaignEvents.cancelled,
  ],
};

export function subscribersOf(eventName: string, table: SubscriptionTable = EventSubscriptions): string[] {
  return Object.keys(table).filter((queue) => table[queue]?.includes(eventName));
}
