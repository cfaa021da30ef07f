import path from 'node:path';
import { Component, InfraOptions, Profile } from './types';

export const DEFAULT_MEILI_KEY = 'pk-dev-master-key-0123456789';

// Our own instances sit on ports of their own, so they never collide with a system service
// or with the other profile.
const DEFAULT_PORTS: Record<Profile, Record<Component, number>> = {
  dev: { postgres: 54320, redis: 63790, meilisearch: 7710 },
  test: { postgres: 54330, redis: 63800, meilisearch: 7720 },
};
const PORT_ENV: Record<Component, string> = {
  postgres: 'PK_PG_PORT',
  redis: 'PK_REDIS_PORT',
  meilisearch: 'PK_MEILI_PORT',
};

export interface Settings {
  profile: Profile;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** PK_EMBEDDED=1: ignore env URLs and local defaults, always run our own. */
  embedded: boolean;
  detached: boolean;
  dataDir: string;
  logDir: string;
  runDir: string;
  ports: Record<Component, number>;
  databaseName: string;
  pgPassword: string;
  meiliKey: string;
  /**
   * Meilisearch's --max-indexing-memory for a server we start ('' = its default, two thirds of
   * the machine's RAM, which it also holds at idle: 885 MB RSS measured with ten documents).
   */
  meiliMaxIndexingMemory: string;
}

export function resolveSettings(opts: InfraOptions): Settings {
  const env = opts.env ?? process.env;
  const dataDir = path.resolve(opts.dataDir ?? (env.PK_DATA_DIR || path.join(opts.rootDir, '.data', opts.profile)));
  const port = (name: Component): number => {
    const raw = opts.ports?.[name] ?? env[PORT_ENV[name]];
    if (raw === undefined || raw === '') return DEFAULT_PORTS[opts.profile][name];
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      throw new Error(`${PORT_ENV[name]} must be a port number (1-65535), got "${raw}"`);
    }
    return n;
  };
  return {
    profile: opts.profile,
    env,
    log: opts.log ?? ((line) => console.log(line)),
    embedded: env.PK_EMBEDDED === '1' || env.PK_EMBEDDED === 'true',
    detached: opts.detached ?? false,
    dataDir,
    logDir: path.join(dataDir, 'logs'),
    runDir: path.join(dataDir, 'run'),
    ports: { postgres: port('postgres'), redis: port('redis'), meilisearch: port('meilisearch') },
    databaseName: opts.profile === 'test' ? 'pasar_kriya_test' : 'pasar_kriya',
    pgPassword: env.PK_PG_PASSWORD || 'postgres',
    meiliKey: env.MEILI_MASTER_KEY || DEFAULT_MEILI_KEY,
    // `npm start` fits a small server; the tests and benchmarks index 100k listings at full speed.
    meiliMaxIndexingMemory: env.PK_MEILI_MAX_INDEXING_MEMORY ?? (opts.profile === 'dev' ? '256Mb' : ''),
  };
}

/** host:port of a URL, for log lines that must not show credentials. */
export function hostPort(url: string): string {
  const u = new URL(url);
  return u.port ? `${u.hostname}:${u.port}` : u.hostname;
}
