import type { IssuedLazadaSeller, LazadaSandboxState, LazadaSeller } from './lazada-sandbox';
import { numericId, randomId, type RequestLog, type SandboxReply, type SandboxRequest } from './sandbox-http';

// The Lazada sandbox's auth host: the seller authorization page and the token APIs
// (processed/lazada/guides/quick-start-guide/seller-authorization-introduction.md,
// raw/lazada/apis/system-api/generateaccesstoken.json, refreshaccesstoken.json).

export interface LazadaAuthOptions {
  appKey: string;
  /** seller-authorization-introduction.md: "For APPs in Test status, the value is 7 days". */
  accessTokenTtlSeconds?: number;
  /** seller-authorization-introduction.md: 30 days for apps in Test status. */
  refreshTokenTtlSeconds?: number;
  /** The app's registered callback URL; when set, redirect_uri must be the same. */
  callbackUrl?: string;
}

interface Deps {
  ok(extra?: Record<string, unknown>): SandboxReply;
  fail(code: string, message: string): SandboxReply;
  checkCommon(apiPath: string, params: Record<string, string>): SandboxReply | null;
  readParams(req: SandboxRequest): Promise<{ params: Record<string, string> }>;
  log: RequestLog;
}

interface Token {
  sellerId: string;
  expiresAt: number;
}

// seller-authorization-introduction.md: "The authorization code is valid for half an hour and can only be used once"
const CODE_TTL_MS = 30 * 60_000;

export class LazadaAuth {
  private readonly accessTokens = new Map<string, Token>();
  private readonly refreshTokens = new Map<string, Token>();
  private readonly codes = new Map<string, Token>();
  private readonly accessTtl: number;
  private readonly refreshTtl: number;
  /** The seller the next visit to the authorize page approves for (otherwise a new seller). */
  private nextSeller: LazadaSeller | null = null;

  constructor(
    private readonly options: LazadaAuthOptions,
    private readonly state: LazadaSandboxState,
    private readonly deps: Deps,
  ) {
    this.accessTtl = options.accessTokenTtlSeconds ?? 7 * 24 * 3600;
    this.refreshTtl = options.refreshTokenTtlSeconds ?? 30 * 24 * 3600;
  }

  addSeller(name?: string): LazadaSeller {
    const shortCode = `ID${randomId(3).toUpperCase()}`;
    const seller: LazadaSeller = { sellerId: numericId(), userId: numericId(), shortCode, name: name ?? `Toko Kriya ${shortCode}` };
    this.state.sellers.set(seller.sellerId, seller);
    return seller;
  }

  authorize(seller?: LazadaSeller): string {
    const who = seller ?? this.addSeller();
    this.nextSeller = who;
    const code = `0_${this.options.appKey}_${randomId(12)}`;
    this.codes.set(code, { sellerId: who.sellerId, expiresAt: Date.now() + CODE_TTL_MS });
    return code;
  }

  issueSeller(opts: { accessTokenTtlSeconds?: number; name?: string } = {}): IssuedLazadaSeller {
    const seller = this.addSeller(opts.name);
    const t = this.issueTokens(seller.sellerId, opts.accessTokenTtlSeconds ?? this.accessTtl, Date.now() + this.refreshTtl * 1000);
    return { ...seller, accessToken: t.accessToken, accessTokenExpiresAt: new Date(t.accessExpiresAt).toISOString(), refreshToken: t.refreshToken, refreshTokenExpiresAt: new Date(t.refreshExpiresAt).toISOString() };
  }

  expireAccessToken(accessToken?: string): void {
    for (const [text, token] of this.accessTokens) if (!accessToken || text === accessToken) token.expiresAt = Date.now() - 1;
  }

  /** The seller an API call's access_token belongs to, or the documented refusal. */
  sellerOf(params: Record<string, string>): LazadaSeller | SandboxReply {
    // raw/lazada/apis/system-api/generateaccesstoken.json (MissingParameter): access_token mandatory on seller APIs.
    if (!params.access_token) return this.deps.fail('MissingParameter', 'the input parameter "access_token" that is mandatory for processing this request is not supplied');
    const token = this.accessTokens.get(params.access_token);
    if (!token || token.expiresAt <= Date.now()) return this.deps.fail('IllegalAccessToken', 'The specified access token is invalid or expired');
    return this.state.sellers.get(token.sellerId)!;
  }

  private issueTokens(sellerId: string, ttlSeconds: number, refreshExpiresAt: number) {
    const now = Date.now();
    const accessToken = `50000${randomId(20)}`;
    const refreshToken = `50001${randomId(20)}`;
    this.accessTokens.set(accessToken, { sellerId, expiresAt: now + ttlSeconds * 1000 });
    this.refreshTokens.set(refreshToken, { sellerId, expiresAt: refreshExpiresAt });
    return { accessToken, refreshToken, accessExpiresAt: now + ttlSeconds * 1000, refreshExpiresAt };
  }

  private tokenReply(sellerId: string, refreshExpiresAt: number, infoKey: 'country_user_info' | 'country_user_info_list'): SandboxReply {
    const seller = this.state.sellers.get(sellerId)!;
    const t = this.issueTokens(sellerId, this.accessTtl, refreshExpiresAt);
    return this.deps.ok({
      access_token: t.accessToken,
      refresh_token: t.refreshToken,
      expires_in: this.accessTtl,
      refresh_expires_in: Math.max(0, Math.floor((refreshExpiresAt - Date.now()) / 1000)),
      country: 'id',
      account_platform: 'seller_center',
      account: `${seller.shortCode.toLowerCase()}@sandbox.lazada.co.id`,
      [infoKey]: [{ country: 'id', seller_id: seller.sellerId, user_id: seller.userId, short_code: seller.shortCode }],
    });
  }

  /** /auth/token/create: a code is good once, for 30 minutes (generateaccesstoken.json InvalidCode). */
  private create(params: Record<string, string>): SandboxReply {
    if (!params.code) return this.deps.fail('MissingParameter', 'the input parameter "code" that is mandatory for processing this request is not supplied');
    const code = this.codes.get(params.code);
    this.codes.delete(params.code);
    if (!code || code.expiresAt <= Date.now()) return this.deps.fail('InvalidCode', 'Invalid authorization code');
    return this.tokenReply(code.sellerId, Date.now() + this.refreshTtl * 1000, 'country_user_info');
  }

  /**
   * /auth/token/refresh: new access and refresh tokens; "the duration of the access token will be
   * reset, but the duration of the refresh token will not be reset" (seller-authorization-introduction.md).
   * The docs say to keep the latest refresh token; the stricter reading spends the old one.
   */
  private refresh(params: Record<string, string>): SandboxReply {
    if (!params.refresh_token) return this.deps.fail('MissingParameter', 'the input parameter "refresh_token" that is mandatory for processing this request is not supplied');
    const old = this.refreshTokens.get(params.refresh_token);
    if (!old || old.expiresAt <= Date.now()) return this.deps.fail('IllegalRefreshToken', 'The specified refresh token is invalid or expired');
    this.refreshTokens.delete(params.refresh_token);
    return this.tokenReply(old.sellerId, old.expiresAt, 'country_user_info_list');
  }

  /** seller-authorization-introduction.md step 1: response_type=code, client_id, redirect_uri (the registered callback), state. */
  private authorizePage(query: URLSearchParams): { status: number; location?: string; body?: unknown } {
    if (query.get('response_type') !== 'code') return { status: 400, body: { error: 'invalid_request', message: 'response_type must be code' } };
    if (query.get('client_id') !== this.options.appKey) return { status: 400, body: { error: 'invalid_client', message: 'client_id is not a known app key' } };
    const redirect = query.get('redirect_uri');
    if (!redirect || (this.options.callbackUrl && redirect !== this.options.callbackUrl)) return { status: 400, body: { error: 'invalid_request', message: 'redirect_uri must be the app callback URL' } };
    // uuid: "currently unavailable, please do not use it, otherwise an error will be reported"
    if (query.has('uuid')) return { status: 400, body: { error: 'invalid_request', message: 'uuid is not supported' } };
    const code = this.authorize(this.nextSeller ?? undefined);
    this.nextSeller = null;
    const target = new URL(redirect);
    target.searchParams.set('code', code);
    if (query.has('state')) target.searchParams.set('state', query.get('state')!);
    return { status: 302, location: target.toString() };
  }

  async handleApi(req: SandboxRequest): Promise<SandboxReply> {
    const at = Date.now();
    const apiPath = req.path.replace(/^\/rest(?=\/)/, '');
    const record = (out: SandboxReply) => {
      this.deps.log.record({ at, api: apiPath, rateKey: null, status: out.status, code: String((out.body as { code: string }).code) });
      return out;
    };
    const isToken = apiPath === '/auth/token/create' || apiPath === '/auth/token/refresh';
    if (!isToken || !['GET', 'POST'].includes(req.method)) return record(this.deps.fail('InvalidApiPath', `The specified API path ${apiPath} is not served by the auth host`));
    const { params } = await this.deps.readParams(req);
    const problem = this.deps.checkCommon(apiPath, params);
    if (problem) return record(problem);
    return record(apiPath === '/auth/token/create' ? this.create(params) : this.refresh(params));
  }

  /** Everything the auth host serves: the authorize page (a redirect) and the token APIs. */
  handle(req: SandboxRequest): Promise<SandboxReply> | SandboxReply {
    if (req.path !== '/oauth/authorize' || req.method !== 'GET') return this.handleApi(req);
    const out = this.authorizePage(req.query);
    this.deps.log.record({ at: Date.now(), api: '/oauth/authorize', rateKey: null, status: out.status, code: String(out.status) });
    return out.location ? { status: 302, body: {}, headers: { location: out.location } } : { status: out.status, body: out.body };
  }
}
