import request from 'supertest';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { CatalogPatterns } from '@pk/contracts';
import { newId } from '@pk/core';
import { bootSystem, TestSystem } from './support/apps';
import { insertArtisan } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { bearer, register, registerWithRoles, Session } from './support/http';
import { rpcClient } from './support/rpc';

const endekInput = (sku = `ENDEK-${newId().slice(-6)}`) => ({
  title: { id: 'Kain endek Sidemen motif cepuk', en: 'Sidemen endek cloth, cepuk motif' },
  description: { id: 'Ditenun dengan tangan di Sidemen, Karangasem, pewarna alami.', en: null },
  category: 'endek',
  materials: ['katun', 'pewarna alami'],
  techniques: ['ikat pakan'],
  regency: 'karangasem',
  dimensionsCm: { length: 200, width: 110, height: 0.5 },
  weightGrams: 450,
  handmade: true,
  variants: [
    { sku: `${sku}-M`, options: { warna: 'merah' }, price: 750000, stock: 4 },
    { sku: `${sku}-B`, options: { warna: 'biru' }, price: '825000', stock: 2 },
  ],
});

describe('listings: variants, lifecycle, moderation, public reads', () => {
  let sys: TestSystem;
  let artisan: Session;
  let curator: Session;
  const api = () => request(sys.http);

  beforeAll(async () => {
    sys = await bootSystem('listings', { services: ['catalog'] });
    artisan = await register(sys);
    await insertArtisan(sys, artisan.user.id);
    curator = await registerWithRoles(sys, ['curator']);
  });
  afterAll(() => sys?.close());

  const create = (who: Session, body: object = endekInput()) => api().post('/api/v1/listings').set(bearer(who)).send(body);
  const addPhoto = (listingId: string) =>
    queryDb(
      sys,
      `INSERT INTO catalog.listing_photos (id, listing_id, position, alt, keys, width, height)
       VALUES ($1, $2, 0, 'Kain endek merah', '{"thumbnail":"t.webp","card":"c.webp","full":"f.webp"}', 1600, 1200)`,
      [newId(), listingId],
    );
  const outbox = (name: string, listingId: string) =>
    queryDb<{ payload: Record<string, unknown> }>(
      sys,
      `SELECT payload FROM catalog.outbox WHERE name = $1 AND payload->>'listingId' = $2 ORDER BY occurred_at, id`,
      [name, listingId],
    );
  const published = async (who: Session = artisan) => {
    const { body } = await create(who).expect(201);
    await addPhoto(body.id);
    await api().post(`/api/v1/listings/${body.id}/submit`).set(bearer(who)).expect(200);
    await api().post(`/api/v1/curation/listings/${body.id}/decision`).set(bearer(curator)).send({ decision: 'approve' }).expect(200);
    return body as { id: string; variants: Array<{ id: string; sku: string }> };
  };

  it('creates a draft with its variants, prices in whole rupiah as strings', async () => {
    const res = await create(artisan).expect(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      version: 1,
      title: { id: 'Kain endek Sidemen motif cepuk', en: 'Sidemen endek cloth, cepuk motif' },
      category: { slug: 'endek', path: ['woven-cloth', 'endek'] },
      regency: 'karangasem',
      dimensionsCm: { length: 200, width: 110, height: 0.5 },
      weightGrams: 450,
      handmade: true,
      leadTimeDays: null,
    });
    expect(res.body.variants.map((v: { price: string; stock: number }) => [v.price, v.stock])).toEqual([
      ['750000', 4],
      ['825000', 2],
    ]);
    const movements = await queryDb(sys, `SELECT actor_id, from_stock, to_stock, reason FROM catalog.stock_movements m
      JOIN catalog.variants v ON v.id = m.variant_id WHERE v.listing_id = $1 ORDER BY to_stock`, [res.body.id]);
    expect(movements).toEqual([
      { actor_id: artisan.user.id, from_stock: 0, to_stock: 2, reason: 'created' },
      { actor_id: artisan.user.id, from_stock: 0, to_stock: 4, reason: 'created' },
    ]);
  });

  it('names each bad field and writes nothing', async () => {
    const before = await queryDb(sys, 'SELECT count(*)::int AS n FROM catalog.listings');
    const bad = endekInput();
    bad.variants[0].price = -5;
    bad.variants[1].stock = -1;
    const res = await create(artisan, { ...bad, category: 'plastic-toys', regency: 'jakarta', extra: 1 }).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    const fields = res.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['(body)', 'regency', 'variants.0.price', 'variants.1.stock']);

    const unknownCategory = await create(artisan, { ...endekInput(), category: 'plastic-toys' }).expect(400);
    expect(unknownCategory.body.error.details).toEqual([{ field: 'category', messages: [expect.stringContaining('unknown category "plastic-toys"')] }]);
    const group = await create(artisan, { ...endekInput(), category: 'woven-cloth' }).expect(400);
    expect(group.body.error.details[0].messages[0]).toMatch(/is a group; choose one of its crafts: endek, songket, gringsing/);
    await create(artisan, { ...endekInput(), variants: [] }).expect(400)
      .expect(({ body }) => expect(body.error.details[0]).toEqual({ field: 'variants', messages: ['at least one variant'] }));
    const spaced = endekInput();
    spaced.variants[0].sku = 'HAS SPACE';
    await create(artisan, spaced).expect(400).expect(({ body }) => expect(body.error.details[0].field).toBe('variants.0.sku'));
    expect(await queryDb(sys, 'SELECT count(*)::int AS n FROM catalog.listings')).toEqual(before);
  });

  it('keeps SKUs unique within a shop, case-insensitively, but not across shops', async () => {
    const first = await create(artisan, endekInput('CLASH')).expect(201);
    const twice = endekInput('X');
    twice.variants[1].sku = twice.variants[0].sku.toLowerCase();
    await create(artisan, twice).expect(400).expect(({ body }) => expect(body.error.details[0]).toMatchObject({ field: 'variants.1.sku' }));
    const clash = await create(artisan, endekInput('clash')).expect(409);
    expect(clash.body.error).toMatchObject({ code: 'sku_taken' });
    expect(clash.body.error.details).toEqual([
      { field: 'variants.0.sku', sku: 'clash-M', listingId: first.body.id },
      { field: 'variants.1.sku', sku: 'clash-B', listingId: first.body.id },
    ]);
    const other = await register(sys);
    await insertArtisan(sys, other.user.id);
    await create(other, endekInput('CLASH')).expect(201);
  });

  it('refuses every write to a listing from another artisan, a buyer, an unverified artisan and anonymous callers', async () => {
    const { body: listing } = await create(artisan).expect(201);
    const variantId = listing.variants[0].id;
    const other = await register(sys);
    await insertArtisan(sys, other.user.id);
    const buyer = await register(sys);
    const pending = await register(sys);
    await insertArtisan(sys, pending.user.id, { status: 'pending' });
    const calls = (who?: Session) => {
      const auth = (r: request.Test) => (who ? r.set(bearer(who)) : r);
      const base = `/api/v1/listings/${listing.id}`;
      return [
        auth(api().patch(base)).send({ weightGrams: 500 }),
        auth(api().post(`${base}/submit`)),
        auth(api().post(`${base}/archive`)),
        auth(api().post(`${base}/restore`)),
        auth(api().post(`${base}/variants`)).send({ sku: 'NEW-1', price: 1000, stock: 1 }),
        auth(api().patch(`${base}/variants/${variantId}`)).send({ price: 1 }),
        auth(api().delete(`${base}/variants/${variantId}`)),
        auth(api().put(`${base}/variants/${variantId}/stock`)).send({ stock: 0 }),
      ];
    };
    for (const res of await Promise.all(calls(other))) expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
    for (const res of await Promise.all(calls(buyer))) expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
    for (const res of await Promise.all(calls(pending))) expect([res.status, res.body.error.code]).toEqual([403, 'artisan_not_verified']);
    for (const res of await Promise.all(calls())) expect(res.status).toBe(401);
    await create(buyer).expect(403);
    await create(pending).expect(403);
    await api().post('/api/v1/listings').send(endekInput()).expect(401);
    const after = await api().get(`/api/v1/listings/${listing.id}`).set(bearer(artisan)).expect(200);
    expect(after.body).toMatchObject({ status: 'draft', weightGrams: 450, variants: listing.variants });
  });

  it('goes draft → submitted → published with a curator, and only then is public', async () => {
    const { body: listing } = await create(artisan).expect(201);
    await api().get(`/api/v1/listings/${listing.id}`).expect(404);
    await api().post(`/api/v1/listings/${listing.id}/submit`).set(bearer(artisan)).expect(409)
      .expect(({ body }) => expect(body.error.message).toMatch(/at least one photo/));
    await addPhoto(listing.id);
    const submitted = await api().post(`/api/v1/listings/${listing.id}/submit`).set(bearer(artisan)).expect(200);
    expect(submitted.body.status).toBe('submitted');
    await api().post(`/api/v1/listings/${listing.id}/submit`).set(bearer(artisan)).expect(409)
      .expect(({ body }) => expect(body.error).toMatchObject({ code: 'invalid_transition', details: { from: 'submitted', action: 'submit' } }));

    const queue = await api().get('/api/v1/curation/listings?limit=100').set(bearer(curator)).expect(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(listing.id);
    await api().get('/api/v1/curation/listings').set(bearer(artisan)).expect(403);
    await api().post(`/api/v1/curation/listings/${listing.id}/decision`).set(bearer(artisan)).send({ decision: 'approve' }).expect(403);
    await api().post(`/api/v1/curation/listings/${listing.id}/decision`).send({ decision: 'approve' }).expect(401);
    await api().get(`/api/v1/listings/${listing.id}`).expect(404);

    const approved = await api().post(`/api/v1/curation/listings/${listing.id}/decision`).set(bearer(curator)).send({ decision: 'approve' }).expect(200);
    expect(approved.body).toMatchObject({ status: 'published', version: 2 });
    const pub = await api().get(`/api/v1/listings/${listing.id}`).expect(200);
    expect(pub.body).toMatchObject({ id: listing.id, version: 2, story: 'Penenun endek dari Sidemen.', photos: [{ alt: 'Kain endek merah' }] });
    expect(pub.body.photos[0].urls.card).toBe('/media/c.webp');
    expect(pub.body).not.toHaveProperty('status');

    const [event] = await outbox('listing.published', listing.id);
    expect(event.payload).toMatchObject({ listingId: listing.id, version: 2, snapshot: { id: listing.id, version: 2, variants: listing.variants } });
    const audit = await api().get(`/api/v1/curation/audit/changes?entityId=${listing.id}`).set(bearer(curator)).expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ actorId: curator.user.id, action: 'listing.approve', before: { status: 'submitted', rejectionReason: null }, after: { status: 'published', rejectionReason: null } }),
    ]);
  });

  it('reads a public listing in one RPC and one SQL statement', async () => {
    const listing = await published();
    const sqls: string[] = [];
    const original = PostgresQueryRunner.prototype.query;
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (this: PostgresQueryRunner, ...args) {
      // The relays poll their outboxes in the background, in transactions of their own; the
      // public read opens none, so everything else is the request's.
      if (!/outbox|^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/.test(args[0].trim())) sqls.push(args[0]);
      return original.apply(this, args);
    });
    try {
      await api().get(`/api/v1/listings/${listing.id}`).expect(200);
    } finally {
      spy.mockRestore();
    }
    expect(sqls).toHaveLength(1);
    expect(sqls[0]).toMatch(/FROM catalog\.listings l/);
  });

  it('rejects with a reason back to draft, and requires the reason', async () => {
    const { body: listing } = await create(artisan).expect(201);
    await addPhoto(listing.id);
    await api().post(`/api/v1/listings/${listing.id}/submit`).set(bearer(artisan)).expect(200);
    const decide = (body: object) => api().post(`/api/v1/curation/listings/${listing.id}/decision`).set(bearer(curator)).send(body);
    await decide({ decision: 'reject' }).expect(400).expect(({ body }) => expect(body.error.details[0].field).toBe('reason'));
    const rejected = await decide({ decision: 'reject', reason: 'Foto buram; unggah foto yang lebih jelas.' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'draft', rejectionReason: 'Foto buram; unggah foto yang lebih jelas.' });
    const mine = await api().get('/api/v1/listings/mine?status=draft&limit=100').set(bearer(artisan)).expect(200);
    expect(mine.body.items.find((i: { id: string }) => i.id === listing.id)).toMatchObject({
      rejectionReason: 'Foto buram; unggah foto yang lebih jelas.',
      minPrice: '750000',
      maxPrice: '825000',
      stock: 6,
      variants: 2,
      thumbnail: '/media/t.webp',
    });
    await decide({ decision: 'approve' }).expect(409);
    expect(await outbox('listing.published', listing.id)).toEqual([]);
  });

  it('publishes at once for verified artisans when the council turns auto-publish on', async () => {
    await api().patch('/api/v1/curation/settings').set(bearer(artisan)).send({ autoPublishVerified: true }).expect(403);
    await api().patch('/api/v1/curation/settings').set(bearer(curator)).send({ autoPublishVerified: 'yes' }).expect(400);
    await api().patch('/api/v1/curation/settings').set(bearer(curator)).send({ autoPublishVerified: true }).expect(200, { autoPublishVerified: true });
    try {
      const { body: listing } = await create(artisan).expect(201);
      await addPhoto(listing.id);
      const res = await api().post(`/api/v1/listings/${listing.id}/submit`).set(bearer(artisan)).expect(200);
      expect(res.body.status).toBe('published');
      await api().get(`/api/v1/listings/${listing.id}`).expect(200);
    } finally {
      await api().patch('/api/v1/curation/settings').set(bearer(curator)).send({ autoPublishVerified: false }).expect(200);
    }
    const audit = await api().get('/api/v1/curation/audit/changes?action=settings.update').set(bearer(curator)).expect(200);
    expect(audit.body.items.map((i: { after: object }) => i.after)).toEqual([{ autoPublishVerified: false }, { autoPublishVerified: true }]);
  });

  it('audits stock edits (who, from, to, why) and announces stock and content changes of a public listing', async () => {
    const listing = await published();
    const [v] = listing.variants;
    const base = `/api/v1/listings/${listing.id}`;
    await api().put(`${base}/variants/${v.id}/stock`).set(bearer(artisan)).send({ stock: -1 }).expect(400);
    await api().put(`${base}/variants/${v.id}/stock`).set(bearer(artisan)).send({ stock: 9, note: 'stok baru dari penenun' }).expect(200);
    const moves = await queryDb(sys, `SELECT actor_id, from_stock, to_stock, reason, reference FROM catalog.stock_movements WHERE variant_id = $1 ORDER BY id`, [v.id]);
    expect(moves.at(-1)).toEqual({ actor_id: artisan.user.id, from_stock: 4, to_stock: 9, reason: 'edited', reference: 'stok baru dari penenun' });
    const [stockEvent] = await queryDb<{ payload: object }>(sys, `SELECT payload FROM catalog.outbox WHERE name = 'stock.changed' AND payload->>'variantId' = $1 AND payload->>'stock' = '9'`, [v.id]);
    // Issue 18: the event carries the variant's stock version (its count of stock movements).
    expect(stockEvent.payload).toEqual({ variantId: v.id, listingId: listing.id, sku: v.sku, stock: 9, previous: 4, reason: 'edited', stockVersion: moves.length });

    const edited = await api().patch(base).set(bearer(artisan)).send({ title: { id: 'Kain endek Sidemen motif cepuk merah' } }).expect(200);
    expect(edited.body).toMatchObject({ status: 'published', version: 3, title: { id: 'Kain endek Sidemen motif cepuk merah', en: null } });
    await api().patch(`${base}/variants/${v.id}`).set(bearer(artisan)).send({ price: 700000 }).expect(200);
    const updates = await outbox('listing.updated', listing.id);
    expect(updates.map((u) => u.payload.version)).toEqual([3, 4]);
    expect((updates[1].payload.snapshot as { variants: Array<{ price: string }> }).variants[0].price).toBe('700000');
    await api().get(base).expect(200).expect(({ body }) => expect(body.variants[0]).toMatchObject({ price: '700000', stock: 9 }));
  });

  it('adds and removes variants but never the last one', async () => {
    const { body: listing } = await create(artisan).expect(201);
    const base = `/api/v1/listings/${listing.id}/variants`;
    const added = await api().post(base).set(bearer(artisan)).send({ sku: `${listing.variants[0].sku}-H`, options: { warna: 'hijau' }, price: 800000, stock: 1 }).expect(201);
    expect(added.body.variants).toHaveLength(3);
    await api().post(base).set(bearer(artisan)).send({ sku: listing.variants[0].sku.toLowerCase(), price: 1, stock: 1 }).expect(409);
    for (const v of added.body.variants.slice(1)) await api().delete(`${base}/${v.id}`).set(bearer(artisan)).expect(200);
    await api().delete(`${base}/${listing.variants[0].id}`).set(bearer(artisan)).expect(409)
      .expect(({ body }) => expect(body.error.message).toMatch(/at least one variant/));
    await api().delete(`${base}/${newId()}`).set(bearer(artisan)).expect(404);
  });

  it('keeps a variant a buyer is checking out (a held reservation)', async () => {
    const listing = await published();
    const [held, free] = listing.variants;
    const buyer = await register(sys);
    const rpc = rpcClient(sys, 'catalog');
    try {
      await rpc.send(CatalogPatterns.reservationCreate, { key: newId(), lines: [{ variantId: held.id, quantity: 1 }] }, { userId: buyer.user.id, roles: ['buyer'] });
    } finally {
      await rpc.close();
    }
    const base = `/api/v1/listings/${listing.id}/variants`;
    await api().delete(`${base}/${held.id}`).set(bearer(artisan)).expect(409)
      .expect(({ body }) => expect(body.error).toMatchObject({ code: 'conflict', details: { skus: [held.sku] } }));
    await api().delete(`${base}/${free.id}`).set(bearer(artisan)).expect(200);
  });

  it('archives off sale (announced), restores as a draft, and hides a suspended shop', async () => {
    const listing = await published();
    const archived = await api().post(`/api/v1/listings/${listing.id}/archive`).set(bearer(artisan)).expect(200);
    expect(archived.body.status).toBe('archived');
    await api().get(`/api/v1/listings/${listing.id}`).expect(404);
    expect((await outbox('listing.unpublished', listing.id)).map((e) => e.payload)).toEqual([
      { listingId: listing.id, artisanId: expect.any(String), version: 3, reason: 'archived' },
    ]);
    await api().patch(`/api/v1/listings/${listing.id}`).set(bearer(artisan)).send({ weightGrams: 1 }).expect(409);
    await api().post(`/api/v1/listings/${listing.id}/restore`).set(bearer(artisan)).expect(200).expect(({ body }) => expect(body.status).toBe('draft'));

    const other = await published();
    await api().get(`/api/v1/listings/${other.id}`).expect(200);
    await queryDb(sys, `UPDATE catalog.artisans SET status = 'suspended' WHERE user_id = $1`, [artisan.user.id]);
    try {
      await api().get(`/api/v1/listings/${other.id}`).expect(404);
      await api().get(`/api/v1/listings/${other.id}`).set(bearer(await register(sys))).expect(404);
      await api().get(`/api/v1/listings/${other.id}`).set(bearer(artisan)).expect(200);
    } finally {
      await queryDb(sys, `UPDATE catalog.artisans SET status = 'verified' WHERE user_id = $1`, [artisan.user.id]);
    }
  });

  it('keeps an optional package size (the parcel as shipped), announces a change to it, and clears it with null', async () => {
    const folded = { length: 35, width: 25.5, height: 4 };
    const made = await create(artisan, { ...endekInput(), packageCm: folded }).expect(201);
    expect(made.body).toMatchObject({ dimensionsCm: { length: 200, width: 110, height: 0.5 }, packageCm: folded });
    expect((await create(artisan).expect(201)).body.packageCm).toBeNull();
    expect(await queryDb(sys, 'SELECT package_length_cm::text, package_width_cm::text, package_height_cm::text FROM catalog.listings WHERE id = $1', [made.body.id])).toEqual([
      { package_length_cm: '35.0', package_width_cm: '25.5', package_height_cm: '4.0' },
    ]);

    // On a public listing, a new package size goes out as listing.updated with the snapshot; a patch without it keeps it.
    const listing = await published();
    expect((await outbox('listing.published', listing.id))[0].payload).toMatchObject({ snapshot: { packageCm: null } });
    const patch = (body: object) => api().patch(`/api/v1/listings/${listing.id}`).set(bearer(artisan)).send(body);
    expect((await patch({ packageCm: folded }).expect(200)).body.packageCm).toEqual(folded);
    expect((await patch({ weightGrams: 500 }).expect(200)).body.packageCm).toEqual(folded);
    const updates = await outbox('listing.updated', listing.id);
    expect(updates.map((u) => (u.payload.snapshot as { packageCm: unknown }).packageCm)).toEqual([folded, folded]);
    expect((await api().get(`/api/v1/listings/${listing.id}`).expect(200)).body.packageCm).toEqual(folded);
    expect((await patch({ packageCm: null }).expect(200)).body.packageCm).toBeNull();
    expect((await outbox('listing.updated', listing.id)).at(-1)!.payload).toMatchObject({ snapshot: { packageCm: null } });
  });

  it('refuses a bad package size with a 400 naming the field, on create and on update, and writes nothing', async () => {
    const before = await queryDb<{ n: number }>(sys, 'SELECT count(*)::int AS n FROM catalog.listings');
    const fieldsOf = async (packageCm: unknown) => {
      const res = await create(artisan, { ...endekInput(), packageCm }).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      return res.body.error.details.map((d: { field: string }) => d.field);
    };
    expect(await fieldsOf({ length: 0, width: 25, height: 4 })).toEqual(['packageCm.length']);
    expect(await fieldsOf({ length: 35, width: -1, height: 4 })).toEqual(['packageCm.width']);
    // Stored with one decimal: less than 0.1 cm would be stored as 0.
    expect(await fieldsOf({ length: 35, width: 25, height: 0.04 })).toEqual(['packageCm.height']);
    expect(await fieldsOf({ length: 501, width: 25, height: 4 })).toEqual(['packageCm.length']);
    expect(await fieldsOf({ length: '35', width: 25, height: 4 })).toEqual(['packageCm.length']);
    expect(await fieldsOf({ length: 35 })).toEqual(['packageCm.width', 'packageCm.height']);
    expect(await fieldsOf({ length: 35, width: 25, height: 4, depth: 1 })).toEqual(['packageCm']);
    expect(await fieldsOf('35x25x4')).toEqual(['packageCm']);
    // Text with a NUL or a lone surrogate where a number goes is refused like any other text, not passed to Postgres.
    expect(await fieldsOf({ length: '35\u0000', width: 25, height: 4 })).toEqual(['packageCm.length']);
    expect(await fieldsOf({ length: 35, width: '\ud800', height: 4 })).toEqual(['packageCm.width']);
    const { body: listing } = await create(artisan).expect(201);
    const res = await api().patch(`/api/v1/listings/${listing.id}`).set(bearer(artisan)).send({ packageCm: { length: 35, width: 25, height: 1e9 } }).expect(400);
    expect(res.body.error.details).toEqual([{ field: 'packageCm.height', messages: ['at most 500 cm'] }]);
    expect((await api().get(`/api/v1/listings/${listing.id}`).set(bearer(artisan)).expect(200)).body.packageCm).toBeNull();
    expect(await queryDb(sys, 'SELECT count(*)::int AS n FROM catalog.listings')).toEqual([{ n: before[0].n + 1 }]);
  });

  it('serves the craft taxonomy and the regencies', async () => {
    const tree = await api().get('/api/v1/categories').expect(200);
    const woven = tree.body.find((c: { slug: string }) => c.slug === 'woven-cloth');
    expect(woven.children.map((c: { slug: string }) => c.slug)).toEqual(['endek', 'songket', 'gringsing']);
    const regencies = await api().get('/api/v1/regencies').expect(200);
    expect(regencies.body).toHaveLength(9);
    expect(regencies.body).toContainEqual({ slug: 'klungkung', name: 'Klungkung' });
  });
});
