import type { ChannelTokens } from '../channel-adapter';
import { ChannelError, ChannelErrorKind } from '../channel-errors';
import { tiktokError, type TikTokEnvelope } from './tiktok-shop.errors';

/** One HTTP exchange with TikTok Shop (API or auth host): the envelope's `data`, or a ChannelError. */
export async function tiktokExchange<T>(url: string, init: RequestInit, timeoutMs: number): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new ChannelError({
      channel: 'tiktok_shop',
      kind: ChannelErrorKind.unavailable,
      code: 'network',
      reason: `TikTok Shop could not be reached (${(error as Error).message}); the export tries again later.`,
    });
  }
  const text = await response.text();
  let body: TikTokEnvelope<T> | null = null;
  try {
    body = JSON.parse(text) as TikTokEnvelope<T>;
  } catch {
    body = null;
  }
  if (!body || body.code !== 0) throw tiktokError(response.status, body);
  return body.data as T;
}

/** The production auth host (developer-guide/get-started/authorization/authorization-overview-202407.json). */
export const TIKTOK_AUTH_URL = 'https://auth.tiktok-shops.com';

/**
 * The auth host to use: token get and refresh never live on the API host (the docs put them at
 * auth.tiktok-shops.com), so an auth URL that is missing or the same as the API URL (our config's
 * old default) means the production auth host.
 */
export const tiktokAuthHost = (authUrl: string | undefined, apiUrl: string): string =>
  authUrl && authUrl.replace(/\/$/, '') !== apiUrl.replace(/\/$/, '') ? authUrl : TIKTOK_AUTH_URL;

export interface TikTokAuthHost {
  authUrl: string;
  appKey: string;
  appSecret: string;
  timeoutMs: number;
}

interface TokenData {
  access_token: string;
  access_token_expire_in: number;
  refresh_token: string;
  refresh_token_expire_in: number;
  open_id?: string;
  seller_name?: string;
  seller_base_region?: string;
}

/**
 * GET /api/v2/token/get (grant_type=authorized_code) or /api/v2/token/refresh
 * (grant_type=refresh_token) on the AUTH host, never the API host: unsigned, app key and secret in
 * the query (developer-guide/get-started/authorization/authorization-overview-202407.json).
 */
export async function tiktokTokens(host: TikTokAuthHost, grant: { authCode: string } | { refreshToken: string }): Promise<{ tokens: ChannelTokens; sellerName?: string; region?: string }> {
  const base = host.authUrl.replace(/\/$/, '');
  const [path, params] =
    'authCode' in grant
      ? ['/api/v2/token/get', { auth_code: grant.authCode, grant_type: 'authorized_code' }]
      : ['/api/v2/token/refresh', { refresh_token: grant.refreshToken, grant_type: 'refresh_token' }];
  const query = new URLSearchParams({ app_key: host.appKey, app_secret: host.appSecret, ...params });
  let data: TokenData;
  try {
    data = await tiktokExchange<TokenData>(`${base}${path}?${query}`, { method: 'GET' }, host.timeoutMs);
  } catch (e) {
    // A refused code or refresh token cannot be repaired by trying again: the seller authorizes again.
    if (e instanceof ChannelError && (e.kind === ChannelErrorKind.invalidToken || e.kind === ChannelErrorKind.expiredToken)) {
      throw new ChannelError({
        channel: 'tiktok_shop',
        kind: ChannelErrorKind.invalidToken,
        code: e.code ?? undefined,
        channelMessage: e.channelMessage ?? undefined,
        requestId: e.requestId ?? undefined,
        httpStatus: e.httpStatus ?? undefined,
        reason:
          'authCode' in grant
            ? 'TikTok Shop did not accept the authorization code (it is valid once, for 30 minutes): authorize the app again.'
            : 'TikTok Shop no longer accepts the refresh token of this channel account: reconnect the shop to TikTok Shop.',
      });
    }
    throw e;
  }
  return {
    tokens: {
      accessToken: data.access_token,
      // Expiry comes as a Unix time in seconds, not a duration.
      accessTokenExpiresAt: new Date(data.access_token_expire_in * 1000).toISOString(),
      refreshToken: data.refresh_token,
      refreshTokenExpiresAt: new Date(data.refresh_token_expire_in * 1000).toISOString(),
    },
    sellerName: data.seller_name,
    region: data.seller_base_region,
  };
}
