import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { Client } from 'pg';
import { newId } from '@pk/core';
import { CSV_COLUMNS, CsvColumn } from '../apps/catalog/src/bulk/csv-format';
import { bootSystem, TestSystem } from './support/apps';
import { insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer, register, registerWithRoles, Session } from './support/http';

type Row = Partial<Record<CsvColumn, string>>;

/** A row that passes every rule; tests change the cells they are about. */
const row = (over: Row = {}): Row => ({
  listing_id: '',
  handle: 'selendang',
  title_id: 'Selendang endek Sidemen',
  title_en: 'Sidemen endek shawl',
  description_id: 'Selendang endek tenun tangan dari Sidemen, Karangasem.',
  description_en: '',
  category: 'endek',
  materials: 'benang katun;pewarna alam',
  techniques: 'tenun ikat',
  regency: 'karangasem',
  length_cm: '180',
  width_cm: '50',
  height_cm: '0.5',
  weight_grams: '200',
  handmade: 'yes',
  lead_time_days: '',
  sku: 'SEL-M',
  options: 'ukuran=M;warna=merah',
  price: '350000',
  stock: '5',
  ...over,
});

const csvOf = (rows: Row[], columns: readonly string[] = CSV_COLUMNS): string =>
  stringify([[...columns], ...rows.map((r) => columns.map((c) => r[c as CsvColumn] ?? ''))]);

interface Problem { line: number; column?: string; message: string }

const CSV_LIMIT = 2_000_000;

describe('bulk upload: CSV preview, all-or-nothing import job, export round trip', () => {
  let sys: TestSystem;
  let owner: Session;
  let artisanId: string;
  let other: Session;

  beforeAll(async () => {
    sys = await bootSystem('bulk-upload', { services: ['catalog'], env: { CSV_BODY_LIMIT_BYTES: String(CSV_LIMIT) } });
    owner = await register(sys);
    artisanId = await insertArtisan(sys, owner.user.id);
    other = await register(sys);
    await insertArtisan(sys, other.user.id);
  });
  afterAll(() => sys?.close());

  const api = () => request(sys.http);
  const send = (path: string, s: Session, csv: string | Buffer) =>
    api().post(`/api/v1/listings/imports${path}`).set(bearer(s)).set('content-type', 'text/csv').send(Buffer.isBuffer(csv) ? csv : Buffer.from(csv));
  const preview = (s: Session, csv: string | Buffer) => send('/preview', s, csv);
  const start = (s: Session, csv: string | Buffer) => send('', s, csv);
  const poll = (s: Session, id: string) => api().get(`/api/v1/listings/imports/${id}`).set(bearer(s));
  const settled = (s: Session, id: string, status: 'succeeded' | 'failed') =>
    eventually(
      async () => {
        const res = await poll(s, id).expect(200);
        expect(res.body.status).toBe(status);
        return res.body;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  const listingsOf = (id: string) => queryDb<{ n: number }>(sys, 'SELECT count(*)::int AS n FROM catalog.listings WHERE artisan_id = $1', [id]);
  const skus = (list: string[]) =>
    queryDb<{ sku: string }>(sys, 'SELECT sku FROM catalog.variants WHERE artisan_id = $1 AND sku = ANY($2) ORDER BY sku', [artisanId, list]);

  /**
   * Takes a SKU in another transaction and holds it uncommitted: an import checks the shop
   * without seeing it, then its insert of that SKU waits on the unique index.
   */
  async function holdSku(sku: string): Promise<Client> {
    const pg = new Client({ connectionString: sys.db.url });
    await pg.connect();
    const listingId = newId();
    await pg.query('BEGIN');
    await pg.query(
      `INSERT INTO catalog.listings (id, artisan_id, title_id, description_id, category_id, regency, length_cm, width_cm, height_cm, weight_grams)
       SELECT $1, $2, 'Kain endek pesaing', 'Dibuat di transaksi lain.', id, 'gianyar', 10, 10, 1, 100 FROM catalog.categories WHERE slug = 'endek'`,
      [listingId, artisanId],
    );
    await pg.query(`INSERT INTO catalog.variants (id, listing_id, artisan_id, sku, price, stock) VALUES ($1, $2, $3, $4, 1000, 1)`, [newId(), listingId, artisanId, sku]);
    return pg;
  }
  /** The import's database session, once it waits on a held SKU. */
  const blockedImport = () =>
    eventually(async () => {
      const [waiting] = await queryDb<{ pid: number }>(sys, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      expect(waiting).toBeDefined();
      return waiting.pid;
    });

  it('previews a file with bad rows: each with its line, column and reason, and writes nothing', async () => {
    await insertListing(sys, artisanId, { variants: [{ sku: 'ADA-1' }] });
    const before = await listingsOf(artisanId);
    const csv = csvOf([
      row({ sku: 'SEL-M' }), // line 2: fine
      row({ sku: 'SEL-L', price: '-5000' }), // 3: negative price
      row({ handle: 'batik', category: 'batik-jawa', sku: 'BAT-1' }), // 4: not in the taxonomy
      row({ handle: 'kamben', sku: 'ada-1' }), // 5: another listing of the shop has it (SKUs ignore case)
      row({ handle: 'saput', sku: 'SEL-M' }), // 6: line 2 has it
      row({ sku: 'SEL-XL', title_id: 'Selendang lain' }), // 7: disagrees with line 2 about the listing
      row({ handle: 'udeng', sku: 'UDG-1', stock: 'lima' }), // 8: not a number
    ]);
    const res = await preview(owner, csv).expect(200);
    expect(res.body.rows).toBe(7);
    expect(res.body.listings).toEqual({ create: 5, update: 0 });
    expect(res.body.errors.map((e: Problem) => [e.line, e.column])).toEqual([
      [3, 'price'],
      [4, 'category'],
      [5, 'sku'],
      [6, 'sku'],
      [7, 'title_id'],
      [8, 'stock'],
    ]);
    const [price, category, shopClash, fileClash, disagrees, stock] = res.body.errors as Problem[];
    expect(price.message).toBe('whole rupiah as digits');
    expect(category.message).toMatch(/unknown category "batik-jawa"/);
    expect(shopClash.message).toMatch(/SKU ada-1 is already used by another listing of your shop/);
    expect(fileClash.message).toMatch(/SKU SEL-M is also on line 2/);
    expect(disagrees.message).toMatch(/differs from line 2/);
    expect(stock.message).toMatch(/whole number/);

    // The import refuses the same file with the same errors, and nothing is written either way.
    const refused = await start(owner, csv).expect(422);
    expect(refused.body.error.code).toBe('invalid_csv');
    expect(refused.body.error.details.errors).toEqual(res.body.errors);
    expect(await listingsOf(artisanId)).toEqual(before);
    expect(await queryDb(sys, 'SELECT id FROM catalog.imports')).toEqual([]);
  });

  it('refuses a file with missing or unknown columns, naming them, and one that is too long or too large', async () => {
    const columns = [...CSV_COLUMNS.filter((c) => c !== 'stock' && c !== 'weight_grams'), 'colour'];
    const res = await preview(owner, csvOf([row()], columns)).expect(422);
    expect(res.body.error.code).toBe('invalid_csv');
    expect(res.body.error.message).toMatch(/missing columns: weight_grams, stock; unknown columns: colour/);
    expect(res.body.error.details).toMatchObject({ missing: ['weight_grams', 'stock'], unknown: ['colour'] });

    const rows = Array.from({ length: 5_001 }, (_, i) => row({ handle: `h${i}`, sku: `S-${i}` }));
    const long = await preview(owner, csvOf(rows)).expect(422);
    expect(long.body.error).toMatchObject({ code: 'invalid_csv', message: expect.stringMatching(/5001 rows; at most 5000/) });
    const large = await preview(owner, Buffer.alloc(CSV_LIMIT + 1, 'a')).expect(413);
    expect(large.body.error.code).toBe('payload_too_large');
  });

  it('refuses bytes that are not UTF-8, naming the first bad row', async () => {
    const good = csvOf([row(), row({ sku: 'SEL-L' }), row({ sku: 'SEL-XL' })]);
    const [header, l2, l3, l4] = good.split('\n');
    // line 3 saved by a spreadsheet in Windows-1252: é is the single byte 0xE9
    const bad = Buffer.concat([Buffer.from(`${header}\n${l2}\n`), Buffer.from(l3.replace('Sidemen endek', 'Négara endek'), 'latin1'), Buffer.from(`\n${l4}\n`)]);
    const res = await preview(owner, bad).expect(422);
    expect(res.body.error.code).toBe('invalid_csv');
    expect(res.body.error.details.errors).toEqual([{ line: 3, message: expect.stringMatching(/UTF-8/) }]);
    expect(res.body.error.message).toMatch(/row 3/);

    // A BOM and semicolons (Excel in an Indonesian locale) are fine.
    const semicolons = `\uFEFF${stringify([[...CSV_COLUMNS], CSV_COLUMNS.map((c) => row()[c] ?? '')], { delimiter: ';' })}`;
    await preview(owner, semicolons).expect(200).expect(({ body }) => expect(body).toEqual({ rows: 1, listings: { create: 1, update: 0 }, errors: [] }));
  });

  it('imports a good file as drafts with their variants, all in one job, progress reaching the total', async () => {
    const csv = csvOf([
      row({ handle: 'kamen', title_id: 'Kamen endek cepuk', sku: 'KMN-S', options: 'ukuran=S', price: '425000', stock: '3' }),
      row({ handle: 'kamen', title_id: 'Kamen endek cepuk', sku: 'KMN-M', options: 'ukuran=M', price: '450000', stock: '4' }),
      row({
        handle: 'cincin',
        title_id: 'Cincin perak Celuk',
        title_en: '',
        description_id: 'Cincin perak 925 buatan tangan pengrajin Celuk, Gianyar.',
        category: 'silver-jewellery',
        materials: 'perak 925',
        techniques: 'filigri;granulasi',
        regency: 'Gianyar',
        length_cm: '2,5',
        width_cm: '2',
        height_cm: '1',
        weight_grams: '8',
        handmade: 'ya',
        lead_time_days: '14',
        sku: 'CIN-7',
        options: 'ukuran=7',
        price: '1250000',
        stock: '0',
      }),
    ]);
    await preview(owner, csv).expect(200).expect(({ body }) => expect(body).toEqual({ rows: 3, listings: { create: 2, update: 0 }, errors: [] }));
    const accepted = await start(owner, csv).expect(202);
    expect(accepted.body).toMatchObject({ id: expect.any(String), status: 'queued', rows: 3, listings: { create: 2, update: 0 } });

    const done = await settled(owner, accepted.body.id, 'succeeded');
    expect(done).toMatchObject({ rows: 3, processedRows: 3, errors: [], attempts: 1, updatedListingIds: [] });
    expect(done.createdListingIds).toHaveLength(2);
    const listings = await queryDb<Record<string, unknown>>(
      sys,
      `SELECT l.id, l.status, l.title_id, l.title_en, c.slug AS category, l.materials, l.techniques, l.regency, l.length_cm::float AS length,
              l.handmade, l.lead_time_days,
              (SELECT json_agg(json_build_object('sku', v.sku, 'options', v.options, 'price', v.price::text, 'stock', v.stock) ORDER BY v.position)
               FROM catalog.variants v WHERE v.listing_id = l.id) AS variants
       FROM catalog.listings l JOIN catalog.categories c ON c.id = l.category_id WHERE l.id = ANY($1) ORDER BY l.created_at`,
      [done.createdListingIds],
    );
    expect(listings).toEqual([
      expect.objectContaining({
        id: done.createdListingIds[0],
        status: 'draft',
        title_id: 'Kamen endek cepuk',
        category: 'endek',
        materials: ['benang katun', 'pewarna alam'],
        handmade: true,
        lead_time_days: null,
        variants: [
          { sku: 'KMN-S', options: { ukuran: 'S' }, price: '425000', stock: 3 },
          { sku: 'KMN-M', options: { ukuran: 'M' }, price: '450000', stock: 4 },
        ],
      }),
      expect.objectContaining({
        id: done.createdListingIds[1],
        status: 'draft',
        title_en: null,
        category: 'silver-jewellery',
        techniques: ['filigri', 'granulasi'],
        regency: 'gianyar',
        length: 2.5,
        handmade: true,
        lead_time_days: 14,
        variants: [{ sku: 'CIN-7', options: { ukuran: '7' }, price: '1250000', stock: 0 }],
      }),
    ]);
    // Opening stock is a ledger entry like any other; drafts announce nothing to other apps.
    const movements = await queryDb(
      sys,
      `SELECT v.sku, m.from_stock, m.to_stock, m.reason FROM catalog.stock_movements m JOIN catalog.variants v ON v.id = m.variant_id
       WHERE v.listing_id = ANY($1) ORDER BY v.sku`,
      [done.createdListingIds],
    );
    expect(movements).toEqual([
      { sku: 'KMN-M', from_stock: 0, to_stock: 4, reason: 'created' },
      { sku: 'KMN-S', from_stock: 0, to_stock: 3, reason: 'created' },
    ]);
  });

  it('leaves nothing when the job fails midway: a SKU taken between the check and the insert', async () => {
    const before = await listingsOf(artisanId);
    const held = await holdSku('RACE-1');
    try {
      const csv = csvOf([
        row({ handle: 'a', sku: 'MID-A' }),
        row({ handle: 'b', sku: 'MID-B' }),
        row({ handle: 'c', sku: 'RACE-1' }),
      ]);
      const accepted = await start(owner, csv).expect(202); // the held SKU is not visible yet
      await blockedImport();
      // Two listings are written (in the job's transaction) and the progress shows outside it.
      const running = await poll(owner, accepted.body.id).expect(200);
      expect(running.body).toMatchObject({ status: 'running', processedRows: expect.any(Number) });
      expect(running.body.processedRows).toBeGreaterThan(0);
      await held.query('COMMIT');

      const failed = await settled(owner, accepted.body.id, 'failed');
      expect(failed.errors).toEqual([{ line: 4, message: expect.stringMatching(/SKU/) }]);
      expect(failed.createdListingIds).toEqual([]);
      expect(await skus(['MID-A', 'MID-B'])).toEqual([]);
      expect(await listingsOf(artisanId)).toEqual([{ n: before[0].n + 1 }]); // only the other transaction's
    } finally {
      await held.end();
    }
  });

  it('rolls back a job that crashes midway and runs it again, so the import happens exactly once', async () => {
    const held = await holdSku('CRASH-3');
    try {
      const csv = csvOf([
        row({ handle: 'a', sku: 'CRASH-1' }),
        row({ handle: 'b', sku: 'CRASH-2' }),
        row({ handle: 'c', sku: 'CRASH-3' }),
      ]);
      const accepted = await start(owner, csv).expect(202);
      // The job's database connection dies while it waits: its transaction is gone with it.
      const pid = await blockedImport();
      await queryDb(sys, 'SELECT pg_terminate_backend($1)', [pid]);
      await held.query('ROLLBACK');

      const done = await settled(owner, accepted.body.id, 'succeeded');
      expect(done.attempts).toBe(2);
      expect(done.createdListingIds).toHaveLength(3);
      expect(await skus(['CRASH-1', 'CRASH-2', 'CRASH-3'])).toEqual([{ sku: 'CRASH-1' }, { sku: 'CRASH-2' }, { sku: 'CRASH-3' }]);
    } finally {
      await held.end();
    }
  });

  it('round-trips: export, edit a price and a stock, import, and the change is stored and audited', async () => {
    const seller = await register(sys);
    const shop = await insertArtisan(sys, seller.user.id, { shopSlug: 'tenun-sidemen' });
    const listing = await insertListing(sys, shop, {
      variants: [
        { sku: 'RT-1', price: 350_000n, stock: 10 },
        { sku: 'RT-2', price: 360_000n, stock: 4 },
      ],
    });
    await insertListing(sys, shop, { status: 'archived', variants: [{ sku: 'RT-OLD' }] });

    const exported = await api().get('/api/v1/listings/export').set(bearer(seller)).expect(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="pasar-kriya-tenun-sidemen-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text: string = exported.text;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records: string[][] = parse(text, { bom: true });
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    const cell = (r: string[], c: CsvColumn) => r[CSV_COLUMNS.indexOf(c)];
    expect(records.slice(1).map((r) => [cell(r, 'listing_id'), cell(r, 'handle'), cell(r, 'sku'), cell(r, 'price'), cell(r, 'stock')])).toEqual([
      [listing.id, listing.id, 'RT-1', '350000', '10'],
      [listing.id, listing.id, 'RT-2', '360000', '4'],
    ]);

    // Unchanged, the file previews as one update and no errors.
    await preview(seller, text).expect(200).expect(({ body }) => expect(body).toEqual({ rows: 2, listings: { create: 0, update: 1 }, errors: [] }));
    const edited = records.map((r) => (cell(r, 'sku') === 'RT-1' ? r.map((v, i) => ({ price: '375000', stock: '7' })[CSV_COLUMNS[i] as string] ?? v) : r));
    const editedCsv = `\uFEFF${stringify(edited, { record_delimiter: 'windows' })}`;
    const accepted = await start(seller, editedCsv).expect(202);
    const done = await settled(seller, accepted.body.id, 'succeeded');
    expect(done).toMatchObject({ updatedListingIds: [listing.id], createdListingIds: [] });

    expect(await queryDb(sys, 'SELECT sku, price::text, stock FROM catalog.variants WHERE listing_id = $1 ORDER BY sku', [listing.id])).toEqual([
      { sku: 'RT-1', price: '375000', stock: 7 },
      { sku: 'RT-2', price: '360000', stock: 4 },
    ]);
    expect(
      await queryDb(sys, 'SELECT from_stock, to_stock, reason, actor_id FROM catalog.stock_movements WHERE variant_id = $1', [listing.variants[0].id]),
    ).toEqual([{ from_stock: 10, to_stock: 7, reason: 'imported', actor_id: seller.user.id }]);
    // Still on sale, and the other apps hear of the new price and stock.
    const events = await queryDb<{ name: string }>(
      sys,
      `SELECT name FROM catalog.outbox WHERE payload->>'listingId' = $1 ORDER BY occurred_at, name`,
      [listing.id],
    );
    expect(events.map((e) => e.name).sort()).toEqual(['listing.updated', 'stock.changed']);

    // Exporting again gives back exactly the file that was uploaded.
    const again = await api().get('/api/v1/listings/export').set(bearer(seller)).expect(200);
    expect(again.text).toBe(editedCsv);
  });

  it('takes the package size in three columns: creates and updates with it, refuses bad cells by column, and an older file without the columns keeps it', async () => {
    const seller = await register(sys);
    await insertArtisan(sys, seller.user.id);
    const kain = (over: Row = {}) =>
      row({ handle: 'kain', title_id: 'Kain endek Sidemen', length_cm: '200', width_cm: '110', height_cm: '1', sku: 'PKG-1', options: '', ...over });
    const folded = { package_length_cm: '35', package_width_cm: '25,5', package_height_cm: '4' };

    const bad = csvOf([kain({ package_length_cm: '35', package_width_cm: '', package_height_cm: '0' }), kain({ handle: 'b', sku: 'PKG-B', package_length_cm: 'tiga', package_width_cm: '25', package_height_cm: '600' })]);
    const refused = await preview(seller, bad).expect(200);
    expect(refused.body.errors).toEqual([
      { line: 2, column: 'package_width_cm', message: 'give all three package sizes, or leave all three blank' },
      { line: 2, column: 'package_height_cm', message: 'at least 0.1 cm' },
      { line: 3, column: 'package_length_cm', message: 'a number of centimetres, e.g. 12.5' },
      { line: 3, column: 'package_height_cm', message: 'at most 500 cm' },
    ]);

    const created = await settled(seller, (await start(seller, csvOf([kain(folded)])).expect(202)).body.id, 'succeeded');
    const [id] = created.createdListingIds as string[];
    const stored = () => api().get(`/api/v1/listings/${id}`).set(bearer(seller)).expect(200).then((r) => r.body.packageCm);
    expect(await stored()).toEqual({ length: 35, width: 25.5, height: 4 });

    // The export writes it, and a file without the package columns (made before them) leaves it as it is.
    const exported: string[][] = parse((await api().get('/api/v1/listings/export').set(bearer(seller)).expect(200)).text, { bom: true });
    const at = (c: CsvColumn) => CSV_COLUMNS.indexOf(c);
    expect([at('package_length_cm'), at('package_width_cm'), at('package_height_cm')].map((i) => exported[1][i])).toEqual(['35', '25.5', '4']);
    const older = CSV_COLUMNS.filter((c) => !c.startsWith('package_'));
    await settled(seller, (await start(seller, csvOf([kain({ listing_id: id, handle: '', weight_grams: '500' })], older)).expect(202)).body.id, 'succeeded');
    expect(await stored()).toEqual({ length: 35, width: 25.5, height: 4 });

    // A new size updates it; three blanks clear it.
    await settled(seller, (await start(seller, csvOf([kain({ listing_id: id, handle: '', ...folded, package_height_cm: '6' })])).expect(202)).body.id, 'succeeded');
    expect(await stored()).toEqual({ length: 35, width: 25.5, height: 6 });
    await settled(seller, (await start(seller, csvOf([kain({ listing_id: id, handle: '' })])).expect(202)).body.id, 'succeeded');
    expect(await stored()).toBeNull();
  });

  it('lets only the owner poll an import, and refuses buyers, curators, unverified shops and anonymous callers', async () => {
    const csv = csvOf([row({ handle: 'poll', sku: 'POLL-1' })]);
    const accepted = await start(owner, csv).expect(202);
    await settled(owner, accepted.body.id, 'succeeded');
    await poll(other, accepted.body.id).expect(403).expect(({ body }) => expect(body.error.code).toBe('forbidden'));
    await poll(owner, newId()).expect(404);

    const buyer = await register(sys);
    const curator = await registerWithRoles(sys, ['curator']);
    const pending = await register(sys);
    await insertArtisan(sys, pending.user.id, { status: 'pending' });
    for (const s of [buyer, curator]) {
      await preview(s, csv).expect(403);
      await start(s, csv).expect(403);
      await api().get('/api/v1/listings/export').set(bearer(s)).expect(403);
      await poll(s, accepted.body.id).expect(403);
    }
    await start(pending, csv).expect(403).expect(({ body }) => expect(body.error.code).toBe('artisan_not_verified'));

    await api().post('/api/v1/listings/imports/preview').set('content-type', 'text/csv').send(csv).expect(401);
    await api().post('/api/v1/listings/imports').set('content-type', 'text/csv').send(csv).expect(401);
    await api().get(`/api/v1/listings/imports/${accepted.body.id}`).expect(401);
    await api().get('/api/v1/listings/export').expect(401);

    // The file is the body, as text/csv; JSON is not a CSV.
    await api().post('/api/v1/listings/imports/preview').set(bearer(owner)).send({ csv }).expect(415);
  });
});
