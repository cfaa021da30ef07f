import net from 'node:net';
import tls from 'node:tls';
import { Client } from 'pg';

// Each probe resolves to undefined when the service answers, or to the reason it does not.
export type Probe = () => Promise<string | undefined>;

export async function probePostgres(url: string, timeoutMs = 1500): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    // The server answers; the application database is created afterwards.
    if ((err as { code?: string }).code === '3D000') return undefined;
    return reason(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * AUTH (when the URL has a password) and PING over a bare socket: ioredis hides the socket
 * error behind "Connection is closed." and leaves a 2 s timer behind on a refused port.
 */
export function probeRedis(url: string, timeoutMs = 1500): Promise<string | undefined> {
  const u = new URL(url);
  const port = Number(u.port || 6379);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const commands: string[][] = [];
  if (u.password) {
    const pass = decodeURIComponent(u.password);
    commands.push(u.username ? ['AUTH', decodeURIComponent(u.username), pass] : ['AUTH', pass]);
  }
  commands.push(['PING']);
  const wire = commands.map((c) => `*${c.length}\r\n${c.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`).join('');
  return new Promise((resolve) => {
    const socket = u.protocol === 'rediss:' ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host }) : net.connect({ host, port });
    let buffer = '';
    const done = (why: string | undefined) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once('error', (err) => done(reason(err)));
    socket.once('close', () => done('the connection was closed without an answer'));
    socket.once(u.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write(wire));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\r\n').slice(0, -1);
      // Like ioredis, accept a password sent to a server that has none.
      const error = lines.find((l) => l.startsWith('-') && !/without any password configured|no password is set/.test(l));
      if (error) done(error.slice(1));
      else if (lines.length >= commands.length) done(lines.at(-1) === '+PONG' ? undefined : `PING answered ${lines.at(-1)}`);
    });
  });
}

/** /health says it is up; /version (which needs the key) says the key is right. */
export async function probeMeili(url: string, key: string, timeoutMs = 1500): Promise<string | undefined> {
  try {
    const health = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(timeoutMs) });
    if (!health.ok) return `/health answered ${health.status}`;
    const version = await fetch(new URL('/version', url), {
      headers: { authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (version.status === 401 || version.status === 403) return `it rejects the master key (${version.status})`;
    if (!version.ok) return `/version answered ${version.status}`;
    return undefined;
  } catch (err) {
    return reason(err);
  }
}

/** Whether anything accepts TCP connections on host:port. */
export function portTaken(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (taken: boolean) => {
      socket.destroy();
      resolve(taken);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls until the probe answers or the deadline passes; stops early when `gone()` says so. */
export async function waitFor(probe: Probe, timeoutMs: number, gone: () => boolean = () => false): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined = 'not tried';
  while (Date.now() < deadline) {
    if (gone()) return 'the process exited';
    last = await probe();
    if (last === undefined) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return `no answer within ${Math.round(timeoutMs / 1000)} s (last: ${last})`;
}

export function reason(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: unknown[]; cause?: unknown };
  // fetch reports 'fetch failed' and keeps the socket error as its cause.
  if (e.cause) return reason(e.cause);
  // AggregateError (IPv4 and IPv6 both refused) has an empty message.
  const msg = e.message || (e.errors?.length ? reason(e.errors[0]) : '') || String(err);
  return e.code && !msg.includes(e.code) ? `${e.code} ${msg}` : msg;
}
