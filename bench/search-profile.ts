import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { fmt } from './stats';

/** V8's CPU profile, as the inspector returns it (and Chrome DevTools opens). */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/**
 * A CPU profile of this process (the gateway and the services it runs) while the load runs on
 * its worker thread: `SEARCH_BENCH_PROFILE=<dir>` says where the gateway's time goes before
 * anyone changes anything for speed.
 */
export class GatewayProfiler {
  private session: Session | null = null;

  async start(): Promise<{ stop: () => Promise<CpuProfile> }> {
    if (!this.session) {
      this.session = new Session();
      this.session.connect();
      await this.session.post('Profiler.enable');
      await this.session.post('Profiler.setSamplingInterval', { interval: 200 });
    }
    const session = this.session;
    await session.post('Profiler.start');
    return { stop: async () => (await session.post('Profiler.stop')).profile as unknown as CpuProfile };
  }

  async close(): Promise<void> {
    await this.session?.post('Profiler.disable');
    this.session?.disconnect();
    this.session = null;
  }
}

/** Where a sample's function lives: a package, a Node internal, one of our apps or libs. */
function owner(url: string, functionName: string): string {
  if (!url) return functionName || '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/').slice(0, 2).join('/');
  const ours = /\/((?:apps|libs)\/[^/]+)\//.exec(url);
  return ours ? ours[1] : path.basename(url);
}

/** Self time by owner, in ms and as a share of the busy (non-idle) time. */
export function selfTimeByOwner(profile: CpuProfile): { busyMs: number; idleMs: number; rows: Array<{ owner: string; ms: number }> } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byOwner = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = nodes.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') {
      idle += ms;
      return;
    }
    busy += ms;
    const key = owner(frame.url, frame.functionName);
    byOwner.set(key, (byOwner.get(key) ?? 0) + ms);
  });
  const rows = [...byOwner].map(([o, ms]) => ({ owner: o, ms })).sort((a, b) => b.ms - a.ms);
  return { busyMs: busy, idleMs: idle, rows };
}

/** Per concurrency: CPU ms per request in this process and the top owners; the profiles on disk. */
export function printProfiles(
  profiles: Array<{ concurrency: number; profile: CpuProfile }>,
  prefix: string,
  runs: Array<{ concurrency: number; side: string; result: { latencyMs: number[] } }>,
): void {
  fs.mkdirSync(path.dirname(prefix), { recursive: true });
  console.log('  where the gateway side\'s CPU goes in this process (gateway + search + catalog), self time:');
  const byConcurrency = new Map<number, CpuProfile[]>();
  for (const p of profiles) byConcurrency.set(p.concurrency, [...(byConcurrency.get(p.concurrency) ?? []), p.profile]);
  for (const [concurrency, list] of byConcurrency) {
    const requests = runs.find((r) => r.concurrency === concurrency && r.side === 'gateway')?.result.latencyMs.length ?? NaN;
    const totals = new Map<string, number>();
    let busy = 0;
    let idle = 0;
    list.forEach((profile, i) => {
      fs.writeFileSync(`${prefix}-c${concurrency}-${i + 1}.cpuprofile`, JSON.stringify(profile));
      const s = selfTimeByOwner(profile);
      busy += s.busyMs;
      idle += s.idleMs;
      for (const r of s.rows) totals.set(r.owner, (totals.get(r.owner) ?? 0) + r.ms);
    });
    const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 14);
    console.log(
      `    c${concurrency}: ${fmt(busy / requests, 2)} ms CPU per request (${requests} requests, busy ${fmt((100 * busy) / (busy + idle), 0)}% of the time); ` +
        top.map(([o, ms]) => `${o} ${fmt((100 * ms) / busy, 0)}%`).join(', '),
    );
  }
  console.log(`    profiles written to ${prefix}-c*.cpuprofile (open in Chrome DevTools)`);
}
