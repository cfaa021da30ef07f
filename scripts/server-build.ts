// Compiles the apps, the libs they share and the migrations to JavaScript in .build/ (the same
// tree, .ts → .js, @pk/* imports rewritten to relative paths), so `npm start` runs compiled code
// instead of compiling TypeScript in every app at start-up. Incremental: a file is compiled again
// only when its source is newer than its output (or the compiler options changed); outputs whose
// source is gone are removed. SWC, as the tests use: no type check here (`npm run typecheck`).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Options, transformFileSync } from '@swc/core';

const ROOT = path.resolve(__dirname, '..');
export const SERVER_BUILD_DIR = path.join(ROOT, '.build');
const SERVER_APPS = ['catalog', 'orders', 'payments', 'search', 'channels', 'gateway'];
const LIBS = ['contracts', 'core', 'database', 'messaging', 'infra', 'media'];
// scripts/single-process: the entry that runs every app in one process (PK_PROCESSES=single).
const SOURCE_DIRS = [...SERVER_APPS.map((a) => `apps/${a}/src`), ...LIBS.map((l) => `libs/${l}/src`), 'migrations', 'scripts/single-process'];
const STAMP = path.join(SERVER_BUILD_DIR, '.options');

const OPTIONS: Options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    // Nest reads constructor types from decorator metadata, as under tsc.
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: ROOT,
    // As tsconfig.json maps them.
    paths: Object.fromEntries(LIBS.flatMap((l) => [[`@pk/${l}`, [`libs/${l}/src`]], [`@pk/${l}/*`, [`libs/${l}/src/*`]]])),
  },
  module: { type: 'commonjs' },
  sourceMaps: false,
  swcrc: false,
  configFile: false,
};

/** The compiled entry point of an app. */
export const compiledMain = (app: string): string => path.join(SERVER_BUILD_DIR, 'apps', app, 'src', 'main.js');

/** The compiled entry of the single-process mode. */
export const compiledSingleMain = (): string => path.join(SERVER_BUILD_DIR, 'scripts', 'single-process', 'main.js');

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(full, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.e2e-spec.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function outputs(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) outputs(full, out);
    else if (entry.name.endsWith('.js')) out.push(full);
  }
  return out;
}

const outputOf = (source: string): string => path.join(SERVER_BUILD_DIR, path.relative(ROOT, source)).replace(/\.ts$/, '.js');

export interface ServerBuildResult {
  compiled: number;
  upToDate: number;
  removed: number;
  ms: number;
}

/** Brings .build/ up to date with the sources; returns what it did. */
export function buildServer(): ServerBuildResult {
  const started = performance.now();
  const optionsHash = createHash('sha256').update(JSON.stringify(OPTIONS)).update(process.versions.node).digest('hex');
  const fresh = !existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== optionsHash;
  if (fresh) rmSync(SERVER_BUILD_DIR, { recursive: true, force: true });
  const all = SOURCE_DIRS.flatMap((d) => sources(path.join(ROOT, d)));
  let compiled = 0;
  for (const source of all) {
    const target = outputOf(source);
    if (!fresh && existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs) continue;
    const { code } = transformFileSync(source, OPTIONS);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, code);
    compiled++;
  }
  // A deleted or renamed source must not leave its old output to be required.
  const wanted = new Set(all.map(outputOf));
  const stale = SOURCE_DIRS.flatMap((d) => outputs(path.join(SERVER_BUILD_DIR, d))).filter((f) => !wanted.has(f));
  for (const file of stale) rmSync(file);
  mkdirSync(SERVER_BUILD_DIR, { recursive: true });
  writeFileSync(STAMP, optionsHash);
  return { compiled, upToDate: all.length - compiled, removed: stale.length, ms: performance.now() - started };
}
