import { ensureDatabase } from './database';
import { Outcome, Plan } from './launch';
import { planMeili } from './meilisearch';
import { planPostgres } from './postgres';
import { Owned, signal, stopOwned } from './proc';
import { planRedis } from './redis';
import { resolveSettings } from './settings';
import { Component, COMPONENTS, Infra, InfraOptions } from './types';

/**
 * Finds or starts Postgres, Redis and Meilisearch: the env URLs when set, else the local
 * defaults when they answer, else our own instances (always ours with PK_EMBEDDED=1).
 */
export async function ensureInfra(opts: InfraOptions): Promise<Infra> {
  const s = resolveSettings(opts);
  // Decide all three first, so a missing binary fails before anything has been started.
  const plans: Record<Component, Plan> = await Promise.all([planPostgres(s), planRedis(s), planMeili(s)])
    .then(([postgres, redis, meilisearch]) => ({ postgres, redis, meilisearch }));

  const owned: Owned[] = [];
  // Under jest, `process` is a sandbox copy whose 'exit' never fires; the real one does.
  const realProcess = process.getBuiltinModule?.('process') ?? process;
  // 'exit' handlers must be synchronous: no time to wait, so the children are killed outright.
  const onExit = () => owned.forEach((o) => signal(o.pid, 'SIGKILL'));
  realProcess.on('exit', onExit);
  const stopAll = async () => {
    await Promise.all(owned.map((o) => stopOwned(o)));
    realProcess.removeListener('exit', onExit);
  };

  const out = {} as Record<Component, Outcome>;
  try {
    for (const name of COMPONENTS) {
      const plan = plans[name];
      const o = 'ready' in plan ? plan.ready : await plan.start();
      if (o.owned) owned.push(o.owned);
      out[name] = o;
      let extra = '';
      if (name === 'postgres') {
        const db = new URL(o.url).pathname.slice(1);
        extra = (await ensureDatabase(o.url)) ? `, created database ${db}` : `, database ${db}`;
      }
      s.log(`${name}: ${o.line}${extra}`);
    }
  } catch (err) {
    await stopAll();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    databaseUrl: out.postgres.url,
    redisUrl: out.redis.url,
    meiliUrl: out.meilisearch.url,
    meiliKey: s.meiliKey,
    started: owned.map((o) => o.name as Component),
    pids: Object.fromEntries(owned.map((o) => [o.name, o.pid])),
    stop: () => (stopping ??= stopAll()),
  };
}
