import { LazadaConnector } from './lazada.connector';
import { tokensFrom } from './lazada.client';

describe('Lazada tokens and authorization link', () => {
  const now = Date.parse('2026-12-07T00:00:00Z');

  it('reads expires_in and refresh_expires_in as numbers or strings (the docs show both)', () => {
    expect(tokensFrom({ code: '0', access_token: 'a', refresh_token: 'r', expires_in: '604800', refresh_expires_in: 2592000 }, now)).toEqual({
      accessToken: 'a',
      accessTokenExpiresAt: '2026-12-14T00:00:00.000Z',
      refreshToken: 'r',
      refreshTokenExpiresAt: '2027-01-06T00:00:00.000Z',
    });
    // seller-authorization-introduction.md: refresh_expires_in 0 means the token cannot be refreshed
    expect(tokensFrom({ code: '0', access_token: 'a', refresh_token: 'r', expires_in: 10, refresh_expires_in: '0' }, now).refreshTokenExpiresAt).toBe('2026-12-07T00:00:00.000Z');
  });

  it('links to auth.lazada.com/oauth/authorize with response_type, force_auth, redirect_uri, client_id and state', () => {
    const connector = new LazadaConnector({ appKey: '501337', appSecret: 's', apiUrl: 'https://api.lazada.co.id/rest', authUrl: 'https://auth.lazada.com/rest' });
    const link = new URL(connector.authorizeUrl('st 1', 'https://pk.example/cb?x=1'));
    expect(link.origin + link.pathname).toBe('https://auth.lazada.com/oauth/authorize');
    expect([...link.searchParams]).toEqual([
      ['response_type', 'code'],
      ['force_auth', 'true'],
      ['redirect_uri', 'https://pk.example/cb?x=1'],
      ['client_id', '501337'],
      ['state', 'st 1'],
    ]);
  });
});
