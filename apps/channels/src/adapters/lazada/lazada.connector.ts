import { ChannelCode, type ChannelConnector, type ChannelSeller, type ChannelTokens } from '../channel-adapter';
import { LAZADA_AUTHORIZE_URL, lazadaCall, tokensFrom, type LazadaTokenReply, type LazadaTransport } from './lazada.client';

export interface LazadaConnectorConfig {
  appKey: string;
  appSecret: string;
  /** The API host (`https://api.lazada.co.id/rest`), for /seller/get. */
  apiUrl: string;
  /** The auth host (`https://auth.lazada.com/rest`), for /auth/token/create and /auth/token/refresh. */
  authUrl: string;
  /** Where sellers authorize (`https://auth.lazada.com/oauth/authorize`). */
  authorizeUrl?: string;
  clock?: () => number;
  timeoutMs?: number;
}

interface SellerData {
  // raw/lazada/apis/seller-api/getseller.json
  data: { name: string; seller_id: string | number; short_code?: string; status?: string };
}

/**
 * Lazada's "code for token" authorization
 * (processed/lazada/guides/quick-start-guide/seller-authorization-introduction.md).
 */
export class LazadaConnector implements ChannelConnector {
  readonly channel = ChannelCode.lazada;
  private readonly transport: LazadaTransport;
  /** The seller the last token reply named (country_user_info), for describeSeller. */
  private readonly sellersByToken = new Map<string, { sellerId: string; country: string }>();

  constructor(private readonly config: LazadaConnectorConfig) {
    this.transport = { appKey: config.appKey, appSecret: config.appSecret, clock: config.clock ?? Date.now, timeoutMs: config.timeoutMs ?? 15_000 };
  }

  /** seller-authorization-introduction.md step 1: response_type=code, force_auth=true, redirect_uri, client_id (the app key), state. */
  authorizeUrl(state: string, redirectUri: string): string {
    const query = new URLSearchParams({ response_type: 'code', force_auth: 'true', redirect_uri: redirectUri, client_id: this.config.appKey, state });
    return `${this.config.authorizeUrl ?? LAZADA_AUTHORIZE_URL}?${query}`;
  }

  /** system-api/generateaccesstoken.json: /auth/token/create with the code, at the auth host; a code is good once, for 30 minutes. */
  async exchangeCode(code: string): Promise<ChannelTokens> {
    const reply = await lazadaCall<LazadaTokenReply>(this.transport, this.config.authUrl, { method: 'POST', apiPath: '/auth/token/create', params: { code }, idempotent: false });
    return this.remember(reply);
  }

  /** system-api/refreshaccesstoken.json: /auth/token/refresh at the auth host; the refresh token rotates. */
  async refresh(refreshToken: string): Promise<ChannelTokens> {
    const reply = await lazadaCall<LazadaTokenReply>(this.transport, this.config.authUrl, {
      method: 'POST',
      apiPath: '/auth/token/refresh',
      params: { refresh_token: refreshToken },
      idempotent: false,
    });
    return this.remember(reply);
  }

  /** seller-api/getseller.json: the shop's name and seller id; the region from the token reply where it came with one. */
  async describeSeller(tokens: ChannelTokens): Promise<ChannelSeller> {
    const reply = await lazadaCall<SellerData>(this.transport, this.config.apiUrl, { method: 'GET', apiPath: '/seller/get', idempotent: true }, { access_token: tokens.accessToken });
    const known = this.sellersByToken.get(tokens.accessToken);
    return {
      name: reply.data.name,
      sellerId: String(reply.data.seller_id),
      region: (known?.country ?? 'id').toUpperCase(),
    };
  }

  private remember(reply: LazadaTokenReply): ChannelTokens {
    const tokens = tokensFrom(reply, this.transport.clock());
    // seller-authorization-introduction.md: the user info of the reply's country (create: country_user_info; refresh: country_user_info_list)
    const infos = reply.country_user_info ?? reply.country_user_info_list ?? [];
    const info = infos.find((i) => i.country?.toLowerCase() === reply.country?.toLowerCase()) ?? infos[0];
    if (info) this.sellersByToken.set(tokens.accessToken, { sellerId: String(info.seller_id), country: info.country });
    return tokens;
  }
}
