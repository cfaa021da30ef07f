import fs from 'node:fs';
import type { Outcome } from './launch';
import { isAlive, Owned, readPidFile, runs, stopOwned, writePidFile } from './proc';

export type Leftover =
  | { kind: 'none' }
  /** Left by a run that died: we take it over and stop it at the end. */
  | { kind: 'adopted'; owned: Owned }
  /** In use by a run that is still alive: we use it and leave it to that run. */
  | { kind: 'shared'; pid: number; owner: number };

export interface LeftoverCheck {
  name: string;
  pidFile: string;
  /** A word the server's command line contains, so a recycled pid is not mistaken for it. */
  hint: string;
  stopSignal: NodeJS.Signals;
  /** Whether the server with this pid answers where we want it (port, key). */
  answers: (pid: number) => Promise<string | undefined>;
  where: string;
}

/** Looks at the pid file a previous run of ours left for this server. */
export async function checkLeftover(c: LeftoverCheck): Promise<Leftover> {
  const rec = readPidFile(c.pidFile);
  if (!rec || !isAlive(rec.pid) || !runs(rec.pid, c.hint)) {
    fs.rmSync(c.pidFile, { force: true });
    return { kind: 'none' };
  }
  const ownerAlive = rec.owner > 0 && isAlive(rec.owner);
  const why = await c.answers(rec.pid);
  if (why === undefined) {
    if (ownerAlive) return { kind: 'shared', pid: rec.pid, owner: rec.owner };
    writePidFile(c.pidFile, rec.pid);
    return { kind: 'adopted', owned: { name: c.name, pid: rec.pid, stopSignal: c.stopSignal, pidFile: c.pidFile } };
  }
  if (ownerAlive) {
    throw new Error(
      `${c.name}: pid ${rec.pid}, started by running process ${rec.owner}, holds ${c.where} but does not answer ` +
        `as needed (${why}); stop that run first`,
    );
  }
  // A crashed run's server on another port or with another key: stop it to free the data dir.
  await stopOwned({ name: c.name, pid: rec.pid, stopSignal: c.stopSignal, pidFile: c.pidFile });
  return { kind: 'none' };
}

/** What to use when a previous run's server is there to reuse; null when ours must start. */
export async function reuseLeftover(c: LeftoverCheck, url: string, port: number): Promise<Outcome | null> {
  const left = await checkLeftover(c);
  if (left.kind === 'adopted') {
    return { url, owned: left.owned, line: `reusing 127.0.0.1:${port} left by an earlier run (pid ${left.owned.pid})` };
  }
  if (left.kind === 'shared') {
    return { url, line: `sharing 127.0.0.1:${port} with running process ${left.owner} (pid ${left.pid})` };
  }
  return null;
}
