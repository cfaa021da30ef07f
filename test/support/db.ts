import { Client } from 'pg';
import { TestSystem } from './apps';

/** A short-lived connection to the suite's own database. */
export async function withClient<T>(sys: TestSystem, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: sys.db.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Reads rows from the suite's database, for asserting what was stored. */
export function queryDb<T = Record<string, unknown>>(sys: TestSystem, sql: string, params: unknown[] = []): Promise<T[]> {
  return withClient(sys, async (c) => (await c.query(sql, params)).rows as T[]);
}
