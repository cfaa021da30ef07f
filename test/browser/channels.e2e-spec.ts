import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import type { ChannelAccountView, ChannelMappingView, ListingChannelAttributesView } from '@pk/contracts';
import { ensureWebBuild } from '../../scripts/web-build';
import { artisanShop, bootChannelsTestbed, channelState, ChannelsTestbed, connectTrip, endekSpec, finishedRun, publishWithPhotos, shopChannelListings } from '../support/channels';
import { eventually } from '../support/eventually';
import { queryDb } from '../support/db';
import { bearer, Session } from '../support/http';
import { DESKTOP, journey, launchChromium, pageMaker, PHONE, screenshot, watchErrors } from './support';

// Channels in the browser, against the TikTok Shop sandbox: an artisan connects their own shop by
// the channel's authorization page, reconnects it when the channel stops taking it, disconnects it,
// and is told in words what to do when the seller refuses; a curator connects the council's
// account, maps our endek to a TikTok leaf category (a too-long label refused beside its field),
// and an artisan then gives a listing the value the mapping left to them and reads, in either
// language, why TikTok would refuse another. Indonesian unless said.

const TIKTOK = 'TikTok Shop (Tokopedia)';

/** The accessible name of the focused element (its label), read in the page. */
const focusedLabel = (page: Page): Promise<string | null> =>
  page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: { id: string } | null; querySelector(s: string): { textContent: string | null } | null } }).document;
    const id = doc.activeElement?.id;
    return id ? doc.querySelector(`label[for="${id}"]`)?.textContent ?? null : null;
  });

describe('channels (chromium)', () => {
  let tb: ChannelsTestbed;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let newPage: ReturnType<typeof pageMaker>;

  beforeAll(async () => {
    ensureWebBuild((line) => console.log(`[web] ${line}`));
    browser = await launchChromium();
    tb = await bootChannelsTestbed('channels-web');
    newPage = pageMaker(browser, tb.publicUrl, contexts);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
    await tb?.close();
  });

  const api = () => request(tb.sys.http);
  const shopAccounts = async (session: Session): Promise<ChannelAccountView[]> =>
    (await api().get('/api/v1/channels/accounts').set(bearer(session)).expect(200)).body.items;
  const accountCard = (page: Page, channel: string): Locator =>
    page.getByRole('region', { name: 'Akun kanal' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: channel }) });

  it('connects, reconnects and disconnects a shop, and says what to do when the seller refuses (375 px)', async () => {
    const shop = await artisanShop(tb.sys, 'Tenun Ayu Sidemen');
    const page = await newPage({ viewport: PHONE, session: shop.session });
    const errors = watchErrors(page);
    await journey(page, 'channels-connect', async () => {
      await page.goto('/seller/channels');
      await page.getByText('Belum ada akun kanal yang terhubung.').waitFor();
      // To TikTok's authorize page (the sandbox approves at once) and back.
      await page.getByRole('button', { name: 'Hubungkan TikTok Shop' }).click();
      await page.getByRole('status').filter({ hasText: `${TIKTOK} terhubung` }).waitFor();
      expect(new URL(page.url()).search).toBe('');
      const [account] = await shopAccounts(shop.session);
      expect(account).toMatchObject({ channel: 'tiktok_shop', scope: 'shop', status: 'active', connectedVia: 'authorization', needsReconnect: false });
      const card = accountCard(page, TIKTOK);
      await card.locator('.status', { hasText: 'Aktif' }).waitFor();
      await card.getByText(`Toko di kanal: ${account.sellerName}`).waitFor();
      // Connected channels offer no second connect; Lazada still does.
      expect(await page.getByRole('button', { name: 'Hubungkan TikTok Shop' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Hubungkan Lazada' }).waitFor();
      await screenshot(page, 'channels-seller-connected');

      // TikTok stops taking the refresh token: the card says so and offers the way back.
      await queryDb(tb.sys, 'UPDATE channels.accounts SET needs_reconnect = true, reconnect_reason = $2 WHERE id = $1',
        [account.id, 'TikTok Shop no longer accepts the refresh token of this channel account: reconnect the shop to TikTok Shop.']);
      await page.reload();
      await card.locator('.status', { hasText: 'Perlu dihubungkan ulang' }).waitFor();
      await card.getByText(`${TIKTOK} tidak lagi menerima izin Pasar Kriya`).waitFor();
      await screenshot(page, 'channels-seller-reconnect');
      await card.getByRole('button', { name: `Hubungkan ulang ${TIKTOK}` }).click();
      await page.getByRole('status').filter({ hasText: `${TIKTOK} terhubung` }).waitFor();
      await card.locator('.status', { hasText: 'Aktif' }).waitFor();
      const [again] = await shopAccounts(shop.session);
      expect(again).toMatchObject({ id: account.id, status: 'active', needsReconnect: false });

      // Disconnect asks first.
      await card.getByRole('button', { name: `Putuskan ${TIKTOK}` }).click();
      const dialog = page.getByRole('dialog', { name: `Putuskan ${TIKTOK}?` });
      await dialog.getByText('tidak lagi dikirim').waitFor();
      await dialog.getByRole('button', { name: 'Ya, putuskan' }).click();
      await page.getByText(`${TIKTOK} diputus.`).waitFor();
      await card.locator('.status', { hasText: 'Nonaktif' }).waitFor();
      expect((await shopAccounts(shop.session))[0]).toMatchObject({ id: account.id, status: 'disabled' });

      // In English: the seller refuses on TikTok's page; the notice says what happened and what to do.
      await page.getByRole('button', { name: 'English (EN)' }).click();
      tb.tiktok.denyNextAuthorization();
      await page.getByRole('button', { name: 'Connect TikTok Shop' }).click();
      const refused = page.getByRole('alert').filter({ hasText: `Connecting ${TIKTOK} did not work.` });
      await refused.getByText(`Permission was not given on ${TIKTOK}`).waitFor();
      await screenshot(page, 'channels-seller-denied');
      expect((await shopAccounts(shop.session))[0]).toMatchObject({ status: 'disabled' });
    });
    expect(errors).toEqual([]);
  }, 120_000);

  it("maps endek to TikTok Shop's Traditional Cloth in the console, then an artisan fills what the mapping left to them and reads why a listing is refused", async () => {
    // The category tree is read through a connected TikTok account: here the shop's own, connected by its owner.
    const shop = await artisanShop(tb.sys, 'Endek Ibu Komang');
    expect((await connectTrip(tb, 'tiktok_shop', shop.session, 'shop')).location).toBe('/seller/channels?connected=tiktok_shop');
    const page = await newPage({ viewport: DESKTOP, session: tb.curator });
    await journey(page, 'channels-mapping', async () => {
      await page.goto('/curator/channels');
      await page.getByRole('link', { name: 'Pemetaan kategori' }).click();
      await page.getByRole('heading', { level: 1, name: 'Pemetaan kategori' }).waitFor();
      await page.getByText('Belum ada kategori yang dipetakan ke TikTok Shop.').waitFor();
      await page.getByRole('combobox', { name: 'Kategori kerajinan kami' }).selectOption({ label: 'Kain tenun › Endek' });

      // Branches open; only leaves are choices.
      await page.getByRole('button', { name: 'Home Supplies' }).click();
      await page.getByRole('button', { name: 'Textiles & Soft Furnishings' }).click();
      expect(await page.getByRole('radio', { name: /Home Supplies/ }).count()).toBe(0);
      await page.getByRole('radio', { name: /Traditional Cloth/ }).check();
      await page.getByText('Dipilih: Home Supplies › Textiles & Soft Furnishings › Traditional Cloth').waitFor();

      const material = page.getByRole('group', { name: /^Material/ });
      await material.getByRole('radio', { name: 'Dari data produk' }).check();
      await material.getByRole('combobox', { name: 'Ambil dari' }).selectOption('materials');
      // Motif stays with the artisans (the default).
      expect(await page.getByRole('group', { name: /^Motif/ }).getByRole('radio', { name: 'Diisi perajin' }).isChecked()).toBe(true);
      await page.getByText('TikTok Shop menerima paling banyak 3 atribut penjualan per produk; terisi 0.').waitFor();
      const warna = page.getByRole('textbox', { name: 'Label varian kami untuk Warna' });
      await warna.fill('Warna kain tenun ikat yang ditulis panjang sekali sampai lebih dari enam puluh huruf');
      await page.getByRole('textbox', { name: 'Label varian kami untuk Ukuran' }).fill('Ukuran');
      await page.getByText('terisi 2.').waitFor();
      await page.getByRole('button', { name: 'Simpan pemetaan' }).click();

      // The 400 names the label: its message sits beside it and the focus moves there.
      await page.locator('.field', { has: warna }).locator('.field-error').waitFor();
      expect(await focusedLabel(page)).toBe('Label varian kami untuk Warna');
      await screenshot(page, 'channels-mapping-refused');
      await warna.fill('Warna');
      await page.getByRole('button', { name: 'Simpan pemetaan' }).click();
      await page.getByText('Pemetaan Kain tenun › Endek ke TikTok Shop tersimpan.').waitFor();
      const listed = page.getByRole('region', { name: 'Pemetaan ke TikTok Shop' }).getByRole('listitem').filter({ hasText: 'Kain tenun › Endek' });
      await listed.getByText('Traditional Cloth').first().waitFor();
      await listed.locator('.status', { hasText: 'Lengkap' }).waitFor();
      await screenshot(page, 'channels-mapping');
      await page.setViewportSize(PHONE);
      await screenshot(page, 'channels-mapping');
    });
    const { items } = (await api().get('/api/v1/curation/channels/mappings').query({ channel: 'tiktok_shop' }).set(bearer(tb.curator)).expect(200)).body as { items: ChannelMappingView[] };
    const endek = items.find((m) => m.categorySlug === 'endek')!;
    expect(endek).toMatchObject({ channelCategoryId: '601161' });
    expect(endek.attributes.find((a) => a.id === '100198')).toMatchObject({ from: 'materials' });
    // Left to the artisans: recorded with no value of its own.
    const motifRule = endek.attributes.find((a) => a.id === '100347');
    expect(motifRule).toMatchObject({ name: 'Motif', required: false });
    expect(motifRule?.values ?? motifRule?.value ?? motifRule?.from ?? null).toBeNull();
    expect(endek.salesAttributes).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: '100000', optionLabels: ['Warna'] }),
      expect.objectContaining({ id: '100007', optionLabels: ['Ukuran'] }),
    ]));

    // The artisan's listing of endek: Material comes from the listing, Motif is theirs to choose.
    const listing = await publishWithPhotos(tb, shop, endekSpec());
    const seller = await newPage({ viewport: PHONE, session: shop.session });
    await journey(seller, 'channels-attributes', async () => {
      await seller.goto(`/seller/listings/${listing.id}`);
      const form = seller.getByRole('form', { name: `Atribut ${TIKTOK}` });
      await form.getByText('dari data produk').waitFor();
      await form.getByRole('combobox', { name: 'Motif' }).selectOption({ label: 'Geringsing' });
      await screenshot(seller, 'channels-listing-attributes');
      await form.getByRole('button', { name: `Simpan atribut ${TIKTOK}` }).click();
      await seller.getByText(`Atribut ${TIKTOK} tersimpan.`).waitFor();
    });
    const view = (await api().get(`/api/v1/channels/listings/${listing.id}/attributes`).set(bearer(shop.session)).expect(200)).body as ListingChannelAttributesView;
    const motif = view.items.find((i) => i.channel === 'tiktok_shop')!.attributes.find((a) => a.id === '100347');
    expect(motif).toMatchObject({ source: 'listing', value: [{ id: '1034702', name: 'Geringsing' }] });

    // A listing TikTok would refuse (a 17-character title): its problem is worded from its code, in either language.
    const short = await publishWithPhotos(tb, shop, endekSpec({ titleId: 'Kain endek pendek' }));
    const refused = await eventually(async () => {
      const { runs } = (await api().post('/api/v1/channels/sync').set(bearer(shop.session)).send({}).expect(202)).body as { runs: Array<{ id: string }> };
      await Promise.all(runs.map((r) => finishedRun(tb, r.id, { artisan: shop.session })));
      const state = channelState(await shopChannelListings(tb, shop.session), short.id, 'tiktok_shop');
      expect(state.problems.map((p) => p.code)).toContain('tiktok.title_length');
      return state;
    }, { timeoutMs: 30_000, intervalMs: 500 });
    expect(refused.problems.find((p) => p.code === 'tiktok.title_length')?.params).toMatchObject({ length: 17 });
    await journey(seller, 'channels-problems', async () => {
      await seller.goto('/seller/channels');
      const card = seller.getByRole('listitem').filter({ has: seller.getByRole('heading', { name: 'Kain endek pendek' }) });
      await card.getByText('TikTok Shop memerlukan judul 25–255 karakter; judul ini 17 karakter.').waitFor();
      await screenshot(seller, 'channels-problems');
      await seller.getByRole('button', { name: 'English (EN)' }).click();
      await card.getByText('TikTok Shop needs a title of 25–255 characters; this one has 17.').waitFor();
    });
  }, 180_000);

  it("connects the council's account from the console, and marks a council account that needs reconnecting (1280 px)", async () => {
    const page = await newPage({ viewport: DESKTOP, session: tb.curator });
    await journey(page, 'channels-council', async () => {
      await page.goto('/curator/channels');
      await page.getByRole('button', { name: 'Hubungkan Lazada' }).click();
      await page.getByRole('status').filter({ hasText: 'Lazada terhubung' }).waitFor();
      const card = page.getByRole('region', { name: 'Akun kanal' }).getByRole('listitem').filter({ hasText: 'Akun Dekranasda' }).filter({ hasText: 'Lazada' });
      await card.locator('.status', { hasText: 'Aktif' }).waitFor();
      expect(await page.getByRole('button', { name: 'Hubungkan Lazada' }).count()).toBe(0);
      const accounts = (await api().get('/api/v1/curation/channels/accounts').set(bearer(tb.curator)).expect(200)).body.items as ChannelAccountView[];
      const lazada = accounts.find((a) => a.channel === 'lazada' && a.scope === 'council')!;
      expect(lazada).toMatchObject({ connectedVia: 'authorization', needsReconnect: false });
      await queryDb(tb.sys, 'UPDATE channels.accounts SET needs_reconnect = true WHERE id = $1', [lazada.id]);
      await page.reload();
      await card.locator('.status', { hasText: 'Perlu dihubungkan ulang' }).waitFor();
      await card.getByRole('button', { name: 'Hubungkan ulang Lazada' }).waitFor();
      await screenshot(page, 'channels-council');
    });
  }, 60_000);
});
