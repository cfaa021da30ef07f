import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVICE_NAMES } from '@pk/contracts';
import { freePort } from '../test/support/ports';
import { BALI_ADDRESS } from '../test/support/orders';
import { fmt, median } from './stats';

const ROOT = path.resolve(__dirname, '..');
const IDLE_SECONDS = Number(process.env.MEMORY_BENCH_IDLE_SECONDS) || 30;
const LOAD_SECONDS = Number(process.env.MEMORY_BENCH_LOAD_SECONDS) || 30;
const MB = 1024 * 1024;

/** Goals of issue 24: each app of the multi-process mode, the one process of the single mode, the whole stack. */
const GOALS = { perApp: 120 * MB, single: 300 * MB, stack: 1024 * MB };
type Mode = 'multi' | 'single';
/** MEMORY_BENCH_MODES=multi,single (the default: both, one after the other). */
const MODES = (process.env.MEMORY_BENCH_MODES || 'multi,single').split(',').map((m) => m.trim()) as Mode[];

interface Proc {
  pid: number;
  ppid: number;
  rssBytes: number;
  args: string;
}

/** Every process on the machine, with its resident set. */
function processes(): Proc[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), rssBytes: Number(m[3]) * 1024, args: m[4] }));
}

/** Proportional set size: shared pages (Postgres' shared buffers, libraries) split among their users. */
function pssBytes(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

type Part = 'launcher' | (typeof SERVICE_NAMES)[number] | 'gateway' | 'marketplace' | 'postgres' | 'redis' | 'meilisearch';

/** The stack's processes by part: the launcher, its app children, and the stores it started in our data dir. */
function stackProcesses(launcherPid: number, dataDir: string, redisPort: number): Map<Part, Proc[]> {
  const all = processes();
  const parts = new Map<Part, Proc[]>();
  const add = (part: Part, p: Proc) => parts.set(part, [...(parts.get(part) ?? []), p]);
  for (const p of all) {
    const app =
      p.ppid !== launcherPid
        ? undefined
        : p.args.includes('.build/scripts/single-process/main.js')
          ? 'marketplace'
          : (/\.build\/apps\/(\w+)\/src\/main\.js/.exec(p.args)?.[1] as Part | undefined);
    if (p.pid === launcherPid) add('launcher', p);
    else if (app) add(app, p);
    else if (p.args.includes('meilisearch') && p.args.includes(dataDir)) add('meilisearch', p);
    else if (p.args.includes('redis-server') && p.args.includes(`:${redisPort}`)) add('redis', p);
  }
  // Postgres: the postmaster names the data dir; its backends and workers are its children.
  const postmaster = all.find((p) => p.args.includes('postgres') && p.args.includes(dataDir));
  if (postmaster) for (const p of all) if (p.pid === postmaster.pid || p.ppid === postmaster.pid) add('postgres', p);
  return parts;
}

interface Sample {
  rss: number;
  pss: number;
}

function sample(parts: Map<Part, Proc[]>): Map<Part, Sample> {
  return new Map([...parts].map(([part, procs]) => [part, { rss: procs.reduce((s, p) => s + p.rssBytes, 0), pss: procs.reduce((s, p) => s + pssBytes(p.pid), 0) }]));
}

/**
 * `npm run bench -- memory`: for each mode, `npm start` on stores of its own (embedded Postgres,
 * Redis and Meilisearch in a fresh data dir, demo data), then each process's memory after
 * IDLE_SECONDS idle; then LOAD_SECONDS of the search, listing and checkout mix and each part's peak.
 */
export async function benchMemory(): Promise<void> {
  for (const mode of MODES) {
    console.log(`  PK_PROCESSES=${mode}`);
    await benchMode(mode);
  }
}

async function benchMode(mode: Mode): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-memory-'));
  const ports: Record<string, number> = {};
  for (const name of ['PK_PG_PORT', 'PK_REDIS_PORT', 'PK_MEILI_PORT', 'GATEWAY_PORT', ...SERVICE_NAMES.map((s) => `${s.toUpperCase()}_PORT`)]) ports[name] = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PK_EMBEDDED: '1',
    PK_DATA_DIR: dataDir,
    PK_PROCESSES: mode,
    // What npm start's script sets for the launcher (package.json).
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '2',
    LOG_LEVEL: 'warn',
    // The load registers buyers from one address.
    REGISTER_MAX_PER_IP: '100000',
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
  };
  for (const k of ['DATABASE_URL', 'REDIS_URL', 'MEILI_URL', 'MEILI_MASTER_KEY']) delete env[k];
  let output = '';
  const launcher: ChildProcess = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/register.js'), path.join(ROOT, 'scripts/start.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  launcher.stdout!.on('data', (d) => (output += d));
  launcher.stderr!.on('data', (d) => (output += d));
  const api = `http://127.0.0.1:${ports.GATEWAY_PORT}/api/v1`;
  try {
    const started = performance.now();
    while (!output.includes('Pasar Kriya is ready.')) {
      if (launcher.exitCode !== null) throw new Error(`npm start exited (${launcher.exitCode}):\n${output.slice(-2000)}`);
      if (performance.now() - started > 180_000) throw new Error(`npm start not ready after 180 s:\n${output.slice(-2000)}`);
      await sleep(250);
    }
    console.log(`  npm start ready in ${fmt((performance.now() - started) / 1000)} s (own Postgres, Redis and Meilisearch in ${dataDir}; demo data); idle ${IDLE_SECONDS} s`);
    await sleep(IDLE_SECONDS * 1000);
    const parts = () => stackProcesses(launcher.pid!, dataDir, ports.PK_REDIS_PORT);
    const idle = sample(parts());

    const peak = new Map<Part, number>();
    const sampler = setInterval(() => {
      for (const [part, s] of sample(parts())) peak.set(part, Math.max(peak.get(part) ?? 0, s.rss));
    }, 500);
    const load = await runLoad(api, LOAD_SECONDS * 1000);
    clearInterval(sampler);
    for (const [part, s] of sample(parts())) peak.set(part, Math.max(peak.get(part) ?? 0, s.rss));
    console.log(
      `  load: ${LOAD_SECONDS} s at concurrency 8: ${load.searches} searches, ${load.listings} listing pages, ${load.homes} home pages, ` +
        `${load.checkouts} checkouts (${load.failed} failed requests); request p50 ${fmt(median(load.latencies))} ms`,
    );
    printMemory(idle, peak);
  } finally {
    const exited = new Promise((resolve) => launcher.once('exit', resolve));
    if (launcher.exitCode === null) launcher.kill('SIGINT');
    await Promise.race([exited, sleep(20_000)]);
    if (launcher.exitCode === null) launcher.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const APP_PARTS: Part[] = ['catalog', 'orders', 'payments', 'search', 'channels', 'gateway'];

function printMemory(idle: Map<Part, Sample>, peak: Map<Part, number>): void {
  const NODE_APPS: Part[] = idle.has('marketplace') ? ['marketplace'] : APP_PARTS;
  const order: Part[] = [...NODE_APPS, 'launcher', 'postgres', 'redis', 'meilisearch'];
  console.log(`    ${'part'.padEnd(13)}${'idle RSS'.padEnd(11)}${'idle PSS'.padEnd(11)}${'peak RSS'.padEnd(11)}goal`);
  for (const part of order) {
    const s = idle.get(part);
    if (!s) {
      console.log(`    ${part.padEnd(13)}not found`);
      continue;
    }
    const limit = part === 'marketplace' ? GOALS.single : GOALS.perApp;
    const goal = NODE_APPS.includes(part) ? `<= ${mb(limit)} idle: ${s.rss <= limit ? 'met' : 'MISSED'}` : '';
    console.log(`    ${part.padEnd(13)}${mb(s.rss).padEnd(11)}${mb(s.pss).padEnd(11)}${mb(peak.get(part) ?? NaN).padEnd(11)}${goal}`);
  }
  const sum = (parts: Part[], f: (s: Sample) => number) => parts.reduce((t, p) => t + (idle.has(p) ? f(idle.get(p)!) : 0), 0);
  const apps = sum(NODE_APPS, (s) => s.rss);
  const stackRss = sum(order, (s) => s.rss);
  const stackPss = sum(order, (s) => s.pss);
  const peakTotal = order.reduce((t, p) => t + (peak.get(p) ?? 0), 0);
  console.log(`    Node apps idle: ${mb(apps)} RSS; the whole stack idle: ${mb(stackRss)} RSS, ${mb(stackPss)} PSS (goal <= 1 GB: ${stackPss <= GOALS.stack ? 'met' : 'MISSED'}, by PSS); peak under load ${mb(peakTotal)} RSS`);
  // The launcher is npm start's own (TypeScript through swc-node, the demo seeding, the channel
  // sandboxes); a deployment (the Docker image) runs the apps and the stores without it.
  const deployed = order.filter((p) => p !== 'launcher');
  console.log(`    without npm start's launcher (as deployed): ${mb(sum(deployed, (s) => s.rss))} RSS, ${mb(sum(deployed, (s) => s.pss))} PSS`);
  console.log('    RSS counts shared pages (Postgres shared buffers, libraries) once per process; PSS splits them');
}

const mb = (bytes: number): string => (Number.isFinite(bytes) ? `${fmt(bytes / MB, 0)} MB` : 'n/a');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LoadResult {
  searches: number;
  listings: number;
  homes: number;
  checkouts: number;
  failed: number;
  latencies: number[];
}

const QUERIES = ['perak', 'gelang', 'kain endek', 'ukiran kayu', 'silver bracelet', 'songket', 'tenun', 'keramik', 'anyaman', 'lukisan'];

/** Eight workers: searches, listing pages, the home page, and now and then a buyer who checks out. */
async function runLoad(api: string, durationMs: number): Promise<LoadResult> {
  const out: LoadResult = { searches: 0, listings: 0, homes: 0, checkouts: 0, failed: 0, latencies: [] };
  const timed = async <T>(fn: () => Promise<Response>): Promise<T | null> => {
    const t = performance.now();
    const res = await fn().catch(() => null);
    out.latencies.push(performance.now() - t);
    if (!res || res.status >= 400) {
      out.failed++;
      return null;
    }
    return (await res.json()) as T;
  };
  const found = await timed<{ hits: Array<{ id: string; artisanId: string }> }>(() => fetch(`${api}/search/listings?limit=48`));
  const listings = found?.hits ?? [];
  if (!listings.length) throw new Error('the demo catalogue is not searchable');
  const deadline = performance.now() + durationMs;
  let n = 0;
  await Promise.all(
    Array.from({ length: 8 }, async (_, worker) => {
      while (performance.now() < deadline) {
        const i = n++;
        if (worker === 0 && i % 5 === 0) {
          if (await checkoutOnce(api, listings[i % listings.length], timed)) out.checkouts++;
        } else if (i % 3 === 0) {
          await timed(() => fetch(`${api}/listings/${listings[i % listings.length].id}`));
          out.listings++;
        } else if (i % 7 === 0) {
          await timed(() => fetch(`${api}/home`));
          out.homes++;
        } else {
          await timed(() => fetch(`${api}/search/listings?q=${encodeURIComponent(QUERIES[i % QUERIES.length])}`));
          out.searches++;
        }
      }
    }),
  );
  return out;
}

type Timed = <T>(fn: () => Promise<Response>) => Promise<T | null>;

/** A new buyer: register, an address, one piece of the listing in the cart, checkout by bank transfer. */
async function checkoutOnce(api: string, hit: { id: string; artisanId: string }, timed: Timed): Promise<boolean> {
  const json = (body: unknown, token?: string, extra: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
    body: JSON.stringify(body),
  });
  const session = await timed<{ accessToken: string }>(() => fetch(`${api}/auth/register`, json({ email: `memory-${Date.now()}-${Math.random().toString(36).slice(2)}@example.id`, password: 'correct-horse-battery', displayName: 'Made Bench' })));
  if (!session) return false;
  const token = session.accessToken;
  const address = await timed<{ id: string }>(() => fetch(`${api}/addresses`, json(BALI_ADDRESS, token)));
  const listing = await timed<{ variants: Array<{ id: string; stock: number }> }>(() => fetch(`${api}/listings/${hit.id}`));
  const variant = listing?.variants.find((v) => v.stock > 0);
  if (!address || !variant) return false;
  if (!(await timed(() => fetch(`${api}/cart/lines`, json({ variantId: variant.id, quantity: 1 }, token))))) return false;
  const order = await timed(() => fetch(`${api}/checkout`, json({ addressId: address.id, shipping: { [hit.artisanId]: 'JNE:REG' }, paymentMethod: 'bank_transfer' }, token, { 'idempotency-key': `memory-${Date.now()}-${Math.random()}` })));
  return order !== null;
}
