import fs from 'node:fs';
import path from 'node:path';
import { portTaken, Probe, waitFor } from './probe';
import { exited, Owned, spawnLogged, stopOwned, tail, writePidFile } from './proc';
import { Settings } from './settings';

/** What a component resolved to: the URL to use, a log line, and the process if it is ours. */
export interface Outcome {
  url: string;
  line: string;
  owned?: Owned;
}

/** Either a server to use as is, or how to start ours; decided before anything starts. */
export type Plan = { ready: Outcome } | { start: () => Promise<Outcome> };

export interface Launch {
  name: string;
  cmd: string;
  args: string[];
  port: number;
  portEnv: string;
  cwd: string;
  pidFile: string;
  stopSignal: NodeJS.Signals;
  timeoutMs: number;
  probe: Probe;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
}

export function logFileOf(s: Settings, name: string): string {
  return path.join(s.logDir, `${name}.log`);
}

/** Spawns one of our servers and waits until it answers, or fails naming its log and port. */
export async function launch(s: Settings, l: Launch): Promise<Owned> {
  if (await portTaken('127.0.0.1', l.port)) {
    throw new Error(
      `${l.name}: 127.0.0.1:${l.port} is taken by another program; stop it or choose another port with ${l.portEnv}`,
    );
  }
  const logFile = logFileOf(s, l.name);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const child = spawnLogged(l.cmd, l.args, {
    logFile,
    cwd: l.cwd,
    env: l.env ?? s.env,
    detached: s.detached,
    uid: l.uid,
    gid: l.gid,
  });
  const owned: Owned = { name: l.name, pid: child.pid!, child, stopSignal: l.stopSignal, pidFile: l.pidFile };
  writePidFile(l.pidFile, owned.pid);
  const why = await waitFor(l.probe, l.timeoutMs, () => exited(child));
  if (why) {
    await stopOwned(owned, 2000);
    throw new Error(
      `${l.name} did not come up on 127.0.0.1:${l.port}: ${why}. Log ${logFile} ends with:\n${tail(logFile)}`,
    );
  }
  return owned;
}
