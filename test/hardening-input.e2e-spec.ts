import request from 'supertest';
import { MAX_INPUT_DEPTH, MAX_OFFSET, TEXT_PROBLEMS, newId } from '@pk/core';
import { signBankCallback } from '../apps/payments/src/providers/bank-callback-signature';
import { bootSystem, TestSystem } from './support/apps';
import { FixtureListing, insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { bearer, register, registerWithRoles, Session } from './support/http';
import { png } from './support/images';

// Issue 17, "bad input that answers 5xx": each class of bad input is a 400 naming the field,
// with no stack or SQL in the body and nothing written, on routes enumerated from the OpenAPI
// document (every write route for the body classes, every paged list for the offset).

const V1 = '/api/v1';
const BANK_SECRET = 'hardening-bank-callback-secret-0123';
const HUGE = '99999999999999999999';

interface Problem { field: string; messages: string[] }
interface Operation { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; summary: string; multipart: boolean }

/** A 400 validation_failed whose details name `field` with `message`, and nothing a person should not see. */
function expectRefused(res: request.Response, field: string, message: string | RegExp, route = '') {
  const seen = `${route} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  expect({ route, status: res.status, code: res.body?.error?.code }).toEqual({ route, status: 400, code: 'validation_failed' });
  const problem = problemsOf(res).find((d) => d.field === field);
  expect({ seen, field: problem?.field }).toEqual({ seen, field });
  const said = problem!.messages.some((m) => (typeof message === 'string' ? m === message : message.test(m)));
  expect({ seen, said }).toEqual({ seen, said: true });
  expect(res.body.error.message).toContain(field);
  expectNothingInternal(res);
}

const problemsOf = (res: request.Response): Problem[] => {
  const details: unknown = res.body?.error?.details;
  return Array.isArray(details) ? (details as Problem[]) : [];
};

function expectNothingInternal(res: request.Response) {
  expect(res.text).not.toMatch(/\s+at\s+\S+\s+\(|node_modules|Error:|QueryFailedError|SELECT |INSERT |UPDATE |bigint|invalid byte sequence|URIError|Maximum call stack/i);
}

const count = async (sys: TestSystem, table: string): Promise<number> =>
  Number((await queryDb<{ n: string }>(sys, `SELECT count(*)::text AS n FROM ${table}`))[0].n);

describe('hardening: bad input is a 400 naming the field, never a 5xx, and writes nothing', () => {
  let sys: TestSystem;
  let admin: Session; // every role, with a shop: no route refuses it for want of a role
  let artisan: Session;
  let artisanId: string;
  let shopSlug: string;
  let curator: Session;
  let listing: FixtureListing;
  let campaign: { id: string; slug: string };
  let collection: { id: string };
  let addressId: string;
  let operations: Operation[];
  let tables: string[];
  let counts: () => Promise<Record<string, number>>;

  const api = () => request(sys.http);

  beforeAll(async () => {
    sys = await bootSystem('hardening-input', { env: { BANK_CALLBACK_SECRET: BANK_SECRET, SEARCH_RECONCILE_SECONDS: '3600' } });
    admin = await registerWithRoles(sys, ['buyer', 'artisan', 'curator', 'admin']);
    await insertArtisan(sys, admin.user.id);
    artisan = await registerWithRoles(sys, ['buyer', 'artisan']);
    shopSlug = `toko-keras-${newId().slice(-6)}`;
    artisanId = await insertArtisan(sys, artisan.user.id, { shopSlug });
    curator = await registerWithRoles(sys, ['buyer', 'curator']);
    listing = await insertListing(sys, artisanId);

    const address = await api()
      .post(`${V1}/addresses`)
      .set(bearer(artisan))
      .send({ label: 'Rumah', recipient: 'Ni Made Ayu', phone: '081234567890', street: 'Jl. Raya Sidemen 12', district: 'Sidemen', city: 'Karangasem', province: 'Bali', postalCode: '80864' })
      .expect(201);
    addressId = address.body.id;
    const start = new Date(Date.now() + 86_400_000);
    const made = await api()
      .post(`${V1}/curation/campaigns`)
      .set(bearer(curator))
      .send({
        kind: 'campaign',
        slug: `selasa-endek-${newId().slice(-6)}`,
        title: { id: 'Selasa Endek' },
        description: { id: 'Endek untuk hari Selasa.' },
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 7 * 86_400_000).toISOString(),
        discountPercent: 10,
      })
      .expect(201);
    campaign = { id: made.body.id, slug: made.body.slug };
    const col = await api()
      .post(`${V1}/curation/collections`)
      .set(bearer(curator))
      .send({ slug: `tenun-${newId().slice(-6)}`, title: { id: 'Tenun pilihan' }, description: { id: 'Tenun pilihan dewan kerajinan.' } })
      .expect(201);
    collection = { id: col.body.id };

    const doc = (await api().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { summary?: string; requestBody?: { content?: Record<string, unknown> } }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method as Operation['method'],
        path,
        summary: op.summary ?? '',
        multipart: !!op.requestBody?.content?.['multipart/form-data'],
      })),
    );
    // What a refused request must leave as it was: every table a write route of these apps touches first.
    tables = [
      'identity.users',
      'identity.curator_actions',
      'catalog.listings',
      'catalog.variants',
      'catalog.listing_photos',
      'catalog.campaigns',
      'catalog.collections',
      'catalog.imports',
      'orders.addresses',
      'orders.carts',
      'orders.reviews',
      'payments.webhook_events',
    ];
    counts = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(sys, t)])));
  });
  afterAll(() => sys?.close());

  /** A concrete URL for a documented path: real ids and slugs where the fixtures have them. */
  const urlOf = (path: string): string =>
    V1 +
    path
      .replace(/^\/api\/v1/, '')
      .replace(/^\/shops\/\{slug\}/, `/shops/${shopSlug}`)
      .replace(/^\/campaigns\/\{slug\}/, `/campaigns/${campaign.slug}`)
      .replace(/^\/listings\/\{id\}/, `/listings/${listing.id}`)
      .replace(/^\/curation\/campaigns\/\{id\}/, `/curation/campaigns/${campaign.id}`)
      .replace(/^\/curation\/collections\/\{id\}/, `/curation/collections/${collection.id}`)
      .replace(/^\/addresses\/\{id\}/, `/addresses/${addressId}`)
      .replace(/\{variantId\}/, listing.variants[0].id)
      .replace(/\{[^}]+\}/g, () => newId());

  // Every route with a body, but the photo forms (a class of their own below).
  const writeRoutes = () => operations.filter((o) => ['post', 'put', 'patch'].includes(o.method) && !o.multipart && o.path.startsWith(V1));

  const send = (o: Pick<Operation, 'method'>, url: string, raw: string, who: Session = admin) =>
    api()[o.method](url).set(bearer(who)).set('content-type', 'application/json').send(raw);

  describe('a huge offset', () => {
    it(`is a 400 naming offset (at most ${MAX_OFFSET}) on every paged list of the OpenAPI document, and no GET answers 5xx`, async () => {
      const reads = operations.filter((o) => o.method === 'get' && o.path.startsWith(V1));
      const paged: string[] = [];
      for (const o of reads) {
        const url = urlOf(o.path);
        // A list is paged when it reads ?offset: a negative one is refused naming it.
        const negative = await api().get(`${url}${url.includes('?') ? '&' : '?'}offset=-1`).set(bearer(admin));
        const huge = await api().get(`${url}${url.includes('?') ? '&' : '?'}offset=${HUGE}`).set(bearer(admin));
        expect({ route: o.path, status: huge.status < 500 }).toEqual({ route: o.path, status: true });
        expectNothingInternal(huge);
        const readsOffset = problemsOf(negative).some((d) => d.field === 'offset' && d.messages.includes('cannot be negative'));
        if (!readsOffset) continue;
        paged.push(o.path);
        expectRefused(huge, 'offset', /at most 1000000/, o.path);
      }
      expect(paged.length).toBeGreaterThanOrEqual(20);
      expect(paged).toEqual(expect.arrayContaining(['/api/v1/campaigns', '/api/v1/shops/{slug}', '/api/v1/listings/{id}/reviews']));
      for (const path of ['/campaigns', `/shops/${shopSlug}`, `/listings/${listing.id}/reviews`, `/campaigns/${campaign.slug}`]) {
        expectRefused(await api().get(`${V1}${path}?offset=${HUGE}`), 'offset', /at most 1000000/, `anonymous ${path}`);
      }
      // The largest offset allowed still answers (an empty page).
      const last = await api().get(`${V1}/campaigns?offset=${MAX_OFFSET}`).expect(200);
      expect(last.body.items).toEqual([]);
    });
  });

  describe('a NUL character', () => {
    it('in any text field of a write body is a 400 naming it, on every write route, and nothing is written', async () => {
      const before = await counts();
      const routes = writeRoutes();
      expect(routes.length).toBeGreaterThanOrEqual(60);
      for (const o of routes) {
        expectRefused(await send(o, urlOf(o.path), '{"note":"kain\\u0000endek"}'), 'note', TEXT_PROBLEMS.nul, `${o.method} ${o.path}`);
      }
      expect(await counts()).toEqual(before);
    });

    it('in otherwise valid bodies (register, an address, a variant), a query and a path', async () => {
      const before = await counts();
      const email = `nul.${newId().slice(-8)}@example.com`;
      expectRefused(
        await api().post(`${V1}/auth/register`).send({ email, password: 'correct-horse-battery', displayName: 'Ketut\u0000' }),
        'displayName',
        TEXT_PROBLEMS.nul,
      );
      expectRefused(
        await api()
          .post(`${V1}/addresses`)
          .set(bearer(artisan))
          .send({ recipient: 'Ni Made', phone: '081234567890', street: 'Jl. Raya\u0000 12', district: 'Sidemen', city: 'Karangasem', province: 'Bali', postalCode: '80864' }),
        'street',
        TEXT_PROBLEMS.nul,
      );
      expectRefused(
        await api().post(`${V1}/listings/${listing.id}/variants`).set(bearer(artisan)).send({ sku: 'SEL-NUL', options: { warna: 'mer\u0000ah' }, price: 350000, stock: 1 }),
        'options.warna',
        TEXT_PROBLEMS.nul,
      );
      expectRefused(await api().get(`${V1}/listings/mine?status=draft%00`).set(bearer(artisan)), 'status', TEXT_PROBLEMS.nul);
      expectRefused(await api().get(`${V1}/shops/toko%00`), 'slug', TEXT_PROBLEMS.nul);
      expect(await counts()).toEqual(before);
      await api().post(`${V1}/auth/login`).send({ email, password: 'correct-horse-battery' }).expect(401);
    });

    it('in any query value or path parameter is a 400 naming it, on every route of the OpenAPI document', async () => {
      const before = await counts();
      const routes = operations.filter((o) => o.path.startsWith(V1) && !o.multipart);
      for (const o of routes.filter((r) => r.method === 'get')) {
        expectRefused(await api().get(`${urlOf(o.path)}?note=kain%00endek`).set(bearer(admin)), 'note', TEXT_PROBLEMS.nul, `get ${o.path}?note`);
      }
      const withParams = routes.filter((o) => /\{[^}]+\}/.test(o.path));
      expect(withParams.length).toBeGreaterThanOrEqual(50);
      for (const o of withParams) {
        const name = /\{([^}]+)\}/.exec(o.path)![1];
        const url = V1 + o.path.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}/g, 'k%00');
        const bodiless = o.method === 'get' || o.method === 'delete';
        const res = bodiless ? await api()[o.method](url).set(bearer(admin)) : await send(o, url, '{}');
        expectRefused(res, name, TEXT_PROBLEMS.nul, `${o.method} ${o.path}`);
      }
      expect(await counts()).toEqual(before);
    });

    it("in the signed bank callback's reference is a 400 naming reference, and no event is stored", async () => {
      const before = await count(sys, 'payments.webhook_events');
      const raw = JSON.stringify({ virtualAccount: '8808123456789012', amount: '350000', paidAt: new Date().toISOString(), reference: 'TRX\u00001' });
      const res = await api()
        .post(`${V1}/webhooks/bank`)
        .set('content-type', 'application/json')
        .set('x-bank-signature', signBankCallback(raw, BANK_SECRET))
        .send(raw);
      expectRefused(res, 'reference', /NUL/);
      expect(await count(sys, 'payments.webhook_events')).toBe(before);
    });

    it('in a CSV cell is that cell of that row: named in the preview, and the import is refused with nothing written', async () => {
      const header = 'listing_id,handle,title_id,title_en,description_id,description_en,category,materials,techniques,regency,length_cm,width_cm,height_cm,weight_grams,handmade,lead_time_days,sku,options,price,stock';
      const cells = ',selendang,Selendang\u0000 endek,,Selendang endek tenun tangan dari Sidemen.,,endek,benang katun,tenun ikat,karangasem,180,50,0.5,200,yes,,SEL-NUL,ukuran=M,350000,5';
      const csv = `${header}\n${cells}\n`;
      const preview = await api().post(`${V1}/listings/imports/preview`).set(bearer(artisan)).set('content-type', 'text/csv').send(csv);
      expect(preview.status).toBe(200);
      expect(preview.body.errors).toEqual([{ line: 2, column: 'title_id', message: TEXT_PROBLEMS.nul }]);
      const before = await counts();
      const start = await api().post(`${V1}/listings/imports`).set(bearer(artisan)).set('content-type', 'text/csv').send(csv);
      expect(start.status).toBe(422);
      expect(start.body.error).toMatchObject({ code: 'invalid_csv', details: { errors: [{ line: 2, column: 'title_id', message: TEXT_PROBLEMS.nul }] } });
      expectNothingInternal(start);
      expect(await counts()).toEqual(before);
    });

    it("in a photo form's alt text is a 400 naming alt, and no photo is kept", async () => {
      const before = await counts();
      const res = await api()
        .post(`${V1}/listings/${listing.id}/photos`)
        .set(bearer(artisan))
        .attach('file', await png(400, 300), { filename: 'kain.png', contentType: 'image/png' })
        .field('alt', 'Kain\u0000 endek');
      expectRefused(res, 'alt', TEXT_PROBLEMS.nul);
      expect(await counts()).toEqual(before);
    });
  });

  describe('a lone UTF-16 surrogate', () => {
    it('in the email of login and register is a 400 naming email', async () => {
      const before = await counts();
      expectRefused(await api().post(`${V1}/auth/login`).send({ email: '\ud800@x.com', password: 'correct-horse-battery' }), 'email', TEXT_PROBLEMS.surrogate);
      expectRefused(
        await api().post(`${V1}/auth/register`).send({ email: '\ud800@x.com', password: 'correct-horse-battery', displayName: 'Ketut' }),
        'email',
        TEXT_PROBLEMS.surrogate,
      );
      expect(await counts()).toEqual(before);
    });

    it("in a variant's options is a 400 naming the option, and the variant is unchanged", async () => {
      const url = `${V1}/listings/${listing.id}/variants/${listing.variants[0].id}`;
      const res = await api().patch(url).set(bearer(artisan)).set('content-type', 'application/json').send('{"options":{"warna":"merah \\udc00"}}');
      expectRefused(res, 'options.warna', TEXT_PROBLEMS.surrogate);
      const [row] = await queryDb<{ options: unknown }>(sys, 'SELECT options FROM catalog.variants WHERE id = $1', [listing.variants[0].id]);
      expect(row.options).toEqual({});
    });

    it('on every write route, in a value or a field name', async () => {
      const before = await counts();
      for (const o of writeRoutes()) {
        expectRefused(await send(o, urlOf(o.path), '{"note":"\\ud83d"}'), 'note', TEXT_PROBLEMS.surrogate, `${o.method} ${o.path}`);
      }
      const o = writeRoutes().find((r) => r.path === '/api/v1/cart/lines')!;
      expectRefused(await send(o, urlOf(o.path), '{"x\\udfff":1}'), 'x\\udfff', /^the field name /, 'cart lines key');
      expect(await counts()).toEqual(before);
    });
  });

  describe('JSON nested 5,000 levels deep', () => {
    const deep = `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;

    it(`is a 400 naming the outermost field on every write route (anonymous /auth, /cart, /shipping/quote included)`, async () => {
      expect(deep.length).toBeLessThan(12_000);
      const before = await counts();
      const routes = writeRoutes();
      expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/cart/lines', '/api/v1/shipping/quote']));
      for (const o of routes) {
        expectRefused(await send(o, urlOf(o.path), deep), 'x', TEXT_PROBLEMS.depth, `${o.method} ${o.path}`);
      }
      for (const path of ['/auth/register', '/auth/login', '/auth/refresh', '/cart/anonymous', '/shipping/quote']) {
        const res = await api().post(`${V1}${path}`).set('content-type', 'application/json').send(deep);
        expectRefused(res, 'x', TEXT_PROBLEMS.depth, `anonymous ${path}`);
      }
      expect(await counts()).toEqual(before);
      // Up to the limit, nesting is left to the route's own validation (here: x is not a login field).
      const ok = `{"x":${'['.repeat(MAX_INPUT_DEPTH - 1)}${']'.repeat(MAX_INPUT_DEPTH - 1)}}`;
      const shallow = await api().post(`${V1}/auth/login`).set('content-type', 'application/json').send(ok);
      expect(problemsOf(shallow)).toContainEqual({ field: 'x', messages: ['property x should not exist'] });
    });
  });

  describe('a malformed multipart upload', () => {
    // A curator's upload is an audited attempt, kept with its 400; nothing else may change.
    const stored = async () => {
      const { ['identity.curator_actions']: _audited, ...rest } = await counts();
      return rest;
    };
    const auditedUploads = () =>
      queryDb<{ status: number | null; error_code: string | null }>(sys, `SELECT status, error_code FROM identity.curator_actions WHERE action LIKE 'PUT %' AND (action LIKE '%/cover' OR action LIKE '%/banner')`);
    const uploads = () => [
      { method: 'post' as const, url: `${V1}/listings/${listing.id}/photos`, who: artisan },
      { method: 'put' as const, url: `${V1}/artisans/me/photo`, who: artisan },
      { method: 'put' as const, url: `${V1}/curation/collections/${collection.id}/cover`, who: curator },
      { method: 'put' as const, url: `${V1}/curation/campaigns/${campaign.id}/banner`, who: curator },
    ];

    it('with an empty file part is a 400 naming file on each upload route of the OpenAPI document, and nothing is kept', async () => {
      const documented = operations.filter((o) => o.multipart).map((o) => `${o.method} ${urlOf(o.path)}`);
      expect(documented.sort()).toEqual(uploads().map((u) => `${u.method} ${u.url}`).sort());
      const before = await stored();
      for (const u of uploads()) {
        const res = await api()[u.method](u.url).set(bearer(u.who)).attach('file', Buffer.alloc(0), { filename: 'kosong.png', contentType: 'image/png' }).field('alt', 'Kain endek');
        expectRefused(res, 'file', 'the file is empty', u.url);
      }
      expect(await stored()).toEqual(before);
      expect(await auditedUploads()).toEqual(Array(2).fill({ status: 400, error_code: 'validation_failed' }));
    });

    it('with a truncated body is a 400 naming file, and nothing is kept', async () => {
      const before = await stored();
      const image = await png(200, 150);
      for (const u of uploads()) {
        const boundary = '----pasarkriya' + newId().slice(-12);
        const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="kain.png"\r\ncontent-type: image/png\r\n\r\n`);
        // The file's bytes stop halfway and the closing boundary never comes.
        const body = Buffer.concat([head, image.subarray(0, image.length >> 1)]);
        const res = await api()[u.method](u.url).set(bearer(u.who)).set('content-type', `multipart/form-data; boundary=${boundary}`).send(body);
        expectRefused(res, 'file', /ended early/, u.url);
      }
      expect(await stored()).toEqual(before);
      expect(await auditedUploads()).toEqual(Array(4).fill({ status: 400, error_code: 'validation_failed' }));
    });
  });

  describe("a curator's write holding a NUL or a lone surrogate", () => {
    it('is the 400 of the bad input, not a 503 from the audit log, and the log keeps nothing', async () => {
      const before = await counts();
      expectRefused(
        await api().patch(`${V1}/curation/campaigns/${campaign.id}`).set(bearer(curator)).send({ title: { id: 'Selasa\u0000 Endek' } }),
        'title.id',
        TEXT_PROBLEMS.nul,
      );
      expectRefused(
        await api().patch(`${V1}/curation/collections/${collection.id}`).set(bearer(curator)).set('content-type', 'application/json').send('{"description":{"id":"Tenun \\ud800 pilihan"}}'),
        'description.id',
        TEXT_PROBLEMS.surrogate,
      );
      expectRefused(await api().post(`${V1}/curation/campaigns/abc%00/cancel`).set(bearer(curator)).send({ reason: 'salah' }), 'id', TEXT_PROBLEMS.nul);
      expect(await counts()).toEqual(before);
      const [row] = await queryDb<{ title_id: string }>(sys, 'SELECT title_id FROM catalog.campaigns WHERE id = $1', [campaign.id]);
      expect(row.title_id).toBe('Selasa Endek');
    });
  });

  describe('a number that overflows to Infinity (1e400)', () => {
    it("is a 400 naming the field: an address's label, a listing's leadTimeDays, a campaign's discountPercent; none is cleared", async () => {
      expectRefused(
        await api().patch(`${V1}/addresses/${addressId}`).set(bearer(artisan)).set('content-type', 'application/json').send('{"label":1e400}'),
        'label',
        TEXT_PROBLEMS.infinite,
      );
      const addresses = await api().get(`${V1}/addresses`).set(bearer(artisan)).expect(200);
      expect(JSON.stringify(addresses.body)).toContain('"label":"Rumah"');

      await queryDb(sys, 'UPDATE catalog.listings SET lead_time_days = 7 WHERE id = $1', [listing.id]);
      expectRefused(
        await api().patch(`${V1}/listings/${listing.id}`).set(bearer(artisan)).set('content-type', 'application/json').send('{"leadTimeDays":1e400}'),
        'leadTimeDays',
        TEXT_PROBLEMS.infinite,
      );
      const [l] = await queryDb<{ lead_time_days: number | null }>(sys, 'SELECT lead_time_days FROM catalog.listings WHERE id = $1', [listing.id]);
      expect(l.lead_time_days).toBe(7);

      expectRefused(
        await api().patch(`${V1}/curation/campaigns/${campaign.id}`).set(bearer(curator)).set('content-type', 'application/json').send('{"discountPercent":-1e400}'),
        'discountPercent',
        TEXT_PROBLEMS.infinite,
      );
      const [c] = await queryDb<{ discount_percent: number | null }>(sys, 'SELECT discount_percent FROM catalog.campaigns WHERE id = $1', [campaign.id]);
      expect(c.discount_percent).toBe(10);
    });

    it('is refused on every write route', async () => {
      const before = await counts();
      for (const o of writeRoutes()) {
        expectRefused(await send(o, urlOf(o.path), '{"n":[1,1e999]}'), 'n.1', TEXT_PROBLEMS.infinite, `${o.method} ${o.path}`);
      }
      expect(await counts()).toEqual(before);
    });
  });
});
