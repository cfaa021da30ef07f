import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

// Plumbing shared by the channel sandboxes: a node:http server, request logging, a strict
// rate limiter, signing primitives and image checks. Each sandbox holds its own rules.

export interface SandboxRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  contentType: string;
}

export interface SandboxReply {
  status: number;
  body: unknown;
  /** Extra response headers (a redirect's `location`). */
  headers?: Record<string, string>;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts a loopback server; a handler that throws answers 500 with the error, like a broken gateway would. */
export async function startServer(handler: (req: SandboxRequest) => Promise<SandboxReply> | SandboxReply, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const request: SandboxRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
        contentType: String(req.headers['content-type'] ?? ''),
      };
      Promise.resolve()
        .then(() => handler(request))
        .catch((error: Error): SandboxReply => ({ status: 500, body: { message: `sandbox failure: ${error.message}` } }))
        .then((reply) => {
          const text = JSON.stringify(reply.body);
          res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...reply.headers });
          res.end(text);
        });
    });
  });
  // Keep-alive sockets would hold close() open for the clients' idle timeout.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * At most `limit` accepted requests per key in any trailing window (a second by default), the
 * strict reading of "N requests per second". Refused requests do not count.
 */
export class SlidingWindowLimiter {
  private readonly accepted = new Map<string, number[]>();

  constructor(
    public limit: number,
    private readonly windowMs = 1000,
  ) {}

  tryTake(key: string, now: number): boolean {
    let times = this.accepted.get(key);
    if (!times) this.accepted.set(key, (times = []));
    while (times.length && times[0]! <= now - this.windowMs) times.shift();
    if (times.length >= this.limit) return false;
    times.push(now);
    return true;
  }
}

export interface LoggedRequest {
  at: number;
  /** The API as the channel names it (a route template, not the concrete path). */
  api: string;
  /** The rate-limit key: app, shop and API. */
  rateKey: string | null;
  status: number;
  code: string;
}

/** What tests compare: requests per API, throttled answers, and the full log. */
export class RequestLog {
  readonly entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
  }

  get requestsByApi(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries) out[e.api] = (out[e.api] ?? 0) + 1;
    return out;
  }

  get throttled(): number {
    return this.entries.filter((e) => e.status === 429 || e.code === 'E901').length;
  }

  count(api: string, ok?: boolean): number {
    return this.entries.filter((e) => e.api === api && (ok === undefined || (e.code === '0') === ok)).length;
  }

  /** The most requests accepted under one rate key in any window of `windowMs`. */
  peakAccepted(windowMs = 1000): number {
    const byKey = new Map<string, number[]>();
    for (const e of this.entries) {
      if (!e.rateKey || e.code === 'E901' || e.status === 429) continue;
      byKey.set(e.rateKey, [...(byKey.get(e.rateKey) ?? []), e.at]);
    }
    let peak = 0;
    for (const times of byKey.values()) {
      times.sort((a, b) => a - b);
      let start = 0;
      for (let end = 0; end < times.length; end++) {
        while (times[end]! - times[start]! >= windowMs) start++;
        peak = Math.max(peak, end - start + 1);
      }
    }
    return peak;
  }

  clear(): void {
    this.entries.length = 0;
  }
}

export const hmacSha256 = (secret: string, data: string): Buffer => createHmac('sha256', secret).update(data, 'utf8').digest();

export const randomId = (bytes = 12): string => randomBytes(bytes).toString('hex');

let sequence = 7_300_000_000;
/** Numeric-looking ids, as both channels use. */
export const numericId = (): string => String(++sequence) + String(Math.floor(Math.random() * 1000)).padStart(3, '0');

/** Parses a multipart/form-data body with the platform's own parser. */
export function parseMultipart(req: SandboxRequest): Promise<FormData> {
  return new Response(new Uint8Array(req.body), { headers: { 'content-type': req.contentType } }).formData();
}

export function parseForm(req: SandboxRequest): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}

export interface ImageFacts {
  format: string;
  width: number;
  height: number;
  bytes: number;
}

/** What an image is, by its content; null when it is not one. */
export async function inspectImage(data: Buffer): Promise<ImageFacts | null> {
  const meta = await sharp(data)
    .metadata()
    .catch(() => null);
  if (!meta?.width || !meta.height || !meta.format) return null;
  return { format: meta.format, width: meta.width, height: meta.height, bytes: data.length };
}
