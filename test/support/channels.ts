import { mkdir, mkdtemp, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import path from 'path';
import sharp from 'sharp';
import request from 'supertest';
import type {
  Channel,
  ChannelAccountView,
  ChannelConnectStart,
  ChannelRunAction,
  ChannelRunCounts,
  ChannelRunItemView,
  ChannelRunView,
  ShopChannelListing,
} from '@pk/contracts';
import { newId } from '@pk/core';
import { seal, unseal, type AccountSecrets } from '../../apps/channels/src/accounts/sealed-secrets';
import { startLazadaSandbox, type IssuedLazadaSeller, type LazadaItem, type LazadaSandbox, type LazadaSandboxOptions } from '../sandboxes/lazada-sandbox';
import type { RequestLog } from '../sandboxes/sandbox-http';
import { startTikTokShopSandbox, type IssuedTikTokShop, type TikTokProduct, type TikTokSandboxOptions, type TikTokShopSandbox } from '../sandboxes/tiktok-shop-sandbox';
import { bootSystem, TestSystem } from './apps';
import { insertArtisan } from './catalog-fixtures';
import { queryDb } from './db';
import { eventually } from './eventually';
import { bearer, registerWithRoles, Session } from './http';
import { freePort } from './ports';
import { listingBody, type ListingSpec, type Shop } from './search';

// Helpers for the channels suites: both sandboxes and the system booted against them, accounts
// and mappings made by a curator, listings published by API with photos the gateway serves
// (the channels fetch them from PUBLIC_URL), runs polled to the end, and what the sandboxes
// were sent, per shop.

export const TIKTOK_APP = { appKey: 'pk-tt-app-2c91', appSecret: 'pk-tt-secret-7d03f1' };
export const LAZADA_APP = { appKey: '501337', appSecret: 'pk-lz-secret-Qe81x' };

/** Our leaf category `endek` on each channel (the sandboxes' default categories). */
export const ENDEK_MAPPINGS = {
  tiktok_shop: {
    channelCategoryId: '601161',
    channelCategoryName: 'Traditional Cloth',
    attributes: [{ id: '100198', name: 'Material', required: true, from: 'materials' }],
  },
  lazada: {
    channelCategoryId: '62541305',
    channelCategoryName: 'Traditional Fabric',
    attributes: [{ id: 'material', name: 'Material', required: true, from: 'materials' }],
    // Lazada takes variants only by the category's sale attributes (saleProp keys, 4143); listings here vary by "pilihan".
    salesAttributes: [{ id: 'color_family', name: 'Color', optionLabels: ['pilihan'] }],
  },
} as const;

export interface ChannelsTestbed {
  sys: TestSystem;
  tiktok: TikTokShopSandbox;
  lazada: LazadaSandbox;
  /** Where the gateway serves photos from (MEDIA_DIR). */
  mediaDir: string;
  /** The gateway's own address (PUBLIC_URL). */
  publicUrl: string;
  curator: Session;
  close(): Promise<void>;
}

/**
 * Both sandboxes, then the gateway, catalog and channels on a gateway port fixed in advance:
 * photo URLs in snapshots are relative, and the channels resolve them against PUBLIC_URL.
 */
export async function bootChannelsTestbed(
  suite: string,
  opts: { env?: Record<string, string>; tiktok?: Partial<TikTokSandboxOptions>; lazada?: Partial<LazadaSandboxOptions> } = {},
): Promise<ChannelsTestbed> {
  const [tiktok, lazada] = await Promise.all([
    startTikTokShopSandbox({ ...TIKTOK_APP, ...opts.tiktok }),
    startLazadaSandbox({ ...LAZADA_APP, ...opts.lazada }),
  ]);
  const mediaDir = await mkdtemp(path.join(tmpdir(), `pk-${suite}-media-`));
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  let sys: TestSystem;
  try {
    sys = await bootSystem(suite, {
      services: ['catalog', 'channels'],
      env: {
        TIKTOK_SHOP_API_URL: tiktok.url,
        TIKTOK_SHOP_AUTH_URL: tiktok.authUrl,
        TIKTOK_SHOP_AUTHORIZE_URL: tiktok.authorizeUrl,
        TIKTOK_SHOP_APP_KEY: TIKTOK_APP.appKey,
        TIKTOK_SHOP_APP_SECRET: TIKTOK_APP.appSecret,
        LAZADA_API_URL: lazada.url,
        LAZADA_AUTH_URL: lazada.authUrl,
        LAZADA_AUTHORIZE_URL: lazada.authorizeUrl,
        LAZADA_APP_KEY: LAZADA_APP.appKey,
        LAZADA_APP_SECRET: LAZADA_APP.appSecret,
        GATEWAY_PORT: String(port),
        PUBLIC_URL: publicUrl,
        MEDIA_DIR: mediaDir,
        // The nightly schedule must not start a run in the middle of a test.
        CHANNEL_EXPORT_CRON: '0 0 1 1 *',
        // Nor an export after a campaign's edge, unless the suite tests that.
        CHANNEL_CAMPAIGN_EXPORT_DELAY_MS: '0',
        ...opts.env,
      },
    });
  } catch (error) {
    await Promise.all([tiktok.close(), lazada.close(), rm(mediaDir, { recursive: true, force: true })]);
    throw error;
  }
  const curator = await registerWithRoles(sys, ['curator']);
  return {
    sys,
    tiktok,
    lazada,
    mediaDir,
    publicUrl,
    curator,
    async close() {
      await sys.close();
      await Promise.all([tiktok.close(), lazada.close(), rm(mediaDir, { recursive: true, force: true })]);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Shops and listings

/** A verified shop whose owner holds the artisan role (as after the council verified them). */
export async function artisanShop(sys: TestSystem, name: string, regency = 'karangasem'): Promise<Shop> {
  const session = await registerWithRoles(sys, ['artisan']);
  const slug = `toko-${newId().slice(-10)}`;
  const artisanId = await insertArtisan(sys, session.user.id, { shopSlug: slug, regency });
  await queryDb(sys, 'UPDATE catalog.artisans SET shop_name = $2 WHERE id = $1', [artisanId, name]);
  return { session, artisanId, slug, name };
}

let photoBytes: Promise<Buffer> | null = null;
/** One photo for every listing: large enough for both channels (TikTok 300 px, Lazada 330 px). */
const photo = () =>
  (photoBytes ??= sharp({ create: { width: 1200, height: 900, channels: 3, background: '#9a6b3f', noise: { type: 'gaussian', mean: 128, sigma: 12 } } })
    .webp({ quality: 70 })
    .toBuffer());

export interface ExportedListing {
  id: string;
  title: string;
  photos: number;
  variants: Array<{ id: string; sku: string; price: number; stock: number }>;
}

/**
 * A listing created, photographed (rows in the catalog, files in the media directory the gateway
 * serves), submitted and approved through the gateway, so the catalog announces it.
 */
export async function publishWithPhotos(tb: ChannelsTestbed, shop: Shop, spec: ListingSpec, photos = 1): Promise<ExportedListing> {
  const api = () => request(tb.sys.http);
  const created = await api().post('/api/v1/listings').set(bearer(shop.session)).send(listingBody(spec));
  if (created.status !== 201) throw new Error(`create listing answered ${created.status}: ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const bytes = await photo();
  for (let i = 0; i < photos; i++) {
    const keys = { thumbnail: `${id}/p${i}/thumbnail.webp`, card: `${id}/p${i}/card.webp`, full: `${id}/p${i}/full.webp` };
    await mkdir(path.join(tb.mediaDir, id, `p${i}`), { recursive: true });
    await Promise.all(Object.values(keys).map((key) => writeFile(path.join(tb.mediaDir, key), bytes)));
    await queryDb(
      tb.sys,
      `INSERT INTO catalog.listing_photos (id, listing_id, position, alt, keys, width, height) VALUES ($1, $2, $3, 'Foto produk', $4, 1200, 900)`,
      [newId(), id, i, keys],
    );
  }
  await api().post(`/api/v1/listings/${id}/submit`).set(bearer(shop.session)).expect(200);
  await api().post(`/api/v1/curation/listings/${id}/decision`).set(bearer(tb.curator)).send({ decision: 'approve' }).expect(200);
  return {
    id,
    title: spec.titleId,
    photos,
    variants: (created.body.variants as Array<{ id: string; sku: string; price: string | number; stock: number }>).map((v) => ({
      id: v.id,
      sku: v.sku,
      price: Number(v.price),
      stock: v.stock,
    })),
  };
}

let listingNumber = 0;
/** A piece of endek both channels accept: a title of 25+ characters, a material, one variant unless told. */
export function endekSpec(overrides: Partial<ListingSpec> = {}): ListingSpec {
  const n = ++listingNumber;
  return {
    titleId: `Kain endek Sidemen tenun ikat motif cepuk nomor ${n}`,
    category: 'endek',
    regency: 'karangasem',
    materials: ['Katun'],
    techniques: ['Tenun ikat'],
    variants: [{ price: 350_000 + n * 1000, stock: 5 }],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Accounts and mappings (curators)

/** The tokens and seller an account holds, as the channel issued them (read back from the sealed row). */
export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string | null;
  shopCipher?: string;
  warehouseId?: string;
  sellerId?: string;
}

export interface TestAccount {
  view: ChannelAccountView;
  channel: Channel;
  /** The sandbox's id of the shop (TikTok shop_cipher) or seller (Lazada seller id). */
  sandboxId: string;
  appKey: string;
  issued: IssuedTokens | IssuedTikTokShop | IssuedLazadaSeller;
  /** When the account was connected: what the connection itself asked the channel (who the seller is) is not the export's. */
  connectedAt?: number;
}

export interface AccountOptions {
  scope: 'council' | 'shop';
  shop?: Shop;
  name?: string;
  appSecret?: string;
  accessTokenTtlSeconds?: number;
}

/** The account's secrets as stored, opened with the suite's key (never seen through the API). */
export async function storedSecrets(tb: ChannelsTestbed, accountId: string): Promise<AccountSecrets & { sealed: string }> {
  const [row] = await queryDb<{ secrets: string }>(tb.sys, 'SELECT secrets FROM channels.accounts WHERE id = $1', [accountId]);
  if (!row) throw new Error(`no account ${accountId}`);
  return { ...unseal(row.secrets, tb.sys.config.channels.secretKey), sealed: row.secrets };
}

/** Replaces an account's stored tokens (e.g. with a refresh token the channel never issued), sealed as the app seals them. */
export async function storeTokens(tb: ChannelsTestbed, accountId: string, tokens: Partial<AccountSecrets>, accessTokenExpiresAt?: Date): Promise<void> {
  const current = await storedSecrets(tb, accountId);
  const secrets = seal({ appSecret: current.appSecret, accessToken: tokens.accessToken ?? current.accessToken, refreshToken: tokens.refreshToken ?? current.refreshToken }, tb.sys.config.channels.secretKey);
  await queryDb(tb.sys, 'UPDATE channels.accounts SET secrets = $2, access_token_expires_at = coalesce($3, access_token_expires_at) WHERE id = $1', [accountId, secrets, accessTokenExpiresAt ?? null]);
}

export interface ConnectTrip {
  start: ChannelConnectStart;
  /** Where the sandbox's authorize page sent the browser (our callback, with code and state). */
  callback: URL;
  /** Where our callback sent the browser (the seller centre or curator console, with the outcome). */
  location: string;
}

/**
 * The authorization flow as a browser goes through it: ask for the link, open it at the channel's
 * authorize page (the sandbox approves at once and redirects to our callback with code and state),
 * follow that to our callback, which redirects to the web page with the outcome. `tweak` may alter
 * the callback URL before it is followed (a forged or reused state, a denied authorization).
 */
export async function connectTrip(tb: ChannelsTestbed, channel: Channel, session: Session, scope: 'shop' | 'council', tweak?: (callback: URL) => URL | Promise<URL>): Promise<ConnectTrip> {
  const res = await request(tb.sys.http).post(`/api/v1/channels/connect/${channel}`).set(bearer(session)).send({ scope });
  if (res.status !== 201) throw new Error(`connect ${channel} answered ${res.status}: ${JSON.stringify(res.body)}`);
  const start = res.body as ChannelConnectStart;
  const authorize = await fetch(start.url, { redirect: 'manual' });
  if (authorize.status !== 302) throw new Error(`the ${channel} authorize page answered ${authorize.status}: ${await authorize.text()}`);
  let callback = new URL(authorize.headers.get('location')!);
  if (tweak) callback = await tweak(callback);
  // To the gateway itself, whatever PUBLIC_URL names (a benchmark points it at a photo server).
  const back = await request(tb.sys.http).get(`${callback.pathname}${callback.search}`).redirects(0);
  if (back.status !== 302) throw new Error(`our callback answered ${back.status}: ${back.text}`);
  return { start, callback, location: back.headers.location as string };
}

/** An account connected through the channel's authorization flow, by the shop's owner or (council) a curator. */
export async function createAccount(tb: ChannelsTestbed, channel: Channel, opts: AccountOptions): Promise<TestAccount> {
  if (opts.appSecret) return createLegacyAccount(tb, channel, opts);
  const session = opts.scope === 'shop' ? opts.shop!.session : tb.curator;
  const trip = await connectTrip(tb, channel, session, opts.scope);
  const connectedAt = Date.now();
  const page = opts.scope === 'shop' ? '/seller/channels' : '/curator/channels';
  if (trip.location !== `${page}?connected=${channel}`) throw new Error(`connecting ${channel} ended at ${trip.location}`);
  const [row] = await queryDb<{ id: string }>(
    tb.sys,
    `SELECT id FROM channels.accounts WHERE channel = $1 AND ${opts.scope === 'shop' ? 'artisan_id = $2' : "scope = 'council' AND $2::uuid IS NULL"}`,
    [channel, opts.shop?.artisanId ?? null],
  );
  if (!row) throw new Error(`no ${channel} account after connecting`);
  return { ...(await connectedAccount(tb, row.id)), connectedAt };
}

/** An account as a test holds it, read back from the API and the sealed row. */
export async function connectedAccount(tb: ChannelsTestbed, id: string): Promise<TestAccount> {
  const view = (await listAccounts(tb)).find((a) => a.id === id)!;
  const [row] = await queryDb<{ settings: { shopCipher?: string; warehouseId?: string; sellerId?: string }; access_token_expires_at: Date; refresh_token_expires_at: Date | null }>(
    tb.sys,
    'SELECT settings, access_token_expires_at, refresh_token_expires_at FROM channels.accounts WHERE id = $1',
    [id],
  );
  const secrets = await storedSecrets(tb, id);
  const issued: IssuedTokens = {
    accessToken: secrets.accessToken,
    accessTokenExpiresAt: new Date(row!.access_token_expires_at).toISOString(),
    refreshToken: secrets.refreshToken,
    refreshTokenExpiresAt: row!.refresh_token_expires_at ? new Date(row!.refresh_token_expires_at).toISOString() : null,
    ...row!.settings,
  };
  const sandboxId = view.channel === 'tiktok_shop' ? row!.settings.shopCipher! : row!.settings.sellerId!;
  return { view, channel: view.channel, sandboxId, appKey: view.appKey, issued };
}

/** The body a curator posts for an account with pasted tokens (older accounts) the sandbox has just authorised. */
export function accountBody(tb: ChannelsTestbed, channel: Channel, opts: AccountOptions): { body: Record<string, unknown>; sandboxId: string; issued: IssuedTikTokShop | IssuedLazadaSeller } {
  const common = { channel, scope: opts.scope, ...(opts.shop ? { shopSlug: opts.shop.slug } : {}), name: opts.name ?? `${channel} ${opts.scope} ${opts.shop?.slug ?? 'dekranasda'}` };
  const tokens = (i: IssuedTikTokShop | IssuedLazadaSeller) => ({
    accessToken: i.accessToken,
    accessTokenExpiresAt: i.accessTokenExpiresAt,
    refreshToken: i.refreshToken,
    refreshTokenExpiresAt: i.refreshTokenExpiresAt,
  });
  if (channel === 'tiktok_shop') {
    const issued = tb.tiktok.issueShop({ accessTokenTtlSeconds: opts.accessTokenTtlSeconds });
    const body = { ...common, appKey: TIKTOK_APP.appKey, appSecret: opts.appSecret ?? TIKTOK_APP.appSecret, ...tokens(issued), shopCipher: issued.shopCipher, warehouseId: issued.warehouseId };
    return { body, sandboxId: issued.shopCipher, issued };
  }
  const issued = tb.lazada.issueSeller({ accessTokenTtlSeconds: opts.accessTokenTtlSeconds });
  const body = { ...common, appKey: LAZADA_APP.appKey, appSecret: opts.appSecret ?? LAZADA_APP.appSecret, ...tokens(issued) };
  return { body, sandboxId: issued.sellerId, issued };
}

/** An older account a curator created by pasting tokens (only for tests about those accounts). */
export async function createLegacyAccount(tb: ChannelsTestbed, channel: Channel, opts: AccountOptions): Promise<TestAccount> {
  const { body, sandboxId, issued } = accountBody(tb, channel, opts);
  const res = await request(tb.sys.http).post('/api/v1/curation/channels/accounts').set(bearer(tb.curator)).send(body);
  if (res.status !== 201) throw new Error(`create ${channel} account answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { view: res.body as ChannelAccountView, channel, sandboxId, appKey: body.appKey as string, issued };
}

export interface AccountPair {
  tiktok: TestAccount;
  lazada: TestAccount;
}

/** An account on each channel, connected through the authorization flow (pasted tokens when `appSecret` is given). */
export async function accountPair(tb: ChannelsTestbed, opts: AccountOptions): Promise<AccountPair> {
  const [tiktok, lazada] = await Promise.all([createAccount(tb, 'tiktok_shop', opts), createAccount(tb, 'lazada', opts)]);
  return { tiktok, lazada };
}

export async function listAccounts(tb: ChannelsTestbed): Promise<ChannelAccountView[]> {
  const res = await request(tb.sys.http).get('/api/v1/curation/channels/accounts').set(bearer(tb.curator)).expect(200);
  return res.body.items as ChannelAccountView[];
}

/**
 * Maps endek on both channels. Mappings are checked against the channel's own category data,
 * read through an account of the channel: where none is connected yet, a curator connects the
 * council's first (as in the console: connect, then map); a later council connect reconnects it.
 */
export async function mapEndek(tb: ChannelsTestbed): Promise<void> {
  for (const channel of ['tiktok_shop', 'lazada'] as const) {
    const [{ n }] = await queryDb<{ n: number }>(tb.sys, `SELECT count(*)::int AS n FROM channels.accounts WHERE channel = $1 AND status = 'active'`, [channel]);
    if (n === 0) await createAccount(tb, channel, { scope: 'council' });
  }
  for (const channel of ['tiktok_shop', 'lazada'] as const) {
    const res = await request(tb.sys.http).put(`/api/v1/curation/channels/mappings/${channel}/endek`).set(bearer(tb.curator)).send(ENDEK_MAPPINGS[channel]);
    if (res.status !== 200) throw new Error(`mapping endek on ${channel} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Runs

export type RunDetail = ChannelRunView & { items: ChannelRunItemView[] };

const accountIdOf = (account: TestAccount | string) => (typeof account === 'string' ? account : account.view.id);

/** A curator's "sync now" (or dry run): 202 and the queued run. */
export async function startSync(tb: ChannelsTestbed, account: TestAccount | string, opts: { dryRun?: boolean } = {}): Promise<ChannelRunView> {
  const res = await request(tb.sys.http)
    .post(`/api/v1/curation/channels/accounts/${accountIdOf(account)}/sync`)
    .set(bearer(tb.curator))
    .send(opts.dryRun === undefined ? {} : { dryRun: opts.dryRun });
  if (res.status !== 202) throw new Error(`sync answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as ChannelRunView;
}

/** Polls a run until it has finished (succeeded or failed: the test says which it wants). */
export async function finishedRun(tb: ChannelsTestbed, runId: string, opts: { artisan?: Session; timeoutMs?: number } = {}): Promise<RunDetail> {
  const url = opts.artisan ? `/api/v1/channels/runs/${runId}` : `/api/v1/curation/channels/runs/${runId}`;
  return eventually(
    async () => {
      const res = await request(tb.sys.http).get(url).set(bearer(opts.artisan ?? tb.curator));
      if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
      expect(['succeeded', 'failed']).toContain(res.body.status);
      return res.body as RunDetail;
    },
    { timeoutMs: opts.timeoutMs ?? 30_000, intervalMs: 100 },
  );
}

export async function syncAndWait(tb: ChannelsTestbed, account: TestAccount | string, opts: { dryRun?: boolean; timeoutMs?: number } = {}): Promise<RunDetail> {
  const run = await startSync(tb, account, { dryRun: opts.dryRun });
  return finishedRun(tb, run.id, { timeoutMs: opts.timeoutMs });
}

/**
 * Dry runs until the plan holds each listing with the action given (null: any action). The
 * channels app learns listings from events, so a test waits for it before a real run.
 */
export async function untilPlanned(tb: ChannelsTestbed, account: TestAccount | string, expected: Record<string, ChannelRunAction | null>, timeoutMs = 15_000): Promise<RunDetail> {
  return eventually(
    async () => {
      const run = await syncAndWait(tb, account, { dryRun: true });
      const planned = Object.fromEntries(run.items.map((i) => [i.listingId, i.action]));
      for (const [listingId, action] of Object.entries(expected)) {
        if (!(listingId in planned)) throw new Error(`the plan of ${accountIdOf(account)} has no item for ${listingId} yet`);
        if (action) expect({ listingId, action: planned[listingId] }).toEqual({ listingId, action });
      }
      return run;
    },
    { timeoutMs, intervalMs: 200 },
  );
}

export const itemOf = (run: RunDetail, listingId: string): ChannelRunItemView => {
  const item = run.items.find((i) => i.listingId === listingId);
  if (!item) throw new Error(`run ${run.id} has no item for ${listingId}: ${JSON.stringify(run.items)}`);
  return item;
};

/** Every listing a run considered ends in exactly one of the outcomes counted. */
export const countedOutcomes = (c: ChannelRunCounts): number => c.created + c.updated + c.deactivated + c.unchanged + c.refused + c.failed;

// ---------------------------------------------------------------------------------------------
// What the artisan sees

export async function shopChannelListings(tb: ChannelsTestbed, session: Session): Promise<ShopChannelListing[]> {
  const res = await request(tb.sys.http).get('/api/v1/channels/listings').set(bearer(session));
  if (res.status !== 200) throw new Error(`GET /channels/listings answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.items as ShopChannelListing[];
}

export function channelState(items: ShopChannelListing[], listingId: string, channel: Channel): ShopChannelListing['channels'][number] {
  const listing = items.find((i) => i.listingId === listingId);
  if (!listing) throw new Error(`GET /channels/listings has no ${listingId}: ${JSON.stringify(items)}`);
  const state = listing.channels.find((c) => c.channel === channel);
  if (!state) throw new Error(`listing ${listingId} has no ${channel} entry: ${JSON.stringify(listing)}`);
  return state;
}

// ---------------------------------------------------------------------------------------------
// What the sandboxes were sent

/** The calls that change something on the channel (reads such as status checks are left out). */
export const WRITE_APIS: Record<Channel, ReadonlySet<string>> = {
  tiktok_shop: new Set(['images.upload', 'products.create', 'products.edit', 'products.deactivate', 'products.activate', 'products.inventory.update', 'products.prices.update']),
  lazada: new Set(['/image/upload', '/image/migrate', '/product/create', '/product/update', '/product/price_quantity/update', '/product/deactivate']),
};

export const logOf = (tb: ChannelsTestbed, channel: Channel): RequestLog => (channel === 'tiktok_shop' ? tb.tiktok.log : tb.lazada.log);

/**
 * Requests per API that reached the sandbox for this account's shop or seller (its rate key),
 * throttled ones included, since the account was connected; only the write APIs unless told otherwise.
 */
export function sentFor(tb: ChannelsTestbed, account: TestAccount, opts: { all?: boolean; since?: number } = {}): Record<string, number> {
  const prefix = `${account.appKey}:${account.sandboxId}:`;
  const since = opts.since ?? account.connectedAt;
  const out: Record<string, number> = {};
  for (const e of logOf(tb, account.channel).entries) {
    if (!e.rateKey?.startsWith(prefix) || (since !== undefined && e.at < since)) continue;
    if (!opts.all && !WRITE_APIS[account.channel].has(e.api)) continue;
    out[e.api] = (out[e.api] ?? 0) + 1;
  }
  return out;
}

/** after - before, without the APIs that did not change. */
export function sentSince(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const api of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const d = (after[api] ?? 0) - (before[api] ?? 0);
    if (d !== 0) out[api] = d;
  }
  return out;
}

/** Our SKU as the store holds it: as is, or (a council-wide store) after the artisan's code (channelSkuFor). */
const heldAs = (held: string, sku: string) => held === sku || (/^[0-9A-F]{6}-/.test(held) && held.slice(7) === sku);

/** The sandbox's products (TikTok) of this account's shop that hold the SKU. */
export const tiktokProductsWithSku = (tb: ChannelsTestbed, account: TestAccount, sku: string): TikTokProduct[] =>
  [...tb.tiktok.state.products.values()].filter((p) => p.shopCipher === account.sandboxId && p.skus.some((s) => heldAs(s.sellerSku, sku)));

export const lazadaItemsWithSku = (tb: ChannelsTestbed, account: TestAccount, sku: string): LazadaItem[] =>
  [...tb.lazada.state.items.values()].filter((i) => i.sellerId === account.sandboxId && i.skus.some((s) => heldAs(s.sellerSku, sku)));

/** The one product holding the SKU; fails when there is none or more than one. */
export function tiktokProduct(tb: ChannelsTestbed, account: TestAccount, sku: string): TikTokProduct {
  const found = tiktokProductsWithSku(tb, account, sku);
  if (found.length !== 1) throw new Error(`TikTok holds ${found.length} products with SKU ${sku}`);
  return found[0]!;
}

export function lazadaItem(tb: ChannelsTestbed, account: TestAccount, sku: string): LazadaItem {
  const found = lazadaItemsWithSku(tb, account, sku);
  if (found.length !== 1) throw new Error(`Lazada holds ${found.length} items with SKU ${sku}`);
  return found[0]!;
}

/** Throttled answers (TikTok 429, Lazada ApiCallLimit) the sandbox gave this account's shop or seller. */
export function throttledFor(tb: ChannelsTestbed, account: TestAccount): number {
  const prefix = `${account.appKey}:${account.sandboxId}:`;
  return logOf(tb, account.channel).entries.filter((e) => e.rateKey?.startsWith(prefix) && (e.status === 429 || e.code === 'ApiCallLimit')).length;
}
