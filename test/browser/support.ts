import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ServiceName } from '@pk/contracts';
import { ensureWebBuild, WEB_DIST } from '../../scripts/web-build';
import { bootSystem, TestSystem } from '../support/apps';
import { Session } from '../support/http';

// Browser tests: the whole system in this process, the gateway serving the web build, and
// Debian's chromium driven by playwright-core. Nothing is downloaded; a missing browser fails.

// The root tsconfig has no DOM types; code passed to page.evaluate declares what it touches.
interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
export interface BrowserStorage {
  localStorage: StorageLike;
  sessionStorage: StorageLike;
}

/** The page's stored item (localStorage), read in the browser. */
export const storedItem = (page: Page, key: string): Promise<string | null> =>
  page.evaluate((k) => (globalThis as unknown as BrowserStorage).localStorage.getItem(k), key);

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];
export const SCREENS_DIR = path.resolve(__dirname, '../../test-artifacts/screens');

/** Phones first: 375 px is the width every journey runs at; 1280 px for the desktop screenshots. */
export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 800 };

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: the browser tests need Debian's chromium. Install it with ` +
        '`apt-get install chromium` (or point CHROMIUM_PATH at a Chromium binary). Never `npx playwright install`.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface WebSystem {
  sys: TestSystem;
  browser: Browser;
  /** The gateway's address, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** A fresh browser context (own storage) at `viewport`, optionally signed in as `session`. */
  newPage(opts?: { viewport?: { width: number; height: number }; session?: Session; lang?: 'id' | 'en' }): Promise<Page>;
  close(): Promise<void>;
}

type NewPage = WebSystem['newPage'];

/** Fresh contexts of `browser` against `baseUrl` (own storage, signed in and in a language as asked); each is kept in `contexts` for closing. */
export function pageMaker(browser: Browser, baseUrl: string, contexts: BrowserContext[]): NewPage {
  return async ({ viewport = PHONE, session, lang = 'id' } = {}) => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: lang === 'id' ? 'id-ID' : 'en-GB', timezoneId: 'Asia/Makassar' });
    contexts.push(context);
    // The app reads these from localStorage at start (see apps/web/src/api.ts and i18n.ts).
    await context.addInitScript(
      ({ s, l }) => {
        // Once per tab, so a test's later sign-out or language switch survives reloads.
        const { localStorage, sessionStorage } = globalThis as unknown as BrowserStorage;
        if (!sessionStorage.getItem('pk.test.init')) {
          sessionStorage.setItem('pk.test.init', '1');
          localStorage.setItem('pk.lang', l);
          if (s) localStorage.setItem('pk.session', JSON.stringify(s));
        }
      },
      { s: session ? { user: session.user, accessToken: session.accessToken, refreshToken: session.refreshToken } : null, l: lang },
    );
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };
}

/** Builds the web app when stale, boots every service and the gateway, launches chromium. */
export async function bootWeb(suite: string, opts: { services?: ServiceName[]; env?: Record<string, string> } = {}): Promise<WebSystem> {
  ensureWebBuild((line) => console.log(`[web] ${line}`));
  const browser = await launchChromium();
  let sys: TestSystem;
  try {
    sys = await bootSystem(suite, opts);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const address = sys.gateway.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const contexts: BrowserContext[] = [];
  return {
    sys,
    browser,
    baseUrl,
    newPage: pageMaker(browser, baseUrl, contexts),
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser.close();
      await sys.close();
    },
  };
}

/** Saves test-artifacts/screens/<name>-<width>.png (full page) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const file = path.join(SCREENS_DIR, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs a journey; when it fails, the page as it was is kept as test-artifacts/screens/failed-<name>-<width>.png. */
export async function journey(page: Page, name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    await screenshot(page, `failed-${name}`).catch(() => undefined);
    throw error;
  }
}

/** Signs in through the login form, as a person would (on the sign-in page already shown, else /login). */
export async function signInWithForm(page: Page, email: string, password = 'correct-horse-battery', lang: 'id' | 'en' = 'id'): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/login')) await page.goto('/login');
  await page.getByLabel(lang === 'id' ? 'Email' : 'Email').fill(email);
  await page.getByLabel(lang === 'id' ? 'Kata sandi' : 'Password').fill(password);
  await page.getByRole('button', { name: lang === 'id' ? 'Masuk' : 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Collects uncaught page errors and failed console errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export const webDistExists = (): boolean => existsSync(path.join(WEB_DIST, 'index.html'));
