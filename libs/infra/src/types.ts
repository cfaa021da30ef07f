export type Profile = 'dev' | 'test';
export type Component = 'postgres' | 'redis' | 'meilisearch';
export const COMPONENTS: Component[] = ['postgres', 'redis', 'meilisearch'];

export interface InfraOptions {
  profile: Profile;
  rootDir: string;
  log?: (line: string) => void;
  /** Environment to read; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Ports for our own instances; win over PK_*_PORT and the profile defaults. */
  ports?: Partial<Record<Component, number>>;
  /** Data, logs and pid files of our own instances; defaults to <rootDir>/.data/<profile>. */
  dataDir?: string;
  /**
   * Start our own instances in their own process group, so a terminal Ctrl-C reaches only the
   * parent, which then stops things in order. Only for parents that handle SIGINT themselves.
   */
  detached?: boolean;
}

export interface Infra {
  databaseUrl: string;
  redisUrl: string;
  meiliUrl: string;
  meiliKey: string;
  /** Components this call owns (started, or adopted from a crashed run); stop() stops these. */
  started: Component[];
  pids: Partial<Record<Component, number>>;
  stop(): Promise<void>;
}
