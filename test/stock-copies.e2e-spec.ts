import request from 'supertest';
import { DataSource } from 'typeorm';
import { CatalogEvents, EventEnvelope, ListingSnapshot, ServiceName, StockChangedEvent } from '@pk/contracts';
import { newId } from '@pk/core';
import { IndexFeedService } from '../apps/catalog/src/listings/index-feed.service';
import { ChannelsEventsSubscriber } from '../apps/channels/src/listings/channels-events.subscriber';
import { SearchEventsSubscriber } from '../apps/search/src/indexing/search-events.subscriber';
import { TestSystem, bootSystem } from './support/apps';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { Session, bearer, registerWithRoles } from './support/http';
import { CreatedListing, Shop, publishListing, search, seedShop } from './support/search';

// Issue 18: stock.changed named only the variant, so search and channels each asked the catalog
// for the whole listing again on every stock change (the same snapshot, twice per change). Now the
// event's stock is applied to the copy each already holds, in the order of the variant's changes
// (the outbox seq), and neither asks the catalog.

describe('stock.changed is applied by search and channels without asking the catalog', () => {
  let sys: TestSystem;
  let curator: Session;
  let shop: Shop;
  let listing: CreatedListing;
  let snapshotReads: jest.SpyInstance;
  const api = () => request(sys.http);

  beforeAll(async () => {
    // No scheduled reconcile: it reads the catalog by design (a repair), and would hide a callback.
    sys = await bootSystem('stock-copies', { services: ['catalog', 'search', 'channels'], env: { SEARCH_RECONCILE_SECONDS: '3600' } });
    curator = await registerWithRoles(sys, ['curator']);
    shop = await seedShop(sys, { name: 'Tenun Ikat Sidemen Stok', regency: 'karangasem' });
    listing = await publishListing(sys, shop, curator, {
      titleId: 'Kain endek Sidemen stok berubah',
      category: 'endek',
      regency: 'karangasem',
      variants: [{ price: 400_000, stock: 4 }, { price: 450_000, stock: 2 }],
    });
    await eventually(async () => expect(await hit()).toMatchObject({ stockTotal: 6 }), { timeoutMs: 20_000 });
    await eventually(async () => expect(await channelsStocks()).toEqual([4, 2]), { timeoutMs: 20_000 });
    snapshotReads = jest.spyOn(sys.services.get('catalog')!.get(IndexFeedService), 'states');
  });
  afterAll(async () => {
    snapshotReads?.mockRestore();
    await sys?.close();
  });

  const hit = async () => (await search(sys, { shop: shop.slug, limit: 48 })).hits.find((h) => h.id === listing.id);
  const channelsStocks = async () => {
    const rows = await queryDb<{ snapshot: ListingSnapshot | null }>(sys, 'SELECT snapshot FROM channels.listings WHERE listing_id = $1', [listing.id]);
    return rows[0]?.snapshot?.variants.map((v) => v.stock);
  };
  const setStock = (variantId: string, stock: number) =>
    api().put(`/api/v1/listings/${listing.id}/variants/${variantId}/stock`).set(bearer(shop.session)).send({ stock }).expect(200);
  /** Hands `payload` to a subscriber of app `app` in a transaction of its own, as its consumer would. */
  const deliver = (app: ServiceName, handler: { handle(e: EventEnvelope, tx: never): Promise<void> }, payload: StockChangedEvent, seq: string) => {
    const envelope: EventEnvelope = { id: newId(), name: CatalogEvents.stockChanged, source: 'catalog', occurredAt: new Date().toISOString(), payload, seq };
    return sys.services.get(app)!.get(DataSource).transaction((tx) => handler.handle(envelope, tx as never));
  };

  it('updates the index and the export copy from the event, with no read of the catalog', async () => {
    const [first, second] = listing.variants;
    await setStock(first.id, 1);
    await setStock(second.id, 0);
    await eventually(async () => expect(await hit()).toMatchObject({ stockTotal: 1, inStock: true }), { timeoutMs: 20_000 });
    await eventually(async () => expect(await channelsStocks()).toEqual([1, 0]), { timeoutMs: 20_000 });
    await setStock(first.id, 0);
    await eventually(async () => expect(await hit()).toMatchObject({ stockTotal: 0, inStock: false }), { timeoutMs: 20_000 });
    await eventually(async () => expect(await channelsStocks()).toEqual([0, 0]), { timeoutMs: 20_000 });
    // Before, each of these three changes made search and channels each read the listing back.
    expect(snapshotReads).not.toHaveBeenCalled();
    // The copies hold the seq each variant took last, from the catalog's outbox.
    const [{ seq }] = await queryDb<{ seq: string }>(
      sys, `SELECT seq::text FROM catalog.outbox WHERE name = 'stock.changed' AND payload->>'variantId' = $1 ORDER BY seq DESC LIMIT 1`, [first.id]);
    const [held] = await queryDb<{ stock_seqs: Record<string, string> }>(sys, 'SELECT stock_seqs FROM search.listing_state WHERE listing_id = $1', [listing.id]);
    expect(held.stock_seqs[first.id]).toBe(seq);
  });

  it('ignores a stock change that comes after a later one of the same variant (a late or repeated delivery)', async () => {
    const [first] = listing.variants;
    const late: StockChangedEvent = { variantId: first.id, listingId: listing.id, sku: first.sku, stock: 7, previous: 4, reason: 'edited' };
    await deliver('search', sys.services.get('search')!.get(SearchEventsSubscriber), late, '1');
    await deliver('channels', sys.services.get('channels')!.get(ChannelsEventsSubscriber), late, '1');
    expect(await hit()).toMatchObject({ stockTotal: 0, inStock: false });
    expect(await channelsStocks()).toEqual([0, 0]);
    expect(snapshotReads).not.toHaveBeenCalled();
  });
});
