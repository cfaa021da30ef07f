import { TikTokShopConnector } from './tiktok-shop.connector';

// developer-guide/get-started/authorization/authorization-guide-202309.json: the app's link
// (services.tiktokshop.com/open/authorize?service_id=…) with a `state`.
describe('TikTok Shop connector', () => {
  it('builds the authorization link from the app link Partner Center gives, with the state', () => {
    const connector = new TikTokShopConnector({ appKey: 'k', appSecret: 's', authorizeUrl: 'https://services.tiktokshop.com/open/authorize?service_id=7431458374265161478' });
    const url = new URL(connector.authorizeUrl('st/ate+1', 'https://pasar.example/api/v1/channels/connect/tiktok_shop/callback'));
    expect(url.origin + url.pathname).toBe('https://services.tiktokshop.com/open/authorize');
    expect(url.searchParams.get('service_id')).toBe('7431458374265161478');
    expect(url.searchParams.get('state')).toBe('st/ate+1');
    expect(url.searchParams.get('redirect_uri')).toBe('https://pasar.example/api/v1/channels/connect/tiktok_shop/callback');
    expect(url.searchParams.has('app_key')).toBe(false);
  });

  it('names the app by its key when the link has no service_id', () => {
    const url = new URL(new TikTokShopConnector({ appKey: 'k9', appSecret: 's' }).authorizeUrl('x', 'https://cb'));
    expect(url.searchParams.get('app_key')).toBe('k9');
  });

  it('exchanges the code at the auth host, not the API host', async () => {
    const seen: string[] = [];
    const fetchBefore = global.fetch;
    global.fetch = (async (input: string | URL) => {
      seen.push(String(input));
      return new Response(JSON.stringify({ code: 0, message: 'success', data: { access_token: 'a', access_token_expire_in: 1_900_000_000, refresh_token: 'r', refresh_token_expire_in: 1_900_000_100 } }));
    }) as typeof fetch;
    try {
      const connector = new TikTokShopConnector({ appKey: 'k', appSecret: 's', apiUrl: 'https://open-api.example', authUrl: 'https://auth.example' });
      expect(await connector.exchangeCode('c0de')).toEqual({ accessToken: 'a', accessTokenExpiresAt: new Date(1_900_000_000_000).toISOString(), refreshToken: 'r', refreshTokenExpiresAt: new Date(1_900_000_100_000).toISOString() });
      await connector.refresh('r');
    } finally {
      global.fetch = fetchBefore;
    }
    expect(seen.map((u) => new URL(u).origin + new URL(u).pathname)).toEqual(['https://auth.example/api/v2/token/get', 'https://auth.example/api/v2/token/refresh']);
    expect(new URL(seen[0]!).searchParams.get('grant_type')).toBe('authorized_code');
    expect(new URL(seen[0]!).searchParams.get('auth_code')).toBe('c0de');
    // An auth URL equal to the API URL (the config's old default) is no auth host: the production one is used.
    seen.length = 0;
    global.fetch = (async (input: string | URL) => {
      seen.push(String(input));
      return new Response(JSON.stringify({ code: 0, message: 'success', data: { access_token: 'a', access_token_expire_in: 1, refresh_token: 'r', refresh_token_expire_in: 1 } }));
    }) as typeof fetch;
    try {
      await new TikTokShopConnector({ appKey: 'k', appSecret: 's', apiUrl: 'https://open-api.tiktokglobalshop.com', authUrl: 'https://open-api.tiktokglobalshop.com' }).refresh('r');
    } finally {
      global.fetch = fetchBefore;
    }
    expect(new URL(seen[0]!).origin).toBe('https://auth.tiktok-shops.com');
  });
});
