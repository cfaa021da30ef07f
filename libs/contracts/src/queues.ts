/** Queue names, kebab-case. Each subscriber has its own event queue fed by the outbox relays. */
export const Queues = {
  catalogEvents: 'catalog-events',
  ordersEvents: 'orders-events',
  paymentsEvents: 'payments-events',
  searchEvents: 'search-events',
  channelsEvents: 'channels-events',
  identityEvents: 'identity-events',
} as const;
export type QueueName = (typeof Queues)[keyof typeof Queues];

/**
 * Which subscriber queue receives which events. A relay fans an outbox row out to every queue
 * listed for its event name; a name with no subscriber is marked published and goes nowhere.
 */
export type SubscriptionTable = Partial<Record<string, readonly string[]>>;
export const EventSubscriptions: SubscriptionTable = {};

export function subscribersOf(eventName: string, table: SubscriptionTable = EventSubscriptions): string[] {
  return Object.keys(table).filter((queue) => table[queue]?.includes(eventName));
}
