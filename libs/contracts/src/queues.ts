import { CampaignEvents, CampaignQueues } from './campaigns';
import { CatalogEvents } from './catalog';
import { MarkQueues } from './curation';
import { IdentityEvents, RefundEvents, ReservationEvents } from './events';
import { OrdersEvents } from './orders';
import { PaymentsEvents } from './payments';
import { SchemaName, ServiceName } from './services';

/**
 * Every queue name, kebab-case. Each subscriber has its own event queue fed by the outbox relays;
 * QueueTable below says who consumes each one.
 */
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
  // the catalog's campaign clock and its sweep, and the sweep of expired marks (named beside them)
  campaignTransitions: CampaignQueues.transitions,
  campaignSweep: CampaignQueues.sweep,
  marksSweep: MarkQueues.sweep,
  // each app's pruning of its published outbox rows and old inbox rows (a Job Scheduler). A queue
  // per schema: the apps share one Redis prefix, and a tick must reach the app that owns the tables.
  identityRetention: 'identity-retention',
  catalogRetention: 'catalog-retention',
  ordersRetention: 'orders-retention',
  paymentsRetention: 'payments-retention',
  searchRetention: 'search-retention',
  channelsRetention: 'channels-retention',
} as const;
export type QueueName = (typeof Queues)[keyof typeof Queues];

export const RetentionQueues: Record<SchemaName, QueueName> = {
  identity: Queues.identityRetention,
  catalog: Queues.catalogRetention,
  orders: Queues.ordersRetention,
  payments: Queues.paymentsRetention,
  search: Queues.searchRetention,
  channels: Queues.channelsRetention,
};

/**
 * Every queue with the app whose workers take its jobs and the file that starts them (its event
 * subscriber's host or its processor). queues.spec.ts checks that each file consumes its queue
 * and that no queue is used outside this table.
 */
export const QueueTable: Record<QueueName, { app: ServiceName | 'gateway'; consumedIn: string }> = {
  [Queues.identityEvents]: { app: 'gateway', consumedIn: 'apps/gateway/src/identity/identity.module.ts' },
  [Queues.catalogEvents]: { app: 'catalog', consumedIn: 'apps/catalog/src/stock/stock.module.ts' },
  [Queues.ordersEvents]: { app: 'orders', consumedIn: 'apps/orders/src/orders.module.ts' },
  [Queues.paymentsEvents]: { app: 'payments', consumedIn: 'apps/payments/src/payments.module.ts' },
  [Queues.searchEvents]: { app: 'search', consumedIn: 'apps/search/src/search.module.ts' },
  [Queues.channelsEvents]: { app: 'channels', consumedIn: 'apps/channels/src/channels.module.ts' },
  [Queues.catalogReservations]: { app: 'catalog', consumedIn: 'apps/catalog/src/stock/reservation-sweeper.ts' },
  [Queues.catalogImports]: { app: 'catalog', consumedIn: 'apps/catalog/src/bulk/import.processor.ts' },
  [Queues.campaignTransitions]: { app: 'catalog', consumedIn: 'apps/catalog/src/campaigns/campaign.processor.ts' },
  [Queues.campaignSweep]: { app: 'catalog', consumedIn: 'apps/catalog/src/campaigns/campaign-sweeper.ts' },
  [Queues.marksSweep]: { app: 'catalog', consumedIn: 'apps/catalog/src/marks/mark-sweeper.ts' },
  [Queues.searchMaintenance]: { app: 'search', consumedIn: 'apps/search/src/maintenance/maintenance.processor.ts' },
  [Queues.channelsExport]: { app: 'channels', consumedIn: 'apps/channels/src/export/export.processor.ts' },
  [Queues.paymentsWebhooks]: { app: 'payments', consumedIn: 'apps/payments/src/webhooks/webhook-processor.ts' },
  [Queues.ordersFulfilment]: { app: 'orders', consumedIn: 'apps/orders/src/fulfilment/fulfilment.processor.ts' },
  [Queues.ordersMail]: { app: 'orders', consumedIn: 'apps/orders/src/notifications/mail.processor.ts' },
  // one sweeper class serves every schema, each app starting it for its own (RetentionQueues[schema])
  [Queues.identityRetention]: { app: 'gateway', consumedIn: 'libs/messaging/src/retention-sweeper.ts' },
  [Queues.catalogRetention]: { app: 'catalog', consumedIn: 'libs/messaging/src/retention-sweeper.ts' },
  [Queues.ordersRetention]: { app: 'orders', consumedIn: 'libs/messaging/src/retention-sweeper.ts' },
  [Queues.paymentsRetention]: { app: 'payments', consumedIn: 'libs/messaging/src/retention-sweeper.ts' },
  [Queues.searchRetention]: { app: 'search', consumedIn: 'libs/messaging/src/retention-sweeper.ts' },
  [Queues.channelsRetention]: { app: 'channels', consumedIn: 'libs/messaging/src/retention-sweeper.ts' },
};

/** The queues whose workers run in an app, from QueueTable. */
export const queuesOfApp = (app: ServiceName | 'gateway'): QueueName[] =>
  (Object.keys(QueueTable) as QueueName[]).filter((queue) => QueueTable[queue].app === app);

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
  // The catalog commits a paid order's stock, releases a cancelled one's, and puts back what was sold
  // but never shipped; it answers with the reservation.* events.
  [Queues.catalogEvents]: [OrdersEvents.orderPaid, OrdersEvents.orderCancelled, OrdersEvents.shipmentCancelled],
  // Payments post sales to the payout ledger, release them when the shipment completes, and refund
  // what orders asks for.
  [Queues.paymentsEvents]: [OrdersEvents.orderPaid, OrdersEvents.shipmentCompleted, RefundEvents.requested],
  // Orders move on payment results and on the catalog's answers about stock, and keep each user's
  // email to send notifications to.
  [Queues.ordersEvents]: [
    PaymentsEvents.paymentSucceeded,
    PaymentsEvents.paymentFailed,
    PaymentsEvents.paymentRefunded,
    IdentityEvents.userRegistered,
    ReservationEvents.committed,
    ReservationEvents.lapsed,
    ReservationEvents.returned,
  ],
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
