import { ChildProcess, spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import readline from 'node:readline';
import { compiledMain } from '../server-build';

// Services first; the gateway reaches them lazily, so it need not wait for them.
export const APPS = ['catalog', 'orders', 'payments', 'search', 'channels', 'gateway'] as const;
export type AppName = (typeof APPS)[number];

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
  const child = spawn(
    process.execPath,
    [compiledMain(name)],
    // Own process group: a terminal Ctrl-C reaches only the launcher, which stops apps before infra.
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const prefix = `[${name}]`.padEnd(11);
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

// Apps log JSON lines (pino); on a terminal they are made readable, piped elsewhere they pass as is.
const pretty = prettifier();

function relay(from: Readable, to: NodeJS.WriteStream, prefix: string): void {
  readline.createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    const text = pretty && line.startsWith('{') ? pretty(line).trimEnd() : line;
    for (const l of text.split('\n')) to.write(`${prefix}${l}\n`);
  });
}

function prettifier(): ((line: string) => string) | undefined {
  if (!process.stdout.isTTY) return undefined;
  try {
    // A dev dependency: absent in a production install, where the JSON passes through.
    const { prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
    const format = prettyFactory({
      colorize: true,
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
