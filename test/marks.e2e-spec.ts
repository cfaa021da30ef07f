import request from 'supertest';
import { newId } from '@pk/core';
import { bootSystem, TestSystem } from './support/apps';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer, register, registerWithRoles, Session } from './support/http';
import { counts, CreatedListing, ids, ListingSpec, publishListing, search, searchRequest, seedShop, Shop } from './support/search';

// Provenance marks through the gateway: curators grant and revoke them, the expiry sweep applies
// them, and the listing view and the search index follow (through listing.updated events).
describe('provenance marks: granted, revoked, expired, and what buyers see of them', () => {
  let sys: TestSystem;
  let curator: Session;
  let buyer: Session;
  const api = () => request(sys.http);

  beforeAll(async () => {
    sys = await bootSystem('marks', { services: ['catalog', 'search'], env: { MARKS_SWEEP_SECONDS: '1', SEARCH_RECONCILE_SECONDS: '3600' } });
    [curator, buyer] = await Promise.all([registerWithRoles(sys, ['curator']), register(sys)]);
  });
  afterAll(() => sys?.close());

  const spec = (titleId: string, price = 450_000): ListingSpec => ({
    titleId,
    category: 'endek',
    regency: 'gianyar',
    materials: ['katun'],
    variants: [{ price, stock: 3 }],
  });
  const publish = (shop: Shop, titleId: string, price?: number) => publishListing(sys, shop, curator, spec(titleId, price));
  const grant = (body: Record<string, unknown>) => api().post('/api/v1/curation/marks').set(bearer(curator)).send(body);
  const evidence = 'Kunjungan Dekranasda ke bengkel tenun, 12 Oktober 2026; alat tenun cag-cag dan benang dicelup sendiri.';
  const view = async (id: string) => (await api().get(`/api/v1/listings/${id}`).expect(200)).body as { version: number; marks: Array<{ code: string; scope: string; name: { id: string } }> };
  const codesOf = async (id: string) => (await view(id)).marks.map((m) => `${m.code}:${m.scope}`).sort();
  const inShop = (shop: Shop, params: Record<string, string> = {}) => search(sys, { shop: shop.slug, limit: 48, ...params });
  const outbox = (name: string, markId: string) =>
    queryDb<{ payload: Record<string, unknown> }>(sys, `SELECT payload FROM catalog.outbox WHERE name = $1 AND payload->>'markId' = $2`, [name, markId]);

  it('lists the kinds of marks for anyone', async () => {
    const res = await api().get('/api/v1/marks').expect(200);
    const byCode = Object.fromEntries((res.body as Array<{ code: string }>).map((t) => [t.code, t]));
    expect(byCode['kriya-bali-asli']).toEqual({
      code: 'kriya-bali-asli',
      name: { id: expect.stringContaining('Kriya Bali Asli'), en: 'Kriya Bali Asli — verified Balinese handmade' },
      issuer: 'Dekranasda Provinsi Bali',
      kind: 'council',
    });
    expect(byCode['ig-endek-bali']).toMatchObject({ kind: 'geographical_indication', issuer: expect.stringContaining('DJKI') });
  });

  describe('granted on a shop and on one listing', () => {
    let shop: Shop;
    let a: CreatedListing;
    let b: CreatedListing;
    let shopMark: string;
    let listingMark: string;

    beforeAll(async () => {
      shop = await seedShop(sys, { name: 'Tenun Endek Ayu', regency: 'gianyar' });
      a = await publish(shop, 'Kain endek motif cempaka');
      b = await publish(shop, 'Selendang endek motif kawung');
      await eventually(async () => expect((await inShop(shop)).total).toBe(2));
    });

    it('shows a shop mark on all its listings and a listing mark on that one, in the view and in search', async () => {
      const before = (await view(a.id)).version;
      const s = await grant({ code: 'kriya-bali-asli', artisanId: shop.artisanId, evidence }).expect(201);
      shopMark = s.body.id;
      expect(s.body).toMatchObject({
        code: 'kriya-bali-asli',
        scope: 'artisan',
        artisan: { id: shop.artisanId, shopSlug: shop.slug },
        listing: null,
        evidence,
        state: 'live',
        grantedBy: curator.user.id,
        expiresAt: null,
        revokedAt: null,
      });
      const l = await grant({ code: 'ig-endek-bali', listingId: a.id, evidence, expiresAt: '2099-12-31T00:00:00+08:00' }).expect(201);
      listingMark = l.body.id;
      expect(l.body).toMatchObject({ scope: 'listing', listing: { id: a.id, title: 'Kain endek motif cempaka' }, expiresAt: '2099-12-30T16:00:00.000Z' });

      expect(await codesOf(a.id)).toEqual(['ig-endek-bali:listing', 'kriya-bali-asli:artisan']);
      expect(await codesOf(b.id)).toEqual(['kriya-bali-asli:artisan']);
      // Each grant re-announced the listings it shows on.
      expect((await view(a.id)).version).toBe(before + 2);
      expect((await outbox('mark.granted', shopMark))[0].payload).toMatchObject({ code: 'kriya-bali-asli', artisanId: shop.artisanId, listingCount: 2 });
      expect((await outbox('mark.granted', listingMark))[0].payload).toMatchObject({ listingId: a.id, listingCount: 1 });

      const page = await eventually(async () => {
        const p = await inShop(shop);
        expect(counts(p.facets.mark)).toEqual({ 'kriya-bali-asli': 2, 'ig-endek-bali': 1 });
        return p;
      });
      expect(page.facets.mark.find((f) => f.value === 'ig-endek-bali')!.label).toBe('Indikasi Geografis Endek Bali');
      expect(page.facets.mark.find((f) => f.value === 'kriya-bali-asli')!.label).toMatch(/^Kriya Bali Asli/);
      const hitA = page.hits.find((h) => h.id === a.id)!;
      expect(hitA.marks.map((m) => m.code).sort()).toEqual(['ig-endek-bali', 'kriya-bali-asli']);
      expect(hitA.marks.find((m) => m.code === 'ig-endek-bali')!.name).toEqual({ id: 'Indikasi Geografis Endek Bali', en: 'Endek Bali geographical indication' });

      // Filtering by a mark; the mark facet keeps its counts without its own selection.
      const endek = await inShop(shop, { mark: 'ig-endek-bali' });
      expect(ids(endek)).toEqual([a.id]);
      expect(counts(endek.facets.mark)).toEqual({ 'kriya-bali-asli': 2, 'ig-endek-bali': 1 });
      expect((await inShop(shop, { mark: 'kriya-bali-asli' })).total).toBe(2);

      // The shop page shows the shop's own mark, and each card its marks.
      const shopPage = await api().get(`/api/v1/shops/${shop.slug}`).expect(200);
      expect(shopPage.body.shop.marks.map((m: { code: string }) => m.code)).toEqual(['kriya-bali-asli']);
      const cards = new Map<string, { marks: Array<{ code: string }> }>(shopPage.body.listings.items.map((c: { id: string }) => [c.id, c]));
      expect(cards.get(a.id)!.marks.map((m) => m.code)).toEqual(['ig-endek-bali', 'kriya-bali-asli']);
      expect(cards.get(b.id)!.marks.map((m) => m.code)).toEqual(['kriya-bali-asli']);
    });

    it('refuses a second live grant of the same mark to the same shop', async () => {
      const res = await grant({ code: 'kriya-bali-asli', artisanId: shop.artisanId, evidence }).expect(409);
      expect(res.body.error).toMatchObject({ code: 'conflict', details: { markId: shopMark } });
    });

    it('lists grants for curators by code, shop, listing and state', async () => {
      const byShop = await api().get(`/api/v1/curation/marks?artisanId=${shop.artisanId}`).set(bearer(curator)).expect(200);
      expect(byShop.body.items.map((m: { id: string }) => m.id).sort()).toEqual([shopMark, listingMark].sort());
      const byListing = await api().get(`/api/v1/curation/marks?listingId=${a.id}&state=live`).set(bearer(curator)).expect(200);
      expect(byListing.body.items.map((m: { id: string }) => m.id)).toEqual([listingMark]);
      const byCode = await api().get(`/api/v1/curation/marks?code=kriya-bali-asli&artisanId=${shop.artisanId}`).set(bearer(curator)).expect(200);
      expect(byCode.body).toMatchObject({ total: 1, items: [{ id: shopMark }] });
      const bad = await api().get('/api/v1/curation/marks?state=lost').set(bearer(curator)).expect(400);
      expect(bad.body.error.details[0].field).toBe('state');
    });

    it('revoking takes the mark off the listings and out of search; a second revoke is refused', async () => {
      const res = await api().post(`/api/v1/curation/marks/${shopMark}/revoke`).set(bearer(curator)).send({ reason: 'Produk ternyata dibuat di luar Bali.' }).expect(200);
      expect(res.body).toMatchObject({ id: shopMark, state: 'revoked', revokedBy: curator.user.id, revokeReason: 'Produk ternyata dibuat di luar Bali.' });
      expect(await codesOf(a.id)).toEqual(['ig-endek-bali:listing']);
      expect(await codesOf(b.id)).toEqual([]);
      expect((await outbox('mark.revoked', shopMark))[0].payload).toMatchObject({ listingCount: 2 });

      await eventually(async () => {
        const p = await inShop(shop);
        expect(counts(p.facets.mark)).toEqual({ 'ig-endek-bali': 1 });
        expect(p.hits.find((h) => h.id === b.id)!.marks).toEqual([]);
      });
      expect((await inShop(shop, { mark: 'kriya-bali-asli' })).total).toBe(0);

      await api().post(`/api/v1/curation/marks/${shopMark}/revoke`).set(bearer(curator)).send({ reason: 'sekali lagi' }).expect(409);
      const revoked = await api().get(`/api/v1/curation/marks?artisanId=${shop.artisanId}&state=revoked`).set(bearer(curator)).expect(200);
      expect(revoked.body.items.map((m: { id: string }) => m.id)).toEqual([shopMark]);
    });
  });

  it('an expiring mark leaves the listing and search at its time, with no request to make it happen', async () => {
    const shop = await seedShop(sys, { name: 'Gringsing Tenganan', regency: 'karangasem' });
    const listing = await publish(shop, 'Kain gringsing wayang kebo');
    const expiresAt = new Date(Date.now() + 6000).toISOString();
    const res = await grant({ code: 'ig-gringsing', listingId: listing.id, evidence, expiresAt }).expect(201);
    expect(await codesOf(listing.id)).toEqual(['ig-gringsing:listing']);
    await eventually(async () => expect(counts((await inShop(shop)).facets.mark)).toEqual({ 'ig-gringsing': 1 }));
    const version = (await view(listing.id)).version;

    // Only the index is read from here on: the sweep must announce the expiry by itself.
    await eventually(
      async () => {
        const p = await inShop(shop);
        expect(p.facets.mark).toEqual([]);
        expect(p.hits[0].marks).toEqual([]);
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    const [row] = await queryDb<{ expiry_applied_at: Date | null }>(sys, 'SELECT expiry_applied_at FROM catalog.provenance_marks WHERE id = $1', [res.body.id]);
    expect(row.expiry_applied_at).not.toBeNull();
    expect((await outbox('mark.expired', res.body.id))[0].payload).toMatchObject({ code: 'ig-gringsing', listingId: listing.id, listingCount: 1 });
    const after = await view(listing.id);
    expect(after.marks).toEqual([]);
    expect(after.version).toBe(version + 1);
    const listed = await api().get(`/api/v1/curation/marks?listingId=${listing.id}`).set(bearer(curator)).expect(200);
    expect(listed.body.items[0]).toMatchObject({ id: res.body.id, state: 'expired' });
  });

  it('reads are exact before the sweep: an expired mark no longer shows on the listing', async () => {
    const shop = await seedShop(sys, { name: 'Endek Klungkung', regency: 'klungkung' });
    const listing = await publish(shop, 'Kamen endek Klungkung');
    const res = await grant({ code: 'ig-endek-bali', listingId: listing.id, evidence, expiresAt: new Date(Date.now() + 60_000).toISOString() }).expect(201);
    // Moved into the past by hand, and marked applied so the sweep leaves it: only the read's own clock hides it.
    await queryDb(sys, `UPDATE catalog.provenance_marks SET granted_at = now() - interval '2 hours', expires_at = now() - interval '1 second', expiry_applied_at = now() WHERE id = $1`, [res.body.id]);
    expect((await view(listing.id)).marks).toEqual([]);
  });

  it('refuses bad grants and revocations with a 4xx naming the field', async () => {
    const shop = await seedShop(sys, { name: 'Perak Celuk', regency: 'gianyar' });
    const listing = await publish(shop, 'Gelang perak Celuk');
    const field = async (body: Record<string, unknown>, status = 400) => {
      const res = await grant(body).expect(status);
      return (res.body.error.details as Array<{ field: string }>).map((d) => d.field);
    };
    expect(await field({ code: 'kriya-bali-asli', artisanId: shop.artisanId })).toEqual(['evidence']);
    expect(await field({ code: 'kriya-bali-asli', artisanId: shop.artisanId, evidence: '   ' })).toEqual(['evidence']);
    expect(await field({ code: 'kriya-bali-asli', artisanId: shop.artisanId, listingId: listing.id, evidence })).toEqual(['listingId']);
    expect(await field({ code: 'kriya-bali-asli', evidence })).toEqual(['artisanId']);
    expect(await field({ code: 'kriya-bali-asli', listingId: listing.id, evidence, expiresAt: '2020-01-01T00:00:00Z' })).toEqual(['expiresAt']);
    expect(await field({ code: 'kriya-bali-asli', listingId: listing.id, evidence, expiresAt: 'next tuesday' })).toEqual(['expiresAt']);
    expect(await field({ code: 'ig-batik-paris', listingId: listing.id, evidence })).toEqual(['code']);
    expect(await field({ code: 'kriya-bali-asli', listingId: newId(), evidence })).toEqual(['listingId']);
    expect(await field({ code: 'kriya-bali-asli', artisanId: 'not-a-uuid', evidence })).toEqual(['artisanId']);
    expect(await field({ code: 'kriya-bali-asli', listingId: listing.id, evidence, colour: 'red' })).toEqual(['(body)']);

    const ok = await grant({ code: 'kriya-bali-asli', listingId: listing.id, evidence }).expect(201);
    const noReason = await api().post(`/api/v1/curation/marks/${ok.body.id}/revoke`).set(bearer(curator)).send({}).expect(400);
    expect(noReason.body.error.details[0].field).toBe('reason');
    await api().post(`/api/v1/curation/marks/${newId()}/revoke`).set(bearer(curator)).send({ reason: 'tidak ada' }).expect(404);
    await api().post('/api/v1/curation/marks/nope/revoke').set(bearer(curator)).send({ reason: 'tidak ada' }).expect(400);
    // Nothing refused was stored.
    const [{ n }] = await queryDb<{ n: number }>(sys, 'SELECT count(*)::int AS n FROM catalog.provenance_marks WHERE listing_id = $1 OR artisan_id = $2', [listing.id, shop.artisanId]);
    expect(n).toBe(1);
  });

  it('makes live campaigns a search facet, with the regular price beside the campaign price', async () => {
    const shop = await seedShop(sys, { name: 'Songket Jembrana', regency: 'jembrana' });
    const [inCampaign, outside] = [await publish(shop, 'Songket benang emas', 500_000), await publish(shop, 'Songket benang perak', 300_000)];
    // The campaign is a fixture (its own API is the campaigns suite's subject): live now, 20% off, one listing.
    const campaignId = newId();
    const slug = `pameran-${campaignId.slice(-8)}`;
    await queryDb(
      sys,
      `INSERT INTO catalog.campaigns (id, slug, kind, title_id, title_en, description_id, starts_at, ends_at, state, discount_percent, created_by)
       VALUES ($1, $2, 'exhibition', 'Pameran Songket Jembrana', 'Jembrana songket exhibition', 'Pameran daring.', now() - interval '1 hour', now() + interval '1 day', 'live', 20, $3)`,
      [campaignId, slug, curator.user.id],
    );
    await queryDb(sys, `INSERT INTO catalog.campaign_members (campaign_id, listing_id) VALUES ($1, $2)`, [campaignId, inCampaign.id]);
    // An ordinary edit re-announces the listing, now with its campaign.
    await api().patch(`/api/v1/listings/${inCampaign.id}`).set(bearer(shop.session)).send({ weightGrams: 420 }).expect(200);

    const page = await eventually(async () => {
      const p = await inShop(shop);
      expect(p.facets.campaign).toEqual([{ value: slug, label: 'Pameran Songket Jembrana', count: 1 }]);
      return p;
    });
    const hit = page.hits.find((h) => h.id === inCampaign.id)!;
    expect(hit.price).toEqual({ min: '400000', max: '400000' });
    expect(hit.regularPrice).toEqual({ min: '500000', max: '500000' });
    expect(hit.campaigns).toEqual([{ slug, title: { id: 'Pameran Songket Jembrana', en: 'Jembrana songket exhibition' } }]);
    const other = page.hits.find((h) => h.id === outside.id)!;
    expect(other.regularPrice).toBeNull();
    expect(other.campaigns).toEqual([]);

    const filtered = await inShop(shop, { campaign: slug });
    expect(ids(filtered)).toEqual([inCampaign.id]);
    expect(filtered.facets.campaign).toEqual([{ value: slug, label: 'Pameran Songket Jembrana', count: 1 }]);
    expect((await inShop(shop, { campaign: 'pameran-lain' })).total).toBe(0);
  });

  it('checks the mark and campaign search parameters', async () => {
    for (const name of ['mark', 'campaign']) {
      const res = await searchRequest(sys, { [name]: 'Kriya Bali!' }).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([name]);
    }
  });

  it('only curators may list, grant or revoke marks', async () => {
    const shop = await seedShop(sys, { name: 'Ukir Mas', regency: 'gianyar' });
    const listing = await publish(shop, 'Topeng kayu Mas');
    const artisan = await registerWithRoles(sys, ['artisan']);
    const granted = await grant({ code: 'kriya-bali-asli', listingId: listing.id, evidence }).expect(201);
    const routes: Array<[string, string, Record<string, unknown>?]> = [
      ['get', '/api/v1/curation/marks'],
      ['post', '/api/v1/curation/marks', { code: 'kriya-bali-asli', listingId: listing.id, evidence }],
      ['post', `/api/v1/curation/marks/${granted.body.id}/revoke`, { reason: 'tidak berhak' }],
    ];
    for (const [method, path, body] of routes) {
      const call = (who?: Session) => {
        const req = (api() as unknown as Record<string, (p: string) => request.Test>)[method](path);
        if (who) req.set(bearer(who));
        return body ? req.send(body) : req;
      };
      await call().expect(401);
      await call(buyer).expect(403);
      await call(artisan).expect(403);
    }
    // The grant stands, unrevoked, and no second one was made.
    const listed = await api().get(`/api/v1/curation/marks?listingId=${listing.id}`).set(bearer(curator)).expect(200);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id: granted.body.id, state: 'live' }] });
  });
});
