import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Page } from 'playwright-core';
import { CampaignJobs, CampaignQueues } from '@pk/contracts';
import request from 'supertest';
import { queryDb } from '../support/db';
import { eventually } from '../support/eventually';
import { bearer, Session } from '../support/http';
import { newCurator } from '../support/orders';
import { addPhoto, listingBody, publishListing, search, seedShop, Shop } from '../support/search';
import { bootWeb, DESKTOP, journey, PHONE, screenshot, signInWithForm, WebSystem } from './support';

// The curator console in chromium: moderate a listing an artisan submitted, feature it in a new
// collection, publish the collection, and see it on the storefront. Screenshots at 375 and 1280 px.

const api = (web: WebSystem) => request(web.sys.http);

/** A listing created and submitted by the artisan through the API: it waits in the moderation queue. */
async function submittedListing(web: WebSystem, shop: Shop, titleId: string): Promise<string> {
  const created = await api(web).post('/api/v1/listings').set(bearer(shop.session))
    .send(listingBody({ titleId, titleEn: null, category: 'endek', regency: 'karangasem', materials: ['Katun'], variants: [{ price: 1_250_000, stock: 3 }] }));
  expect(created.status).toBe(201);
  await addPhoto(web.sys, created.body.id);
  await api(web).post(`/api/v1/listings/${created.body.id}/submit`).set(bearer(shop.session)).expect(200);
  return created.body.id as string;
}

const listingStatus = async (web: WebSystem, curator: Session, id: string): Promise<string> =>
  (await api(web).get(`/api/v1/listings/${id}`).set(bearer(curator)).expect(200)).body.status;

/** Waits until the listing is in the search index (the collection editor finds listings through search). */
const indexed = (web: WebSystem, q: string, id: string) =>
  eventually(async () => expect((await search(web.sys, { q })).hits.map((h) => h.id)).toContain(id), { timeoutMs: 15_000, intervalMs: 200 });

interface FocusDocument { document: { activeElement: { getAttribute(name: string): string | null } | null } }
const focusedLabel = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as FocusDocument).document.activeElement?.getAttribute('aria-label') ?? null);

/**
 * Page errors, console errors and failed requests, except photos: the fixture photos are rows
 * without files, so their 404s say nothing about the console (Chromium logs those without a URL).
 */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !new URL(res.url()).pathname.startsWith('/media/')) problems.push(`${res.status()} ${res.url()}`);
  });
  return problems;
}

describe('curator console (chromium)', () => {
  let web: WebSystem;
  let curator: Session;
  let shop: Shop;

  beforeAll(async () => {
    web = await bootWeb('web-curator');
    curator = await newCurator(web.sys);
    shop = await seedShop(web.sys, { name: 'Tenun Ikat Sidemen Sari', regency: 'karangasem' });
  }, 180_000);
  afterAll(() => web?.close());

  it('a curator approves a submitted listing, features it in a new collection and publishes it; the storefront shows it', async () => {
    const title = 'Kain endek Sidemen motif wajik biru';
    const listingId = await submittedListing(web, shop, title);
    const page = await web.newPage({ viewport: PHONE });
    const errors = watchProblems(page);
    await journey(page, 'curator-feature', async () => {
      // Signed out, the console sends the curator to sign in and back.
      await page.goto('/curator/listings');
      await page.waitForURL(/\/login/);
      await signInWithForm(page, curator.user.email);
      await page.waitForURL(/\/curator\/listings$/);
      await page.getByRole('heading', { level: 1, name: 'Antrean moderasi produk' }).waitFor();
      await page.getByRole('heading', { name: title }).waitFor();
      await screenshot(page, 'curator-listing-queue');

      // The preview shows the listing as buyers would see it, price the Indonesian way.
      await page.getByRole('button', { name: `Tinjau ${title}` }).click();
      const dialog = page.getByRole('dialog', { name: `Tinjau: ${title}` });
      await dialog.getByText('Rp 1.250.000').waitFor();
      await dialog.getByRole('button', { name: 'Setujui' }).click();
      await page.getByText(`${title} disetujui dan kini dijual.`).waitFor();
      await page.getByText('Tidak ada produk yang menunggu.').waitFor();
      expect(await listingStatus(web, curator, listingId)).toBe('published');

      // A new collection, then its editor.
      await page.getByRole('navigation', { name: 'Menu kurator' }).getByRole('link', { name: 'Koleksi' }).click();
      await page.getByRole('heading', { level: 1, name: 'Koleksi unggulan' }).waitFor();
      await page.getByRole('button', { name: 'Koleksi baru' }).click();
      await page.getByLabel('Judul (Indonesia)').fill('Endek untuk hari Selasa');
      await page.getByLabel('Judul (Inggris)').fill('Endek for Tuesdays');
      await page.getByLabel('Slug (alamat)').fill('endek-untuk-selasa');
      await page.getByLabel('Deskripsi (Indonesia)').fill('Kain endek pilihan Dekranasda untuk seragam hari Selasa.');
      await page.getByRole('button', { name: 'Buat koleksi' }).click();
      await page.getByRole('heading', { level: 1, name: 'Endek untuk hari Selasa' }).waitFor();
      await page.getByText('Belum ada produk. Tambahkan di bawah.').waitFor();

      // Find the approved listing through search and add it.
      await indexed(web, 'wajik biru', listingId);
      await page.getByLabel('Cari produk').fill('wajik biru');
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      await page.getByRole('button', { name: `Tambahkan ${title} ke koleksi` }).click();
      await page.getByText(`${title} ditambahkan.`).waitFor();
      await page.getByRole('list', { name: 'Hasil pencarian' }).getByRole('button', { name: `${title} sudah ada di koleksi` }).waitFor();
      await page.getByRole('region', { name: 'Produk dalam koleksi' }).getByText(`1. ${title}`).waitFor();
      await page.getByRole('button', { name: 'Terbitkan koleksi' }).click();
      await page.getByText('Koleksi diterbitkan.').waitFor();
      await page.getByRole('button', { name: 'Sembunyikan koleksi' }).waitFor();
      await screenshot(page, 'curator-collection-editor');
    });
    expect(errors).toEqual([]);

    // Buyers see it: the public collections list, then the home page.
    const published = await api(web).get('/api/v1/collections').expect(200);
    const collection = (published.body.items as Array<{ slug: string; listings: Array<{ id: string }> }>).find((c) => c.slug === 'endek-untuk-selasa');
    expect(collection?.listings.map((l) => l.id)).toEqual([listingId]);
    const home = await web.newPage({ viewport: PHONE });
    await eventually(async () => {
      await home.goto('/');
      const section = home.getByRole('region', { name: 'Endek untuk hari Selasa' });
      await section.getByText(title).waitFor({ timeout: 2_000 });
    }, { timeoutMs: 20_000, intervalMs: 500 });
  }, 120_000);

  it('rejecting needs a reason, and the artisan gets the one the curator gave', async () => {
    const title = 'Kain endek Sidemen motif tanpa label';
    const listingId = await submittedListing(web, shop, title);
    const page = await web.newPage({ viewport: PHONE, session: curator });
    await journey(page, 'curator-reject', async () => {
      await page.goto('/curator/listings');
      await page.getByRole('button', { name: `Tinjau ${title}` }).click();
      await page.getByRole('dialog', { name: `Tinjau: ${title}` }).getByRole('button', { name: 'Tolak' }).click();
      const ask = page.getByRole('dialog', { name: `Tolak ${title}` });
      await ask.getByRole('button', { name: 'Tolak' }).click();
      await ask.getByRole('alert').getByText('Tulis alasannya.').waitFor();
      await ask.getByLabel('Alasan').fill('Foto kurang jelas; tambahkan foto motif dari dekat.');
      await ask.getByRole('button', { name: 'Tolak' }).click();
      await page.getByText(`${title} ditolak.`).waitFor();
    });
    const listing = (await api(web).get(`/api/v1/listings/${listingId}`).set(bearer(shop.session)).expect(200)).body;
    expect(listing).toMatchObject({ status: 'draft', rejectionReason: 'Foto kurang jelas; tambahkan foto motif dari dekat.' });
  }, 60_000);

  it('orders a collection with the keyboard: the moved listing keeps focus and the order is saved', async () => {
    const a = await publishListing(web.sys, shop, curator, { titleId: 'Kain endek motif satu', category: 'endek', regency: 'karangasem', variants: [{ price: 500_000, stock: 2 }] });
    const b = await publishListing(web.sys, shop, curator, { titleId: 'Kain endek motif dua', category: 'endek', regency: 'karangasem', variants: [{ price: 600_000, stock: 2 }] });
    const made = await api(web).post('/api/v1/curation/collections').set(bearer(curator))
      .send({ slug: 'urutan-papan-ketik', title: { id: 'Urutan papan ketik', en: null }, description: { id: 'Koleksi untuk menguji urutan.', en: null } });
    expect(made.status).toBe(201);
    await api(web).put(`/api/v1/curation/collections/${made.body.id}/items`).set(bearer(curator)).send({ listingIds: [a.id, b.id] }).expect(200);

    const itemOrder = async (id: string) =>
      ((await api(web).get(`/api/v1/curation/collections/${id}`).set(bearer(curator)).expect(200)).body.items as Array<{ listingId: string }>).map((i) => i.listingId);
    const page = await web.newPage({ viewport: PHONE, session: curator });
    await journey(page, 'curator-keyboard-order', async () => {
      await page.goto(`/curator/collections/${made.body.id}`);
      const down = page.getByRole('button', { name: 'Pindahkan Kain endek motif satu ke bawah' });
      await down.focus();
      await page.keyboard.press('Enter');
      await page.getByText('Kain endek motif satu kini di posisi 2.').waitFor();
      expect(await focusedLabel(page)).toBe('Pindahkan Kain endek motif satu ke atas');
      expect(await itemOrder(made.body.id)).toEqual([b.id, a.id]);
      // Enter again on the button that now has focus moves it back up.
      await page.keyboard.press('Enter');
      await page.getByText('Kain endek motif satu kini di posisi 1.').waitFor();
      expect(await focusedLabel(page)).toBe('Pindahkan Kain endek motif satu ke bawah');
    });
    expect(await itemOrder(made.body.id)).toEqual([a.id, b.id]);
  }, 60_000);

  it("shows a job that failed in an app's workers with its reason, and retries it", async () => {
    // A campaign job naming no valid campaign: the catalog's worker fails it.
    const redis = new IORedis(web.sys.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(CampaignQueues.transitions, { connection: redis, prefix: web.sys.config.redisPrefix });
    try {
      const jobId = 'broken-campaign-job';
      await queue.add(CampaignJobs.start, { campaignId: 'not-a-uuid' }, { jobId, attempts: 1 });
      await eventually(async () => expect(await (await queue.getJob(jobId))!.getState()).toBe('failed'));
      const page = await web.newPage({ viewport: PHONE, session: curator });
      await journey(page, 'curator-failed-jobs', async () => {
        await page.goto('/curator/jobs');
        await page.getByRole('heading', { level: 1, name: 'Tugas latar yang gagal' }).waitFor();
        await page.getByText(/invalid input syntax for type uuid/).first().waitFor();
        await screenshot(page, 'curator-failed-jobs');
        await page.getByRole('button', { name: `Coba lagi ${CampaignJobs.start} (${jobId})` }).click();
        await page.getByText(`${CampaignJobs.start} dijalankan lagi.`).waitFor();
      });
      // It ran again (and failed again: its cause is not fixed).
      await eventually(async () => expect((await queue.getJob(jobId))!.attemptsMade).toBe(2));
    } finally {
      await queue.close();
      redis.disconnect();
    }
  }, 60_000);

  it('screenshots the queues, a collection editor and the reports at 375 and 1280 px', async () => {
    await submittedListing(web, shop, 'Kain endek Sidemen motif gringsing kecil');
    const pending = await seedShop(web.sys, { name: 'Perak Celuk Ayu', regency: 'gianyar' });
    await queryDb(web.sys, 'UPDATE catalog.artisans SET status = $2, verified_at = NULL WHERE id = $1', [pending.artisanId, 'pending']);
    const list = (await api(web).get('/api/v1/curation/collections').set(bearer(curator)).expect(200)).body.items as Array<{ id: string; slug: string }>;
    const editor = list.find((c) => c.slug === 'endek-untuk-selasa') ?? list[0];
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await web.newPage({ viewport, session: curator });
      const errors = watchProblems(page);
      await journey(page, 'curator-screens', async () => {
        await page.goto('/curator/listings');
        await page.getByRole('heading', { name: 'Kain endek Sidemen motif gringsing kecil' }).waitFor();
        await screenshot(page, 'curator-listing-queue');
        await page.goto('/curator/artisans');
        await page.getByRole('heading', { name: /Perak Celuk Ayu/ }).waitFor();
        await screenshot(page, 'curator-artisan-queue');
        await page.goto(`/curator/collections/${editor.id}`);
        await page.getByRole('heading', { name: 'Produk dalam koleksi' }).waitFor();
        await screenshot(page, 'curator-collection-editor');
        await page.goto('/curator/reports');
        await page.getByRole('figure', { name: /Perajin menurut status/ }).waitFor();
        await page.getByText('Penjualan bersih per', { exact: false }).or(page.getByText('Belum ada penjualan pada periode ini.')).first().waitFor();
        await screenshot(page, 'curator-reports');
      });
      expect(errors).toEqual([]);
    }
  }, 90_000);
});
