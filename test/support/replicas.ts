import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { SERVICE_NAMES } from '@pk/contracts';
import { loadConfig } from '@pk/core';
import { TestSystem, bootSystem } from './apps';
import { freePort } from './ports';

const ROOT = path.resolve(__dirname, '..', '..');
const BOOT_TIMEOUT_MS = 90_000;

// Replica sets this module started and has not seen exit: killed when the test process exits.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface Replicas {
  /** Replica A of every app and gateway A, in this process (its services reachable for tests). */
  a: TestSystem;
  /**
   * Replica B of every app and gateway B, in a child process: the same database, Redis prefix and
   * index prefix, ports of its own. `http` is gateway B's address (supertest takes a URL), so the
   * helpers of test/support work through either gateway.
   */
  b: TestSystem;
  /** The process holding replica B of every app. */
  child: ChildProcess;
  /** SIGKILLs replica B of every app at once (no shutdown hook runs); resolves once it is gone. */
  killB(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Two replicas of every app against one Postgres database, Redis prefix and Meilisearch index
 * prefix. Each set has its own ports: gateway A reaches services A and gateway B services B, and
 * services calling services stay inside their set. A boots first (its schedules are upserted
 * first), then B: as in a rolling start, where the second replica finds the first's schedules.
 */
export async function bootReplicas(suite: string, opts: { env?: Record<string, string> } = {}): Promise<Replicas> {
  // Twelve apps with the default pool of 10 would pass Postgres's default of 100 connections.
  const shared = { DATABASE_POOL_SIZE: '5', ...opts.env };
  const a = await bootSystem(suite, { env: shared });
  const ports = Object.fromEntries(
    await Promise.all(SERVICE_NAMES.map(async (name) => [`${name.toUpperCase()}_PORT`, String(await freePort())])),
  );
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PASSWORD_SCRYPT_COST: '4096',
    REGISTER_MAX_PER_IP: '100000',
    HOST: '127.0.0.1',
    DATABASE_URL: a.db.url,
    REDIS_PREFIX: a.config.redisPrefix,
    MEILI_INDEX_PREFIX: a.config.meiliIndexPrefix,
    ...shared,
    ...ports,
    GATEWAY_PORT: String(await freePort()),
  };
  let child: ChildProcess;
  let gatewayPort: number;
  try {
    ({ child, gatewayPort } = await startReplicaSet({ ...process.env, ...env }));
  } catch (error) {
    await a.close();
    throw error;
  }
  const b: TestSystem = {
    ...a,
    config: loadConfig({ ...process.env, ...env }),
    http: `http://127.0.0.1:${gatewayPort}` as unknown as TestSystem['http'],
    services: new Map(),
    async stopService() {
      throw new Error('replica B runs in a child process: kill it with killB()');
    },
    async startService() {
      throw new Error('replica B runs in a child process');
    },
    async close() {
      await stopChild(child, 'SIGTERM');
    },
  };
  return {
    a,
    b,
    child,
    killB: () => stopChild(child, 'SIGKILL'),
    async close() {
      await stopChild(child, 'SIGTERM');
      await a.close();
    },
  };
}

/** Spawns test/support/replica-set.ts; resolves with gateway B's port once it says it is ready. */
function startReplicaSet(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; gatewayPort: number }> {
  const child = spawn(
    process.execPath,
    ['-r', path.join(ROOT, 'scripts', 'register.js'), path.join(ROOT, 'test', 'support', 'replica-set.ts')],
    // PK_LAUNCHER_PID: the replica exits by itself if this test process dies without killing it.
    { cwd: ROOT, env: { ...env, PK_LAUNCHER_PID: String(process.pid) }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`replica set B not ready within ${BOOT_TIMEOUT_MS} ms: ${stderr.trim()}`));
    }, BOOT_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`replica set B exited while starting (${signal ?? code}): ${stderr.trim()}`));
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = /^ready (\d+)$/.exec(line);
      if (!ready) return;
      clearTimeout(timer);
      resolve({ child, gatewayPort: Number(ready[1]) });
    });
  });
}

/** Sends `signal` (SIGTERM: SIGKILL after 10 s) and resolves once the process has exited. */
async function stopChild(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = signal === 'SIGTERM' ? setTimeout(() => child.kill('SIGKILL'), 10_000) : undefined;
  await exited;
  clearTimeout(timer);
}
