import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import sharp from 'sharp';
import { bootSystem, TestSystem } from './support/apps';
import { eventually } from './support/eventually';
import { bearer, register, registerWithRoles, Session } from './support/http';

// The artisan's whole way through the gateway, with nothing written behind its back.
describe('catalog journey: apply → verified → listing with variants and photos → approved → public → stock → archived', () => {
  let sys: TestSystem;
  let mediaDir: string;
  const api = () => request(sys.http);

  beforeAll(async () => {
    mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-journey-media-'));
    sys = await bootSystem('catalog_journey', { services: ['catalog'], env: { MEDIA_DIR: mediaDir } });
  });
  afterAll(async () => {
    await sys?.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  it('takes an artisan from application to a public listing and off sale again', async () => {
    const user = await register(sys, { displayName: 'Ni Made Tenun' });
    const curator = await registerWithRoles(sys, ['curator']);

    // 1. apply, and wait for the council
    const applied = await api()
      .post('/api/v1/artisans')
      .set(bearer(user))
      .send({
        shopName: 'Tenun Endek Sidemen',
        shopSlug: 'tenun-endek-sidemen',
        story: 'Kelompok penenun perempuan di Sidemen, Karangasem, menenun endek dengan ATBM.',
        regency: 'karangasem',
        craftTypes: ['endek', 'songket'],
        bankAccount: { bankName: 'BPD Bali', accountName: 'Ni Made Tenun', accountNumber: '0100 2003 0045' },
      })
      .expect(201);
    expect(applied.body).toMatchObject({ status: 'pending', shopSlug: 'tenun-endek-sidemen' });
    const draft = {
      title: { id: 'Kain endek Sidemen motif cepuk', en: 'Sidemen endek cloth, cepuk motif' },
      description: { id: 'Kain endek tenun ikat pakan dengan pewarna alami.' },
      category: 'endek',
      materials: ['katun'],
      techniques: ['ikat pakan'],
      regency: 'karangasem',
      dimensionsCm: { length: 200, width: 110, height: 1 },
      weightGrams: 450,
      variants: [
        { sku: 'SDM-END-MRH', options: { warna: 'merah' }, price: 750000, stock: 4 },
        { sku: 'SDM-END-BRU', options: { warna: 'biru' }, price: 790000, stock: 6 },
      ],
    };
    await api().post('/api/v1/listings').set(bearer(user)).send(draft).expect(403)
      .expect(({ body }) => expect(body.error).toMatchObject({ code: 'artisan_not_verified', details: { status: 'pending' } }));

    // 2. verified by a curator: the shop may sell, and the user's next token carries the role
    await api().post(`/api/v1/curation/artisans/${applied.body.id}/decision`).set(bearer(curator)).send({ decision: 'verify' }).expect(200);
    let latest: Session = user;
    const artisan = await eventually(async () => {
      const res = await api().post('/api/v1/auth/refresh').send({ refreshToken: latest.refreshToken }).expect(200);
      latest = res.body as Session;
      expect(latest.user.roles).toContain('artisan');
      return latest;
    });

    // 3. a listing with two variants and a photo
    const created = await api().post('/api/v1/listings').set(bearer(artisan)).send(draft).expect(201);
    const listingId: string = created.body.id;
    expect(created.body).toMatchObject({ status: 'draft', artisan: { shopSlug: 'tenun-endek-sidemen', regency: 'karangasem' } });
    const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#9e2a2b' } }).jpeg().toBuffer();
    const photo = await api()
      .post(`/api/v1/listings/${listingId}/photos`)
      .set(bearer(artisan))
      .field('alt', 'Kain endek merah motif cepuk')
      .attach('file', jpeg, { filename: 'endek.jpg', contentType: 'image/jpeg' })
      .expect(201);
    // 1200×900 is under the 1600 px full rendition, so it is kept at its size, never enlarged.
    expect(photo.body).toMatchObject({ position: 0, alt: 'Kain endek merah motif cepuk', width: 1200, height: 900 });

    // 4. submitted: not public yet
    await api().post(`/api/v1/listings/${listingId}/submit`).set(bearer(artisan)).expect(200)
      .expect(({ body }) => expect(body.status).toBe('submitted'));
    await api().get(`/api/v1/listings/${listingId}`).expect(404);

    // 5. approved: public, with its photo, on the shop page
    await api().post(`/api/v1/curation/listings/${listingId}/decision`).set(bearer(curator)).send({ decision: 'approve' }).expect(200);
    const pub = await api().get(`/api/v1/listings/${listingId}`).expect(200);
    expect(pub.body).toMatchObject({
      title: draft.title,
      category: { slug: 'endek', path: ['woven-cloth', 'endek'] },
      photos: [{ id: photo.body.id, alt: 'Kain endek merah motif cepuk' }],
      variants: [
        { sku: 'SDM-END-MRH', price: '750000', stock: 4 },
        { sku: 'SDM-END-BRU', price: '790000', stock: 6 },
      ],
    });
    const image = await api().get(pub.body.photos[0].urls.card).expect(200);
    expect((await sharp(image.body as Buffer).metadata()).width).toBeLessThanOrEqual(600);
    const shop = await api().get('/api/v1/shops/tenun-endek-sidemen').expect(200);
    expect(JSON.stringify(shop.body)).toContain(listingId);
    expect(JSON.stringify(shop.body)).not.toContain('0100');

    // 6. stock edited, seen by buyers
    const variantId = pub.body.variants[0].id;
    await api().put(`/api/v1/listings/${listingId}/variants/${variantId}/stock`).set(bearer(artisan)).send({ stock: 1, note: 'terjual di pameran' }).expect(200);
    await api().get(`/api/v1/listings/${listingId}`).expect(200).expect(({ body }) => expect(body.variants[0].stock).toBe(1));

    // 7. archived: off sale everywhere
    await api().post(`/api/v1/listings/${listingId}/archive`).set(bearer(artisan)).expect(200);
    await api().get(`/api/v1/listings/${listingId}`).expect(404);
    const after = await api().get('/api/v1/shops/tenun-endek-sidemen').expect(200);
    expect(JSON.stringify(after.body)).not.toContain(listingId);
  });
});
