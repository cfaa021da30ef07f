import { Browser, Page } from 'playwright-core';
import { ensureWebBuild, firstLoadJs } from '../scripts/web-build';
import { bootSystem } from '../test/support/apps';
import { registerWithRoles } from '../test/support/http';
import { publishListing, search, seedShop } from '../test/support/search';
import { eventually } from '../test/support/eventually';
import { launchChromium, PHONE } from '../test/browser/support';
import { fmt, median, percentile } from './stats';

interface Options {
  loads: number;
}

// A phone on a mediocre mobile link: 150 ms round trip, 1.6 Mbit/s down, a CPU 4× slower.
const SLOW_4G = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, cpu: 4 };

interface Sample {
  fcp: number;
  content: number;
}

/**
 * The storefront's first load: the JavaScript index.html makes a browser fetch before anything
 * lazy (gzipped, from the build), and, in Debian's chromium at 375 px, the first contentful paint
 * and the time until the page's main content is on screen, for home and a listing page, each
 * loaded `loads` times in a fresh browser context (nothing cached), locally and on a slow 4G phone.
 */
export async function benchWeb(env: { redisUrl: string }, opts: Options = { loads: 15 }): Promise<void> {
  ensureWebBuild((line) => console.log(`  ${line}`));
  const js = firstLoadJs();
  console.log(`  first-load JS: ${js.assets.map((a) => `${a.file} ${kb(a.gzipBytes)} kB gz`).join(', ')}`);
  console.log(`  first-load JS total: ${kb(js.bytes)} kB raw, ${kb(js.gzipBytes)} kB gzipped (goal ≤ 200 kB)`);

  const sys = await bootSystem('bench-web', { env: { REDIS_URL: env.redisUrl } });
  const browser = await launchChromium();
  try {
    const curator = await registerWithRoles(sys, ['curator']);
    const shop = await seedShop(sys, { name: 'Tenun Ayu Sidemen', regency: 'karangasem' });
    const listing = await publishListing(sys, shop, curator, {
      titleId: 'Kain endek Sidemen motif cepuk', category: 'endek', regency: 'karangasem', materials: ['Katun'],
      variants: [{ price: 750_000, stock: 4 }, { price: 825_000, stock: 2 }],
    });
    await eventually(async () => expect1((await search(sys, {})).total), { timeoutMs: 20_000, intervalMs: 200 });
    const address = sys.gateway.getHttpServer().address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const pages = [
      { name: 'home', path: '/', selector: '[data-testid="home-content"]' },
      { name: 'listing', path: `/listing/${listing.id}`, selector: '[data-testid="listing"]' },
    ];
    const rows: string[] = [];
    for (const profile of ['local', 'slow 4G'] as const) {
      for (const p of pages) {
        const samples: Sample[] = [];
        await load(browser, base + p.path, p.selector, profile); // warm the server and the OS caches, not the browser's
        for (let i = 0; i < opts.loads; i++) samples.push(await load(browser, base + p.path, p.selector, profile));
        const fcp = samples.map((s) => s.fcp);
        const content = samples.map((s) => s.content);
        rows.push(
          `  ${p.name.padEnd(8)} ${profile.padEnd(8)} FCP median ${fmt(median(fcp), 0)} ms (p90 ${fmt(percentile(fcp, 90), 0)}), ` +
            `content visible median ${fmt(median(content), 0)} ms (p90 ${fmt(percentile(content, 90), 0)}), ${opts.loads} cold loads`,
        );
        console.log(rows[rows.length - 1]);
      }
    }
  } finally {
    await browser.close();
    await sys.close();
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function expect1(n: number): void {
  if (n < 1) throw new Error('the listing is not indexed yet');
}

/** One cold load in a fresh context: FCP from the paint timeline, content from a MutationObserver (page clock). */
async function load(browser: Browser, url: string, selector: string, profile: 'local' | 'slow 4G'): Promise<Sample> {
  const context = await browser.newContext({ viewport: PHONE });
  try {
    await context.addInitScript((sel: string) => {
      const w = globalThis as unknown as {
        __pk: { fcp?: number; content?: number };
        document: { querySelector(s: string): unknown };
        MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void; disconnect(): void };
        PerformanceObserver: new (cb: (list: { getEntries(): Array<{ name: string; startTime: number }> }) => void) => { observe(o: object): void };
        performance: { now(): number };
      };
      w.__pk = {};
      new w.PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') w.__pk.fcp = e.startTime;
      }).observe({ type: 'paint', buffered: true });
      const mo = new w.MutationObserver(() => {
        if (w.__pk.content === undefined && w.document.querySelector(sel)) {
          w.__pk.content = w.performance.now();
          mo.disconnect();
        }
      });
      // The document itself: at this point the parser may not have made <html> yet.
      mo.observe(w.document, { childList: true, subtree: true });
    }, selector);
    const page = await context.newPage();
    if (profile === 'slow 4G') await throttle(page);
    await page.goto(url);
    await page.waitForSelector(selector);
    await page.waitForFunction(() => (globalThis as unknown as { __pk: { fcp?: number } }).__pk.fcp !== undefined);
    const { fcp, content } = await page.evaluate(() => (globalThis as unknown as { __pk: { fcp?: number; content?: number } }).__pk);
    if (fcp === undefined || content === undefined) throw new Error(`no timings for ${url}: fcp ${fcp}, content ${content}`);
    return { fcp, content };
  } finally {
    await context.close();
  }
}

async function throttle(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: SLOW_4G.latency,
    downloadThroughput: SLOW_4G.downloadThroughput,
    uploadThroughput: SLOW_4G.uploadThroughput,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_4G.cpu });
}
