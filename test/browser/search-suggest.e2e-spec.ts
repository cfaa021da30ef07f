import { Locator, Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { newCurator } from '../support/orders';
import { CreatedListing, publishListing, search, seedShop } from '../support/search';
import { bootWeb, DESKTOP, journey, PHONE, screenshot, watchErrors, WebSystem } from './support';

// The header's search box: suggestions while typing (a WAI-ARIA combobox), and "did you mean"
// on the results page, on a phone and a desktop, in Indonesian and English.

const noOverflow = (page: Page) =>
  page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth <= root.clientWidth;
  });

/** The options of one group of the listbox, by the group's heading. */
const group = (page: Page, name: string): Locator => page.getByRole('listbox').getByRole('group', { name, exact: true });

describe('search suggestions and "did you mean" (storefront, chromium)', () => {
  let web: WebSystem;
  let cepuk: CreatedListing;
  let rangrang: CreatedListing;
  let songket: CreatedListing;
  let sidemenSlug: string;

  beforeAll(async () => {
    web = await bootWeb('web-suggest', { services: ['catalog', 'orders', 'payments', 'search'] });
    const curator = await newCurator(web.sys);
    const sidemen = await seedShop(web.sys, { name: 'Tenun Ayu Sidemen', regency: 'karangasem' });
    const celuk = await seedShop(web.sys, { name: 'Perak Celuk Made', regency: 'gianyar' });
    sidemenSlug = sidemen.slug;
    cepuk = await publishListing(web.sys, sidemen, curator, {
      titleId: 'Kain endek Sidemen motif cepuk', titleEn: 'Sidemen endek cloth, cepuk motif', category: 'endek', regency: 'karangasem',
      materials: ['Katun'], variants: [{ price: 750_000, stock: 4 }],
    });
    songket = await publishListing(web.sys, sidemen, curator, {
      titleId: 'Kain songket Sidemen benang emas', category: 'songket', regency: 'karangasem', materials: ['Sutra'], variants: [{ price: 2_400_000, stock: 1 }],
    });
    rangrang = await publishListing(web.sys, celuk, curator, {
      titleId: 'Kain endek Gianyar motif rangrang', category: 'endek', regency: 'gianyar', materials: ['Katun'], variants: [{ price: 600_000, stock: 2 }],
    });
    await publishListing(web.sys, celuk, curator, {
      titleId: 'Cincin perak Celuk motif jawan', category: 'silver-jewellery', regency: 'gianyar', materials: ['Perak'], variants: [{ price: 450_000, stock: 5 }],
    });
    await eventually(async () => expect((await search(web.sys, {})).total).toBe(4), { timeoutMs: 20_000, intervalMs: 200 });
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('suggests as the buyer types, moves with the keyboard, opens a listing, a regency, and a corrected search (375 px)', async () => {
    const page = await web.newPage({ viewport: PHONE });
    const errors = watchErrors(page);
    await journey(page, 'search-suggest', async () => {
      await page.goto('/');
      await page.getByTestId('home-content').waitFor();
      const box = page.getByRole('combobox', { name: 'Cari kerajinan' });
      expect(await box.getAttribute('aria-expanded')).toBe('false');

      // A prefix: listings (the typed part marked), the craft, where they are made, who makes them.
      await box.pressSequentially('ende', { delay: 30 });
      await group(page, 'Produk').getByRole('option').nth(1).waitFor();
      expect(await box.getAttribute('aria-expanded')).toBe('true');
      expect(await page.getByRole('listbox').getAttribute('id')).toBe(await box.getAttribute('aria-controls'));
      expect((await group(page, 'Produk').getByRole('option').allTextContents()).sort()).toEqual(['Kain endek Gianyar motif rangrang', 'Kain endek Sidemen motif cepuk']);
      expect(await group(page, 'Produk').getByRole('option').first().locator('mark').first().textContent()).toMatch(/^ende/i);
      expect(await group(page, 'Kategori').getByRole('option').allTextContents()).toContain('Endek (2)');
      expect((await group(page, 'Kabupaten/kota').getByRole('option').allTextContents()).sort()).toEqual(['Gianyar (1)', 'Karangasem (1)']);
      expect((await group(page, 'Toko perajin').getByRole('option').allTextContents()).sort()).toEqual([expect.stringMatching(/^Perak Celuk Made/), expect.stringMatching(/^Tenun Ayu Sidemen/)]);
      expect(await noOverflow(page)).toBe(true);
      await screenshot(page, 'search-suggest');

      // Down, down, up: the first option is active, announced through aria-activedescendant.
      const options = page.getByRole('listbox').getByRole('option');
      await box.press('ArrowDown');
      await box.press('ArrowDown');
      await box.press('ArrowUp');
      const first = options.first();
      expect(await first.getAttribute('aria-selected')).toBe('true');
      expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
      expect(await options.nth(1).getAttribute('aria-selected')).toBe('false');

      // Escape closes; typing opens again; a click outside closes.
      await box.press('Escape');
      await page.getByRole('listbox').waitFor({ state: 'hidden' });
      expect(await box.getAttribute('aria-expanded')).toBe('false');
      expect(await box.getAttribute('aria-activedescendant')).toBeNull();
      // (The answer for the new text resets the active option, so the test waits for it.)
      const answered = page.waitForResponse((r) => r.url().includes('/search/suggest') && new URL(r.url()).searchParams.get('q') === 'endek');
      await box.press('k');
      await answered;
      await page.getByRole('listbox').waitFor();
      // (On a phone the list covers the page: the header's own corner is outside it.)
      await page.locator('header').click({ position: { x: 2, y: 2 } });
      await page.getByRole('listbox').waitFor({ state: 'hidden' });

      // Enter opens the active option: the listing.
      await box.focus();
      await box.press('ArrowDown');
      await page.getByRole('listbox').waitFor();
      expect(await options.first().getAttribute('aria-selected')).toBe('true');
      const firstTitle = await options.first().textContent();
      const firstId = firstTitle === 'Kain endek Sidemen motif cepuk' ? cepuk.id : rangrang.id;
      await box.press('Enter');
      await page.waitForURL(`**/listing/${firstId}`);
      await page.getByRole('heading', { level: 1, name: firstTitle! }).waitFor();

      // A regency: the search page, filtered by it.
      const again = page.getByRole('combobox', { name: 'Cari kerajinan' });
      await again.pressSequentially('endek', { delay: 30 });
      await group(page, 'Kabupaten/kota').getByRole('option', { name: /^Karangasem/ }).click();
      await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('regency') === 'karangasem' && url.searchParams.get('q') === 'endek');
      await page.getByTestId('result-count').filter({ hasText: '1 kerajinan' }).waitFor();
      expect(await page.getByTestId('listing-card').allTextContents()).toEqual([expect.stringContaining('Kain endek Sidemen motif cepuk')]);

      // A typo finds nothing; the page offers the corrected words, and the link runs that search.
      const header = page.getByRole('combobox', { name: 'Cari kerajinan' });
      await header.fill('sngkt');
      await header.press('Enter');
      await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'sngkt' && !url.searchParams.has('regency'));
      const meant = page.getByTestId('did-you-mean');
      await meant.waitFor();
      expect((await meant.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Mungkin maksud Anda: songket');
      await screenshot(page, 'search-did-you-mean');
      await meant.getByRole('link', { name: 'songket' }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === 'songket');
      await page.getByTestId('result-count').filter({ hasText: '1 kerajinan' }).waitFor();
      expect(await page.getByTestId('listing-card').allTextContents()).toEqual([expect.stringContaining('Kain songket Sidemen benang emas')]);
      expect(await page.getByTestId('did-you-mean').count()).toBe(0);
      expect(songket.id).toBeTruthy();
    });
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('speaks English on request, opens a shop by mouse, and fits a desktop (1280 px)', async () => {
    const page = await web.newPage({ viewport: DESKTOP, lang: 'en' });
    await journey(page, 'search-suggest-en', async () => {
      await page.goto('/search?q=sngkt');
      const meant = page.getByTestId('did-you-mean');
      await meant.waitFor();
      expect((await meant.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Did you mean: songket');

      const box = page.getByRole('combobox', { name: 'Search craft' });
      await box.pressSequentially('sidemen', { delay: 30 });
      await group(page, 'Artisan shops').getByRole('option').first().waitFor();
      expect(await group(page, 'Items').getByRole('option').count()).toBeGreaterThanOrEqual(2);
      expect(await noOverflow(page)).toBe(true);
      const list = await page.getByRole('listbox').boundingBox();
      expect(list!.x + list!.width).toBeLessThanOrEqual(DESKTOP.width);
      await screenshot(page, 'search-suggest-en');
      // A click outside closes the list; focus and an arrow open it again.
      await page.getByRole('heading', { level: 1 }).click({ position: { x: 2, y: 2 } });
      await page.getByRole('listbox').waitFor({ state: 'hidden' });
      await box.focus();
      await page.getByRole('listbox').waitFor();
      await group(page, 'Artisan shops').getByRole('option', { name: /^Tenun Ayu Sidemen/ }).click();
      await page.waitForURL(`**/shop/${sidemenSlug}`);
    });
  });

  it('shows no suggestions while suggest fails, and searching still works', async () => {
    const page = await web.newPage({ viewport: PHONE });
    let refused = 0;
    await page.route('**/api/v1/search/suggest**', (route) => {
      refused += 1;
      return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'search is down' } }) });
    });
    const errors = watchErrors(page);
    await journey(page, 'search-suggest-down', async () => {
      await page.goto('/');
      await page.getByTestId('home-content').waitFor();
      const box = page.getByRole('combobox', { name: 'Cari kerajinan' });
      await box.pressSequentially('cincin', { delay: 30 });
      await eventually(async () => expect(refused).toBeGreaterThan(0), { timeoutMs: 5_000, intervalMs: 50 });
      expect(await box.getAttribute('aria-expanded')).toBe('false');
      expect(await page.getByRole('listbox').isVisible()).toBe(false);
      // No error shown: the toasts' region stays empty.
      expect(await page.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);
      await box.press('Enter');
      await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'cincin');
      await page.getByTestId('result-count').filter({ hasText: '1 kerajinan' }).waitFor();
    });
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
