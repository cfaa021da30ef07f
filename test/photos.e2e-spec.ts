import exif from 'exif-reader';
import { mkdtemp, rm, stat } from 'fs/promises';
import { tmpdir } from 'os';
import path from 'path';
import sharp from 'sharp';
import request from 'supertest';
import { LocalMediaStore, MediaStore } from '@pk/media';
import { S3MediaStore } from '@pk/media/s3-media-store';
import type { PhotoRenditions, PhotoView } from '@pk/contracts';
import { TestSystem, bootSystem } from './support/apps';
import { insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { Session, bearer, register, registerWithRoles } from './support/http';
import { gif, phoneJpeg, png, webp } from './support/images';
import { TestS3, startS3 } from './support/s3-server';

type Urls = PhotoRenditions;
type PhotoBody = PhotoView;
interface Upload { bytes: Buffer; filename?: string; contentType?: string; alt?: string | null }

/** One suite's gateway + catalog with its photo store, and the helpers every test uses. */
function photoHarness(get: () => { sys: TestSystem; store: MediaStore }) {
  const api = () => request(get().sys.http);
  const upload = (session: Session | null, url: string, u: Upload, method: 'post' | 'put' = 'post') => {
    let req = api()[method](url);
    if (session) req = req.set(bearer(session));
    req = req.attach('file', u.bytes, { filename: u.filename ?? 'photo.jpg', contentType: u.contentType ?? 'image/jpeg' });
    return u.alt === null ? req : req.field('alt', u.alt ?? 'Kain endek motif cepuk, dilipat');
  };
  const addPhoto = (session: Session | null, listingId: string, u: Upload) => upload(session, `/api/v1/listings/${listingId}/photos`, u);
  const incomingLeft = () => get().store.list('incoming/');
  const photoRows = (listingId: string) =>
    queryDb<{ id: string; position: number; alt: string; keys: Urls; width: number; height: number }>(
      get().sys,
      'SELECT id, position, alt, keys, width, height FROM catalog.listing_photos WHERE listing_id = $1 ORDER BY position',
      [listingId],
    );
  return { api, upload, addPhoto, incomingLeft, photoRows };
}

async function expectStripped(image: Buffer, size: { width: number; height: number }) {
  const meta = await sharp(image).metadata();
  expect(meta).toMatchObject({ format: 'webp', ...size });
  expect({ exif: meta.exif, xmp: meta.xmp, iptc: meta.iptc, icc: meta.icc, orientation: meta.orientation }).toEqual({
    exif: undefined,
    xmp: undefined,
    iptc: undefined,
    icc: undefined,
    orientation: undefined,
  });
}

describe('photos on local disk: checked by content, stripped, rendered, ordered', () => {
  let sys: TestSystem;
  let mediaDir: string;
  let store: LocalMediaStore;
  let owner: Session;
  let artisanId: string;
  const h = photoHarness(() => ({ sys, store }));

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), 'pk-photos-'));
    sys = await bootSystem('photos', { services: ['catalog'], env: { MEDIA_DIR: mediaDir } });
    store = new LocalMediaStore(mediaDir);
    owner = await register(sys);
    artisanId = await insertArtisan(sys, owner.user.id);
  });
  afterAll(async () => {
    await sys?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  const getImage = (url: string) => h.api().get(url).responseType('blob') // body as a Buffer;

  it('takes a phone JPEG carrying GPS: upright renditions with no metadata, served with long cache headers', async () => {
    const jpeg = await phoneJpeg(2400, 1600);
    const before = await sharp(jpeg).metadata();
    expect(exif(before.exif!).GPSInfo).toMatchObject({ GPSLatitudeRef: 'S', GPSLatitude: [8, 28, 5], GPSLongitude: [115, 26, 34] });
    expect(before).toMatchObject({ orientation: 6, icc: expect.any(Buffer), xmp: expect.any(Buffer) });

    const listing = await insertListing(sys, artisanId);
    const res = await h.addPhoto(owner, listing.id, { bytes: jpeg, alt: '  Endek Sidemen, motif cepuk  ' }).expect(201);
    const photo = res.body as PhotoBody;
    // Shown portrait: the 2400×1600 sensor image turned by its EXIF orientation.
    expect(photo).toMatchObject({ position: 0, alt: 'Endek Sidemen, motif cepuk', width: 1067, height: 1600 });
    expect(photo.urls.full).toBe(`/media/listings/${listing.id}/${photo.id}/full.webp`);

    const sizes = { thumbnail: { width: 133, height: 200 }, card: { width: 400, height: 600 }, full: { width: 1067, height: 1600 } };
    for (const [name, size] of Object.entries(sizes) as Array<[keyof Urls, { width: number; height: number }]>) {
      const served = await getImage(photo.urls[name]).expect(200);
      expect(served.headers['content-type']).toBe('image/webp');
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.body.includes(Buffer.from('Pixel'))).toBe(false);
      await expectStripped(served.body, size);
    }

    const [row] = await h.photoRows(listing.id);
    expect(row).toEqual({ id: photo.id, position: 0, alt: 'Endek Sidemen, motif cepuk', width: 1067, height: 1600, keys: {
      thumbnail: `listings/${listing.id}/${photo.id}/thumbnail.webp`,
      card: `listings/${listing.id}/${photo.id}/card.webp`,
      full: `listings/${listing.id}/${photo.id}/full.webp`,
    } });
    // The listing is on sale: search and channels are told, with the photo in the snapshot.
    const events = await queryDb<{ payload: { version: number; snapshot: { photos: unknown[] } } }>(
      sys,
      `SELECT payload FROM catalog.outbox WHERE name = 'listing.updated' AND payload->>'listingId' = $1`,
      [listing.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0].payload.snapshot.photos).toEqual([{ id: photo.id, alt: 'Endek Sidemen, motif cepuk', urls: photo.urls }]);
    expect(await h.incomingLeft()).toEqual([]);
  });

  it('accepts PNG and WebP whatever the name or declared type, and never upscales', async () => {
    const listing = await insertListing(sys, artisanId, { status: 'draft' });
    const fromPng = await h.addPhoto(owner, listing.id, { bytes: await png(800, 500), filename: 'scan.txt', contentType: 'text/plain' }).expect(201);
    expect(fromPng.body).toMatchObject({ position: 0, width: 800, height: 500 });
    await expectStripped((await getImage(fromPng.body.urls.full).expect(200)).body, { width: 800, height: 500 });
    await expectStripped((await getImage(fromPng.body.urls.card).expect(200)).body, { width: 600, height: 375 });

    const fromWebp = await h.addPhoto(owner, listing.id, { bytes: await webp(1000, 1000), filename: 'x.webp', contentType: 'image/webp' }).expect(201);
    expect(fromWebp.body).toMatchObject({ position: 1, width: 1000, height: 1000 });
    // A draft is not public: nothing announced.
    expect(await queryDb(sys, `SELECT 1 FROM catalog.outbox WHERE payload->>'listingId' = $1`, [listing.id])).toEqual([]);
  });

  it.each([
    ['a text file named photo.jpg sent as image/jpeg', async () => Buffer.from('Ini bukan foto, hanya teks.\n'.repeat(50)), /not an image: send a JPEG, PNG or WebP photo/],
    ['a GIF', () => gif(400, 400), /a GIF image: send a JPEG, PNG or WebP photo/],
    ['a truncated JPEG', async () => (await phoneJpeg(1200, 900)).subarray(0, 20_000), /damaged or incomplete/],
    ['a photo under 300 px on its short side', () => png(1200, 299), /shorter side must be at least 300 px/],
    ['a photo over 50 megapixels', async () => sharp({ create: { width: 8000, height: 7000, channels: 3, background: '#fff' } }).png().toBuffer(), /at most 50 megapixels/],
  ])('refuses %s with 422 invalid_image, storing nothing', async (_name, make, message) => {
    const listing = await insertListing(sys, artisanId);
    const res = await h.addPhoto(owner, listing.id, { bytes: await make() }).expect(422);
    expect(res.body.error).toMatchObject({ code: 'invalid_image', message: expect.stringMatching(message), details: { field: 'file', expected: 'a JPEG, PNG or WebP image' } });
    expect(await h.photoRows(listing.id)).toEqual([]);
    expect(await h.incomingLeft()).toEqual([]);
    expect(await store.list(`listings/${listing.id}/`)).toEqual([]);
  });

  it('refuses a file over 10 MB with 413 and keeps none of it', async () => {
    const listing = await insertListing(sys, artisanId);
    const res = await h.addPhoto(owner, listing.id, { bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 7) }).expect(413);
    expect(res.body.error).toEqual({
      code: 'payload_too_large',
      message: 'The photo is larger than 10 MB; send a smaller one.',
      details: { field: 'file', maxBytes: 10 * 1024 * 1024 },
    });
    expect(await h.incomingLeft()).toEqual([]);
  });

  it('needs alt text (1–200 characters) and a file part, sent as multipart', async () => {
    const listing = await insertListing(sys, artisanId);
    const bytes = await png(400, 400);
    const noAlt = await h.addPhoto(owner, listing.id, { bytes, alt: null }).expect(400);
    expect(noAlt.body.error).toMatchObject({ code: 'validation_failed', details: [{ field: 'alt', messages: [expect.stringMatching(/alt text is required/)] }] });
    const blank = await h.addPhoto(owner, listing.id, { bytes, alt: '   ' }).expect(400);
    expect(blank.body.error.details).toEqual([{ field: 'alt', messages: [expect.stringMatching(/alt text is required/)] }]);
    const long = await h.addPhoto(owner, listing.id, { bytes, alt: 'x'.repeat(201) }).expect(400);
    expect(long.body.error.details).toEqual([{ field: 'alt', messages: ['alt text is at most 200 characters'] }]);

    const noFile = await h.api().post(`/api/v1/listings/${listing.id}/photos`).set(bearer(owner)).field('alt', 'Kain').expect(400);
    expect(noFile.body.error.details).toEqual([{ field: 'file', messages: ['file is required'] }]);
    const wrongPart = await h.api().post(`/api/v1/listings/${listing.id}/photos`).set(bearer(owner))
      .attach('image', bytes, 'p.png').field('alt', 'Kain').expect(400);
    expect(wrongPart.body.error.details).toEqual([{ field: 'image', messages: ['unexpected file part; name it "file"'] }]);
    const json = await h.api().post(`/api/v1/listings/${listing.id}/photos`).set(bearer(owner)).send({ alt: 'Kain' }).expect(415);
    expect(json.body.error.code).toBe('unsupported_media_type');

    // The alt field may come before or after the file.
    const altFirst = await h.api().post(`/api/v1/listings/${listing.id}/photos`).set(bearer(owner))
      .field('alt', 'Tampak depan').attach('file', bytes, 'p.png').expect(201);
    expect(altFirst.body.alt).toBe('Tampak depan');
    expect(await h.photoRows(listing.id)).toHaveLength(1);
    expect(await h.incomingLeft()).toEqual([]);
  });

  describe('a listing with several photos', () => {
    let listingId: string;
    let ids: string[];

    beforeAll(async () => {
      listingId = (await insertListing(sys, artisanId)).id;
      ids = [];
      for (let i = 0; i < 9; i++) {
        const res = await h.addPhoto(owner, listingId, { bytes: await png(300 + i, 300), alt: `Foto ${i + 1}` }).expect(201);
        expect(res.body.position).toBe(i);
        ids.push(res.body.id);
      }
    });

    it('refuses a 10th photo with 409 (TikTok Shop takes 9)', async () => {
      const res = await h.addPhoto(owner, listingId, { bytes: await png(400, 400) }).expect(409);
      expect(res.body.error).toMatchObject({ code: 'photo_limit_reached', message: expect.stringContaining('at most 9 photos'), details: { max: 9 } });
      expect(await h.photoRows(listingId)).toHaveLength(9);
      expect(await h.incomingLeft()).toEqual([]);
    });

    it('reorders to exactly the listing\'s photo ids, and refuses any other set with 400', async () => {
      const reversed = [...ids].reverse();
      const res = await h.api().put(`/api/v1/listings/${listingId}/photos/order`).set(bearer(owner)).send({ photoIds: reversed }).expect(200);
      expect(res.body.photos.map((p: PhotoBody) => [p.id, p.position])).toEqual(reversed.map((id, i) => [id, i]));
      expect((await h.photoRows(listingId)).map((r) => r.id)).toEqual(reversed);

      const missing = reversed.slice(1);
      const twice = [reversed[0], ...reversed.slice(0, 8)];
      const foreign = [...reversed.slice(0, 8), '0193a1b2-0000-7000-8000-000000000000'];
      for (const photoIds of [missing, twice, foreign, [...reversed, reversed[0]]]) {
        const bad = await h.api().put(`/api/v1/listings/${listingId}/photos/order`).set(bearer(owner)).send({ photoIds }).expect(400);
        expect(bad.body.error).toMatchObject({ code: 'validation_failed', details: [{ field: 'photoIds' }] });
      }
      expect((await h.photoRows(listingId)).map((r) => r.id)).toEqual(reversed);
      // The public copies learn the new order.
      const [last] = await queryDb<{ payload: { snapshot: { photos: Array<{ id: string }> } } }>(
        sys,
        `SELECT payload FROM catalog.outbox WHERE name = 'listing.updated' AND payload->>'listingId' = $1 ORDER BY id DESC LIMIT 1`,
        [listingId],
      );
      expect(last.payload.snapshot.photos.map((p) => p.id)).toEqual(reversed);
      ids = reversed;
    });

    it('edits alt text', async () => {
      const res = await h.api().patch(`/api/v1/listings/${listingId}/photos/${ids[2]}`).set(bearer(owner)).send({ alt: 'Detail tenunan' }).expect(200);
      expect(res.body).toMatchObject({ id: ids[2], position: 2, alt: 'Detail tenunan' });
      expect((await h.photoRows(listingId))[2].alt).toBe('Detail tenunan');
      await h.api().patch(`/api/v1/listings/${listingId}/photos/${ids[2]}`).set(bearer(owner)).send({ alt: '' }).expect(400);
      const other = (await insertListing(sys, artisanId)).id;
      await h.api().patch(`/api/v1/listings/${other}/photos/${ids[2]}`).set(bearer(owner)).send({ alt: 'Salah' }).expect(404);
    });

    it('removes a photo: the others move up and its files are deleted', async () => {
      const [gone] = (await h.photoRows(listingId)).filter((r) => r.id === ids[4]);
      await h.api().delete(`/api/v1/listings/${listingId}/photos/${gone.id}`).set(bearer(owner)).expect(204);
      const rows = await h.photoRows(listingId);
      expect(rows.map((r) => [r.id, r.position])).toEqual(ids.filter((id) => id !== gone.id).map((id, i) => [id, i]));
      expect(await store.list(`listings/${listingId}/${gone.id}/`)).toEqual([]);
      await expect(stat(path.join(mediaDir, 'listings', listingId, gone.id))).rejects.toThrow(/ENOENT/);
      await h.api().get(`/media/${gone.keys.card}`).expect(404);
      await h.api().get(`/media/${rows[0].keys.card}`).expect(200);
      await h.api().delete(`/api/v1/listings/${listingId}/photos/${gone.id}`).set(bearer(owner)).expect(404);
      ids = rows.map((r) => r.id);
    });

    it('refuses another artisan, a buyer and anonymous callers on every write, storing nothing', async () => {
      const rival = await register(sys);
      await insertArtisan(sys, rival.user.id);
      const buyer = await register(sys);
      const curator = await registerWithRoles(sys, ['curator']);
      const rowsBefore = await h.photoRows(listingId);
      const filesBefore = await store.list(`listings/${listingId}/`);
      const bytes = await png(400, 400);
      const refusals: Array<[Session | null, number, string]> = [
        [rival, 403, 'forbidden'],
        [buyer, 403, 'forbidden'],
        [curator, 403, 'forbidden'],
        [null, 401, 'unauthenticated'],
      ];
      for (const [who, status, code] of refusals) {
        const auth = who ? bearer(who) : {};
        const add = await h.addPhoto(who, listingId, { bytes }).expect(status);
        expect(add.body.error.code).toBe(code);
        await h.api().patch(`/api/v1/listings/${listingId}/photos/${ids[0]}`).set(auth).send({ alt: 'Milik saya' }).expect(status);
        await h.api().put(`/api/v1/listings/${listingId}/photos/order`).set(auth).send({ photoIds: [...ids].reverse() }).expect(status);
        await h.api().delete(`/api/v1/listings/${listingId}/photos/${ids[0]}`).set(auth).expect(status);
      }
      expect(await h.photoRows(listingId)).toEqual(rowsBefore);
      expect(await store.list(`listings/${listingId}/`)).toEqual(filesBefore);
      expect(await h.incomingLeft()).toEqual([]);
    });
  });

  it('leaves archived listings as they are, and unverified shops cannot add photos', async () => {
    const archived = await insertListing(sys, artisanId, { status: 'archived' });
    const res = await h.addPhoto(owner, archived.id, { bytes: await png(400, 400) }).expect(409);
    expect(res.body.error).toMatchObject({ code: 'invalid_transition', message: expect.stringContaining('archived') });
    await h.api().put(`/api/v1/listings/${archived.id}/photos/order`).set(bearer(owner)).send({ photoIds: [] }).expect(409);

    const pending = await register(sys);
    const pendingArtisan = await insertArtisan(sys, pending.user.id, { status: 'pending' });
    const draft = await insertListing(sys, pendingArtisan, { status: 'draft' });
    const refused = await h.addPhoto(pending, draft.id, { bytes: await png(400, 400) }).expect(403);
    expect(refused.body.error.code).toBe('artisan_not_verified');
    await h.addPhoto(owner, '0193a1b2-0000-7000-8000-000000000000', { bytes: await png(400, 400) }).expect(404);
    expect(await h.incomingLeft()).toEqual([]);
  });

  describe('the artisan profile photo', () => {
    const setPhoto = (who: Session | null, u: Upload) => h.upload(who, '/api/v1/artisans/me/photo', { ...u, alt: null }, 'put');

    it('is set by an artisan of any status, stripped, and replaces the old files', async () => {
      const applicant = await register(sys);
      const id = await insertArtisan(sys, applicant.user.id, { status: 'pending' });
      const first = await setPhoto(applicant, { bytes: await phoneJpeg(1200, 900) }).expect(200);
      expect(first.body.photo).toMatchObject({ width: 900, height: 1200 });
      expect(first.body.photo.urls.card).toMatch(new RegExp(`^/media/artisans/${id}/[0-9a-f-]{36}/card\\.webp$`));
      await expectStripped((await getImage(first.body.photo.urls.card).expect(200)).body, { width: 450, height: 600 });

      const second = await setPhoto(applicant, { bytes: await png(640, 640), filename: 'me.png', contentType: 'image/png' }).expect(200);
      const [row] = await queryDb<{ photo: { keys: Urls; width: number; height: number } }>(sys, 'SELECT photo FROM catalog.artisans WHERE id = $1', [id]);
      expect(row.photo).toMatchObject({ width: 640, height: 640 });
      expect(second.body.photo.urls.full).toBe(`/media/${row.photo.keys.full}`);
      expect(await store.list(`artisans/${id}/`)).toEqual(Object.values(row.photo.keys).sort());
      await h.api().get(first.body.photo.urls.card).expect(404);
      expect(await h.incomingLeft()).toEqual([]);
    });

    it('refuses a renamed non-image, and callers with no shop', async () => {
      const buyer = await register(sys);
      const noShop = await setPhoto(buyer, { bytes: await png(400, 400) }).expect(403);
      expect(noShop.body.error.code).toBe('forbidden');
      await setPhoto(null, { bytes: await png(400, 400) }).expect(401);
      const text = await setPhoto(owner, { bytes: Buffer.from('bukan foto'), filename: 'me.jpg' }).expect(422);
      expect(text.body.error.code).toBe('invalid_image');
      expect(await h.incomingLeft()).toEqual([]);
    });
  });

  it('serves renditions only: no listings, no raw uploads, no way out of the media folder', async () => {
    await store.put('listings/probe/p1/card.webp', await webp(300, 300));
    for (const folder of ['/media/', '/media/listings/', '/media/listings/probe/p1/']) {
      const res = await h.api().get(folder).expect(403);
      expect(res.body).toEqual({ error: { code: 'forbidden', message: 'Forbidden' } });
    }
    await h.api().get('/media/listings/probe/p1/card.webp').expect(200);
    await h.api().get('/media/listings/probe/p1/none.webp').expect(404);
    await store.delete(['listings/probe/p1/card.webp']);
    await store.put('incoming/0193a1b2-1111-7000-8000-000000000000', await phoneJpeg(600, 400));
    await h.api().get('/media/incoming/0193a1b2-1111-7000-8000-000000000000').expect(404);
    await store.delete(['incoming/0193a1b2-1111-7000-8000-000000000000']);
    for (const url of ['/media/../package.json', '/media/%2e%2e/package.json', '/media/..%2fpackage.json', '/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      const res = await h.api().get(url);
      expect(res.status).toBe(403);
      expect(res.text).not.toContain('pasar-kriya');
    }
  });

  it('deletes the upload itself when the catalog cannot be reached (503)', async () => {
    const listing = await insertListing(sys, artisanId);
    await sys.stopService('catalog');
    try {
      const res = await h.addPhoto(owner, listing.id, { bytes: await png(400, 400) }).expect(503);
      expect(res.body.error.code).toBe('service_unavailable');
      expect(await h.incomingLeft()).toEqual([]);
    } finally {
      await sys.startService('catalog');
    }
    await h.addPhoto(owner, listing.id, { bytes: await png(400, 400) }).expect(201);
  });
});

describe('photos in an S3-compatible bucket (s3rver)', () => {
  let s3: TestS3;
  let sys: TestSystem;
  let store: S3MediaStore;
  let owner: Session;
  let artisanId: string;
  const h = photoHarness(() => ({ sys, store }));

  beforeAll(async () => {
    s3 = await startS3();
    sys = await bootSystem('photos_s3', { services: ['catalog'], env: s3.env });
    store = new S3MediaStore(sys.config.media.s3!);
    owner = await register(sys);
    artisanId = await insertArtisan(sys, owner.user.id);
  });
  afterAll(async () => {
    await sys?.close();
    await store?.close();
    await s3?.close();
  });

  it('stores stripped renditions in the bucket, served from its public URL; removal deletes them', async () => {
    const listing = await insertListing(sys, artisanId);
    const res = await h.addPhoto(owner, listing.id, { bytes: await phoneJpeg(2400, 1600) }).expect(201);
    const photo = res.body as PhotoBody;
    expect(photo.urls.card).toBe(`${s3.endpoint}/${s3.bucket}/listings/${listing.id}/${photo.id}/card.webp`);
    const fetched = await fetch(photo.urls.card);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await expectStripped(Buffer.from(await fetched.arrayBuffer()), { width: 400, height: 600 });
    expect(await store.list(`listings/${listing.id}/`)).toHaveLength(3);
    expect(await h.incomingLeft()).toEqual([]);
    // Not on local disk, so the gateway serves no /media.
    await h.api().get(`/media/listings/${listing.id}/${photo.id}/card.webp`).expect(404);

    await h.api().delete(`/api/v1/listings/${listing.id}/photos/${photo.id}`).set(bearer(owner)).expect(204);
    expect(await store.list(`listings/${listing.id}/`)).toEqual([]);
  });

  it('keeps nothing of a refused image or a refused caller', async () => {
    const listing = await insertListing(sys, artisanId);
    await h.addPhoto(owner, listing.id, { bytes: Buffer.from('bukan foto') }).expect(422);
    const buyer = await register(sys);
    await h.addPhoto(buyer, listing.id, { bytes: await png(400, 400) }).expect(403);
    await h.addPhoto(owner, listing.id, { bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 7) }).expect(413);
    expect(await h.incomingLeft()).toEqual([]);
    expect(await store.list(`listings/${listing.id}/`)).toEqual([]);
  });
});
