/**
 * One back-end service in a process of its own, configured from the environment like `npm
 * start`'s apps, for tests that kill it at a chosen point (e.g. PK_FAULT_EXIT_AFTER_STEP). Run
 * with `node -r scripts/register.js test/support/service-process.ts <service>`; writes "ready"
 * on stdout once it listens. startServiceProcess spawns it with a running system's settings, so
 * it takes the place of that system's own replica of the service (same port, database, prefixes).
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { SERVICE_NAMES, ServiceName } from '@pk/contracts';
import { loadConfig, startService } from '@pk/core';
import type { TestSystem } from './apps';
import { SERVICE_MODULES } from './service-modules';

const ROOT = path.resolve(__dirname, '..', '..');
const BOOT_TIMEOUT_MS = 90_000;

export interface ServiceProcess {
  child: ChildProcess;
  /** Resolves with how the process ended (a signal name, or its exit code). */
  exited: Promise<string | number | null>;
  /** SIGKILLs it if it still runs; resolves once it is gone. */
  kill(): Promise<void>;
}

/** `service` of `sys` in a child process: the same port, database, Redis and index prefixes, plus `env`. */
export async function startServiceProcess(sys: TestSystem, service: ServiceName, env: Record<string, string> = {}): Promise<ServiceProcess> {
  const ports = Object.fromEntries(SERVICE_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, String(sys.config.services[name].port)]));
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts', 'register.js'), __filename, service], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      HOST: '127.0.0.1',
      PK_PROCESSES: 'multi',
      DATABASE_URL: sys.db.url,
      DATABASE_POOL_SIZE: '5',
      REDIS_PREFIX: sys.config.redisPrefix,
      MEILI_INDEX_PREFIX: sys.config.meiliIndexPrefix,
      REGISTER_MAX_PER_IP: '100000',
      UNPAID_TRANSFER_MAX_ORDERS: '100000',
      UNPAID_TRANSFER_MAX_UNITS: '100000',
      ...ports,
      ...env,
      // The child exits by itself if this test process dies without killing it.
      PK_LAUNCHER_PID: String(process.pid),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<string | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${service} process not ready within ${BOOT_TIMEOUT_MS} ms: ${stderr.trim()}`));
    }, BOOT_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${service} process exited while starting (${signal ?? code}): ${stderr.trim()}`));
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line !== 'ready') return;
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    child,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const name = process.argv[2] as ServiceName;
  if (!SERVICE_NAMES.includes(name)) throw new Error(`no such service: ${name}`);
  const config = loadConfig();
  await startService(name, SERVICE_MODULES[name].forRoot(config) as Parameters<typeof startService>[1], config);
  process.stdout.write('ready\n');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
