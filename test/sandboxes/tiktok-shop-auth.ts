import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomId, type RequestLog } from './sandbox-http';

/**
 * TikTok Shop's auth host in the sandbox, on its own port (the API host refuses these paths):
 * the authorization link a seller follows, and the token endpoints
 * (developer-guide/get-started/authorization/authorization-overview-202407.json,
 * authorization-guide-202309.json).
 *
 * - GET /open/authorize?service_id=…&state=… : the seller approves at once and is redirected to
 *   `{redirect}?code=…&state=…` (the auth code is valid once, for 30 minutes). TikTok redirects to
 *   the Redirect URL registered with the app; the sandbox takes `redirectUrl` from its options or,
 *   standing in for that registration, the link's `redirect_uri`. A denial redirects with
 *   `code=null&error=auth_denied`. `app_key` is taken in place of `service_id`.
 * - GET /api/v2/token/get?app_key&app_secret&auth_code&grant_type=authorized_code
 * - GET /api/v2/token/refresh?app_key&app_secret&refresh_token&grant_type=refresh_token
 * Failures answer the common 36009004 "Invalid credentials" (common-errors.json), the docs giving
 * no other code for these endpoints.
 */

export const TT_AUTH = { ok: 0, invalidCredentials: 36009004, invalidPath: 36009009 } as const;

export interface AuthGrant {
  shopCipher: string;
  openId: string;
  sellerName: string;
  region: string;
}

export interface AuthHostDeps {
  appKey: string;
  appSecret: string;
  serviceId: string;
  redirectUrl?: string;
  log: RequestLog;
  /** The shop the next approval is for (a fresh one unless a test queued one). */
  nextShop(): AuthGrant;
  /** Issues tokens for a shop: [access, refresh] with their expiries (ms). */
  issueTokens(shopCipher: string): { accessToken: string; refreshToken: string; accessExpiresAt: number; refreshExpiresAt: number };
  /** Spends a refresh token; the shop it was for, or null. */
  spendRefreshToken(refreshToken: string): string | null;
  grantOf(shopCipher: string): AuthGrant;
}

export interface TikTokAuthHost {
  url: string;
  /** A code for this shop, as if its seller had approved (programmatic authorize). */
  codeFor(grant: AuthGrant): string;
  /** The next authorize visit is denied by the seller. */
  denyNext(): void;
  close(): Promise<void>;
}

const CODE_TTL_MS = 30 * 60_000;

export async function startTikTokAuthHost(deps: AuthHostDeps, port = 0, host = '127.0.0.1'): Promise<TikTokAuthHost> {
  const codes = new Map<string, { grant: AuthGrant; expiresAt: number }>();
  let deny = false;
  const codeFor = (grant: AuthGrant) => {
    const code = `TTP_${randomId(16)}`;
    codes.set(code, { grant, expiresAt: Date.now() + CODE_TTL_MS });
    return code;
  };
  const envelope = (code: number, message: string, data: unknown = null) => ({ code, message, request_id: `2026${randomId(8)}`, data });
  const tokenData = (grant: AuthGrant) => {
    const t = deps.issueTokens(grant.shopCipher);
    return {
      access_token: t.accessToken,
      access_token_expire_in: Math.floor(t.accessExpiresAt / 1000),
      refresh_token: t.refreshToken,
      refresh_token_expire_in: Math.floor(t.refreshExpiresAt / 1000),
      open_id: grant.openId,
      seller_name: grant.sellerName,
      seller_base_region: grant.region,
      user_type: 0,
      granted_scopes: ['seller.product.basic', 'seller.product.write', 'seller.logistics', 'seller.authorization.info', 'seller.promotion.write'],
    };
  };

  function token(path: string, q: URLSearchParams): { status: number; body: unknown } {
    const bad = (message: string) => ({ status: 401, body: envelope(TT_AUTH.invalidCredentials, message) });
    if (q.get('app_key') !== deps.appKey) return bad('Invalid credentials. Invalid `app_key` query parameter.');
    if (q.get('app_secret') !== deps.appSecret) return bad('Invalid credentials. Invalid `app_secret` query parameter.');
    if (path === '/api/v2/token/get') {
      // authorization-overview-202407.json: grant_type "Only `authorized_code` is accepted".
      if (q.get('grant_type') !== 'authorized_code') return bad('Invalid credentials. grant_type must be authorized_code.');
      const code = q.get('auth_code') ?? '';
      const found = codes.get(code);
      // "The auth_code expires in 30 minutes and can only be used once."
      codes.delete(code);
      if (!found || found.expiresAt <= Date.now()) return bad('Invalid credentials. The auth_code is invalid, expired or already used.');
      return { status: 200, body: envelope(0, 'success', tokenData(found.grant)) };
    }
    if (q.get('grant_type') !== 'refresh_token') return bad('Invalid credentials. grant_type must be refresh_token.');
    // The refresh token rotates: the one just used is spent.
    const shopCipher = deps.spendRefreshToken(q.get('refresh_token') ?? '');
    if (!shopCipher) return bad('Invalid credentials. The refresh_token is invalid or expired.');
    return { status: 200, body: envelope(0, 'success', tokenData(deps.grantOf(shopCipher))) };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const q = url.searchParams;
    const json = (status: number, body: unknown, api: string) => {
      deps.log.record({ at: Date.now(), api, rateKey: null, status, code: String((body as { code?: number }).code ?? status) });
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    };
    if (req.method === 'GET' && url.pathname === '/open/authorize') {
      const known = q.get('service_id') === deps.serviceId || q.get('app_key') === deps.appKey;
      const redirect = deps.redirectUrl ?? q.get('redirect_uri');
      if (!known || !redirect) {
        deps.log.record({ at: Date.now(), api: 'auth.authorize', rateKey: null, status: 400, code: '400' });
        res.writeHead(400, { 'content-type': 'text/plain' }).end(!known ? 'Unknown app (service_id).' : 'The app has no Redirect URL.');
        return;
      }
      const target = new URL(redirect);
      if (deny) {
        deny = false;
        target.searchParams.set('code', 'null');
        target.searchParams.set('error', 'auth_denied');
      } else target.searchParams.set('code', codeFor(deps.nextShop()));
      if (q.get('state') !== null) target.searchParams.set('state', q.get('state')!);
      deps.log.record({ at: Date.now(), api: 'auth.authorize', rateKey: null, status: 302, code: '302' });
      res.writeHead(302, { location: target.toString() }).end();
      return;
    }
    if (req.method === 'GET' && (url.pathname === '/api/v2/token/get' || url.pathname === '/api/v2/token/refresh')) {
      const out = token(url.pathname, q);
      json(out.status, out.body, url.pathname === '/api/v2/token/get' ? 'auth.token.get' : 'auth.token.refresh');
      return;
    }
    json(404, envelope(TT_AUTH.invalidPath, 'Invalid path. The specified path does not match any available endpoint.'), `${req.method} ${url.pathname}`);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    codeFor,
    denyNext: () => {
      deny = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
