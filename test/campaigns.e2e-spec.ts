import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import request from 'supertest';
import { CampaignPatterns, CampaignQueues } from '@pk/contracts';
import { newId } from '@pk/core';
import { CampaignSweeper } from '../apps/catalog/src/campaigns/campaign-sweeper';
import { TestSystem, bootSystem } from './support/apps';
import { insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { Session, bearer, register, registerWithRoles } from './support/http';
import { png } from './support/images';
import { Buyer, checkoutBody, checkoutOk, fillCart, getOrder, newBuyer, newCurator } from './support/orders';
import { rpcClient } from './support/rpc';
import { CreatedListing, Shop, publishListing, search, seedShop } from './support/search';

// Campaigns run on the clock: a campaign a few seconds ahead starts and ends by its own jobs,
// and everything a buyer sees (listing, cart, checkout, search) follows it.

const iso = (ms: number) => new Date(ms).toISOString();
/** A Bali wall-clock time to the second, without an offset: the API reads it as WITA. */
const witaWallClock = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19);

let slugCounter = 0;
const uniqueSlug = (tag: string) => `${tag}-${Date.now().toString(36)}-${(slugCounter++).toString(36)}`;

const campaignBody = (over: Record<string, unknown> = {}) => ({
  kind: 'campaign',
  slug: uniqueSlug('selasa-endek'),
  title: { id: 'Selasa Endek', en: 'Endek Tuesday' },
  description: { id: 'Setiap Selasa, kain endek dengan harga khusus.', en: null },
  startsAt: iso(Date.now() + 60 * 60_000),
  endsAt: iso(Date.now() + 2 * 60 * 60_000),
  ...over,
});

describe('campaigns and online exhibitions', () => {
  let sys: TestSystem;
  let curator: Session;
  let shop: Shop;

  beforeAll(async () => {
    sys = await bootSystem('campaigns', { services: ['catalog', 'orders', 'payments', 'search'] });
    curator = await newCurator(sys);
    shop = await seedShop(sys, { name: 'Tenun Sidemen', regency: 'karangasem' });
  });
  afterAll(() => sys?.close());

  const api = () => request(sys.http);

  async function createCampaign(body: Record<string, unknown>): Promise<{ id: string; slug: string }> {
    const res = await api().post('/api/v1/curation/campaigns').set(bearer(curator)).send(body);
    if (res.status !== 201) throw new Error(`create campaign answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const publicListing = async (id: string) => (await api().get(`/api/v1/listings/${id}`).expect(200)).body;
  const liveSlugs = async (): Promise<string[]> =>
    (await api().get('/api/v1/campaigns').expect(200)).body.items.map((c: { slug: string }) => c.slug);
  const cartPrices = async (buyer: Buyer): Promise<Record<string, string>> => {
    const cart = (await api().get('/api/v1/cart').set(bearer(buyer.session)).expect(200)).body;
    return Object.fromEntries(
      cart.groups.flatMap((g: { lines: Array<{ variantId: string; unitPrice: string }> }) => g.lines.map((l) => [l.variantId, l.unitPrice])),
    );
  };
  const searchPrice = async (listingId: string) => {
    const hit = (await search(sys, { q: 'endek' })).hits.find((h) => h.id === listingId);
    if (!hit) throw new Error(`listing ${listingId} is not in the index yet`);
    return hit.price;
  };

  it('starts and ends on schedule: listing, cart, checkout and search follow its prices', async () => {
    const listing: CreatedListing = await publishListing(sys, shop, curator, {
      titleId: 'Kain endek Sidemen motif cepuk',
      category: 'endek',
      regency: 'karangasem',
      variants: [{ price: 400_000, stock: 10 }, { price: 250_000, stock: 10 }],
    });
    const [fixed, discounted] = listing.variants;
    await eventually(async () => expect(await searchPrice(listing.id)).toEqual({ min: '250000', max: '400000' }));
    const buyer = await newBuyer(sys, [{ variantId: fixed.id, quantity: 2 }]);

    // Starts 3 s from now and ends 8 s later; the end is sent as a WITA wall-clock time.
    const startsAt = Date.now() + 3_000;
    const endsAt = Math.floor((startsAt + 8_000) / 1000) * 1000;
    const campaign = await createCampaign(campaignBody({ startsAt: iso(startsAt), endsAt: witaWallClock(endsAt), discountPercent: 10 }));
    await api().post(`/api/v1/curation/campaigns/${campaign.id}/members`).set(bearer(curator)).send({ listingIds: [listing.id] }).expect(200);
    const priced = await api()
      .put(`/api/v1/curation/campaigns/${campaign.id}/prices`)
      .set(bearer(curator))
      .send({ prices: [{ variantId: fixed.id, price: 300_000 }] })
      .expect(200);
    expect(priced.body).toMatchObject({
      state: 'scheduled',
      endsAt: { at: iso(endsAt), wita: expect.stringMatching(/ WITA$/) },
      members: { listingIds: [listing.id], artisanIds: [] },
      prices: [{ variantId: fixed.id, price: '300000', regularPrice: '400000' }],
    });

    // Before the start: regular prices everywhere, and the campaign is not public.
    const before = await publicListing(listing.id);
    expect(before.variants.map((v: { price: string }) => v.price)).toEqual(['400000', '250000']);
    expect(before.campaigns).toEqual([]);
    expect(await liveSlugs()).not.toContain(campaign.slug);
    await api().get(`/api/v1/campaigns/${campaign.slug}`).expect(404);
    expect((await cartPrices(buyer))[fixed.id]).toBe('400000');
    expect(Date.now()).toBeLessThan(startsAt); // the checks above ran before the start

    // Live: the fixed campaign price for one variant, the campaign's 10 % off the other.
    const live = await eventually(async () => {
      const l = await publicListing(listing.id);
      expect(l.variants.map((v: { price: string; regularPrice: string }) => [v.price, v.regularPrice])).toEqual([['300000', '400000'], ['225000', '250000']]);
      return l;
    }, { timeoutMs: 10_000, intervalMs: 100 });
    expect(live.campaigns).toEqual([{ slug: campaign.slug, title: { id: 'Selasa Endek', en: 'Endek Tuesday' }, endsAt: iso(endsAt) }]);
    expect(await liveSlugs()).toContain(campaign.slug);
    const page = (await api().get(`/api/v1/campaigns/${campaign.slug}`).expect(200)).body;
    expect(page.listings).toEqual({ total: 1, items: [expect.objectContaining({ id: listing.id, price: '225000', regularPrice: '250000' })] });
    expect((await cartPrices(buyer))[fixed.id]).toBe('300000');
    await eventually(async () => expect(await searchPrice(listing.id)).toEqual({ min: '225000', max: '300000' }), { timeoutMs: 5_000, intervalMs: 100 });
    const card = (await api().get(`/api/v1/shops/${shop.slug}`).expect(200)).body.listings.items.find((c: { id: string }) => c.id === listing.id);
    expect(card).toMatchObject({ minPrice: '225000', maxPrice: '300000', regularMinPrice: '250000', campaigns: [{ slug: campaign.slug }] });

    // A checkout now freezes the campaign price.
    const { order } = await checkoutOk(sys, buyer, checkoutBody(buyer, { [shop.artisanId]: 'JNE:REG' }));
    expect(order.goodsTotal).toBe('600000');
    expect(order.shipments[0].lines[0]).toMatchObject({ variantId: fixed.id, unitPrice: '300000', total: '600000' });

    // Ended: regular prices again, and gone from the storefront.
    await eventually(async () => {
      const l = await publicListing(listing.id);
      expect(l.variants.map((v: { price: string }) => v.price)).toEqual(['400000', '250000']);
      expect(l.campaigns).toEqual([]);
    }, { timeoutMs: 15_000, intervalMs: 100 });
    expect(Date.now()).toBeGreaterThanOrEqual(endsAt);
    expect(await liveSlugs()).not.toContain(campaign.slug);
    await api().get(`/api/v1/campaigns/${campaign.slug}`).expect(404);
    await fillCart(sys, buyer, [{ variantId: fixed.id, quantity: 1 }]);
    expect((await cartPrices(buyer))[fixed.id]).toBe('400000');
    await eventually(async () => expect(await searchPrice(listing.id)).toEqual({ min: '250000', max: '400000' }), { timeoutMs: 5_000, intervalMs: 100 });

    // The order keeps what was paid; the clock moved the state and told the other apps.
    const kept = await getOrder(sys, buyer.session, order.id);
    expect(kept.goodsTotal).toBe('600000');
    expect(kept.shipments[0].lines[0].unitPrice).toBe('300000');
    const state = (await api().get(`/api/v1/curation/campaigns/${campaign.id}`).set(bearer(curator)).expect(200)).body.state;
    expect(state).toBe('ended');
    const events = await queryDb<{ name: string }>(
      sys,
      `SELECT name FROM catalog.outbox WHERE name LIKE 'campaign.%' AND payload->>'campaignId' = $1 ORDER BY occurred_at`,
      [campaign.id],
    );
    expect(events.map((e) => e.name)).toEqual(['campaign.started', 'campaign.ended']);
  }, 60_000);

  it('applies a start the jobs missed at the next sweep', async () => {
    const { id: listingId } = await insertListing(sys, shop.artisanId, { variants: [{ price: 100_000n }] });
    const campaign = await createCampaign(campaignBody({ startsAt: iso(Date.now() + 1_000), discountPercent: 20 }));
    await api().post(`/api/v1/curation/campaigns/${campaign.id}/members`).set(bearer(curator)).send({ listingIds: [listingId] }).expect(200);

    // Redis loses the start job.
    const connection = new IORedis(sys.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(CampaignQueues.transitions, { connection, prefix: sys.config.redisPrefix });
    try {
      expect(await queue.remove(`${campaign.id}-start`)).toBe(1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await publicListing(listingId)).variants[0].price).toBe('100000');

    const applied = await sys.services.get('catalog')!.get(CampaignSweeper).sweep();
    expect(applied).toBeGreaterThanOrEqual(1);
    expect((await publicListing(listingId)).variants[0].price).toBe('80000');
    expect(await liveSlugs()).toContain(campaign.slug);

    // Live, it may run longer, but not start again or change its discount.
    const later = iso(Date.now() + 3 * 60 * 60_000);
    const patch = (body: Record<string, unknown>) => api().patch(`/api/v1/curation/campaigns/${campaign.id}`).set(bearer(curator)).send(body);
    expect((await patch({ endsAt: later }).expect(200)).body.endsAt.at).toBe(later);
    expect((await publicListing(listingId)).campaigns[0].endsAt).toBe(later);
    expect((await patch({ startsAt: iso(Date.now()), discountPercent: 50 })).body.error).toMatchObject({ code: 'invalid_transition', details: { fields: ['startsAt', 'discountPercent'] } });

    // Cancelling a live campaign ends its prices at once.
    const cancelled = await api().post(`/api/v1/curation/campaigns/${campaign.id}/cancel`).set(bearer(curator)).expect(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect((await publicListing(listingId)).variants[0].price).toBe('100000');
    expect(await liveSlugs()).not.toContain(campaign.slug);
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    const { id: listingId, variants: [v] } = await insertListing(sys, shop.artisanId, { variants: [{ price: 200_000n }] });
    const { id: draftId } = await insertListing(sys, shop.artisanId, { status: 'draft' });
    const post = (body: Record<string, unknown>) => api().post('/api/v1/curation/campaigns').set(bearer(curator)).send(body);
    const fields = (res: request.Response) => (res.body.error.details as Array<{ field: string }>).map((d) => d.field);

    const badSlug = await post(campaignBody({ slug: 'Endek Day!' }));
    expect(badSlug.status).toBe(400);
    expect(fields(badSlug)).toEqual(['slug']);
    const backwards = await post(campaignBody({ startsAt: '2030-01-07T10:00', endsAt: '2030-01-07T09:00' }));
    expect(backwards.status).toBe(400);
    expect(fields(backwards)).toEqual(['endsAt']);
    const notATime = await post(campaignBody({ startsAt: 'next Tuesday' }));
    expect(notATime.status).toBe(400);
    expect(fields(notATime)).toEqual(['startsAt']);
    const over = await post(campaignBody({ discountPercent: 95 }));
    expect(over.status).toBe(400);
    expect(fields(over)).toEqual(['discountPercent']);
    const past = await post(campaignBody({ startsAt: '2020-01-07T08:00', endsAt: '2020-01-07T20:00' }));
    expect(past.status).toBe(400);
    expect(fields(past)).toEqual(['endsAt']);

    // A wall-clock time is WITA: 08:00 in Bali is 00:00 UTC.
    const exhibition = await createCampaign(campaignBody({ kind: 'exhibition', startsAt: '2030-01-07T08:00', endsAt: '2030-01-21T20:00' }));
    const view = (await api().get(`/api/v1/curation/campaigns/${exhibition.id}`).set(bearer(curator)).expect(200)).body;
    expect(view).toMatchObject({
      kind: 'exhibition',
      state: 'scheduled',
      startsAt: { at: '2030-01-07T00:00:00.000Z', wita: '2030-01-07 08:00 WITA' },
      endsAt: { at: '2030-01-21T12:00:00.000Z', wita: '2030-01-21 20:00 WITA' },
    });
    expect((await post(campaignBody({ slug: exhibition.slug }))).status).toBe(409);

    const members = await api().post(`/api/v1/curation/campaigns/${exhibition.id}/members`).set(bearer(curator)).send({ listingIds: [listingId, draftId] });
    expect(members.status).toBe(400);
    expect(fields(members)).toEqual(['listingIds.1']);
    const prices = (body: Record<string, unknown>) => api().put(`/api/v1/curation/campaigns/${exhibition.id}/prices`).set(bearer(curator)).send(body);
    const outside = await prices({ prices: [{ variantId: v.id, price: 150_000 }] });
    expect(outside.status).toBe(400);
    expect(fields(outside)).toEqual(['prices.0.variantId']);
    await api().post(`/api/v1/curation/campaigns/${exhibition.id}/members`).set(bearer(curator)).send({ listingIds: [listingId] }).expect(200);
    const above = await prices({ prices: [{ variantId: v.id, price: 250_000 }] });
    expect(above.status).toBe(400);
    expect(fields(above)).toEqual(['prices.0.price']);
    expect(fields(await prices({ prices: [{ variantId: v.id, price: 200_000 }] }))).toEqual(['prices.0.price']);
    expect(fields(await prices({ prices: [{ variantId: v.id, price: 0 }] }))).toEqual(['prices.0.price']);
    await prices({ prices: [{ variantId: v.id, price: 150_000 }] }).expect(200);

    // The curators' list shows it with its members; taking the listing out takes its campaign price too.
    const listed = (await api().get('/api/v1/curation/campaigns').query({ state: 'scheduled', kind: 'exhibition' }).set(bearer(curator)).expect(200)).body;
    expect(listed.items.find((c: { id: string }) => c.id === exhibition.id)).toMatchObject({ state: 'scheduled', memberCounts: { artisans: 0, listings: 1 } });
    const removed = await api().delete(`/api/v1/curation/campaigns/${exhibition.id}/members/listings/${listingId}`).set(bearer(curator)).expect(200);
    expect(removed.body).toMatchObject({ members: { listingIds: [] }, prices: [] });
    await api().delete(`/api/v1/curation/campaigns/${exhibition.id}/members/listings/${listingId}`).set(bearer(curator)).expect(404);

    // A banner goes through the photo pipeline; its renditions are served from the media store.
    const banner = await api()
      .put(`/api/v1/curation/campaigns/${exhibition.id}/banner`)
      .set(bearer(curator))
      .attach('file', await png(1600, 600), 'banner.png')
      .expect(200);
    expect(banner.body.banner).toEqual({
      thumbnail: expect.stringMatching(/campaigns\/.+\/thumbnail\.webp$/),
      card: expect.stringMatching(/card\.webp$/),
      full: expect.stringMatching(/full\.webp$/),
    });

    // Once over, nothing changes any more.
    await api().post(`/api/v1/curation/campaigns/${exhibition.id}/cancel`).set(bearer(curator)).expect(200);
    expect((await api().patch(`/api/v1/curation/campaigns/${exhibition.id}`).set(bearer(curator)).send({ title: { id: 'Pameran baru' } })).status).toBe(409);
    expect((await api().post(`/api/v1/curation/campaigns/${exhibition.id}/cancel`).set(bearer(curator))).status).toBe(409);
  });

  it('lets only curators change or list campaigns: 403 for buyers and artisans, 401 anonymous', async () => {
    const campaign = await createCampaign(campaignBody());
    const [buyer, artisan] = await Promise.all([register(sys), registerWithRoles(sys, ['artisan'])]);
    const id = campaign.id;
    const other = newId();
    const routes: Array<[method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, body?: Record<string, unknown>]> = [
      ['post', '/api/v1/curation/campaigns', campaignBody()],
      ['get', '/api/v1/curation/campaigns'],
      ['get', `/api/v1/curation/campaigns/${id}`],
      ['patch', `/api/v1/curation/campaigns/${id}`, { title: { id: 'Diubah' } }],
      ['post', `/api/v1/curation/campaigns/${id}/cancel`],
      ['post', `/api/v1/curation/campaigns/${id}/members`, { listingIds: [other] }],
      ['delete', `/api/v1/curation/campaigns/${id}/members/artisans/${other}`],
      ['delete', `/api/v1/curation/campaigns/${id}/members/listings/${other}`],
      ['put', `/api/v1/curation/campaigns/${id}/prices`, { prices: [{ variantId: other, price: 1000 }] }],
      ['put', `/api/v1/curation/campaigns/${id}/banner`],
    ];
    for (const [method, path, body] of routes) {
      for (const who of [buyer, artisan]) {
        const res = await api()[method](path).set(bearer(who)).send(body ?? {});
        expect([path, res.status, res.body.error?.code]).toEqual([path, 403, 'forbidden']);
      }
      const anonymous = await api()[method](path).send(body ?? {});
      expect([path, anonymous.status]).toEqual([path, 401]);
    }

    // The catalog checks the role itself, whoever calls it.
    const rpc = rpcClient(sys, 'catalog');
    try {
      const asBuyer = { userId: buyer.user.id, roles: ['buyer' as const] };
      expect((await rpc.failure(CampaignPatterns.create, campaignBody(), asBuyer)).code).toBe('forbidden');
      expect((await rpc.failure(CampaignPatterns.setPrices, { id, prices: [] }, asBuyer)).code).toBe('forbidden');
      expect((await rpc.failure(CampaignPatterns.list, {}, null)).code).toBe('unauthenticated');
    } finally {
      await rpc.close();
    }
    const after = (await api().get(`/api/v1/curation/campaigns/${id}`).set(bearer(curator)).expect(200)).body;
    expect(after).toMatchObject({ state: 'scheduled', title: { id: 'Selasa Endek' }, members: { listingIds: [] } });
  });
});
