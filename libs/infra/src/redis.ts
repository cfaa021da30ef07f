import fs from 'node:fs';
import path from 'node:path';
import { reuseLeftover } from './leftover';
import { launch, Outcome, Plan } from './launch';
import { probeRedis, waitFor } from './probe';
import { findOnPath } from './proc';
import { hostPort, Settings } from './settings';

export const REDIS_MISSING =
  'redis-server not found: install it with "apt-get install redis-server" (Debian/Ubuntu) or "brew install redis", or set REDIS_URL';

const LOCAL_DEFAULT = 'redis://127.0.0.1:6379';

export async function planRedis(s: Settings): Promise<Plan> {
  if (!s.embedded && s.env.REDIS_URL) {
    const url = s.env.REDIS_URL;
    const why = await waitFor(() => probeRedis(url), 5000);
    if (why) throw new Error(`redis: REDIS_URL (${hostPort(url)}) does not answer: ${why}`);
    return { ready: { url, line: `using ${hostPort(url)} (REDIS_URL)` } };
  }
  let note = '';
  if (!s.embedded) {
    const why = await probeRedis(LOCAL_DEFAULT, 1000);
    if (!why) return { ready: { url: LOCAL_DEFAULT, line: 'using 127.0.0.1:6379 (local default)' } };
    if (!why.includes('ECONNREFUSED')) note = `; 127.0.0.1:6379 answered but: ${why}`;
  }
  const bin = findOnPath('redis-server', s.env);
  if (!bin) throw new Error(REDIS_MISSING);
  return { start: () => startRedis(s, bin, note) };
}

async function startRedis(s: Settings, bin: string, note: string): Promise<Outcome> {
  const port = s.ports.redis;
  const dir = path.join(s.dataDir, 'redis');
  const pidFile = path.join(s.runDir, 'redis.pid');
  const url = `redis://127.0.0.1:${port}`;
  const probe = () => probeRedis(url);

  const reused = await reuseLeftover(
    { name: 'redis', pidFile, hint: 'redis-server', stopSignal: 'SIGTERM',
      answers: probe, where: dir },
    url,
    port,
  );
  if (reused) return reused;

  fs.mkdirSync(dir, { recursive: true });
  const dev = s.profile === 'dev';
  const owned = await launch(s, {
    name: 'redis',
    cmd: bin,
    args: [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--dir', dir,
      '--daemonize', 'no',
      // BullMQ needs every key kept: an evicted job key loses the job.
      '--maxmemory-policy', 'noeviction',
      '--appendonly', dev ? 'yes' : 'no',
      // Test data is thrown away, so no snapshots either.
      ...(dev ? [] : ['--save', '']),
    ],
    port,
    portEnv: 'PK_REDIS_PORT',
    cwd: dir,
    pidFile,
    stopSignal: 'SIGTERM',
    timeoutMs: 10_000,
    probe,
  });
  return { url, owned, line: `started on 127.0.0.1:${port} (redis-server from PATH)${note}` };
}
