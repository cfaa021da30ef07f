import { ChildProcess, spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import readline from 'node:readline';
import { logFormat } from '@pk/core/log-format';
import { compiledMain, compiledSingleMain } from '../server-build';

// Services first; the gateway reaches them lazily, so it need not wait for them.
export const APPS = ['catalog', 'orders', 'payments', 'search', 'channels', 'gateway'] as const;
/** `marketplace`: every app in one process (PK_PROCESSES=single). */
export type AppName = (typeof APPS)[number] | 'marketplace';

/** The processes `npm start` runs: one per app, or one for them all in the single-process mode. */
export const processesToStart = (env: NodeJS.ProcessEnv): AppName[] => (env.PK_PROCESSES === 'single' ? ['marketplace'] : [...APPS]);

export interface RunningApp {
  name: AppName;
  child: ChildProcess;
}

export type OnExit = (name: AppName, code: number | null, signal: NodeJS.Signals | null) => void;

/**
 * Starts one app from its compiled JavaScript (scripts/server-build.ts; no compiler in the app's
 * process), its output prefixed with its name.
 */
export function startApp(root: string, name: AppName, env: NodeJS.ProcessEnv, onExit: OnExit): RunningApp {
  // glibc keeps up to 8 malloc arenas per core of freed native memory; 2 cut the single process's
  // idle RSS from 394 to 288 MB (npm run bench -- memory). An explicit setting wins.
  env = { MALLOC_ARENA_MAX: '2', ...env };
  const child = spawn(
    process.execPath,
    [name === 'marketplace' ? compiledSingleMain() : compiledMain(name)],
    // Own process group: a terminal Ctrl-C reaches only the launcher, which stops apps before infra.
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const prefix = `[${name}]`.padEnd(name === 'marketplace' ? 14 : 11);
  relay(child.stdout!, process.stdout, prefix);
  relay(child.stderr!, process.stderr, prefix);
  child.once('exit', (code, signal) => onExit(name, code, signal));
  return { name, child };
}

/** SIGTERM, then SIGKILL after graceMs; resolves once every app has exited. */
export async function stopApps(apps: RunningApp[], graceMs = 5000): Promise<void> {
  await Promise.all(apps.map((app) => stopOne(app.child, graceMs)));
}

export function killApps(apps: RunningApp[]): void {
  for (const app of apps) if (running(app.child)) app.child.kill('SIGKILL');
}

async function stopOne(child: ChildProcess, graceMs: number): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

// Apps log JSON lines (pino); the launcher shows them readable on a terminal (libs/core logging.ts).
const pretty = logFormat(process.env, Boolean(process.stdout.isTTY)) === 'pretty' ? prettifier() : undefined;

function relay(from: Readable, to: NodeJS.WriteStream, prefix: string): void {
  readline.createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    const text = pretty && line.startsWith('{') ? pretty(line).trimEnd() : line;
    for (const l of text.split('\n')) to.write(`${prefix}${l}\n`);
  });
}

function prettifier(): ((line: string) => string) | undefined {
  try {
    // A dev dependency: absent in a production install, where the JSON passes through.
    const { prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
    const format = prettyFactory({
      colorize: Boolean(process.stdout.isTTY),
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss',
      // The prefix already names the app; Nest's context leads the message.
      ignore: 'pid,hostname,service,context',
      messageFormat: '{if context}{context}: {end}{msg}',
    });
    return (line) => format(line);
  } catch {
    return undefined;
  }
}
