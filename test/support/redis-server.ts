import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, refused, until } from './ports';

// Every redis-server this module started and has not seen exit: killed when the test process
// exits, so a suite that crashes before its afterAll still leaves nothing behind.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Sends PING on a fresh socket; true only for +PONG (not while loading, not when refused). */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * A redis-server of the test's own, with no persistence, on a port that stays the same across
 * stop() and start(): stopping it is an outage its clients see, starting it again is the recovery
 * (with an empty Redis, as after a crash without persistence).
 */
export class ThrowawayRedis {
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async create(): Promise<ThrowawayRedis> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-redis-'));
    const server = new ThrowawayRedis(await freePort(), dir);
    try {
      await server.start();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server (again) on the same port and resolves once it answers PING. */
  async start(): Promise<void> {
    if (this.child) return;
    this.output = '';
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, '--loglevel', 'warning'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
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
      exited ??= new Error(`redis-server on ${this.port} exited (${signal ?? code}): ${this.output.trim()}`);
    });
    try {
      await until(`redis-server on ${this.port}`, () => pong(this.port), 10_000, () => exited);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Kills the server (no shutdown save, like a crash) and resolves once the port refuses connections. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exit = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exit;
    }
    running.delete(child);
    await until(`port ${this.port} closing`, () => refused(this.port), 10_000);
  }

  /** Stops the server for good and removes its directory. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
