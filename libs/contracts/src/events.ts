import {
  ArtisanSuspendedEvent,
  ArtisanVerifiedEvent,
  CatalogEvents,
  ListingPublishedEvent,
  ListingUnpublishedEvent,
  ListingUpdatedEvent,
  StockChangedEvent,
} from './catalog';
import { CampaignChangedEvent, CampaignEvents } from './campaigns';
import { CurationEvents, MarkChangedEvent } from './curation';
import {
  OrderCancelledEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
  OrdersEvents,
  ShipmentCancelledEvent,
  ShipmentCompletedEvent,
  ShipmentStatusEvent,
} from './orders';
import { PaymentFailedEvent, PaymentRefundedEvent, PaymentsEvents, PaymentSucceededEvent } from './payments';

// Event names are `<entity>.<past tense>`. Payloads are plain JSON: ids and values, never objects.
export const IdentityEvents = {
  userRegistered: 'user.registered',
  userRolesChanged: 'user.roles_changed',
} as const;

export interface UserRegisteredEvent { userId: string; email: string; roles: string[] }
export interface UserRolesChangedEvent { userId: string; roles: string[]; changedBy: string }

/** Orders asks payments for money back, after its own change committed; payments answers payment.refunded. */
export const RefundEvents = { requested: 'refund.requested' } as const;
/** The same key is the same refund, however often the event is delivered. */
export interface RefundRequestedEvent { orderId: string; shipmentId: string; amount: string; reason: string; idempotencyKey: string }

/** The catalog's answers to orders about a reservation, so orders never asks it back. */
export const ReservationEvents = {
  // order.paid's stock is sold
  committed: 'reservation.committed',
  // order.paid came after the reservation was released or expired: the order cannot be filled
  lapsed: 'reservation.lapsed',
  // order.cancelled's / shipment.cancelled's sold units are back on sale
  returned: 'reservation.returned',
} as const;
export interface ReservationCommittedEvent { reservationId: string; orderId: string }
export interface ReservationLapsedEvent { reservationId: string; orderId: string; reason: string }
export interface ReservationReturnedEvent { reservationId: string; orderId: string; variantIds: string[] }

/**
 * Every event's payload, by name: OutboxWriter.add checks the payload of these names (its untyped
 * fallback is for tests' made-up events). events.spec.ts fails when an event constant has no entry.
 */
export interface EventMap {
  [IdentityEvents.userRegistered]: UserRegisteredEvent;
  [IdentityEvents.userRolesChanged]: UserRolesChangedEvent;
  [CatalogEvents.artisanVerified]: ArtisanVerifiedEvent;
  [CatalogEvents.artisanSuspended]: ArtisanSuspendedEvent;
  [CatalogEvents.listingPublished]: ListingPublishedEvent;
  [CatalogEvents.listingUpdated]: ListingUpdatedEvent;
  [CatalogEvents.listingUnpublished]: ListingUnpublishedEvent;
  [CatalogEvents.stockChanged]: StockChangedEvent;
  [CampaignEvents.started]: CampaignChangedEvent;
  [CampaignEvents.ended]: CampaignChangedEvent;
  [CampaignEvents.cancelled]: CampaignChangedEvent;
  [CurationEvents.markGranted]: MarkChangedEvent;
  [CurationEvents.markRevoked]: MarkChangedEvent;
  [CurationEvents.markExpired]: MarkChangedEvent;
  [OrdersEvents.orderPlaced]: OrderPlacedEvent;
  [OrdersEvents.orderPaid]: OrderPaidEvent;
  [OrdersEvents.orderCancelled]: OrderCancelledEvent;
  [OrdersEvents.shipmentAccepted]: ShipmentStatusEvent;
  [OrdersEvents.shipmentShipped]: ShipmentStatusEvent;
  [OrdersEvents.shipmentDelivered]: ShipmentStatusEvent;
  [OrdersEvents.shipmentCompleted]: ShipmentCompletedEvent;
  [OrdersEvents.shipmentCancelled]: ShipmentCancelledEvent;
  [PaymentsEvents.paymentSucceeded]: PaymentSucceededEvent;
  [PaymentsEvents.paymentFailed]: PaymentFailedEvent;
  [PaymentsEvents.paymentRefunded]: PaymentRefundedEvent;
  [RefundEvents.requested]: RefundRequestedEvent;
  [ReservationEvents.committed]: ReservationCommittedEvent;
  [ReservationEvents.lapsed]: ReservationLapsedEvent;
  [ReservationEvents.returned]: ReservationReturnedEvent;
}
export type EventName = keyof EventMap;

/** What moves through the relay into a subscriber's queue. */
export interface EventEnvelope<P = unknown> {
  id: string;
  name: string;
  source: string;
  occurredAt: string;
  payload: P;
}

/** An envelope of one of these events: switching on `name` narrows `payload` (subscribers' view). */
export type EventOf<N extends EventName = EventName> = { [K in N]: EventEnvelope<EventMap[K]> & { name: K } }[N];
