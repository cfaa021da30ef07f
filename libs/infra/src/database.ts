import { Client } from 'pg';

/** The URL with `name` as its database when it names none. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  if (u.pathname !== '' && u.pathname !== '/') return url;
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates the URL's database when it is missing; true when it did. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  // Connect to the database itself first: a managed server may not let us into `postgres`.
  const target = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  target.on('error', () => undefined);
  try {
    await target.connect();
    return false;
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err;
  } finally {
    await target.end().catch(() => undefined);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(`create database "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (err) {
    // Another process created it between our two connections.
    const code = (err as { code?: string }).code;
    if (code === '42P04' || code === '23505') return false;
    throw new Error(`postgres: could not create database ${name}: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
