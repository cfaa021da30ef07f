import { Page } from 'playwright-core';
import request from 'supertest';
import { eventually } from '../support/eventually';
import { bearer, registerWithRoles, Session } from '../support/http';
import { insertListing } from '../support/catalog-fixtures';
import { confirmTransfer, newArtisan, newBuyer, newCurator, OrderDetail, paidOrder } from '../support/orders';
import { CreatedListing, publishListing, search, seedShop } from '../support/search';
import { bootWeb, DESKTOP, journey, PHONE, screenshot, watchErrors, WebSystem } from './support';

// A buyer's whole journey on a phone, in the browser: search as they type, a facet, two artisans'
// listings with variants, one cart, checkout with shipping per artisan, bank transfer, paid.

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\u00a0/g, ' ').trim();

describe('buyer journey (storefront, chromium)', () => {
  let web: WebSystem;
  let curator: Session;
  let buyer: Session;
  let endekSidemen: CreatedListing;
  let cincin: CreatedListing;
  let sidemenSlug: string;
  let sidemenArtisanId: string;

  beforeAll(async () => {
    web = await bootWeb('web-buyer');
    curator = await newCurator(web.sys);
    const sidemen = await seedShop(web.sys, { name: 'Tenun Ayu Sidemen', regency: 'karangasem' });
    const celuk = await seedShop(web.sys, { name: 'Perak Celuk Made', regency: 'gianyar' });
    sidemenSlug = sidemen.slug;
    sidemenArtisanId = sidemen.artisanId;
    endekSidemen = await publishListing(web.sys, sidemen, curator, {
      titleId: 'Kain endek Sidemen motif cepuk', titleEn: 'Sidemen endek cloth, cepuk motif', category: 'endek', regency: 'karangasem',
      materials: ['Katun'], techniques: ['Ikat Pakan'], variants: [{ price: 750_000, stock: 4 }, { price: 825_000, stock: 2 }],
    });
    cincin = await publishListing(web.sys, celuk, curator, {
      titleId: 'Cincin perak Celuk motif jawan', titleEn: 'Celuk silver ring, jawan motif', category: 'silver-jewellery', regency: 'gianyar',
      materials: ['Perak'], variants: [{ price: 450_000, stock: 5 }, { price: 520_000, stock: 3 }],
    });
    await publishListing(web.sys, celuk, curator, {
      titleId: 'Kain endek Gianyar motif rangrang', category: 'endek', regency: 'gianyar', materials: ['Katun'], variants: [{ price: 600_000, stock: 2 }],
    });
    // The catalog announces listings; search indexes them a moment later.
    await eventually(async () => expect((await search(web.sys, {})).total).toBe(3), { timeoutMs: 20_000, intervalMs: 200 });
    buyer = await registerWithRoles(web.sys, ['buyer']);
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('searches, filters, buys from two artisans, pays by bank transfer and sees the order paid (375 px)', async () => {
    const page = await web.newPage({ viewport: PHONE, session: buyer });
    const errors = watchErrors(page);
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await journey(page, 'buyer', async () => {
    await page.goto('/');
    await page.getByTestId('home-content').waitFor();
    await screenshot(page, 'home');

    // Results follow the typing: one word, then another.
    await page.getByRole('link', { name: 'Cari' }).click();
    const box = page.getByRole('searchbox', { name: 'Cari kerajinan' });
    await box.pressSequentially('cincin', { delay: 40 });
    await page.getByTestId('result-count').filter({ hasText: '1 kerajinan' }).waitFor();
    expect(await page.getByTestId('listing-card').allTextContents()).toEqual([expect.stringContaining('Cincin perak Celuk')]);
    await box.fill('');
    await box.pressSequentially('endek', { delay: 40 });
    // The URL (and the search) follows the typing once it pauses.
    await page.waitForURL((url) => url.searchParams.get('q') === 'endek');
    await page.getByTestId('result-count').filter({ hasText: '2 kerajinan' }).waitFor();
    expect((await page.getByTestId('listing-card').allTextContents()).sort()).toEqual([
      expect.stringContaining('Kain endek Gianyar motif rangrang'),
      expect.stringContaining('Kain endek Sidemen motif cepuk'),
    ]);
    await screenshot(page, 'search');

    // A facet narrows the results (on a phone the filters fold away).
    await page.getByText('Filter', { exact: true }).click();
    await page.getByRole('checkbox', { name: /^Karangasem \(1\)$/ }).check();
    await page.getByTestId('result-count').filter({ hasText: '1 kerajinan' }).waitFor();
    expect(new URL(page.url()).searchParams.getAll('regency')).toEqual(['karangasem']);

    // The first artisan's listing: the dearer variant.
    await page.getByTestId('listing-card').filter({ hasText: 'Kain endek Sidemen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kain endek Sidemen motif cepuk' }).waitFor();
    await expect(text(page, 'price')).resolves.toBe('Rp 750.000');
    await page.getByRole('radio', { name: /pilihan: p1/ }).check();
    await expect(text(page, 'price')).resolves.toBe('Rp 825.000');
    await expect(page.getByTestId('artisan-story').textContent()).resolves.toContain('Penenun endek dari Sidemen');
    await screenshot(page, 'listing');
    await page.getByRole('button', { name: 'Tambah ke keranjang' }).click();
    await page.getByText('Ditambahkan ke keranjang').waitFor();
    await expect(text(page, 'cart-badge')).resolves.toBe('1');

    // The second artisan's listing, two of the cheaper variant.
    await page.goto('/search?q=cincin');
    await page.getByTestId('listing-card').filter({ hasText: 'Cincin perak' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cincin perak Celuk motif jawan' }).waitFor();
    await page.getByRole('radio', { name: /pilihan: p0/ }).check();
    await page.getByRole('spinbutton', { name: 'Jumlah' }).fill('2');
    await page.getByRole('button', { name: 'Tambah ke keranjang' }).click();
    await page.getByRole('link', { name: 'Keranjang, 3 barang' }).waitFor();

    // One cart, grouped per artisan.
    await page.getByRole('link', { name: 'Keranjang, 3 barang' }).click();
    await page.getByRole('heading', { level: 1, name: 'Keranjang' }).waitFor();
    await expect(page.getByTestId('cart-group').count()).resolves.toBe(2);
    await page.getByRole('region', { name: 'Tenun Ayu Sidemen' }).getByText('pilihan: p1').waitFor();
    await page.getByRole('region', { name: 'Perak Celuk Made' }).getByText('pilihan: p0').waitFor();
    await expect(text(page, 'cart-total')).resolves.toBe('Rp 1.725.000');
    await screenshot(page, 'cart');

    // Checkout: a new address, a shipping choice per artisan.
    await page.getByRole('link', { name: 'Lanjut ke checkout' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await page.getByLabel('Nama penerima').fill('Ni Luh Putu Sari');
    await page.getByLabel('Nomor HP').fill('081234567890');
    await page.getByLabel('Alamat jalan').fill('Jl. Raya Ubud No. 1');
    await page.getByLabel('Kecamatan').fill('Ubud');
    await page.getByLabel('Kabupaten/kota').fill('Kabupaten Gianyar');
    await expect(page.getByLabel('Provinsi').locator('option').count()).resolves.toBe(38);
    await page.getByLabel('Provinsi').selectOption('Bali');
    await page.getByLabel('Kode pos').fill('80571');
    await page.getByRole('button', { name: 'Simpan alamat' }).click();
    const sidemenShipment = page.getByRole('group', { name: /Kiriman dari Tenun Ayu Sidemen/ });
    const celukShipment = page.getByRole('group', { name: /Kiriman dari Perak Celuk Made/ });
    await sidemenShipment.waitFor();
    await celukShipment.waitFor();
    // Not the cheapest for one of them: the buyer's choice is what the order gets.
    const celukOptions = celukShipment.getByRole('radio');
    expect(await celukOptions.count()).toBeGreaterThan(1);
    await celukOptions.nth(1).check();
    const celukCode = await celukOptions.nth(1).getAttribute('value');
    const sidemenCode = await sidemenShipment.getByRole('radio', { checked: true }).getAttribute('value');
    const total = await text(page, 'checkout-total');
    await screenshot(page, 'checkout');
    await page.getByRole('button', { name: 'Buat pesanan' }).click();

    // The order page shows how to pay.
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}/);
    const orderId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('bank-transfer').waitFor();
    expect(await text(page, 'virtual-account')).toMatch(/^\d{16}$/);
    expect(await text(page, 'transfer-amount')).toBe(total);
    await expect(text(page, 'status')).resolves.toBe('Menunggu pembayaran');
    await expect(text(page, 'cart-badge')).resolves.toBe('0');
    await screenshot(page, 'order');

    const placed: OrderDetail = (await request(web.sys.http).get(`/api/v1/orders/${orderId}`).set(bearer(buyer)).expect(200)).body;
    expect(placed.shipments).toHaveLength(2);
    const bySeller = Object.fromEntries(placed.shipments.map((s) => [s.shopName, `${s.courier}|${s.service}`]));
    expect(Object.keys(bySeller).sort()).toEqual(['Perak Celuk Made', 'Tenun Ayu Sidemen']);
    expect(placed.payment?.instructions?.virtualAccount).toBe(await text(page, 'virtual-account'));
    expect(placed.shipments.flatMap((s) => s.lines.map((l) => `${l.variantId}x${l.quantity}`)).sort()).toEqual(
      [`${endekSidemen.variants[1].id}x1`, `${cincin.variants[0].id}x2`].sort(),
    );
    expect([sidemenCode, celukCode].every(Boolean)).toBe(true);

    // The council sees the transfer arrive; the open order page follows on its own.
    await confirmTransfer(web.sys, curator, placed.paymentId!);
    await page.getByTestId('status').first().filter({ hasText: 'Lunas' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('bank-transfer').waitFor({ state: 'detached' });
    await screenshot(page, 'order-paid');

    // The storefront never fetched the seller centre or curator console, and nothing threw.
    expect(scripts.filter((s) => /seller|curator/.test(s))).toEqual([]);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    });
  });

  it('lays out the key pages at 1280 px (screenshots) and in English', async () => {
    // A buyer of their own (an address, one paid order), so this test stands alone.
    const shopper = await newBuyer(web.sys, [{ variantId: endekSidemen.variants[0].id, quantity: 1 }]);
    await paidOrder(web.sys, shopper, curator, { [sidemenArtisanId]: 'JNE:REG' });
    const page = await web.newPage({ viewport: DESKTOP, session: shopper.session, lang: 'en' });
    await journey(page, 'buyer-desktop', async () => {
    await page.goto('/');
    await page.getByTestId('home-content').waitFor();
    await screenshot(page, 'home');
    await page.goto('/search?q=endek');
    await page.getByTestId('result-count').filter({ hasText: '2 items' }).waitFor();
    // Wide screens show the filters open beside the results.
    await page.getByRole('checkbox', { name: /^Gianyar \(1\)$/ }).waitFor();
    await screenshot(page, 'search');
    // Browsing by category and by regency, and a shop's page.
    await page.goto('/category/endek');
    await page.getByRole('heading', { level: 1, name: 'Endek' }).waitFor();
    await page.getByTestId('result-count').filter({ hasText: '2 items' }).waitFor();
    await page.goto('/regency/gianyar');
    await page.getByRole('heading', { level: 1, name: 'Gianyar' }).waitFor();
    await page.getByTestId('result-count').filter({ hasText: '2 items' }).waitFor();
    // English titles where the artisan gave one, Indonesian otherwise.
    expect((await page.getByTestId('listing-card').allTextContents()).sort()).toEqual([
      expect.stringContaining('Celuk silver ring, jawan motif'),
      expect.stringContaining('Kain endek Gianyar motif rangrang'),
    ]);
    await page.goto(`/shop/${sidemenSlug}`);
    await page.getByRole('heading', { level: 1, name: 'Tenun Ayu Sidemen' }).waitFor();
    await page.getByRole('heading', { name: 'Items (1)' }).waitFor();
    await page.getByTestId('listing-card').filter({ hasText: 'Sidemen endek cloth' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sidemen endek cloth, cepuk motif' }).waitFor();
    await screenshot(page, 'listing');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'Cart, 1 items' }).click();
    await expect(text(page, 'cart-total')).resolves.toBe('Rp 750.000');
    await screenshot(page, 'cart');
    await page.getByRole('link', { name: 'Go to checkout' }).click();
    await page.getByRole('group', { name: /Shipment from Tenun Ayu Sidemen/ }).waitFor();
    await screenshot(page, 'checkout');
    await page.goto('/orders');
    await page.getByTestId('order-row').first().getByRole('link').click();
    await page.getByTestId('status').first().filter({ hasText: 'Paid' }).waitFor();
    await screenshot(page, 'order');
    });
  });

  it('tracks a shipment, confirms receipt, reviews the item, and the review shows on the listing (375 px)', async () => {
    const artisan = await newArtisan(web.sys);
    const listing = await insertListing(web.sys, artisan.artisanId, { variants: [{ price: 300_000n, stock: 5 }] });
    const customer = await newBuyer(web.sys, [{ variantId: listing.variants[0].id, quantity: 1 }]);
    const order = await paidOrder(web.sys, customer, curator, { [artisan.artisanId]: 'JNE:REG' });
    const shipment = order.shipments[0];
    const artisanApi = (path: string, body: object = {}) =>
      request(web.sys.http).post(`/api/v1/artisan/shipments/${shipment.id}/${path}`).set(bearer(artisan.session)).send(body).expect(200);
    await artisanApi('ship', { trackingNumber: 'JNE-1000200030' });

    const page = await web.newPage({ viewport: PHONE, session: customer.session });
    await journey(page, 'buyer-review', async () => {
      await page.goto('/orders');
      await page.getByTestId('order-row').filter({ hasText: order.number }).getByRole('link').click();
      await expect(text(page, 'tracking')).resolves.toBe('JNE-1000200030');
      await page.getByTestId('shipment').getByTestId('status').filter({ hasText: 'Dikirim' }).waitFor();

      await artisanApi('deliver');
      await page.reload();
      await page.getByTestId('shipment').getByTestId('status').filter({ hasText: 'Sampai' }).waitFor();
      await page.getByRole('button', { name: 'Pesanan sudah diterima' }).click();
      await page.getByTestId('shipment').getByTestId('status').filter({ hasText: 'Selesai' }).waitFor();

      // Keyboard only: pick four stars, write, send.
      const form = page.getByRole('form', { name: /^Ulas / });
      await form.getByLabel('Nilai').focus();
      await page.keyboard.press('ArrowDown'); // 5 → 4 stars
      await page.keyboard.press('Tab');
      await page.keyboard.type('Tenunannya rapi, warnanya sesuai foto.');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.getByText('Terima kasih atas ulasan Anda.').first().waitFor();
      await screenshot(page, 'order-completed');

      await page.goto(`/listing/${listing.id}`);
      await page.getByText('Tenunannya rapi, warnanya sesuai foto.').waitFor();
      await page.getByText('4/5 dari 1 ulasan').waitFor();
    });
    const reviews = (await request(web.sys.http).get(`/api/v1/listings/${listing.id}/reviews`).expect(200)).body;
    expect(reviews.items.map((r: { rating: number; body: string }) => [r.rating, r.body])).toEqual([[4, 'Tenunannya rapi, warnanya sesuai foto.']]);
  });

  it('keeps an anonymous cart and brings it along when the visitor signs in at checkout', async () => {
    const visitor = await registerWithRoles(web.sys, ['buyer']);
    const page = await web.newPage({ viewport: PHONE });
    await journey(page, 'anonymous-cart', async () => {
      await page.goto(`/listing/${cincin.id}`);
      await page.getByRole('button', { name: 'Tambah ke keranjang' }).click();
      await page.getByRole('link', { name: 'Keranjang, 1 barang' }).click();
      await page.getByTestId('cart-line').filter({ hasText: 'Cincin perak' }).waitFor();
      await page.getByRole('link', { name: 'Lanjut ke checkout' }).click();
      await page.waitForURL(/\/login\?next=%2Fcheckout/);
      await page.getByLabel('Email').fill(visitor.user.email);
      await page.getByLabel('Kata sandi').fill('correct-horse-battery');
      await page.getByRole('button', { name: 'Masuk', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
      await page.getByRole('link', { name: 'Keranjang, 1 barang' }).waitFor();
    });
    const cart = (await request(web.sys.http).get('/api/v1/cart').set(bearer(visitor)).expect(200)).body;
    expect(cart.groups.flatMap((g: { lines: Array<{ variantId: string }> }) => g.lines.map((l) => l.variantId))).toEqual([cincin.variants[0].id]);
  });
});
