import http from 'node:http';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { Roles, SearchPatterns } from '@pk/contracts';
import { buildSearchQueries, parseSearchParams } from '../apps/search/src/query/search-request';
import { bootSystem, TestSystem } from '../test/support/apps';
import { queryDb } from '../test/support/db';
import { registerWithRoles, Session } from '../test/support/http';
import { rpcClient } from '../test/support/rpc';
import { CpuProfile, GatewayProfiler, printProfiles } from './search-profile';
import { generateCatalogue } from './search-catalogue';
import { fmt, median, percentile } from './stats';

interface Options {
  artisans: number;
  /** Catalogue sizes, each measured on a system and index of its own, in one run. */
  sizes: number[];
  /** Seconds each measured search run lasts, per concurrency. */
  runSeconds: Record<number, number>;
  warmupRounds: number;
  lagWrites: number;
}

const DEFAULTS: Options = {
  artisans: 400,
  sizes: [10_000, 100_000],
  runSeconds: { 1: 8, 10: 12, 50: 12 },
  warmupRounds: 3,
  lagWrites: 60,
};

/**
 * The defaults, or smaller for a quick look: SEARCH_BENCH_SIZES=2000,5000 and
 * SEARCH_BENCH_SECONDS=2 (each measured run, every concurrency).
 */
function options(): Options {
  const sizes = process.env.SEARCH_BENCH_SIZES?.split(',').map(Number).filter((n) => n > 0);
  const seconds = Number(process.env.SEARCH_BENCH_SECONDS);
  return {
    ...DEFAULTS,
    sizes: sizes?.length ? sizes : DEFAULTS.sizes,
    runSeconds: seconds > 0 ? { 1: seconds, 10: seconds, 50: seconds } : DEFAULTS.runSeconds,
  };
}

type Params = Record<string, string | string[]>;

/** What a storefront sends: words, facets, sorts and pages, in a fixed order. */
const QUERY_MIX: Params[] = [
  { q: 'perak', regency: 'gianyar' },
  { category: 'woven-cloth', priceBand: '250k-500k' },
  { q: 'tenun endek', sort: 'price_asc' },
  { category: 'jewellery', regency: 'gianyar' },
  { q: 'ukiran kayu', material: 'kayu', sort: 'popular' },
  { q: 'songket', regency: ['klungkung', 'jembrana'], inStock: 'true' },
  { q: 'cincin perak', priceBand: ['100k-250k', '250k-500k'], sort: 'price_desc' },
  { q: 'gringsing', sort: 'newest' },
  { category: 'pottery', technique: 'gerabah putar', limit: '48' },
  { q: 'lukisan kamasan', minPrice: '500000', maxPrice: '5000000' },
  { q: 'anyaman ata', page: '2' },
  {},
  { q: 'selendang sutra' },
  { q: 'bamboo lamp' },
  { q: 'perak', category: 'silver-jewellery', material: 'perak', regency: ['gianyar', 'badung'], inStock: 'true', sort: 'popular' },
  { q: 'patung', category: 'carving', priceBand: ['1m-2.5m', 'gte2.5m'], sort: 'price_asc', page: '3' },
];

const label = (p: Params): string =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`)
    .join('&') || '(empty: browse all)';

const queryString = (p: Params): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) for (const one of Array.isArray(v) ? v : [v]) s.append(k, one);
  return s.toString();
};

/**
 * Search at catalogue scale, at each size (10k and 100k): published listings generated in
 * Postgres, a full reindex through the curator API, faceted searches through the gateway against
 * the same multi-search sent to Meilisearch directly (at concurrency 1, 10, 50); at the largest
 * size, how long a catalog write takes to become searchable. Ends with the p95 ratios of every size.
 */
export async function benchSearch(env: { redisUrl: string }, opts: Options = options()): Promise<void> {
  const ratios: Array<{ listings: number; ratios: Record<number, number> }> = [];
  const sizes = [...opts.sizes].sort((a, b) => a - b);
  for (const [i, listings] of sizes.entries()) {
    console.log(`\n  -- ${listings.toLocaleString('en')} listings --`);
    ratios.push({ listings, ratios: await benchSize(env, opts, listings, i === sizes.length - 1) });
  }
  console.log('\n  p95 gateway / direct Meilisearch (goal <= 1.5):');
  for (const r of ratios) {
    const cells = Object.entries(r.ratios).map(([c, x]) => `c${c} ${fmt(x, 2)} ${x <= 1.5 ? 'met' : 'MISSED'}`);
    console.log(`    ${pad(r.listings.toLocaleString('en'), 9)} listings: ${cells.join(', ')}`);
  }
}

async function benchSize(env: { redisUrl: string }, opts: Options, listings: number, withLag: boolean): Promise<Record<number, number>> {
  const benchStarted = performance.now();
  const sys = await bootSystem(`bench-search-${listings}`, {
    services: ['catalog', 'search'],
    // The scheduled reconciler must not run in the middle of a measurement.
    env: { REDIS_URL: env.redisUrl, SEARCH_RECONCILE_SECONDS: '3600' },
  });
  const meili = new URL(sys.config.meiliUrl);
  const gatewayPort = (sys.http.address() as { port: number }).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const indexUid = `${sys.config.meiliIndexPrefix}listings`;
  const meiliHeaders = { authorization: `Bearer ${sys.config.meiliKey}`, 'accept-encoding': 'identity', 'content-type': 'application/json' };
  const meiliCall = (method: string, path: string, body?: unknown) =>
    call(agent, { host: meili.hostname, port: Number(meili.port || 80), method, path, headers: meiliHeaders, body });
  const api = (method: string, path: string, session?: Session, body?: unknown) =>
    call(agent, {
      host: '127.0.0.1',
      port: gatewayPort,
      method,
      path: `/api/v1${path}`,
      headers: {
        'accept-encoding': 'identity',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
      },
      body,
    });

  try {
    const version = await meiliCall('GET', '/version');
    if (version.status !== 200) throw new Error(`Meilisearch at ${sys.config.meiliUrl} answered ${version.status} to /version`);
    console.log(
      `  machine: ${os.cpus().length} cores (shared with other work), load average ${os.loadavg().map((l) => fmt(l, 2)).join(' ')}, ` +
        `Node ${process.version}; Meilisearch ${(version.json as { pkgVersion: string }).pkgVersion} at ${sys.config.meiliUrl}; index ${indexUid}`,
    );
    console.log('  the gateway, catalog and search services run in this process; the load generator runs on its own thread');

    // 1. The catalogue.
    const catalogue = await generateCatalogue(sys.db.url, { artisans: opts.artisans, listings });
    console.log(
      `  catalogue: ${catalogue.artisans.length} verified artisans, ${catalogue.listings} published listings, ` +
        `${catalogue.variants} variants (${catalogue.outOfStock} listings out of stock) in ${fmt(catalogue.seconds)} s (target < 30 s)`,
    );

    // 2. A full reindex through the curator API.
    const curator = await registerWithRoles(sys, [Roles.curator]);
    await waitForIdleRuns(api, curator);
    const reindex = await timeReindex(api, curator);
    const stats = await meiliCall('GET', `/indexes/${indexUid}/stats`);
    const indexed = (stats.json as { numberOfDocuments?: number }).numberOfDocuments;
    console.log(
      `  reindex: ${reindex.documents} documents in ${fmt(reindex.seconds)} s wall (run durationMs ${reindex.durationMs}; ` +
        `index holds ${indexed}) goal <= 60 s: ${reindex.seconds <= 60 ? 'met' : 'MISSED'}`,
    );
    if (indexed !== catalogue.listings) console.log(`  WARNING: index holds ${indexed} documents, ${catalogue.listings} listings are public`);

    // 3. Searches: gateway vs the same multi-search sent straight to Meilisearch.
    const gatewayRequests = QUERY_MIX.map((p) => ({
      method: 'GET',
      path: `/api/v1/search/listings?${queryString(p)}`,
      headers: { 'accept-encoding': 'identity' },
    }));
    const directBodies = QUERY_MIX.map((p) => ({ queries: buildSearchQueries(parseSearchParams(p), indexUid) }));
    const directRequests = directBodies.map((b) => ({ method: 'POST', path: '/multi-search', headers: meiliHeaders, body: JSON.stringify(b) }));
    const totals = await checkQueries(api, meiliCall, directBodies);

    const runs: Array<{ concurrency: number; side: Side; result: LoadResult }> = [];
    const profiler = process.env.SEARCH_BENCH_PROFILE ? new GatewayProfiler() : null;
    const profiles: Array<{ concurrency: number; profile: CpuProfile }> = [];
    let rpcLatencies: number[][] = [];
    await settle(meiliCall);
    for (const concurrency of [1, 10, 50]) {
      // Each side in two halves, in the order gateway, direct, direct, gateway: a machine that
      // gets busier or quieter during the run (others share it) then weighs on both sides alike.
      const halves: Record<Side, LoadResult[]> = { gateway: [], direct: [] };
      for (const side of ['gateway', 'direct', 'direct', 'gateway'] as const) {
        const profiling = side === 'gateway' && profiler ? await profiler.start() : null;
        const target = side === 'gateway' ? { host: '127.0.0.1', port: gatewayPort } : { host: meili.hostname, port: Number(meili.port || 80) };
        const cpu = process.cpuUsage();
        halves[side].push(
          await runLoad({
            ...target,
            requests: side === 'gateway' ? gatewayRequests : directRequests,
            concurrency,
            durationMs: (opts.runSeconds[concurrency] * 1000) / 2,
            warmupRounds: opts.warmupRounds,
          }),
        );
        // This process's CPU (gateway, services and the load thread) over the half just run.
        const used = process.cpuUsage(cpu);
        halves[side][halves[side].length - 1].cpuMs = (used.user + used.system) / 1000;
        if (profiling) profiles.push({ concurrency, profile: await profiling.stop() });
      }
      for (const side of ['gateway', 'direct'] as const) runs.push({ concurrency, side, result: merge(halves[side]) });
      if (concurrency === 1) rpcLatencies = await timeRpcLayer(sys, opts.runSeconds[1] * 1000);
    }
    const ratios = printSearchTable(runs, totals, directBodies.map((b) => b.queries.length), opts.warmupRounds, rpcLatencies);
    if (profiler) {
      printProfiles(profiles, `${process.env.SEARCH_BENCH_PROFILE}/search-${listings}`, runs);
      await profiler.close();
    }

    // 4. Write-to-searchable lag, as the artisan who owns the listings.
    if (withLag) {
      const lagStarted = new Date().toISOString();
      const lag = await measureLag(sys, api, meiliCall, indexUid, catalogue.artisans[0].id, opts.lagWrites);
      printLag(lag, await lagTasks(meiliCall, indexUid, lagStarted));
    }
    console.log(`  this size ${fmt((performance.now() - benchStarted) / 1000, 0)} s`);
    return ratios;
  } finally {
    agent.destroy();
    await sys.close();
    await dropIndexes(sys, meiliHeaders);
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP on keep-alive sockets (node:http, the client does as little as it can).

interface CallSpec {
  host: string;
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

interface CallResult {
  status: number;
  json: unknown;
  ms: number;
}

type Api = (method: string, path: string, session?: Session, body?: unknown) => Promise<CallResult>;
type MeiliCall = (method: string, path: string, body?: unknown) => Promise<CallResult>;

function call(agent: http.Agent, spec: CallSpec): Promise<CallResult> {
  const body = spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = http.request({ host: spec.host, port: spec.port, method: spec.method, path: spec.path, headers: spec.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const ms = performance.now() - t;
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = text;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: keep the text for the error message
        }
        resolve({ status: res.statusCode ?? 0, json, ms });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectStatus(what: string, res: CallResult, status: number): void {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.json).slice(0, 500)}`);
}

// ---------------------------------------------------------------------------------------------
// Reindex.

interface Run {
  id: string;
  kind: string;
  trigger: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number };
  result: { documents?: number; durationMs?: number } | null;
  error: unknown;
}

/** A reconcile the search app may start by itself (at boot) would share the CPU with the reindex. */
async function waitForIdleRuns(api: Api, curator: Session): Promise<void> {
  const deadline = performance.now() + 120_000;
  for (;;) {
    const res = await api('GET', '/curation/search/runs', curator);
    expectStatus('GET /curation/search/runs', res, 200);
    const busy = (res.json as { items: Run[] }).items.filter((r) => r.status === 'queued' || r.status === 'running');
    if (busy.length === 0) return;
    if (performance.now() > deadline) throw new Error(`search runs still busy after 120 s: ${JSON.stringify(busy)}`);
    console.log(`  waiting for ${busy.map((r) => `${r.kind} (${r.trigger}, ${r.status})`).join(', ')} before the reindex`);
    await sleep(1000);
  }
}

async function timeReindex(api: Api, curator: Session): Promise<{ documents: number; seconds: number; durationMs: number }> {
  const started = performance.now();
  const res = await api('POST', '/curation/search/reindex', curator);
  expectStatus('POST /curation/search/reindex', res, 202);
  const id = (res.json as Run).id;
  let lastNote = started;
  for (;;) {
    await sleep(100);
    const poll = await api('GET', `/curation/search/runs/${id}`, curator);
    expectStatus(`GET /curation/search/runs/${id}`, poll, 200);
    const run = poll.json as Run;
    if (run.status === 'succeeded') {
      return { documents: run.result?.documents ?? NaN, seconds: (performance.now() - started) / 1000, durationMs: run.result?.durationMs ?? NaN };
    }
    if (run.status === 'failed') throw new Error(`reindex failed: ${JSON.stringify(run.error)}`);
    if (performance.now() - started > 300_000) throw new Error(`reindex still ${run.status} after 300 s: ${JSON.stringify(run.progress)}`);
    if (performance.now() - lastNote > 15_000) {
      lastNote = performance.now();
      console.log(`  reindex ${run.status}: ${run.progress?.done ?? '?'} / ${run.progress?.total ?? '?'} after ${fmt((lastNote - started) / 1000, 0)} s`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Searches.

interface MultiSearchResult {
  results: Array<{ processingTimeMs: number; estimatedTotalHits?: number; totalHits?: number }>;
}

/** Each query once on both sides: both answer 200, and with the same total. */
async function checkQueries(api: Api, meiliCall: MeiliCall, directBodies: Array<{ queries: unknown[] }>): Promise<Array<{ gateway: number; direct: number }>> {
  const totals: Array<{ gateway: number; direct: number }> = [];
  for (const [i, p] of QUERY_MIX.entries()) {
    const g = await api('GET', `/search/listings?${queryString(p)}`);
    expectStatus(`GET /search/listings?${queryString(p)}`, g, 200);
    const d = await meiliCall('POST', '/multi-search', directBodies[i]);
    expectStatus(`multi-search for ${label(p)}`, d, 200);
    const first = (d.json as MultiSearchResult).results[0];
    totals.push({ gateway: (g.json as { total: number }).total, direct: first.totalHits ?? first.estimatedTotalHits ?? NaN });
  }
  return totals;
}

type Side = 'gateway' | 'direct';

/** After the reindex: Meilisearch has no task left (the old copy's deletion) before anything is timed. */
async function settle(meiliCall: MeiliCall): Promise<void> {
  // Meilisearch has one task queue for all indexes: others' tasks count too, so not for long.
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    const tasks = await meiliCall('GET', '/tasks?statuses=enqueued,processing&limit=1');
    if ((tasks.json as { total?: number }).total === 0) break;
    await sleep(200);
  }
  await sleep(1000);
}

function merge(parts: LoadResult[]): LoadResult {
  return {
    latencyMs: parts.flatMap((p) => p.latencyMs),
    query: parts.flatMap((p) => p.query),
    status: parts.flatMap((p) => p.status),
    reportedMs: parts.flatMap((p) => p.reportedMs),
    bytes: parts.flatMap((p) => p.bytes),
    elapsedMs: parts.reduce((sum, p) => sum + p.elapsedMs, 0),
    cpuMs: parts.reduce((sum, p) => sum + (p.cpuMs ?? NaN), 0),
  };
}

interface LoadSpec {
  host: string;
  port: number;
  requests: Array<{ method: string; path: string; headers: Record<string, string>; body?: string }>;
  concurrency: number;
  durationMs: number;
  warmupRounds: number;
}

interface LoadResult {
  /** Per completed request: latency, which query, HTTP status, the processingTimeMs it reported (summed), body size. */
  latencyMs: number[];
  query: number[];
  status: number[];
  reportedMs: number[];
  bytes: number[];
  elapsedMs: number;
  /** CPU time of the bench process (gateway, services, load thread) during the run. */
  cpuMs?: number;
}

/**
 * The load generator runs on a worker thread: the gateway and the services share this
 * process's event loop, and a client on that loop would queue behind them (and they behind it).
 */
function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(`(${loadWorker.toString()})()`, { eval: true, workerData: spec });
    worker.once('message', (m: LoadResult) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });
}

/** Self-contained (it is sent to the worker as source): warm-up, then closed-loop load for durationMs. */
async function loadWorker(): Promise<void> {
  const { workerData, parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const httpModule = require('node:http') as typeof import('node:http');
  const spec = workerData as LoadSpec;
  const agent = new httpModule.Agent({ keepAlive: true, maxSockets: spec.concurrency, maxFreeSockets: spec.concurrency });
  const send = (r: LoadSpec['requests'][number]) =>
    new Promise<{ ms: number; status: number; reported: number; bytes: number }>((resolve) => {
      const t = performance.now();
      const req = httpModule.request({ host: spec.host, port: spec.port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t;
          const body = Buffer.concat(chunks);
          // Meilisearch's own time: the gateway's top-level figure, or every query of a multi-search.
          let reported = 0;
          for (const m of body.toString('utf8').matchAll(/"processingTimeMs":(\d+)/g)) reported += Number(m[1]);
          resolve({ ms, status: res.statusCode ?? 0, reported, bytes: body.length });
        });
        res.on('error', () => resolve({ ms: performance.now() - t, status: 0, reported: 0, bytes: 0 }));
      });
      req.on('error', () => resolve({ ms: performance.now() - t, status: 0, reported: 0, bytes: 0 }));
      req.end(r.body);
    });
  const warm = spec.requests.flatMap((r) => Array.from({ length: spec.warmupRounds }, () => r));
  let w = 0;
  await Promise.all(Array.from({ length: spec.concurrency }, async () => {
    while (w < warm.length) await send(warm[w++]);
  }));
  const out = { latencyMs: [] as number[], query: [] as number[], status: [] as number[], reportedMs: [] as number[], bytes: [] as number[], elapsedMs: 0 };
  let next = 0;
  const started = performance.now();
  const deadline = started + spec.durationMs;
  await Promise.all(Array.from({ length: spec.concurrency }, async () => {
    while (performance.now() < deadline) {
      const q = next++ % spec.requests.length;
      const res = await send(spec.requests[q]);
      out.latencyMs.push(res.ms);
      out.query.push(q);
      out.status.push(res.status);
      out.reportedMs.push(res.reported);
      out.bytes.push(res.bytes);
    }
  }));
  out.elapsedMs = performance.now() - started;
  agent.destroy();
  parentPort!.postMessage(out);
}

function printSearchTable(
  runs: Array<{ concurrency: number; side: Side; result: LoadResult }>,
  totals: Array<{ gateway: number; direct: number }>,
  queriesPerSearch: number[],
  warmupRounds: number,
  rpcLatencies: number[][],
): Record<number, number> {
  const ok = (r: LoadResult) => r.latencyMs.filter((_, i) => r.status[i] === 200);
  console.log(`  searches: ${QUERY_MIX.length} queries in a fixed rotation, each side run in two halves (gateway, direct, direct, gateway), ${warmupRounds} warm-up rounds before each; latency of 200s in ms`);
  console.log(`    ${pad('conc', 5)}${pad('side', 9)}${pad('n', 7)}${pad('non-200', 8)}${pad('req/s', 8)}${pad('p50', 8)}${pad('p95', 8)}${pad('p99', 8)}${pad('meili ms*', 10)}${pad('KB p50', 8)}node CPU ms/req`);
  for (const { concurrency, side, result } of runs) {
    const lat = ok(result);
    console.log(
      `    ${pad(String(concurrency), 5)}${pad(side, 9)}${pad(String(result.latencyMs.length), 7)}${pad(String(result.latencyMs.length - lat.length), 8)}` +
        `${pad(fmt(result.latencyMs.length / (result.elapsedMs / 1000), 0), 8)}${pad(fmt(percentile(lat, 50)), 8)}${pad(fmt(percentile(lat, 95)), 8)}` +
        `${pad(fmt(percentile(lat, 99)), 8)}${pad(fmt(median(result.reportedMs), 0), 10)}${pad(fmt(median(result.bytes) / 1024), 8)}${fmt((result.cpuMs ?? NaN) / result.latencyMs.length, 2)}`,
    );
  }
  const ratios: Record<number, number> = Object.fromEntries([1, 10, 50].map((c) => {
    const g = runs.find((r) => r.concurrency === c && r.side === 'gateway')!.result;
    const d = runs.find((r) => r.concurrency === c && r.side === 'direct')!.result;
    return [c, percentile(ok(g), 95) / percentile(ok(d), 95)];
  }));
  console.log("    * Meilisearch's processingTimeMs, p50: the gateway reports its main query's; direct is the sum over the multi-search");
  console.log('    node CPU: this process per request (direct: the load thread alone; gateway: the load thread, the gateway and the services)');
  console.log(`  p95 gateway/direct (goal <= 1.5): ${Object.entries(ratios).map(([c, x]) => `c${c} ${fmt(x, 2)} ${x <= 1.5 ? 'met' : 'MISSED'}`).join(', ')}`);

  // Where the time goes, per query, at concurrency 1.
  const g1 = runs.find((r) => r.concurrency === 1 && r.side === 'gateway')!.result;
  const d1 = runs.find((r) => r.concurrency === 1 && r.side === 'direct')!.result;
  const byQuery = (r: LoadResult, q: number, values: number[]) => values.filter((_, i) => r.query[i] === q && r.status[i] === 200);
  const rpcAll = rpcLatencies.flat();
  console.log(
    `  layers at concurrency 1, p50 / p95 ms: direct ${fmt(percentile(ok(d1), 50))} / ${fmt(percentile(ok(d1), 95))}, ` +
      `search service over RPC (no HTTP gateway) ${fmt(percentile(rpcAll, 50))} / ${fmt(percentile(rpcAll, 95))}, ` +
      `gateway ${fmt(percentile(ok(g1), 50))} / ${fmt(percentile(ok(g1), 95))}`,
  );
  console.log('  per query at concurrency 1 (p50 ms): gateway, search RPC, direct, Meilisearch processingTimeMs (sum over the multi-search), searches sent, total hits');
  for (const [q, p] of QUERY_MIX.entries()) {
    const mismatch = totals[q].gateway === totals[q].direct ? '' : ` (gateway total ${totals[q].gateway})`;
    console.log(
      `    ${pad(fmt(median(byQuery(g1, q, g1.latencyMs))), 7)}${pad(fmt(median(rpcLatencies[q])), 7)}${pad(fmt(median(byQuery(d1, q, d1.latencyMs))), 7)}${pad(fmt(median(byQuery(d1, q, d1.reportedMs)), 0), 5)}` +
        `${pad(String(queriesPerSearch[q]), 3)}${pad(String(totals[q].direct), 7)}${label(p)}${mismatch}`,
    );
  }
  return ratios;
}

const pad = (s: string, n: number): string => s.padEnd(n);

/**
 * The mix sent to the search service over its TCP transport, as the gateway does, one at a time:
 * with the direct and gateway figures it splits the time between Meilisearch, the search
 * service (with RPC) and the HTTP gateway. Latencies per query of the mix.
 */
async function timeRpcLayer(sys: TestSystem, durationMs: number): Promise<number[][]> {
  const rpc = rpcClient(sys, 'search');
  const out: number[][] = QUERY_MIX.map(() => []);
  try {
    for (const p of QUERY_MIX) await rpc.send(SearchPatterns.listings, p, null);
    const deadline = performance.now() + durationMs;
    for (let i = 0; performance.now() < deadline; i++) {
      const q = i % QUERY_MIX.length;
      const t = performance.now();
      await rpc.send(SearchPatterns.listings, QUERY_MIX[q], null);
      out[q].push(performance.now() - t);
    }
  } finally {
    await rpc.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Write-to-searchable lag.

interface LagSample {
  kind: 'price' | 'stock' | 'title';
  apiMs: number;
  /** From the write's response to the index showing it; NaN when it never did. */
  lagMs: number;
}

interface Doc {
  id: string;
  version: number;
  titleId: string;
  priceMin: number;
  priceMax: number;
  stockTotal: number;
}

async function measureLag(sys: TestSystem, api: Api, meiliCall: MeiliCall, indexUid: string, artisanId: string, writes: number): Promise<LagSample[]> {
  // The generated shop becomes the account of a user who signs in through the API.
  const owner = await registerWithRoles(sys, [Roles.buyer, Roles.artisan]);
  await queryDb(sys, 'UPDATE catalog.artisans SET user_id = $2 WHERE id = $1', [artisanId, owner.user.id]);
  const listings = await queryDb<{ id: string; title_id: string; title_en: string | null; variants: Array<{ id: string; price: string; stock: number }> }>(
    sys,
    `SELECT l.id, l.title_id, l.title_en,
            (SELECT json_agg(json_build_object('id', v.id, 'price', v.price::text, 'stock', v.stock) ORDER BY v.position) FROM catalog.variants v WHERE v.listing_id = l.id) AS variants
     FROM catalog.listings l WHERE l.artisan_id = $1 ORDER BY l.id LIMIT $2`,
    [artisanId, writes],
  );
  // A small catalogue (SEARCH_BENCH_SIZES) gives each shop few listings: fewer samples then.
  if (listings.length < Math.min(writes, 5)) throw new Error(`artisan ${artisanId} has ${listings.length} listings, ${writes} wanted`);

  const kinds: Array<LagSample['kind']> = ['price', 'stock', 'title'];
  const samples: LagSample[] = [];
  for (const [i, l] of listings.entries()) {
    const kind = kinds[i % kinds.length];
    const first = l.variants[0];
    const minPrice = Math.min(...l.variants.map((v) => Number(v.price)));
    const stockTotal = l.variants.reduce((sum, v) => sum + v.stock, 0);
    let write: () => Promise<CallResult>;
    let shows: (d: Doc) => boolean;
    if (kind === 'price') {
      // Below every variant, so the document's priceMin must become exactly this.
      const price = Math.round((minPrice * 0.9) / 1000) * 1000 - i;
      write = () => api('PATCH', `/listings/${l.id}/variants/${first.id}`, owner, { price });
      shows = (d) => d.priceMin === price;
    } else if (kind === 'stock') {
      const stock = (first.stock + 17) % 51;
      write = () => api('PUT', `/listings/${l.id}/variants/${first.id}/stock`, owner, { stock, note: 'bench' });
      shows = (d) => d.stockTotal === stockTotal - first.stock + stock;
    } else {
      const title = `${l.title_id} (edisi ${i + 1})`;
      write = () => api('PATCH', `/listings/${l.id}`, owner, { title: { id: title, en: l.title_en } });
      shows = (d) => d.titleId === title;
    }
    const res = await write();
    expectStatus(`${kind} write to ${l.id}`, res, 200);
    const acked = performance.now();
    let lagMs = NaN;
    while (performance.now() - acked < 5000) {
      const doc = await meiliCall('GET', `/indexes/${indexUid}/documents/${l.id}?fields=id,version,titleId,priceMin,priceMax,stockTotal`);
      if (doc.status === 200 && shows(doc.json as Doc)) {
        lagMs = performance.now() - acked;
        break;
      }
      await sleep(10);
    }
    samples.push({ kind, apiMs: res.ms, lagMs });
  }
  return samples;
}

interface MeiliTask {
  enqueuedAt: string;
  startedAt: string;
  finishedAt: string;
}

/** Meilisearch's side of the lag: the index's document tasks since `since`, queued to done and processing. */
async function lagTasks(meiliCall: MeiliCall, indexUid: string, since: string): Promise<{ queuedToDone: number[]; processing: number[] }> {
  const res = await meiliCall('GET', `/tasks?indexUids=${indexUid}&types=documentAdditionOrUpdate&statuses=succeeded&afterEnqueuedAt=${since}&limit=1000`);
  // RFC 3339 with nanoseconds; milliseconds are enough here.
  const at = (iso: string) => Date.parse(iso.replace(/(\.\d{3})\d*/, '$1'));
  const tasks = (res.json as { results?: MeiliTask[] }).results ?? [];
  return {
    queuedToDone: tasks.map((t) => at(t.finishedAt) - at(t.enqueuedAt)),
    processing: tasks.map((t) => at(t.finishedAt) - at(t.startedAt)),
  };
}

function printLag(samples: LagSample[], tasks: { queuedToDone: number[]; processing: number[] }): void {
  console.log(`  write-to-searchable (${samples.length} sequential writes through the gateway, Meilisearch polled every 10 ms, 5 s limit):`);
  console.log(`    ${pad('kind', 7)}${pad('n', 4)}${pad('unseen', 8)}${pad('write p50', 11)}${pad('lag p50', 9)}${pad('lag p95', 9)}lag max`);
  const row = (name: string, s: LagSample[]) => {
    const seen = s.filter((x) => !Number.isNaN(x.lagMs)).map((x) => x.lagMs);
    console.log(
      `    ${pad(name, 7)}${pad(String(s.length), 4)}${pad(String(s.length - seen.length), 8)}${pad(fmt(median(s.map((x) => x.apiMs))), 11)}` +
        `${pad(fmt(percentile(seen, 50)), 9)}${pad(fmt(percentile(seen, 95)), 9)}${fmt(Math.max(...seen))}`,
    );
  };
  for (const kind of ['price', 'stock', 'title'] as const) row(kind, samples.filter((s) => s.kind === kind));
  row('all', samples);
  const seen = samples.filter((x) => !Number.isNaN(x.lagMs)).map((x) => x.lagMs);
  const unseen = samples.length - seen.length;
  const met = unseen === 0 && percentile(seen, 95) <= 1000;
  console.log(
    `    Meilisearch's part (${tasks.processing.length} document tasks in the meantime): processing p50 ${fmt(percentile(tasks.processing, 50))} ms, ` +
      `p95 ${fmt(percentile(tasks.processing, 95))} ms; enqueued to done p50 ${fmt(percentile(tasks.queuedToDone, 50))} ms, p95 ${fmt(percentile(tasks.queuedToDone, 95))} ms`,
  );
  console.log(`  lag p95 (from the write's response) ${fmt(percentile(seen, 95))} ms, goal <= 1000 ms: ${met ? 'met' : 'MISSED'}${unseen ? ` (${unseen} writes never showed within 5 s)` : ''}`);
}

/** The suite's indexes (its prefix is unique to this run): 100k documents should not outlive the bench. */
async function dropIndexes(sys: TestSystem, headers: Record<string, string>): Promise<void> {
  const prefix = sys.config.meiliIndexPrefix;
  if (!prefix) return;
  const meili = new URL(sys.config.meiliUrl);
  const agent = new http.Agent({ keepAlive: false });
  try {
    const target = { host: meili.hostname, port: Number(meili.port || 80), headers };
    const list = await call(agent, { ...target, method: 'GET', path: '/indexes?limit=1000' });
    const uids = ((list.json as { results?: Array<{ uid: string }> }).results ?? []).map((r) => r.uid).filter((uid) => uid.startsWith(prefix));
    for (const uid of uids) await call(agent, { ...target, method: 'DELETE', path: `/indexes/${uid}` });
  } catch (error) {
    console.log(`  could not drop the bench's indexes: ${(error as Error).message}`);
  } finally {
    agent.destroy();
  }
}
