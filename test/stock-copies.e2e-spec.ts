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
// (its stock version, which snapshots carry too), and neither asks the catalog.

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
  const deliver = (app: ServiceName, handler: { handle(e: EventEnvelope, tx: never): Promise<void> }, name: string, payload: object) => {
    const envelope: EventEnvelope = { id: newId(), name, source: 'catalog', occurredAt: new Date().toISOString(), payload };
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
    // The copies hold each variant's stock version: its count of stock movements in the catalog.
    const [{ n }] = await queryDb<{ n: number }>(sys, 'SELECT count(*)::int AS n FROM catalog.stock_movements WHERE variant_id = $1', [first.id]);
    const [held] = await queryDb<{ snapshot: ListingSnapshot }>(sys, 'SELECT snapshot FROM search.listing_state WHERE listing_id = $1', [listing.id]);
    expect(held.snapshot.variants[0]).toMatchObject({ stock: 0, stockVersion: n });
  });

  it('ignores a stock change that comes after a later one of the same variant (a late or repeated delivery)', async () => {
    const [first] = listing.variants;
    const late: StockChangedEvent = { variantId: first.id, listingId: listing.id, sku: first.sku, stock: 7, previous: 4, reason: 'edited', stockVersion: 2 };
    await deliver('search', sys.services.get('search')!.get(SearchEventsSubscriber), CatalogEvents.stockChanged, late);
    await deliver('channels', sys.services.get('channels')!.get(ChannelsEventsSubscriber), CatalogEvents.stockChanged, late);
    expect(await hit()).toMatchObject({ stockTotal: 0, inStock: false });
    expect(await channelsStocks()).toEqual([0, 0]);
    expect(snapshotReads).not.toHaveBeenCalled();
  });

  it('keeps a stock change over the older stock a late listing event carries (retries after an outage)', async () => {
    // The listing event was written before the stock changes above (its snapshot says 4 and 2, at
    // stock version 0) but arrives after them, with a newer listing version (a title edit).
    const [snapshot] = (await queryDb<{ snapshot: ListingSnapshot }>(sys, 'SELECT snapshot FROM search.listing_state WHERE listing_id = $1', [listing.id])).map((r) => r.snapshot);
    const stale: ListingSnapshot = {
      ...snapshot,
      version: snapshot.version + 1,
      title: { ...snapshot.title, id: 'Kain endek Sidemen stok berubah (judul baru)' },
      variants: snapshot.variants.map((v, i) => ({ ...v, stock: [4, 2][i], stockVersion: 0 })),
    };
    const event = { listingId: listing.id, artisanId: shop.artisanId, version: stale.version, snapshot: stale };
    await deliver('search', sys.services.get('search')!.get(SearchEventsSubscriber), CatalogEvents.listingUpdated, event);
    await deliver('channels', sys.services.get('channels')!.get(ChannelsEventsSubscriber), CatalogEvents.listingUpdated, event);
    // The title is the event's; the stock stays what the later stock changes said.
    await eventually(async () => expect(await hit()).toMatchObject({ title: { id: 'Kain endek Sidemen stok berubah (judul baru)' }, stockTotal: 0, inStock: false }), { timeoutMs: 20_000 });
    expect(await channelsStocks()).toEqual([0, 0]);
  });
});
