import { Client } from 'pg';
import { runMigrations } from '@pk/database';
import { newId } from '@pk/core';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onServer<T>(serverUrl: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one suite, built by running migrations/, on the server DATABASE_URL
 * names (the jest global setup found or started it). Suites never share data.
 */
export async function createTestDatabase(suite: string, serverUrl = process.env.DATABASE_URL): Promise<TestDatabase> {
  if (!serverUrl) throw new Error('DATABASE_URL is not set: run the suites through `npm test` (jest global setup)');
  const safe = suite.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  const name = `pk_t_${safe}_${newId().slice(-12)}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(serverUrl, name);
  await runMigrations(url);
  return {
    url,
    name,
    drop: () => onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** A key prefix of its own for each suite, for Redis keys, BullMQ queues and index names. */
export const uniquePrefix = (suite: string): string =>
  `t_${suite.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 20)}_${newId().slice(-8)}`;
