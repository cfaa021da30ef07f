import { INestMicroservice } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SERVICE_NAMES, ServiceName } from '@pk/contracts';
import { AppConfig, loadConfig, startService } from '@pk/core';
import { TestDatabase, createTestDatabase, uniquePrefix } from '@pk/testing';
import { createGatewayApp } from '../../apps/gateway/src/gateway-app';
import { freePort } from './ports';
import { SERVICE_MODULES as MODULES } from './service-modules';

export interface TestSystem {
  config: AppConfig;
  db: TestDatabase;
  gateway: NestFastifyApplication;
  /** The Node server for supertest. */
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  services: Map<ServiceName, INestMicroservice>;
  stopService(name: ServiceName): Promise<void>;
  startService(name: ServiceName): Promise<void>;
  close(): Promise<void>;
}

/**
 * Boots the gateway and the chosen services in this process against real Postgres, Redis and
 * Meilisearch: a database of the suite's own, its own Redis prefix and index prefix, free ports.
 */
export async function bootSystem(
  suite: string,
  opts: { services?: ServiceName[]; env?: Record<string, string> } = {},
): Promise<TestSystem> {
  const db = await createTestDatabase(suite);
  const prefix = uniquePrefix(suite);
  const ports = Object.fromEntries(
    await Promise.all(SERVICE_NAMES.map(async (name) => [`${name.toUpperCase()}_PORT`, String(await freePort())])),
  );
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // The gateway holds every forwarded reply to its contract (ReplySchemas): a reply the schema
    // does not describe is a 500 reply_contract_broken, so a schema that lies fails the suite.
    PK_CHECK_REPLIES: process.env.PK_CHECK_REPLIES ?? '1',
    PASSWORD_SCRYPT_COST: '4096',
    ...ports,
    GATEWAY_PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    REDIS_PREFIX: prefix,
    MEILI_INDEX_PREFIX: `${prefix}_`,
    // Every suite registers its users from 127.0.0.1 and may hold many unpaid transfers; the
    // hardening suite sets its own limits.
    REGISTER_MAX_PER_IP: '100000',
    UNPAID_TRANSFER_MAX_ORDERS: '100000',
    UNPAID_TRANSFER_MAX_UNITS: '100000',
    ...opts.env,
  });
  const services = new Map<ServiceName, INestMicroservice>();
  const startOne = async (name: ServiceName) => {
    const module = MODULES[name].forRoot(config) as Parameters<typeof startService>[1];
    services.set(name, await startService(name, module, config, { shutdownHooks: false }));
  };
  const stopOne = async (name: ServiceName) => {
    await services.get(name)?.close();
    services.delete(name);
  };
  await Promise.all((opts.services ?? SERVICE_NAMES).map(startOne));
  const gateway = await createGatewayApp(config, { shutdownHooks: false });
  // A suite that must know the gateway's address before boot (e.g. PUBLIC_URL) passes GATEWAY_PORT.
  await gateway.listen(Number(opts.env?.GATEWAY_PORT ?? 0), '127.0.0.1');
  return {
    config,
    db,
    gateway,
    http: gateway.getHttpServer(),
    services,
    startService: startOne,
    stopService: stopOne,
    async close() {
      await gateway.close();
      await Promise.all([...services.keys()].map(stopOne));
      await Promise.all([db.drop(), dropIndexes(config)]);
    },
  };
}

/** Deletes the suite's Meilisearch indexes (its prefix), so a long-lived server does not fill up. */
async function dropIndexes(config: AppConfig): Promise<void> {
  if (!config.meiliIndexPrefix) return;
  const headers = { Authorization: `Bearer ${config.meiliKey}` };
  try {
    const res = await fetch(new URL('/indexes?limit=1000', config.meiliUrl), { headers });
    const { results = [] } = (await res.json()) as { results?: Array<{ uid: string }> };
    const ours = results.filter((i) => i.uid.startsWith(config.meiliIndexPrefix));
    await Promise.all(ours.map((i) => fetch(new URL(`/indexes/${i.uid}`, config.meiliUrl), { method: 'DELETE', headers })));
  } catch {
    // A suite that stopped Meilisearch on purpose leaves nothing to clean.
  }
}
