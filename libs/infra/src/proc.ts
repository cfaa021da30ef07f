import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A server process this run owns: started by it, or adopted from a run that crashed. */
export interface Owned {
  name: string;
  pid: number;
  /** Present when we spawned it; its 'exit' event is more reliable than polling. */
  child?: ChildProcess;
  stopSignal: NodeJS.Signals;
  pidFile: string;
}

const HAS_PROC = fs.existsSync('/proc/self/stat');

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (!HAS_PROC) return true;
  // A zombie still answers kill(0); orphans under a PID 1 that never reaps stay zombies forever.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

/** Whether pid runs a command containing `hint`; true when the platform cannot tell. */
export function runs(pid: number, hint: string): boolean {
  if (!HAS_PROC) return true;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').includes(hint);
  } catch {
    return false;
  }
}

export function findOnPath(cmd: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, cmd);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export interface SpawnOptions {
  logFile: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  detached: boolean;
  uid?: number;
  gid?: number;
}

/** Spawns a server whose stdout and stderr go straight to its log file, so they outlive us. */
export function spawnLogged(cmd: string, args: string[], o: SpawnOptions): ChildProcess {
  rotate(o.logFile);
  const fd = fs.openSync(o.logFile, 'a');
  try {
    fs.writeSync(fd, `\n--- ${new Date().toISOString()} starting ${path.basename(cmd)} (by pid ${process.pid})\n`);
    const child = spawn(cmd, args, {
      cwd: o.cwd,
      env: o.env,
      detached: o.detached,
      uid: o.uid,
      gid: o.gid,
      stdio: ['ignore', fd, fd],
    });
    // A failed spawn has no pid and reports on 'error' later; the pid check is what counts.
    child.on('error', () => undefined);
    if (!child.pid) throw new Error(`could not start ${cmd}`);
    // The parent may exit while it runs; our 'exit' fallback then kills it.
    child.unref();
    return child;
  } finally {
    fs.closeSync(fd);
  }
}

// Logs are appended across runs; one old generation is kept so they cannot grow without bound.
function rotate(file: string): void {
  try {
    if (fs.statSync(file).size > 10 * 1024 * 1024) fs.renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
}

export function exited(child: ChildProcess | undefined): boolean {
  return !!child && (child.exitCode !== null || child.signalCode !== null);
}

async function waitDead(p: Pick<Owned, 'pid' | 'child'>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (p.child ? exited(p.child) : !isAlive(p.pid)) return true;
    await sleep(50);
  }
  return false;
}

/** stopSignal, then SIGKILL after graceMs; resolves once the process is gone. */
export async function stopOwned(p: Owned, graceMs = 5000): Promise<void> {
  if (p.child ? !exited(p.child) : isAlive(p.pid)) {
    signal(p.pid, p.stopSignal);
    if (!(await waitDead(p, graceMs))) {
      signal(p.pid, 'SIGKILL');
      await waitDead(p, 3000);
    }
  }
  fs.rmSync(p.pidFile, { force: true });
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

export interface PidRecord {
  pid: number;
  owner: number;
}

// Pid files hold "<server pid> <owner pid>": a live owner means another run is using it.
export function writePidFile(file: string, pid: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${pid} ${process.pid}\n`);
}

export function readPidFile(file: string): PidRecord | undefined {
  try {
    const [pid, owner] = fs.readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    return Number.isInteger(pid) && pid > 0 ? { pid, owner: owner || 0 } : undefined;
  } catch {
    return undefined;
  }
}

export function tail(file: string, lines = 12): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
  } catch {
    return '    (no log)';
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
