import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import request from 'supertest';
import type { Channel, ChannelRunView, ListingSnapshot, Regency } from '@pk/contracts';
import { newId } from '@pk/core';
import { bootSystem, TestSystem } from '../test/support/apps';
import { accountPair, ENDEK_MAPPINGS, LAZADA_APP, TIKTOK_APP, type AccountPair, type ChannelsTestbed, type TestAccount, WRITE_APIS } from '../test/support/channels';
import { queryDb, withClient } from '../test/support/db';
import { bearer, registerWithRoles } from '../test/support/http';
import { startLazadaSandbox, type LazadaSandbox } from '../test/sandboxes/lazada-sandbox';
import type { LoggedRequest } from '../test/sandboxes/sandbox-http';
import { startTikTokShopSandbox, type TikTokShopSandbox } from '../test/sandboxes/tiktok-shop-sandbox';
import { channelSkuFor } from '../apps/channels/src/adapters/listing-content';
import { fmt } from './stats';

/**
 * The nightly export of a large catalogue to both channel sandboxes: a full export of N
 * listings, an incremental run with nothing changed, and one after 100 titles changed. Per
 * channel it reports the run time, what was created and sent, and the request rate achieved on
 * the busiest API as a fraction of the channel's limit (the goal is ≥ 0.9; the client aims at
 * 0.95), with the throttled answers the sandbox gave (should be none).
 */

const TIKTOK_LIMIT = 50;
const CHANGED_TITLES = 100;
const INSERT_CHUNK = 1000;

/**
 * Our leaves on each channel, mapped as a curator maps them from the channels' own category data
 * (the sandboxes' default trees): attributes by the channel's ids and values, our variant options
 * onto the category's sales attributes (Lazada takes variants only by those, 4143).
 */
const MAPPINGS: Record<string, Record<Channel, Record<string, unknown>>> = {
  endek: {
    tiktok_shop: { ...ENDEK_MAPPINGS.tiktok_shop, salesAttributes: [{ id: '100000', optionLabels: ['Warna'] }] },
    lazada: { ...ENDEK_MAPPINGS.lazada, salesAttributes: [{ id: 'color_family', optionLabels: ['Warna'] }] },
  },
  'silver-jewellery': {
    // TikTok's Silver Jewellery requires the purity (a built-in value); ring sizes go as a custom sales attribute.
    tiktok_shop: { channelCategoryId: '601190', channelCategoryName: 'Silver Jewellery', attributes: [{ id: '100198', from: 'materials' }, { id: '100520', values: [{ name: '925 Sterling' }] }] },
    // Lazada refuses "No Brand" here: the sandbox's "Celuk Silver" (20000); the material from Lazada's own list.
    lazada: {
      channelCategoryId: '62541510',
      channelCategoryName: 'Silver Jewellery',
      attributes: [{ id: 'material', values: [{ name: 'Sterling Silver 925' }] }, { id: 'brand', value: '20000' }],
      salesAttributes: [{ id: 'ring_size', optionLabels: ['Ukuran'] }],
    },
  },
  'wood-carving': {
    tiktok_shop: { channelCategoryId: '601210', channelCategoryName: 'Wood Carvings & Sculptures', attributes: [{ id: '100198', from: 'materials' }] },
    lazada: { channelCategoryId: '62541420', channelCategoryName: 'Wood Carvings', attributes: [], salesAttributes: [{ id: 'size', optionLabels: ['Ukuran'] }] },
  },
};

// ---------------------------------------------------------------------------------------------
// Photos: a handful shared by every listing, so each run uploads (or migrates) each once.

interface Photo {
  name: string;
  ext: 'jpg' | 'webp';
  width: number;
  height: number;
}

const PHOTOS: Photo[] = [
  { name: 'endek-merah', ext: 'jpg', width: 1200, height: 900 },
  { name: 'endek-biru', ext: 'jpg', width: 1000, height: 1000 },
  { name: 'perak-cincin', ext: 'jpg', width: 900, height: 1200 },
  { name: 'patung-garuda', ext: 'webp', width: 1600, height: 1200 },
  { name: 'detail-motif', ext: 'webp', width: 1024, height: 800 },
];

const photoPath = (p: Photo, rendition: 'thumbnail' | 'card' | 'full') => `/media/bench/${p.name}/${rendition}.${p.ext}`;

interface PhotoServer {
  url: string;
  /** Requests served, for telling whether uploads were cached. */
  hits: number;
  close(): Promise<void>;
}

/** Serves the photos at PUBLIC_URL (snapshots hold relative links, as the catalog writes them). */
async function startPhotoServer(): Promise<PhotoServer> {
  const files = new Map<string, { data: Buffer; type: string }>();
  for (const [i, p] of PHOTOS.entries()) {
    const image = sharp({ create: { width: p.width, height: p.height, channels: 3, background: { r: 120 + i * 20, g: 80 + i * 10, b: 50 }, noise: { type: 'gaussian', mean: 128, sigma: 10 } } });
    const data = p.ext === 'jpg' ? await image.jpeg({ quality: 80 }).toBuffer() : await image.webp({ quality: 70 }).toBuffer();
    for (const r of ['thumbnail', 'card', 'full'] as const) files.set(photoPath(p, r), { data, type: p.ext === 'jpg' ? 'image/jpeg' : 'image/webp' });
  }
  const state = { hits: 0 };
  const server = createServer((req, res) => {
    const file = files.get(new URL(req.url ?? '/', 'http://photos').pathname);
    state.hits++;
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.data.length }).end(file.data);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get hits() {
      return state.hits;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Listings: the channels app's own copy, written directly.

interface CategoryRef {
  id: string;
  slug: string;
  path: string[];
  names: string[];
}

const KINDS = [
  { slug: 'endek', title: 'Kain endek Sidemen tenun ikat motif cepuk', materials: ['katun'], techniques: ['tenun ikat'], option: 'Warna', values: ['Merah', 'Biru', 'Hijau'], weight: 450, dims: { length: 200, width: 110, height: 2 }, pack: { length: 35, width: 25, height: 5 } },
  { slug: 'endek', title: 'Selendang endek Gianyar motif patra warna alam', materials: ['katun', 'sutra'], techniques: ['tenun ikat'], option: 'Warna', values: ['Ungu', 'Kuning', 'Coklat'], weight: 250, dims: { length: 180, width: 50, height: 2 }, pack: { length: 30, width: 20, height: 4 } },
  { slug: 'endek', title: 'Kain endek Klungkung tenun ikat motif rangrang', materials: ['katun'], techniques: ['tenun ikat', 'pewarna alam'], option: 'Warna', values: ['Merah', 'Hitam', 'Biru'], weight: 500, dims: { length: 220, width: 110, height: 2 }, pack: { length: 35, width: 25, height: 6 } },
  { slug: 'silver-jewellery', title: 'Cincin perak Celuk ukiran tangan motif jawan', materials: ['perak 925'], techniques: ['granulasi'], option: 'Ukuran', values: ['7', '8', '9'], weight: 40, dims: { length: 8, width: 8, height: 5 }, pack: null },
  { slug: 'wood-carving', title: 'Patung kayu suar ukiran Mas Ubud motif garuda', materials: ['kayu suar'], techniques: ['ukir'], option: 'Ukuran', values: ['30 cm', '45 cm', '60 cm'], weight: 2500, dims: { length: 35, width: 25, height: 60 }, pack: null },
] as const;

const REGENCIES: Regency[] = ['karangasem', 'gianyar', 'klungkung', 'badung', 'tabanan', 'bangli'];

function generateSnapshots(count: number, categories: Map<string, CategoryRef>): ListingSnapshot[] {
  const artisans = Array.from({ length: 40 }, (_, k) => ({
    id: newId(),
    shopName: `Toko Kriya Bali ${k + 1}`,
    shopSlug: `toko-kriya-bali-${k + 1}`,
    regency: REGENCIES[k % REGENCIES.length]!,
  }));
  const now = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length]!;
    const artisan = artisans[i % artisans.length]!;
    const n = String(i + 1).padStart(5, '0');
    const variants = Array.from({ length: 1 + (i % 3) }, (_, v) => ({
      id: newId(),
      // Unique across the seller: Lazada refuses a SellerSku another item holds.
      sku: `PKB-${n}-${v + 1}`,
      options: i % 3 === 0 ? {} : { [kind.option]: kind.values[v]! },
      price: String(150_000 + (i % 50) * 5_000 + v * 25_000),
      stock: 1 + ((i + v) % 9),
    })).map((v) => ({ ...v, regularPrice: v.price }));
    const photos = Array.from({ length: 1 + (i % 2) }, (_, j) => {
      const p = PHOTOS[(i + j * 3) % PHOTOS.length]!;
      return { id: newId(), alt: `Foto ${kind.title}`, urls: { thumbnail: photoPath(p, 'thumbnail'), card: photoPath(p, 'card'), full: photoPath(p, 'full') } };
    });
    return {
      id: newId(),
      version: 1,
      artisan,
      title: { id: `${kind.title} nomor ${n}`, en: null },
      description: { id: `${kind.title}, dibuat tangan oleh ${artisan.shopName}.\n\nSetiap helai dikerjakan berminggu-minggu; warna dan motif bisa sedikit berbeda.`, en: null },
      category: categories.get(kind.slug)!,
      materials: [...kind.materials],
      techniques: [...kind.techniques],
      regency: artisan.regency,
      dimensionsCm: { ...kind.dims },
      // Cloth ships folded: Lazada refuses a package over 300 cm in all (4165).
      packageCm: kind.pack ? { ...kind.pack } : null,
      weightGrams: kind.weight,
      handmade: true,
      leadTimeDays: null,
      variants,
      photos,
      marks: [],
      campaigns: [],
      unitsSold: 0,
      publishedAt: now,
      updatedAt: now,
    } satisfies ListingSnapshot;
  });
}

/**
 * Writes the listings straight into channels.listings, skipping the catalog on purpose: the
 * export reads only this copy, and publishing 10k listings through the API would measure the
 * catalog, not the export. The catalog→channels event path is covered by the e2e tests.
 */
async function insertListingCopies(sys: TestSystem, snapshots: ListingSnapshot[]): Promise<void> {
  await withClient(sys, async (c) => {
    for (let i = 0; i < snapshots.length; i += INSERT_CHUNK) {
      await c.query(
        `INSERT INTO channels.listings (listing_id, artisan_id, version, snapshot)
         SELECT (s->>'id')::uuid, (s#>>'{artisan,id}')::uuid, (s->>'version')::int, s FROM jsonb_array_elements($1::jsonb) s`,
        [JSON.stringify(snapshots.slice(i, i + INSERT_CHUNK))],
      );
    }
  });
}

async function categoryRefs(sys: TestSystem): Promise<Map<string, CategoryRef>> {
  const rows = await queryDb<{ id: string; slug: string; name_id: string; parent_slug: string; parent_name: string }>(
    sys,
    `SELECT c.id, c.slug, c.name_id, p.slug AS parent_slug, p.name_id AS parent_name
     FROM catalog.categories c JOIN catalog.categories p ON p.id = c.parent_id WHERE c.slug = ANY($1)`,
    [Object.keys(MAPPINGS)],
  );
  return new Map(rows.map((r) => [r.slug, { id: r.id, slug: r.slug, path: [r.parent_slug, r.slug], names: [r.parent_name, r.name_id] }]));
}

// ---------------------------------------------------------------------------------------------
// Runs and what the sandboxes saw

interface PhaseResult {
  phase: string;
  channel: Channel;
  run: ChannelRunView;
  seconds: number;
  sandboxRequests: number;
  sandboxWrites: number;
  busiest: { api: string; n: number; perSecond: number; peak1s: number } | null;
  limit: number;
  throttled: number;
  /** Throttled answers per API. */
  throttledBy: Record<string, number>;
}

async function syncBoth(tb: ChannelsTestbed, accounts: AccountPair): Promise<Record<Channel, ChannelRunView>> {
  const start = async (account: TestAccount) => {
    const res = await request(tb.sys.http).post(`/api/v1/curation/channels/accounts/${account.view.id}/sync`).set(bearer(tb.curator)).send({});
    if (res.status !== 202) throw new Error(`sync of ${account.channel} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as ChannelRunView;
  };
  const [tiktok, lazada] = await Promise.all([start(accounts.tiktok), start(accounts.lazada)]);
  return { tiktok_shop: tiktok, lazada };
}

/** Polls the run list (the run detail carries every item: too heavy to poll at 10k). */
async function finished(tb: ChannelsTestbed, run: ChannelRunView, timeoutMs: number): Promise<ChannelRunView> {
  const deadline = Date.now() + timeoutMs;
  let errors = 0;
  for (;;) {
    const res = await request(tb.sys.http).get(`/api/v1/curation/channels/runs?accountId=${run.accountId}&limit=5`).set(bearer(tb.curator));
    // A passing 5xx (a slow answer under load) must not abort a 20-minute benchmark; anything else does.
    if (res.status !== 200 && (res.status < 500 || ++errors > 10)) throw new Error(`GET runs answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (res.status !== 200) {
      console.log(`  (GET runs answered ${res.status}; asking again)`);
      await new Promise((r) => setTimeout(r, 2000));
      continue;
    }
    errors = 0;
    const current = (res.body.items as ChannelRunView[]).find((r) => r.id === run.id);
    if (current && (current.status === 'succeeded' || current.status === 'failed')) return current;
    if (Date.now() > deadline) throw new Error(`run ${run.id} (${run.channel}) not finished after ${timeoutMs / 1000} s: ${JSON.stringify(current)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A throttled answer: TikTok's HTTP 429 (36009002), Lazada's ApiCallLimit (and 901 / E901). */
const isThrottled = (e: LoggedRequest) => e.status === 429 || ['ApiCallLimit', '901', 'E901', '4154'].includes(String(e.code));

/** The API with the most accepted requests, its rate over the span it was busy, and its busiest second. */
function busiestApi(entries: LoggedRequest[]): PhaseResult['busiest'] {
  const byApi = new Map<string, number[]>();
  for (const e of entries) {
    if (!e.rateKey || isThrottled(e)) continue;
    let times = byApi.get(e.api);
    if (!times) byApi.set(e.api, (times = []));
    times.push(e.at);
  }
  const [api, times] = [...byApi.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (!api || !times || times.length < 2) return null;
  times.sort((a, b) => a - b);
  let peak = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  const spanMs = times[times.length - 1]! - times[0]!;
  // n requests at a steady rate r span (n - 1) / r seconds.
  return { api, n: times.length, perSecond: spanMs > 0 ? ((times.length - 1) * 1000) / spanMs : NaN, peak1s: peak };
}

async function phase(
  tb: BenchTestbed,
  name: string,
  accounts: AccountPair,
  limits: Record<Channel, number>,
  timeoutMs: number,
): Promise<PhaseResult[]> {
  const logs = { tiktok_shop: tb.tiktok.log, lazada: tb.lazada.log } as const;
  const from = { tiktok_shop: logs.tiktok_shop.entries.length, lazada: logs.lazada.entries.length };
  const hitsBefore = tb.photos.hits;
  console.log(`  ${name}: syncing both accounts…`);
  const started = await syncBoth(tb, accounts);
  const runs = await Promise.all((['tiktok_shop', 'lazada'] as const).map((ch) => finished(tb, started[ch], timeoutMs)));
  console.log(`  ${name}: done; photo server served ${tb.photos.hits - hitsBefore} requests during it`);
  return runs.map((run) => {
    const channel = run.channel;
    // Each sandbox serves one account here, so its log since the phase began is this run's.
    const entries = logs[channel].entries.slice(from[channel]);
    if (run.error) console.log(`  ${name}: ${channel} run ended ${run.status}: ${run.error}`);
    return {
      phase: name,
      channel,
      run,
      seconds: (Date.parse(run.finishedAt!) - Date.parse(run.startedAt!)) / 1000,
      sandboxRequests: entries.length,
      sandboxWrites: entries.filter((e) => WRITE_APIS[channel].has(e.api)).length,
      busiest: busiestApi(entries),
      limit: limits[channel],
      throttled: entries.filter(isThrottled).length,
      throttledBy: entries.filter(isThrottled).reduce<Record<string, number>>((out, e) => ({ ...out, [e.api]: (out[e.api] ?? 0) + 1 }), {}),
    };
  });
}

async function failures(sys: TestSystem, run: ChannelRunView): Promise<void> {
  const rows = await queryDb<{ action: string; outcome: string; reason: string; n: string }>(
    sys,
    `SELECT action, outcome, reason, count(*) AS n FROM channels.run_items WHERE run_id = $1 AND outcome IN ('failed','refused')
     GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 5`,
    [run.id],
  );
  for (const r of rows) console.log(`    ${run.channel} ${r.action} ${r.outcome} ×${r.n}: ${r.reason}`);
}

function printTable(rows: PhaseResult[]): void {
  const columns: Array<[string, (r: PhaseResult) => string]> = [
    ['phase', (r) => r.phase],
    ['channel', (r) => r.channel],
    ['status', (r) => r.run.status],
    ['run s', (r) => fmt(r.seconds)],
    ['considered', (r) => String(r.run.counts.considered)],
    ['created', (r) => String(r.run.counts.created)],
    ['updated', (r) => String(r.run.counts.updated)],
    ['unchanged', (r) => String(r.run.counts.unchanged)],
    ['refused+failed', (r) => String(r.run.counts.refused + r.run.counts.failed)],
    ['run.requests', (r) => String(r.run.requests)],
    ['sandbox reqs', (r) => String(r.sandboxRequests)],
    ['of them writes', (r) => String(r.sandboxWrites)],
    ['busiest API', (r) => r.busiest?.api ?? '-'],
    ['its reqs', (r) => (r.busiest ? String(r.busiest.n) : '-')],
    ['req/s', (r) => (r.busiest ? fmt(r.busiest.perSecond) : '-')],
    ['limit/s', (r) => String(r.limit)],
    ['fraction', (r) => (r.busiest ? fmt(r.busiest.perSecond / r.limit, 3) : '-')],
    ['peak in 1 s', (r) => (r.busiest ? String(r.busiest.peak1s) : '-')],
    ['throttled', (r) => String(r.throttled)],
  ];
  const cells = [columns.map(([h]) => h), ...rows.map((r) => columns.map(([, f]) => f(r)))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  for (const [k, row] of cells.entries()) {
    console.log(`  ${row.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`);
    if (k === 0) console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  }
}

// ---------------------------------------------------------------------------------------------

interface BenchTestbed extends ChannelsTestbed {
  photos: PhotoServer;
}

export async function benchChannels(env: { redisUrl: string }): Promise<void> {
  const count = Number(process.env.BENCH_CHANNEL_LISTINGS ?? 10_000);
  if (!Number.isInteger(count) || count < CHANGED_TITLES) throw new Error(`BENCH_CHANNEL_LISTINGS must be a whole number of at least ${CHANGED_TITLES}, got ${process.env.BENCH_CHANNEL_LISTINGS}`);
  const lazadaLimit = Number(process.env.LAZADA_REQUESTS_PER_SECOND ?? 20);
  const limits: Record<Channel, number> = { tiktok_shop: TIKTOK_LIMIT, lazada: lazadaLimit };
  console.log(`  listings: ${count} (BENCH_CHANNEL_LISTINGS, default 10000); limits: TikTok Shop ${TIKTOK_LIMIT}/s per API, Lazada ${lazadaLimit}/s per API`);

  const photos = await startPhotoServer();
  // autoApprove: products pass audit/QC at once, so the second run finds them live.
  const [tiktok, lazada]: [TikTokShopSandbox, LazadaSandbox] = await Promise.all([
    startTikTokShopSandbox({ ...TIKTOK_APP, autoApprove: true, rateLimitPerSecond: TIKTOK_LIMIT }),
    startLazadaSandbox({ ...LAZADA_APP, autoApprove: true, rateLimitPerSecond: lazadaLimit }),
  ]);
  let sys: TestSystem | null = null;
  try {
    sys = await bootSystem('bench-channels', {
      services: ['catalog', 'channels'],
      env: {
        REDIS_URL: env.redisUrl,
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
        LAZADA_REQUESTS_PER_SECOND: String(lazadaLimit),
        PUBLIC_URL: photos.url,
        // The nightly schedule must not start a run during the benchmark.
        CHANNEL_EXPORT_CRON: '0 0 1 1 *',
        // The curator's token must outlive the runs (a full 10k pass takes longer than the default 15 min).
        JWT_ACCESS_TTL_SECONDS: String(6 * 3600),
      },
    });
    const curator = await registerWithRoles(sys, ['curator']);
    const tb: BenchTestbed = { sys, tiktok, lazada, mediaDir: '', publicUrl: photos.url, curator, photos, close: async () => undefined };

    let t = performance.now();
    const snapshots = generateSnapshots(count, await categoryRefs(sys));
    await insertListingCopies(sys, snapshots);
    const variants = snapshots.reduce((n, s) => n + s.variants.length, 0);
    console.log(`  inserted ${count} listing copies (${variants} variants, ${Object.keys(MAPPINGS).length} categories) in ${fmt((performance.now() - t) / 1000)} s`);

    // Connected first: mappings are checked against the categories the channels give through an account.
    const accounts = await accountPair(tb, { scope: 'council' });
    for (const [slug, byChannel] of Object.entries(MAPPINGS)) {
      for (const channel of ['tiktok_shop', 'lazada'] as const) {
        const res = await request(sys.http).put(`/api/v1/curation/channels/mappings/${channel}/${slug}`).set(bearer(curator)).send(byChannel[channel]);
        if (res.status !== 200) throw new Error(`mapping ${slug} on ${channel} answered ${res.status}: ${JSON.stringify(res.body)}`);
      }
    }

    // A full export at the Lazada limit takes count / (0.95 * limit) seconds; allow three times that.
    const timeoutMs = Math.max(600_000, (3 * count * 1000) / Math.min(TIKTOK_LIMIT, lazadaLimit));
    const results: PhaseResult[] = [];

    const full = await phase(tb, 'full export', accounts, limits, timeoutMs);
    results.push(...full);
    const products = { tiktok_shop: tiktok.state.products.size, lazada: lazada.state.items.size };
    const skuHolders = {
      tiktok_shop: [...tiktok.state.products.values()].flatMap((p) => p.skus.map((s) => s.sellerSku)),
      lazada: [...lazada.state.items.values()].flatMap((i) => i.skus.map((s) => s.sellerSku)),
    };
    for (const channel of ['tiktok_shop', 'lazada'] as const) {
      const skus = skuHolders[channel];
      console.log(`  after the full export ${channel} holds ${products[channel]} products with ${skus.length} SKUs (${new Set(skus).size} distinct; ${variants} expected)`);
    }

    results.push(...(await phase(tb, 'nothing changed', accounts, limits, timeoutMs)));

    // Council accounts hold each SKU under its artisan's code (one store for many artisans).
    const changed = snapshots.slice(0, CHANGED_TITLES).map((s, k) => ({ id: s.id, sku: channelSkuFor(s.artisan.id, s.variants[0]!.sku, true), title: `${s.title.id} edisi baru ${k + 1}` }));
    await queryDb(
      sys,
      `UPDATE channels.listings l SET version = l.version + 1, updated_at = now(),
         snapshot = jsonb_set(jsonb_set(l.snapshot, '{title,id}', to_jsonb(c.title)), '{version}', to_jsonb(l.version + 1))
       FROM unnest($1::uuid[], $2::text[]) AS c(id, title) WHERE l.listing_id = c.id`,
      [changed.map((c) => c.id), changed.map((c) => c.title)],
    );
    results.push(...(await phase(tb, `${CHANGED_TITLES} titles changed`, accounts, limits, timeoutMs)));
    const tiktokRenamed = changed.filter((c) => tiktok.productBySellerSku(c.sku)?.title === c.title).length;
    const lazadaRenamed = changed.filter((c) => lazada.itemBySellerSku(c.sku)?.attributes.name === c.title).length;
    console.log(`  renamed on the channels: TikTok Shop ${tiktokRenamed}/${CHANGED_TITLES}, Lazada ${lazadaRenamed}/${CHANGED_TITLES}`);

    for (const r of results) if (r.run.counts.failed + r.run.counts.refused > 0) await failures(sys, r.run);
    console.log('');
    printTable(results);
    for (const r of results) if (r.throttled) console.log(`  ${r.phase}, ${r.channel}: throttled by API ${JSON.stringify(r.throttledBy)}`);
    console.log('');
    for (const r of full) {
      const fraction = r.busiest ? r.busiest.perSecond / r.limit : NaN;
      console.log(
        `  ${r.channel}: full export of ${count} listings in ${fmt(r.seconds)} s, ${r.busiest?.api ?? '-'} at ${fmt(fraction, 3)} of the limit ` +
          `(goal ≥ 0.9: ${fraction >= 0.9 ? 'met' : 'NOT met'}), ${r.throttled} throttled`,
      );
    }
  } finally {
    await sys?.close();
    await Promise.all([tiktok.close(), lazada.close(), photos.close()]);
  }
}
