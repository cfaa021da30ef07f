// Builds the web app (apps/web → apps/web/dist) when the build is missing or older than its
// sources; shared by `npm start` and the browser tests. A lock directory keeps two processes
// (two jest workers) from building over each other.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const WEB_DIR = path.join(ROOT, 'apps/web');
export const WEB_DIST = path.join(WEB_DIR, 'dist');
const LOCK = path.join(WEB_DIR, '.build-lock');
const LOCK_STALE_MS = 120_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** True when dist/index.html is missing or older than any source (src/, index.html, the vite config). */
export function webBuildStale(): boolean {
  let built: number;
  try {
    built = statSync(path.join(WEB_DIST, 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  const sources = Math.max(
    newestMtime(path.join(WEB_DIR, 'src')),
    statSync(path.join(WEB_DIR, 'index.html')).mtimeMs,
    statSync(path.join(WEB_DIR, 'vite.config.mts')).mtimeMs,
  );
  return sources > built;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function withLock<T>(fn: () => T): T {
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Someone else is building; a lock older than a build can take was left by a killed process.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS || Date.now() > deadline) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // Gone meanwhile: try again.
      }
      sleep(200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Runs `vite build` when stale; returns whether it built. */
export function ensureWebBuild(log: (line: string) => void = () => undefined): boolean {
  if (!webBuildStale()) return false;
  return withLock(() => {
    if (!webBuildStale()) return false; // built by whoever held the lock
    log('building the web app (vite build)');
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(WEB_DIR, 'vite.config.mts'), '--logLevel', 'warn'], {
        cwd: ROOT,
        stdio: 'pipe',
        // Always a production build: jest (NODE_ENV=test) would otherwise get React's development build.
        env: { ...process.env, NODE_ENV: 'production', NO_COLOR: '1', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      });
    } catch (error) {
      const e = error as { stderr?: Buffer; stdout?: Buffer };
      throw new Error(`vite build failed:\n${e.stderr?.toString() ?? ''}${e.stdout?.toString() ?? ''}`.trim());
    }
    return true;
  });
}

export interface FirstLoadAsset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * The JavaScript a first visit downloads before anything lazy: the module scripts and
 * modulepreloads index.html names, with their gzip sizes (level 9, as a server would send them).
 */
export function firstLoadJs(dist = WEB_DIST): { assets: FirstLoadAsset[]; bytes: number; gzipBytes: number } {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ];
  const assets = [...new Set(refs)].map((ref) => {
    const body = readFileSync(path.join(dist, ref.replace(/^\//, '')));
    return { file: ref, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
  return { assets, bytes: assets.reduce((s, a) => s + a.bytes, 0), gzipBytes: assets.reduce((s, a) => s + a.gzipBytes, 0) };
}
