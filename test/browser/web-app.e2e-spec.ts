import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createGatewayApp } from '../../apps/gateway/src/gateway-app';
import { firstLoadJs, WEB_DIST } from '../../scripts/web-build';
import { registerWithRoles } from '../support/http';
import { BrowserStorage, bootWeb, DESKTOP, PHONE, screenshot, signInWithForm, storedItem, WebSystem } from './support';

// The scaffold every section builds on: the gateway serving the build, the SPA's routing,
// language switch, sign-in, and the lazily loaded sections.
describe('web app (served by the gateway, in chromium)', () => {
  let web: WebSystem;

  beforeAll(async () => {
    web = await bootWeb('web-app', { services: ['catalog', 'orders', 'payments', 'search'] });
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('serves index.html for app paths with the public config, hashed assets for good, and leaves the API alone', async () => {
    const home = await request(web.sys.http).get('/').expect(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(home.text).toContain('<div id="root">');
    const meta = /<meta name="pk-config" content='([^']+)'>/.exec(home.text);
    expect(JSON.parse(meta![1])).toEqual({ stripePublishableKey: null, mediaUrl: '/media' });

    const deep = await request(web.sys.http).get('/listing/0196a3b2-0000-7000-8000-000000000000?x=1').expect(200);
    expect(deep.text).toBe(home.text);

    const asset = readdirSync(path.join(WEB_DIST, 'assets')).find((f) => f.endsWith('.js'))!;
    const js = await request(web.sys.http).get(`/assets/${asset}`).expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
    await request(web.sys.http).get('/assets/nope-123.js').expect(404);

    const api = await request(web.sys.http).get('/api/v1/no-such-route').expect(404);
    expect(api.body.error.code).toBeDefined();
    await request(web.sys.http).get('/health').expect(200);
  });

  it("keeps the storefront's first-load JavaScript within 200 kB gzipped, without the seller or curator code", () => {
    const first = firstLoadJs();
    expect(first.assets.length).toBeGreaterThan(0);
    expect(first.gzipBytes).toBeLessThanOrEqual(200 * 1024);
    expect(first.assets.map((a) => a.file).filter((f) => /seller|curator|stripe|checkout|orders/.test(f))).toEqual([]);
  });

  it('answers 503 naming `npm run build:web` when there is no build', async () => {
    const app = await createGatewayApp(web.sys.config, { shutdownHooks: false, webDir: mkdtempSync(path.join(os.tmpdir(), 'pk-noweb-')) });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const res = await request(app.getHttpServer()).get('/').expect(503);
      expect(res.text).toContain('npm run build:web');
      await request(app.getHttpServer()).get('/api/v1/search/listings').expect((r) => expect(r.status).not.toBe(503));
    } finally {
      await app.close();
    }
  });

  it('says so when a page or a listing does not exist', async () => {
    const page = await web.newPage();
    await page.goto('/no-such-page');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan.' }));
    await page.goto('/listing/0196a3b2-0000-7000-8000-000000000000');
    await expectVisible(page.getByRole('alert').filter({ hasText: 'Halaman tidak ditemukan.' }));
  });

  it('renders the home page in Indonesian, switches to English and remembers it', async () => {
    const page = await web.newPage({ viewport: PHONE });
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto('/');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Pasar Kriya' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await expectVisible(page.getByRole('link', { name: 'Cari' }));
    // The seller centre and curator console are not part of the storefront's first load.
    expect(scripts.some((s) => /seller|curator/.test(s))).toBe(false);

    await page.getByRole('button', { name: 'English' }).click();
    await expectVisible(page.getByRole('link', { name: 'Search' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await expectVisible(page.getByRole('link', { name: 'Search' }));
    await screenshot(page, 'scaffold-home');
  });

  it('sends a signed-out visitor of the seller centre to sign in, then loads the section', async () => {
    const artisan = await registerWithRoles(web.sys, ['artisan']);
    const page = await web.newPage({ viewport: DESKTOP });
    await page.goto('/seller');
    await page.waitForURL(/\/login\?next=%2Fseller/);
    await signInWithForm(page, artisan.user.email);
    expect(new URL(page.url()).pathname).toBe('/seller');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Pusat Penjual' }));
    await expectVisible(page.getByRole('button', { name: 'Keluar' }));

    // A buyer is told no rather than shown the console.
    const buyer = await registerWithRoles(web.sys, ['buyer']);
    const other = await web.newPage({ session: buyer });
    await other.goto('/curator');
    await expectVisible(other.getByRole('alert').filter({ hasText: 'tidak punya akses' }));
  });

  it('trades a stale access token for a new one at start, and signs out when the refresh token is refused', async () => {
    const buyer = await registerWithRoles(web.sys, ['buyer']);
    const page = await web.newPage({ session: { ...buyer, accessToken: 'stale.access.token' } });
    await page.goto('/');
    // The app checks the session at start: the 401 leads to a refresh, and the new tokens are stored.
    await page.waitForFunction(() => !(globalThis as unknown as BrowserStorage).localStorage.getItem('pk.session')?.includes('stale.access.token'));
    await expectVisible(page.getByRole('button', { name: 'Keluar' }));
    const stored = JSON.parse((await storedItem(page, 'pk.session'))!);
    expect(stored.accessToken).not.toBe('stale.access.token');
    expect(stored.refreshToken).not.toBe(buyer.refreshToken);
    await request(web.sys.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${stored.accessToken}`).expect(200);

    const revoked = await web.newPage({ session: { ...buyer, accessToken: 'stale.access.token', refreshToken: 'x'.repeat(40) } });
    await revoked.goto('/');
    await expectVisible(revoked.getByRole('link', { name: 'Masuk' }));
    expect(await storedItem(revoked, 'pk.session')).toBeNull();
  });
});

async function expectVisible(locator: import('playwright-core').Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}
