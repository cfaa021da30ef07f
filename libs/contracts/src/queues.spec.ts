import { subscribersOf } from './queues';

describe('subscribersOf', () => {
  it('lists every queue subscribed to an event, and none for an unsubscribed one', () => {
    const table = { 'search-events': ['listing.published', 'listing.unpublished'], 'channels-events': ['listing.published'] };
    expect(subscribersOf('listing.published', table).sort()).toEqual(['channels-events', 'search-events']);
    expect(subscribersOf('listing.unpublished', table)).toEqual(['search-events']);
    expect(subscribersOf('order.paid', table)).toEqual([]);
  });
});
