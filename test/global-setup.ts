import path from 'node:path';
// Relative import: jest loads this file with Node's own resolver, without moduleNameMapper.
import { ensureInfra, Infra } from '../libs/infra/src';
import { ensureChromium, SelectedTests } from '../libs/infra/src/chromium';

export const INFRA_ENV = ['DATABASE_URL', 'REDIS_URL', 'MEILI_URL', 'MEILI_MASTER_KEY'] as const;

export interface GlobalInfra {
  infra: Infra;
  /** The variables as they were before, so a watch-mode rerun does not see a stopped server's URL. */
  saved: Record<string, string | undefined>;
}

export const globalInfra = globalThis as { __pkInfra?: GlobalInfra };

/**
 * Runs once in jest's main process before the workers are forked; the workers inherit the
 * process.env set here (checked: both forked workers and --runInBand see it).
 */
export default async function globalSetup(globalConfig: SelectedTests): Promise<void> {
  // The browser suites' chromium first: a run that cannot have it stops before anything starts.
  ensureChromium(globalConfig);
  const saved = Object.fromEntries(INFRA_ENV.map((k) => [k, process.env[k]]));
  const infra = await ensureInfra({
    profile: 'test',
    rootDir: path.resolve(__dirname, '..'),
    log: (line) => console.log(`[infra] ${line}`),
  });
  globalInfra.__pkInfra = { infra, saved };
  process.env.DATABASE_URL = infra.databaseUrl;
  process.env.REDIS_URL = infra.redisUrl;
  process.env.MEILI_URL = infra.meiliUrl;
  process.env.MEILI_MASTER_KEY = infra.meiliKey;
}
