import {
  ArtisanSuspendedEvent,
  ArtisanVerifiedEvent,
  CatalogEvents,
  ListingPublishedEvent,
  ListingUnpublishedEvent,
  ListingUpdatedEvent,
  StockChangedEvent,
} from './catalog';

// Event names are `<entity>.<past tense>`. Payloads are plain JSON: ids and values, never objects.
export const IdentityEvents = {
  userRegistered: 'user.registered',
  userRolesChanged: 'user.roles_changed',
} as const;

export interface UserRegisteredEvent { userId: string; email: string; roles: string[] }
export interface UserRolesChangedEvent { userId: string; roles: string[]; changedBy: string }

export interface EventMap {
  [IdentityEvents.userRegistered]: UserRegisteredEvent;
  [IdentityEvents.userRolesChanged]: UserRolesChangedEvent;
  [CatalogEvents.artisanVerified]: ArtisanVerifiedEvent;
  [CatalogEvents.artisanSuspended]: ArtisanSuspendedEvent;
  [CatalogEvents.listingPublished]: ListingPublishedEvent;
  [CatalogEvents.listingUpdated]: ListingUpdatedEvent;
  [CatalogEvents.listingUnpublished]: ListingUnpublishedEvent;
  [CatalogEvents.stockChanged]: StockChangedEvent;
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
