import http from 'node:http';
import https from 'node:https';

/** Meilisearch refused the request (a 4xx or 5xx with its error body). */
export class MeiliHttpError extends Error {
  constructor(readonly status: number, readonly code: string | undefined, message: string) {
    super(message);
  }
}

/** Meilisearch did not answer at all. */
export class MeiliUnreachable extends Error {}

/**
 * The hot path of buyers' searches, as plain keep-alive HTTP: the JS client's fetch costs a
 * measurable share of a search's CPU on a busy machine. Writes and admin calls keep the client.
 */
export class MeiliHttp {
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly headers: Record<string, string>;

  constructor(host: string, apiKey: string, private readonly timeoutMs: number) {
    this.url = new URL(host);
    const Agent = this.url.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 64 });
    // Compressed replies cost ~40 ms a search here (DESIGN).
    this.headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'accept-encoding': 'identity' };
  }

  /** `signal` cuts the request (MeiliUnreachable): the health probe aborts it when Meilisearch hangs. */
  post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const payload = JSON.stringify(body);
    const transport = this.url.protocol === 'https:' ? https : http;
    return new Promise<T>((resolve, reject) => {
      const req = transport.request(
        {
          hostname: this.url.hostname,
          port: this.url.port || (this.url.protocol === 'https:' ? 443 : 80),
          path,
          method: 'POST',
          agent: this.agent,
          headers: { ...this.headers, 'content-length': Buffer.byteLength(payload) },
          timeout: this.timeoutMs,
          signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : null;
            } catch {
              // A cut or garbled answer (a server going away mid-reply) is no answer: unreachable, not our query's fault.
              return reject(new MeiliUnreachable(`Meilisearch sent a body that is not JSON (${res.statusCode}, ${text.length} bytes)`));
            }
            if ((res.statusCode ?? 500) >= 300) {
              const err = json as { code?: string; message?: string } | null;
              return reject(new MeiliHttpError(res.statusCode ?? 0, err?.code, err?.message ?? `Meilisearch answered ${res.statusCode}`));
            }
            resolve(json as T);
          });
          res.on('error', (e) => reject(new MeiliUnreachable(e.message)));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (e) => reject(new MeiliUnreachable(e.message)));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
