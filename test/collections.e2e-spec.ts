import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { newId } from '@pk/core';
import { bootSystem, TestSystem } from './support/apps';
import { insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { bearer, register, registerWithRoles, Session } from './support/http';
import { png } from './support/images';

// Featured collections through the gateway: curators make, fill and order them; buyers see the
// published ones in that order, with only the listings on sale. Listings are fixtures (SQL).
describe('collections: curated, ordered sets of listings', () => {
  let sys: TestSystem;
  let mediaDir: string;
  let curator: Session;
  let buyer: Session;
  let artisan: Session;
  let artisanId: string;
  const api = () => request(sys.http);
  const asCurator = {
    post: (path: string, body: unknown) => api().post(path).set(bearer(curator)).send(body as object),
    put: (path: string, body: unknown) => api().put(path).set(bearer(curator)).send(body as object),
    patch: (path: string, body: unknown) => api().patch(path).set(bearer(curator)).send(body as object),
  };

  let n = 0;
  const create = async (overrides: Record<string, unknown> = {}) => {
    const slug = `koleksi-${++n}-${newId().slice(-6)}`;
    const res = await asCurator
      .post('/api/v1/curation/collections', {
        slug,
        title: { id: `Koleksi ${n}`, en: `Collection ${n}` },
        description: { id: 'Pilihan kurator Dekranasda untuk minggu ini.', en: null },
        ...overrides,
      })
      .expect(201);
    return res.body as { id: string; slug: string; position: number; published: boolean };
  };
  const publicList = async () => (await api().get('/api/v1/collections').expect(200)).body.items as Array<{ id: string; slug: string; listings: Array<{ id: string }>; listingCount: number; cover: unknown }>;
  const publicIds = async (slug: string) => ((await api().get(`/api/v1/collections/${slug}`).expect(200)).body.listings as Array<{ id: string }>).map((l) => l.id);
  const allIds = async () => ((await api().get('/api/v1/curation/collections').set(bearer(curator)).expect(200)).body.items as Array<{ id: string }>).map((c) => c.id);

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), 'pk-collections-'));
    sys = await bootSystem('collections', { services: ['catalog'], env: { MEDIA_DIR: mediaDir } });
    [curator, buyer, artisan] = await Promise.all([registerWithRoles(sys, ['curator']), register(sys), registerWithRoles(sys, ['artisan'])]);
    artisanId = await insertArtisan(sys, artisan.user.id);
  });
  afterAll(async () => {
    await sys?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('shows published collections in the order curators set, and each one’s listings in its order', async () => {
    const [a, b, c] = [await create({ published: true }), await create(), await create({ published: true })];
    expect([a.position, b.position, c.position]).toEqual([a.position, a.position + 1, a.position + 2]);
    expect(b.published).toBe(false);

    // Reorder every collection: c, a, b first, the rest after.
    const rest = (await allIds()).filter((id) => ![a.id, b.id, c.id].includes(id));
    const ordered = await asCurator.put('/api/v1/curation/collections/order', { ids: [c.id, a.id, b.id, ...rest] }).expect(200);
    expect(ordered.body.items.slice(0, 3).map((x: { id: string; position: number }) => [x.id, x.position])).toEqual([[c.id, 0], [a.id, 1], [b.id, 2]]);
    // b is unpublished: buyers see c then a.
    expect((await publicList()).map((x) => x.id).filter((id) => [a.id, b.id, c.id].includes(id))).toEqual([c.id, a.id]);
    await api().get(`/api/v1/collections/${b.slug}`).expect(404);

    // Items in the curators' order; a draft and a listing of a suspended shop are kept but not shown.
    const [l1, l2, l3, l4, l5] = await Promise.all([1, 2, 3, 4, 5].map(() => insertListing(sys, artisanId)));
    const draft = await insertListing(sys, artisanId, { status: 'draft' });
    const suspendedOwner = await register(sys);
    const hiddenShop = await insertArtisan(sys, suspendedOwner.user.id, { status: 'suspended' });
    const hidden = await insertListing(sys, hiddenShop);
    const items = [l3.id, draft.id, l1.id, hidden.id, l5.id, l2.id, l4.id];
    const set = await asCurator.put(`/api/v1/curation/collections/${a.id}/items`, { listingIds: items }).expect(200);
    expect(set.body.items.map((i: { listingId: string; visible: boolean }) => [i.listingId, i.visible])).toEqual([
      [l3.id, true], [draft.id, false], [l1.id, true], [hidden.id, false], [l5.id, true], [l2.id, true], [l4.id, true],
    ]);
    expect(await publicIds(a.slug)).toEqual([l3.id, l1.id, l5.id, l2.id, l4.id]);
    const summary = (await publicList()).find((x) => x.id === a.id)!;
    expect(summary.listings.map((l) => l.id)).toEqual([l3.id, l1.id, l5.id, l2.id]);
    expect(summary.listingCount).toBe(5);

    // A new order replaces the old; a listing archived later leaves the page at once.
    await asCurator.put(`/api/v1/curation/collections/${a.id}/items`, { listingIds: [l2.id, l3.id, l1.id] }).expect(200);
    expect(await publicIds(a.slug)).toEqual([l2.id, l3.id, l1.id]);
    await queryDb(sys, `UPDATE catalog.listings SET status = 'archived' WHERE id = $1`, [l3.id]);
    expect(await publicIds(a.slug)).toEqual([l2.id, l1.id]);
  });

  it('shows a listing card with what buyers need: prices, shop, photo, marks', async () => {
    const col = await create({ published: true });
    const listing = await insertListing(sys, artisanId, { variants: [{ price: 250_000n, stock: 0 }, { price: 300_000n, stock: 2 }] });
    await asCurator.put(`/api/v1/curation/collections/${col.id}/items`, { listingIds: [listing.id] }).expect(200);
    await queryDb(
      sys,
      `INSERT INTO catalog.provenance_marks (id, code, listing_id, evidence, granted_by) VALUES ($1, 'kriya-bali-asli', $2, 'Kunjungan lapangan Dekranasda.', $3)`,
      [newId(), listing.id, curator.user.id],
    );
    const page = await api().get(`/api/v1/collections/${col.slug}`).expect(200);
    expect(page.body).toMatchObject({ id: col.id, slug: col.slug, title: { id: expect.any(String) }, cover: null });
    expect(page.body.listings).toEqual([
      {
        id: listing.id,
        title: { id: 'Kain endek Sidemen motif cepuk', en: null },
        shop: { name: expect.any(String), slug: expect.any(String), regency: 'karangasem' },
        price: { min: '250000', max: '300000' },
        regularPrice: null,
        inStock: true,
        photo: null,
        marks: [{ code: 'kriya-bali-asli', name: { id: expect.stringContaining('Kriya Bali Asli'), en: expect.any(String) }, scope: 'listing', expiresAt: null }],
      },
    ]);
  });

  it('edits, unpublishes, gives a cover and removes a collection', async () => {
    const col = await create({ published: true });
    const edited = await asCurator.patch(`/api/v1/curation/collections/${col.id}`, { title: { id: 'Endek untuk hari Selasa', en: 'Endek for Tuesdays' } }).expect(200);
    expect(edited.body).toMatchObject({ slug: col.slug, title: { id: 'Endek untuk hari Selasa', en: 'Endek for Tuesdays' }, published: true });

    const cover = await api().put(`/api/v1/curation/collections/${col.id}/cover`).set(bearer(curator)).attach('file', await png(1600, 900), 'cover.png').expect(200);
    expect(cover.body.cover).toEqual({
      thumbnail: expect.stringMatching(new RegExp(`^/media/collections/${col.id}/.+/thumbnail\\.webp$`)),
      card: expect.stringMatching(/card\.webp$/),
      full: expect.stringMatching(/full\.webp$/),
    });
    expect((await publicList()).find((x) => x.id === col.id)!.cover).toEqual(cover.body.cover);
    // A second cover replaces the first, whose files go.
    await api().put(`/api/v1/curation/collections/${col.id}/cover`).set(bearer(curator)).attach('file', await png(1200, 800), 'cover2.png').expect(200);
    expect(await readdir(path.join(mediaDir, 'collections', col.id))).toHaveLength(1);

    await asCurator.patch(`/api/v1/curation/collections/${col.id}`, { published: false }).expect(200);
    expect((await publicList()).map((x) => x.id)).not.toContain(col.id);
    await api().get(`/api/v1/collections/${col.slug}`).expect(404);

    await api().delete(`/api/v1/curation/collections/${col.id}`).set(bearer(curator)).expect(204);
    await api().get(`/api/v1/curation/collections/${col.id}`).set(bearer(curator)).expect(404);
    expect(await allIds()).not.toContain(col.id);
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    const col = await create();
    const listing = await insertListing(sys, artisanId);
    const fields = (res: request.Response) => (res.body.error.details as Array<{ field: string }>).map((d) => d.field);

    expect(fields(await asCurator.post('/api/v1/curation/collections', { slug: 'Bukan Slug!', title: { id: 'Koleksi' }, description: { id: 'Deskripsi koleksi ini.' } }).expect(400))).toEqual(['slug']);
    expect(fields(await asCurator.post('/api/v1/curation/collections', { slug: 'tanpa-judul', description: { id: 'Deskripsi koleksi ini.' } }).expect(400))).toEqual(['title']);
    const taken = await asCurator.post('/api/v1/curation/collections', { slug: col.slug, title: { id: 'Koleksi kembar' }, description: { id: 'Deskripsi koleksi ini.' } }).expect(409);
    expect(taken.body.error).toMatchObject({ code: 'slug_taken', details: { field: 'slug' } });
    expect(fields(await asCurator.patch(`/api/v1/curation/collections/${col.id}`, { published: 'yes' }).expect(400))).toEqual(['published']);

    const items = (listingIds: unknown) => asCurator.put(`/api/v1/curation/collections/${col.id}/items`, { listingIds });
    expect(fields(await items(Array.from({ length: 101 }, () => newId())).expect(400))).toEqual(['listingIds']);
    const unknown = newId();
    const missing = await items([listing.id, unknown]).expect(400);
    expect(missing.body.error.details[0]).toMatchObject({ field: 'listingIds', unknown: [unknown] });
    expect(fields(await items([listing.id, listing.id]).expect(400))).toEqual(['listingIds']);
    expect(fields(await items(['nope']).expect(400))).toEqual(['listingIds.0']);
    await api().put(`/api/v1/curation/collections/${newId()}/items`).set(bearer(curator)).send({ listingIds: [] }).expect(404);
    // Nothing refused was stored.
    expect((await api().get(`/api/v1/curation/collections/${col.id}`).set(bearer(curator)).expect(200)).body.items).toEqual([]);

    const ids = await allIds();
    expect(fields(await asCurator.put('/api/v1/curation/collections/order', { ids: ids.slice(1) }).expect(400))).toEqual(['ids']);
    expect(fields(await asCurator.put('/api/v1/curation/collections/order', { ids: [...ids, newId()] }).expect(400))).toEqual(['ids']);
    expect(await allIds()).toEqual(ids);

    const notImage = await api().put(`/api/v1/curation/collections/${col.id}/cover`).set(bearer(curator)).attach('file', Buffer.from('not an image'), 'x.png');
    expect(notImage.status).toBeGreaterThanOrEqual(400);
    expect(notImage.status).toBeLessThan(500);
    await api().get('/api/v1/collections/Bukan%20Slug').expect(400);
    await api().get('/api/v1/collections/tidak-ada-koleksi').expect(404);
  });

  it('lets only curators change collections or see unpublished ones; anyone reads the published ones', async () => {
    const col = await create({ published: true });
    const listing = await insertListing(sys, artisanId);
    const image = await png(800, 600);
    const routes: Array<{ method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; body?: object; file?: boolean }> = [
      { method: 'get', path: '/api/v1/curation/collections' },
      { method: 'post', path: '/api/v1/curation/collections', body: { slug: 'bukan-kurator', title: { id: 'Koleksi' }, description: { id: 'Deskripsi koleksi ini.' } } },
      { method: 'get', path: `/api/v1/curation/collections/${col.id}` },
      { method: 'patch', path: `/api/v1/curation/collections/${col.id}`, body: { published: false } },
      { method: 'put', path: `/api/v1/curation/collections/${col.id}/items`, body: { listingIds: [listing.id] } },
      { method: 'put', path: '/api/v1/curation/collections/order', body: { ids: [col.id] } },
      { method: 'put', path: `/api/v1/curation/collections/${col.id}/cover`, file: true },
      { method: 'delete', path: `/api/v1/curation/collections/${col.id}` },
    ];
    for (const route of routes) {
      const call = (who?: Session) => {
        let req = api()[route.method](route.path);
        if (who) req = req.set(bearer(who));
        if (route.file) return req.attach('file', image, 'c.png');
        return route.body ? req.send(route.body) : req;
      };
      await call().expect(401);
      await call(buyer).expect(403);
      await call(artisan).expect(403);
    }
    // Untouched: still published, no items, no cover, and no new collection.
    const after = await api().get(`/api/v1/curation/collections/${col.id}`).set(bearer(curator)).expect(200);
    expect(after.body).toMatchObject({ published: true, items: [], cover: null });
    await api().get('/api/v1/collections').expect(200);
    await api().get(`/api/v1/collections/${col.slug}`).expect(200);
    const [{ count }] = await queryDb<{ count: number }>(sys, `SELECT count(*)::int AS count FROM catalog.collections WHERE slug = 'bukan-kurator'`);
    expect(count).toBe(0);
  });
});
