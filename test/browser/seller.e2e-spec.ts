import { Page } from 'playwright-core';
import request from 'supertest';
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS } from '../../apps/catalog/src/bulk/csv-format';
import { newId } from '@pk/core';
import { queryDb } from '../support/db';
import { eventually } from '../support/eventually';
import { bearer, registerWithRoles, Session } from '../support/http';
import { phoneJpeg } from '../support/images';
import { Artisan, getOrder, newArtisan, newBuyer, newCurator, paidOrder } from '../support/orders';
import { bootWeb, DESKTOP, journey, PHONE, screenshot, watchErrors, WebSystem } from './support';

// The seller centre on a phone, in the browser: an artisan lists a craft with a variant and a
// photo, a curator approves it, a buyer pays, and the artisan accepts and ships with a tracking
// number; the statement shows the sale. Text is matched in Indonesian, the default language.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const nbsp = (s: string | null) => (s ?? '').replace(/\u00a0/g, ' ').trim();
const field = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

describe('seller centre (chromium)', () => {
  let web: WebSystem;
  let curator: Session;

  beforeAll(async () => {
    web = await bootWeb('seller-web', { services: ['catalog', 'orders', 'payments', 'channels'] });
    curator = await newCurator(web.sys);
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  const api = () => request(web.sys.http);

  it('creates a listing with a variant and a photo, submits it, and ships the paid order with a tracking number (375 px)', async () => {
    const artisan: Artisan = await newArtisan(web.sys);
    const page = await web.newPage({ viewport: PHONE, session: artisan.session });
    const errors = watchErrors(page);
    const photo = await phoneJpeg(900, 600);
    let listingId = '';

    await journey(page, 'seller', async () => {
      // The form: listing fields and one variant with an option, SKU, price in rupiah and stock.
      await page.goto('/seller/listings');
      await page.getByText('Belum ada produk').waitFor();
      await page.getByRole('link', { name: 'Tambah produk' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Tambah produk' }).waitFor();
      await field(page, 'Judul').fill('Kain endek Sidemen motif cepuk');
      await field(page, 'Deskripsi').fill('Endek tenun ikat pakan dari Sidemen, pewarna alam, dua meter.');
      await page.getByRole('combobox', { name: 'Kategori' }).selectOption({ label: 'Kain tenun › Endek' });
      await page.getByRole('combobox', { name: 'Asal (kabupaten/kota)' }).selectOption('karangasem');
      await field(page, 'Bahan').fill('katun, pewarna alam');
      await field(page, 'Panjang (cm)').fill('200');
      await field(page, 'Lebar (cm)').fill('110');
      await field(page, 'Tinggi (cm)').fill('2');
      await field(page, 'Berat (gram)').fill('450');
      // The cloth ships folded: the parcel's size, optional, beside the piece's.
      const parcel = page.getByRole('group', { name: 'Ukuran paket (opsional)' });
      await parcel.getByText('Ukuran paket saat dikirim, mis. kain dilipat.').waitFor();
      await field(page, 'Panjang paket (cm)').fill('35');
      await field(page, 'Lebar paket (cm)').fill('25,5');
      await field(page, 'Tinggi paket (cm)').fill('4');
      const variant = page.getByRole('group', { name: 'Varian 1' });
      await variant.getByRole('textbox', { name: 'Nama pilihan' }).fill('Warna');
      await variant.getByRole('textbox', { name: 'Isi pilihan' }).fill('Merah marun');
      await variant.getByRole('textbox', { name: 'SKU', exact: true }).fill('ENDEK-CEPUK-01');
      await variant.getByRole('textbox', { name: 'Harga (Rp)' }).fill('750.000');
      // The price is read back the Indonesian way while typing.
      await variant.getByText('Rp 750.000').waitFor();
      await variant.getByRole('textbox', { name: 'Stok' }).fill('3');
      await screenshot(page, 'seller-listing-form');
      await page.getByRole('button', { name: 'Simpan draf' }).click();

      // Saved as a draft: the edit page, where photos are added.
      await page.waitForURL((url) => UUID.test(url.pathname));
      listingId = UUID.exec(page.url())![0];
      await page.getByRole('heading', { level: 1, name: 'Kain endek Sidemen motif cepuk' }).waitFor();
      await page.locator('.status', { hasText: 'Draf' }).first().waitFor();
      expect(await page.getByRole('button', { name: 'Kirim untuk ditinjau' }).isDisabled()).toBe(true);

      await page.getByLabel('Pilih foto').setInputFiles({ name: 'endek.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByRole('img', { name: 'Pratinjau foto yang dipilih' }).waitFor();
      await field(page, 'Keterangan foto').fill('Kain endek merah marun terbentang');
      // A slow uplink (as on a village's mobile network), so the upload's progress can be seen moving.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 64 * 1024 });
      await page.getByRole('button', { name: 'Unggah foto' }).click();
      const uploading = page.getByRole('progressbar', { name: 'Mengunggah' });
      await uploading.waitFor();
      // Part of the way: XMLHttpRequest's upload progress events move the bar.
      const part = await eventually(async () => {
        const value = Number(await uploading.getAttribute('value'));
        expect(value).toBeGreaterThan(0);
        return value;
      }, { timeoutMs: 15_000, intervalMs: 20 });
      expect(part).toBeLessThan(100);
      await page.getByRole('img', { name: 'Kain endek merah marun terbentang' }).waitFor({ timeout: 60_000 });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      expect(await page.getByRole('progressbar').count()).toBe(0);
      await page.getByRole('heading', { name: 'Foto (1 dari 9)' }).waitFor();

      await page.getByRole('button', { name: 'Kirim untuk ditinjau' }).click();
      await page.locator('.status', { hasText: 'Menunggu tinjauan' }).first().waitFor();
    });

    // What the catalog holds: the variant as typed, the photo rendered, waiting for review.
    const submitted = (await api().get(`/api/v1/listings/${listingId}`).set(bearer(artisan.session)).expect(200)).body;
    expect(submitted).toMatchObject({
      status: 'submitted',
      title: { id: 'Kain endek Sidemen motif cepuk', en: null },
      category: { slug: 'endek' },
      regency: 'karangasem',
      materials: ['katun', 'pewarna alam'],
      dimensionsCm: { length: 200, width: 110, height: 2 },
      packageCm: { length: 35, width: 25.5, height: 4 },
      weightGrams: 450,
      variants: [{ sku: 'ENDEK-CEPUK-01', options: { Warna: 'Merah marun' }, price: '750000', stock: 3 }],
      photos: [{ alt: 'Kain endek merah marun terbentang' }],
    });

    // A curator approves it through the API; the list shows it published.
    await api().post(`/api/v1/curation/listings/${listingId}/decision`).set(bearer(curator)).send({ decision: 'approve' }).expect(200);
    await page.goto('/seller/listings');
    const card = page.getByRole('listitem').filter({ hasText: 'Kain endek Sidemen motif cepuk' });
    await card.locator('.status', { hasText: 'Tayang' }).waitFor();
    expect(nbsp(await card.locator('.price').textContent())).toBe('Rp 750.000');

    // A buyer's paid order reaches the inbox.
    const buyer = await newBuyer(web.sys, [{ variantId: submitted.variants[0].id, quantity: 1 }]);
    const order = await paidOrder(web.sys, buyer, curator, { [artisan.artisanId]: 'JNE:REG' });
    const shipment = order.shipments[0];

    await journey(page, 'seller-inbox', async () => {
      await page.goto('/seller/orders');
      const inbox = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Pesanan ${order.number}` }) });
      await inbox.waitFor();
      await inbox.getByText('Ni Luh Putu Sari').waitFor();
      await inbox.getByText('1 × Kain endek Sidemen motif cepuk').waitFor();
      await screenshot(page, 'seller-inbox');
      await inbox.getByRole('button', { name: 'Terima pesanan' }).click();
      await inbox.locator('.status', { hasText: 'Diterima penjual' }).waitFor();

      // Ship with the courier the buyer chose and the receipt's number (typed in lower case).
      const ship = inbox.getByRole('form', { name: `Kirim pesanan ${order.number}` });
      expect(await ship.getByRole('textbox', { name: 'Kurir' }).inputValue()).toBe('JNE');
      await ship.getByRole('textbox', { name: 'Nomor resi' }).fill('abc12');
      await ship.getByRole('button', { name: 'Kirim pesanan' }).click();
      // Too short: the field says why, nothing is shipped.
      await ship.getByRole('alert').filter({ hasText: '6–40' }).waitFor();
      await ship.getByRole('textbox', { name: 'Nomor resi' }).fill('jne0012345678');
      await ship.getByRole('button', { name: 'Kirim pesanan' }).click();
      await page.getByText(`Pesanan ${order.number} dikirim`).waitFor();
      await page.getByText('Tidak ada pesanan yang perlu dikirim.').waitFor();
      await page.getByRole('button', { name: 'Dalam pengiriman' }).click();
      await page.getByText('Resi JNE: JNE0012345678').waitFor();
    });

    // The API shows the shipment shipped with that number.
    const shipped = await getOrder(web.sys, buyer.session, order.id);
    expect(shipped.shipments.find((s) => s.id === shipment.id)).toMatchObject({ status: 'shipped', courier: 'JNE', trackingNumber: 'JNE0012345678' });

    // The statement: the sale (less commission) is pending until the buyer receives it.
    const statement = await eventually(async () => {
      const s = (await api().get('/api/v1/payouts/statement').set(bearer(artisan.session)).expect(200)).body;
      expect(s.items.length).toBeGreaterThan(0);
      return s;
    }, { timeoutMs: 15_000, intervalMs: 200 });
    await journey(page, 'seller-statement', async () => {
      await page.getByRole('link', { name: 'Saldo & pencairan' }).click();
      await page.getByRole('heading', { level: 1, name: 'Saldo & pencairan' }).waitFor();
      await page.getByRole('cell', { name: 'Penjualan' }).first().waitFor();
      expect(nbsp(await page.getByTestId('balance-pending').textContent())).toBe(nbsp(new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(Number(statement.balances.pending))));
      expect(nbsp(await page.getByTestId('balance-available').textContent())).toBe('Rp 0');
      // The inbox's notices fade first, so the screenshot shows the statement itself.
      await page.locator('.toast').last().waitFor({ state: 'detached' });
      await screenshot(page, 'seller-statement');

      // The same pages on a desktop.
      await page.setViewportSize(DESKTOP);
      await screenshot(page, 'seller-statement');
      await page.goto('/seller/listings');
      await page.getByRole('link', { name: 'Kain endek Sidemen motif cepuk' }).waitFor();
      await screenshot(page, 'seller-listings');
    });
    expect(BigInt(statement.balances.pending)).toBeGreaterThan(0n);
    // The one failed request is the refused tracking number.
    expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  }, 180_000);

  it('says what to fix under each field, before and after sending, and switches to English', async () => {
    const artisan = await newArtisan(web.sys);
    const page = await web.newPage({ viewport: PHONE, session: artisan.session });
    await journey(page, 'seller-errors', async () => {
      await page.goto('/seller/listings/new');
      await field(page, 'Judul').fill('ab');
      await field(page, 'Deskripsi').fill('Kain endek tenun tangan.');
      await page.getByRole('combobox', { name: 'Kategori' }).selectOption('endek');
      // The shop's regency is chosen already.
      await page.getByRole('combobox', { name: 'Asal (kabupaten/kota)' }).locator('option:checked').filter({ hasText: /\w/ }).waitFor({ state: 'attached' });
      for (const [name, value] of [['Panjang (cm)', '200'], ['Lebar (cm)', '110'], ['Tinggi (cm)', '2'], ['Berat (gram)', '450']]) await field(page, name).fill(value);
      const variant = page.getByRole('group', { name: 'Varian 1' });
      await variant.getByRole('textbox', { name: 'SKU', exact: true }).fill('ENDEK 01');
      await variant.getByRole('textbox', { name: 'Harga (Rp)' }).fill('12,5');
      await variant.getByRole('textbox', { name: 'Stok' }).fill('2');
      await field(page, 'Panjang paket (cm)').fill('35');
      await page.getByRole('button', { name: 'Simpan draf' }).click();
      // Checked in the browser first: the price, and a package size with one side only.
      const price = variant.getByRole('textbox', { name: 'Harga (Rp)' });
      await variant.getByText('Tulis harga dalam rupiah tanpa desimal').waitFor();
      expect(await price.getAttribute('aria-invalid')).toBe('true');
      const packageWidth = field(page, 'Lebar paket (cm)');
      expect(await packageWidth.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator(`[id="${(await packageWidth.getAttribute('aria-describedby'))!.split(' ').pop()}"]`).textContent()).toContain('Isi ketiga ukuran paket');
      await field(page, 'Panjang paket (cm)').fill('');

      // Then by the catalog: the title's length and the SKU's spaces, each under its field.
      await price.fill('150.000');
      await page.getByRole('button', { name: 'Simpan draf' }).click();
      await page.getByText('Ada isian yang perlu diperbaiki').waitFor();
      const title = field(page, 'Judul');
      expect(await title.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator(`#${await title.getAttribute('aria-describedby')}`).textContent()).toContain('at least 3 characters');
      await variant.getByText('no spaces').waitFor();
      expect(await price.getAttribute('aria-invalid')).toBeNull();
      expect((await api().get('/api/v1/listings/mine').set(bearer(artisan.session)).expect(200)).body.total).toBe(0);

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Add a listing' }).waitFor();
      await page.getByRole('group', { name: 'Variant 1' }).getByRole('textbox', { name: 'Price (Rp)' }).waitFor();
      await page.getByRole('button', { name: 'Save draft' }).waitFor();
    });
  }, 60_000);

  it('checks a CSV, shows each bad row with its line and column, then imports the fixed file with progress', async () => {
    const artisan = await newArtisan(web.sys);
    const page = await web.newPage({ viewport: PHONE, session: artisan.session });
    const row = (sku: string, options: string, price: string): Record<string, string> => ({
      handle: 'selendang', title_id: 'Selendang endek Sidemen', description_id: 'Selendang endek tenun tangan dari Sidemen.', category: 'endek',
      materials: 'katun', regency: 'karangasem', length_cm: '180', width_cm: '50', height_cm: '1', weight_grams: '200', handmade: 'yes',
      sku, options, price, stock: '4',
    });
    const csv = (rows: Array<Record<string, string>>) => Buffer.from(stringify([[...CSV_COLUMNS], ...rows.map((r) => CSV_COLUMNS.map((c) => r[c] ?? ''))]));
    const bad = csv([row('SEL-M', 'ukuran=M', '350000'), row('SEL-L', 'ukuran=L', 'tiga ratus')]);
    const good = csv([row('SEL-M', 'ukuran=M', '350000'), row('SEL-L', 'ukuran=L', '380000')]);
    await journey(page, 'seller-bulk', async () => {
      await page.goto('/seller/bulk');
      await page.getByLabel('File CSV').setInputFiles({ name: 'produk.csv', mimeType: 'text/csv', buffer: bad });
      await page.getByText('2 baris: 1 produk baru, 0 produk diubah.').waitFor();
      const problems = page.getByRole('table', { name: /1 masalah ditemukan/ });
      const problem = problems.getByRole('row').filter({ hasText: 'price' });
      await problem.waitFor();
      expect(await problem.getByRole('cell').first().textContent()).toBe('3');
      await screenshot(page, 'seller-bulk-errors');
      expect(await page.getByRole('button', { name: 'Mulai impor' }).count()).toBe(0);

      await page.getByLabel('File CSV').setInputFiles({ name: 'produk.csv', mimeType: 'text/csv', buffer: good });
      await page.getByRole('button', { name: 'Mulai impor' }).click();
      await page.getByText('Impor selesai.').waitFor({ timeout: 30_000 });
      await page.getByText('2 dari 2 baris').waitFor();
      await page.getByRole('link', { name: 'Lihat produk saya' }).click();
      const card = page.getByRole('listitem').filter({ hasText: 'Selendang endek Sidemen' });
      await card.locator('.status', { hasText: 'Draf' }).waitFor();
      expect(nbsp(await card.locator('.price').textContent())).toBe('Rp 350.000 – Rp 380.000');
    });
  }, 90_000);

  it('lets a signed-in buyer apply as an artisan, with the regencies to choose from', async () => {
    const buyer = await registerWithRoles(web.sys, ['buyer']);
    const page = await web.newPage({ viewport: PHONE, session: buyer });
    await journey(page, 'seller-apply', async () => {
      await page.goto('/seller/apply');
      await page.getByRole('heading', { level: 1, name: 'Daftar sebagai perajin' }).waitFor();
      await field(page, 'Nama toko').fill('Tenun Ayu Sidemen');
      expect(await field(page, 'Alamat toko').inputValue()).toBe('tenun-ayu-sidemen');
      await field(page, 'Cerita toko').fill('Kami menenun endek dan songket di Sidemen sejak tiga generasi.');
      const regency = page.getByRole('combobox', { name: 'Kabupaten/kota' });
      const names = (await regency.locator('option').allTextContents()).slice(1);
      expect(names).toEqual(['Badung', 'Bangli', 'Buleleng', 'Denpasar', 'Gianyar', 'Jembrana', 'Karangasem', 'Klungkung', 'Tabanan']);
      await regency.selectOption({ label: 'Karangasem' });
      await page.getByRole('checkbox', { name: 'Kain tenun' }).check();
      await field(page, 'Nama bank').fill('BPD Bali');
      await field(page, 'Nama pemilik rekening').fill('Ni Ketut Ayu');
      await field(page, 'Nomor rekening').fill('0123-456-789');
      await page.getByRole('button', { name: 'Kirim pendaftaran' }).click();
      await page.getByText('Pendaftaran terkirim').waitFor();
      // Back on the seller centre's first page: the application waits for the council.
      await page.getByRole('heading', { level: 1, name: 'Pusat Penjual' }).waitFor();
      await page.locator('.status', { hasText: 'Menunggu verifikasi' }).waitFor();
    });
    const mine = (await api().get('/api/v1/artisans/me').set(bearer(buyer)).expect(200)).body;
    expect(mine).toMatchObject({ shopName: 'Tenun Ayu Sidemen', shopSlug: 'tenun-ayu-sidemen', regency: 'karangasem', craftTypes: ['woven-cloth'], status: 'pending', bankAccount: { accountNumber: '0123456789' } });
  }, 60_000);

  it("shows each listing's status on TikTok Shop and Lazada, with the reason when refused or failed", async () => {
    const artisan = await newArtisan(web.sys);
    // The channels app's record of two exported listings (its nightly run writes the same rows).
    const [tiktok, lazada] = [newId(), newId()];
    for (const [id, channel] of [[tiktok, 'tiktok_shop'], [lazada, 'lazada']]) {
      await queryDb(web.sys, `INSERT INTO channels.accounts (id, channel, scope, name, app_key, secrets, access_token_expires_at)
        VALUES ($1, $2, 'council', $2, 'key', 'x', now() + interval '1 day')`, [id, channel]);
    }
    const listings = [[newId(), 'Kain endek Sidemen'], [newId(), 'Cincin perak Celuk']] as const;
    for (const [id, title] of listings) {
      await queryDb(web.sys, `INSERT INTO channels.listings (listing_id, artisan_id, version, snapshot) VALUES ($1, $2, 1, $3)`,
        [id, artisan.artisanId, { title: { id: title, en: null } }]);
    }
    const state = (account: string, listing: string, status: string, reason: string | null) =>
      queryDb(web.sys, `INSERT INTO channels.listing_states (account_id, listing_id, status, reason, synced_at) VALUES ($1, $2, $3, $4, now())`, [account, listing, status, reason]);
    await state(tiktok, listings[0][0], 'synced', null);
    await state(lazada, listings[0][0], 'rejected', 'Foto utama harus berlatar putih');
    await state(tiktok, listings[1][0], 'in_review', null);
    await state(lazada, listings[1][0], 'failed', 'Kategori belum dipetakan');

    const page = await web.newPage({ viewport: PHONE, session: artisan.session });
    await journey(page, 'seller-channels', async () => {
      await page.goto('/seller/channels');
      const endek = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Kain endek Sidemen' }) });
      const cincin = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Cincin perak Celuk' }) });
      const on = (card: typeof endek, channel: string) => card.getByRole('listitem').filter({ hasText: channel });
      await on(endek, 'TikTok Shop').locator('.status', { hasText: 'Tersinkron' }).waitFor();
      await on(endek, 'Lazada').locator('.status', { hasText: 'Ditolak' }).waitFor();
      await on(endek, 'Lazada').getByText('Alasan: Foto utama harus berlatar putih').waitFor();
      await on(cincin, 'TikTok Shop').locator('.status', { hasText: 'Sedang ditinjau' }).waitFor();
      await on(cincin, 'Lazada').getByText('Alasan: Kategori belum dipetakan').waitFor();
      await on(cincin, 'Lazada').locator('.status', { hasText: 'Gagal' }).waitFor();
      await screenshot(page, 'seller-channels');
    });
  }, 60_000);
});

