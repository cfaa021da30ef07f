import request from 'supertest';
import IORedis from 'ioredis';
import { HomeCard, HomePage, Roles } from '@pk/contracts';
import { newId } from '@pk/core';
import { HOME_SETTLE_SECONDS, HomeService } from '../apps/catalog/src/home/home.service';
import { bootSystem, TestSystem } from './support/apps';
import { FixtureListing, insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer, register, registerWithRoles, Session } from './support/http';

describe('home page: composed in one call, cached, invalidated by any change', () => {
  let sys: TestSystem;
  let curator: Session;
  let gianyar: string;
  let klungkung: string;
  // Gianyar listings by units sold: g[1] 9, g[0] 5, g[4] 3, g[2] 1, g[3] 0.
  let g: FixtureListing[];
  let k1: FixtureListing;
  let draft: FixtureListing;
  let campaignId: string;
  const collections: Record<'a' | 'b' | 'hidden', string> = { a: '', b: '', hidden: '' };
  const api = () => request(sys.http);

  const home = async (expected?: 'hit' | 'miss') => {
    const res = await api().get('/api/v1/home').expect(200);
    if (expected) expect(res.headers['x-cache']).toBe(expected);
    return res.body as HomePage;
  };
  const ids = (cards: HomeCard[]) => cards.map((c) => c.id);
  const shop = async (regency: string, daysAgo: number) => {
    const owner = await registerWithRoles(sys, [Roles.artisan]);
    const id = await insertArtisan(sys, owner.user.id, { regency });
    await queryDb(sys, `UPDATE catalog.artisans SET verified_at = now() - $2 * interval '1 day' WHERE id = $1`, [id, daysAgo]);
    return id;
  };
  const listing = async (artisanId: string, regency: string, unitsSold: number, status = 'published') => {
    const l = await insertListing(sys, artisanId, { status, variants: [{ price: 350_000n }, { price: 500_000n }] });
    await queryDb(sys, `UPDATE catalog.listings SET regency = $2, units_sold = $3 WHERE id = $1`, [l.id, regency, unitsSold]);
    return l;
  };
  const collection = async (slug: string, published: boolean, items: string[]) => {
    const created = await api()
      .post('/api/v1/curation/collections')
      .set(bearer(curator))
      .send({ slug, title: { id: `Koleksi ${slug}`, en: `Collection ${slug}` }, description: { id: 'Pilihan kurator Dekranasda.' }, published })
      .expect(201);
    await api().put(`/api/v1/curation/collections/${created.body.id}/items`).set(bearer(curator)).send({ listingIds: items }).expect(200);
    return created.body.id as string;
  };
  const orderCollections = (ids: string[]) => api().put('/api/v1/curation/collections/order').set(bearer(curator)).send({ ids }).expect(200);

  beforeAll(async () => {
    sys = await bootSystem('home', { services: ['catalog'] });
    curator = await registerWithRoles(sys, [Roles.curator]);
    gianyar = await shop('gianyar', 3);
    klungkung = await shop('klungkung', 2);
    g = [];
    for (const sold of [5, 9, 1, 0, 3]) g.push(await listing(gianyar, 'gianyar', sold));
    k1 = await listing(klungkung, 'klungkung', 2);
    draft = await listing(klungkung, 'klungkung', 50, 'draft');
    await queryDb(
      sys,
      `INSERT INTO catalog.listing_photos (id, listing_id, position, alt, keys, width, height)
       VALUES ($1, $2, 0, 'Cincin perak Celuk', '{"thumbnail":"t.webp","card":"c.webp","full":"f.webp"}', 1600, 1200)`,
      [newId(), g[1].id],
    );
    // Through the curators' campaign routes: a live campaign with a campaign price on g[0]'s
    // cheaper variant (it starts at once), and an exhibition that starts tomorrow.
    const campaign = async (body: object) =>
      (await api().post('/api/v1/curation/campaigns').set(bearer(curator)).send(body).expect(201)).body as { id: string };
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    campaignId = (
      await campaign({
        kind: 'campaign',
        slug: 'selasa-endek',
        title: { id: 'Selasa Endek', en: 'Endek Tuesday' },
        description: { id: 'Hari memakai endek.' },
        startsAt: at(-3600_000),
        endsAt: at(24 * 3600_000),
      })
    ).id;
    await campaign({
      kind: 'exhibition',
      slug: 'pameran-desember',
      title: { id: 'Pameran Desember' },
      description: { id: 'Pameran daring.' },
      startsAt: at(24 * 3600_000),
      endsAt: at(15 * 24 * 3600_000),
    });
    await api().post(`/api/v1/curation/campaigns/${campaignId}/members`).set(bearer(curator)).send({ listingIds: [g[0].id] }).expect(200);
    await api()
      .put(`/api/v1/curation/campaigns/${campaignId}/prices`)
      .set(bearer(curator))
      .send({ prices: [{ variantId: g[0].variants[0].id, price: 250000 }] })
      .expect(200);
    // No banner upload here (the campaigns suite covers it): its stored keys are set directly.
    await queryDb(sys, `UPDATE catalog.campaigns SET banner = '{"thumbnail":"b-t.webp","card":"b-c.webp","full":"b-f.webp"}' WHERE id = $1`, [campaignId]);
    await eventually(async () => {
      const [row] = await queryDb<{ state: string }>(sys, `SELECT state FROM catalog.campaigns WHERE id = $1`, [campaignId]);
      expect(row.state).toBe('live');
    });
    collections.a = await collection('perak-celuk', true, [g[2].id, g[0].id, draft.id]);
    collections.b = await collection('endek-klungkung', true, [k1.id]);
    collections.hidden = await collection('belum-siap', false, [g[1].id]);
    await orderCollections([collections.b, collections.a, collections.hidden]);
    await api()
      .post('/api/v1/curation/marks')
      .set(bearer(curator))
      .send({ code: 'kriya-bali-asli', artisanId: gianyar, evidence: 'Kunjungan lapangan Dekranasda.' })
      .expect(201);
  });
  afterAll(() => sys?.close());

  it('composes live campaigns, featured collections, new artisans and regional highlights', async () => {
    const page = await home('miss');
    expect(page.campaigns).toEqual([
      expect.objectContaining({
        slug: 'selasa-endek',
        kind: 'campaign',
        title: { id: 'Selasa Endek', en: 'Endek Tuesday' },
        banner: { thumbnail: '/media/b-t.webp', card: '/media/b-c.webp', full: '/media/b-f.webp' },
      }),
    ]);
    expect(page.collections.map((c) => c.slug)).toEqual(['endek-klungkung', 'perak-celuk']);
    // Curator order, public listings only (the draft is left out).
    expect(ids(page.collections[1].listings)).toEqual([g[2].id, g[0].id]);
    const onSale = page.collections[1].listings[1];
    expect(onSale).toMatchObject({
      price: '250000',
      regularPrice: '350000',
      shop: { slug: expect.any(String) },
      regency: 'gianyar',
      marks: [expect.objectContaining({ code: 'kriya-bali-asli', scope: 'artisan' })],
      campaigns: [expect.objectContaining({ slug: 'selasa-endek' })],
    });
    expect(page.collections[1].listings[0]).toMatchObject({ price: '350000', regularPrice: '350000', photo: null });
    expect(page.newArtisans.map((a) => a.id).slice(0, 2)).toEqual([klungkung, gianyar]);
    expect(page.regions).toEqual([
      expect.objectContaining({ regency: 'gianyar', name: 'Gianyar', listingCount: 5 }),
      expect.objectContaining({ regency: 'klungkung', name: 'Klungkung', listingCount: 1 }),
    ]);
    expect(ids(page.regions[0].top)).toEqual([g[1].id, g[0].id, g[4].id, g[2].id]);
    expect(page.regions[0].top[0].photo).toEqual({ thumbnail: '/media/t.webp', card: '/media/c.webp', full: '/media/f.webp' });
  });

  it('serves the second call from the cache', async () => {
    const first = await home();
    const second = await home('hit');
    expect(second).toEqual(first);
  });

  it('shows a collection reorder on the next call', async () => {
    await home();
    await orderCollections([collections.a, collections.b, collections.hidden]);
    const page = await home('miss');
    expect(page.collections.map((c) => c.slug)).toEqual(['perak-celuk', 'endek-klungkung']);
    await home('hit');
  });

  it('shows a newly verified artisan on the next call', async () => {
    await home();
    const owner = await register(sys);
    const applied = await api()
      .post('/api/v1/artisans')
      .set(bearer(owner))
      .send({
        shopName: 'Ukiran Mas',
        shopSlug: `ukiran-mas-${Date.now().toString(36)}`,
        story: 'Pemahat kayu dari Mas, Ubud.',
        regency: 'gianyar',
        craftTypes: ['carving'],
        bankAccount: { bankName: 'BPD Bali', accountName: 'I Wayan Mas', accountNumber: '0123456789' },
      })
      .expect(201);
    await api().post(`/api/v1/curation/artisans/${applied.body.id}/decision`).set(bearer(curator)).send({ decision: 'verify' }).expect(200);
    const page = await home('miss');
    expect(page.newArtisans[0]).toMatchObject({ id: applied.body.id, shopName: 'Ukiran Mas', regency: 'gianyar' });
  });

  it('shows a campaign change on the next call, prices included', async () => {
    await home();
    await api().post(`/api/v1/curation/campaigns/${campaignId}/cancel`).set(bearer(curator)).expect(200);
    const page = await home('miss');
    expect(page.campaigns).toEqual([]);
    const card = page.collections.flatMap((c) => c.listings).find((c) => c.id === g[0].id);
    expect(card).toMatchObject({ price: '350000', regularPrice: '350000', campaigns: [] });
  });

  it('drops an unpublished listing on the next call', async () => {
    await home();
    await api().post(`/api/v1/curation/listings/${g[1].id}/decision`).set(bearer(curator)).send({ decision: 'unpublish', reason: 'Foto bukan produk asli.' }).expect(200);
    const page = await home('miss');
    const gianyarRegion = page.regions.find((r) => r.regency === 'gianyar');
    expect(gianyarRegion).toMatchObject({ listingCount: 4 });
    expect(ids(gianyarRegion!.top)).toEqual([g[0].id, g[4].id, g[2].id, g[3].id]);
  });

  it('composes once for concurrent misses, and keeps a page for a bounded time', async () => {
    const service = sys.services.get('catalog')!.get(HomeService);
    await queryDb(sys, `UPDATE catalog.listings SET units_sold = units_sold + 1 WHERE id = $1`, [g[2].id]);
    const compose = jest.spyOn(service, 'compose');
    try {
      const pages = await Promise.all(Array.from({ length: 6 }, () => home()));
      expect(compose).toHaveBeenCalledTimes(1);
      expect(new Set(pages.map((p) => p.generatedAt)).size).toBe(1);
    } finally {
      compose.mockRestore();
    }
    const redis = new IORedis(sys.config.redisUrl);
    try {
      const keys = (await redis.keys(`${sys.config.redisPrefix}:catalog:home:*`)).filter((k) => !k.endsWith(':seen'));
      const ttls = await Promise.all(keys.map((k) => redis.ttl(k)));
      expect(ttls.length).toBeGreaterThan(0);
      // The first page of a generation is kept briefly (it may predate the change's commit).
      expect(Math.max(...ttls)).toBeLessThanOrEqual(HOME_SETTLE_SECONDS);
      expect(Math.min(...ttls)).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it('drops a campaign when its window closes, without any write', async () => {
    const id = newId();
    await queryDb(
      sys,
      `INSERT INTO catalog.campaigns (id, slug, kind, title_id, description_id, starts_at, ends_at, state, created_by)
       VALUES ($1, 'kilat-tiga-detik', 'campaign', 'Kilat', 'Sebentar saja.', now() - interval '1 minute', now() + interval '3 seconds', 'live', $2)`,
      [id, curator.user.id],
    );
    expect((await home('miss')).campaigns.map((c) => c.slug)).toEqual(['kilat-tiga-detik']);
    await eventually(async () => expect((await home()).campaigns).toEqual([]), { timeoutMs: 6000, intervalMs: 250 });
  });
});
