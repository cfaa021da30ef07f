import { tiktokSignature, tiktokStringToSign, tiktokTimestamp } from './tiktok-shop.signing';

// Expected values were computed by hand with `openssl dgst -sha256 -hmac`, not with this code.
describe('TikTok Shop signature', () => {
  const query = { app_key: 'abc123', timestamp: '1700000000', shop_cipher: 'ROW_xyz', sign: 'old', access_token: 'tok' };

  it('sorts the query without sign and access_token, prefixes the path, appends the body and wraps it in the secret', () => {
    expect(tiktokStringToSign({ path: '/product/202309/products', query, body: '{"title":"x"}', appSecret: 'secret42' })).toBe(
      'secret42/product/202309/productsapp_keyabc123shop_cipherROW_xyztimestamp1700000000{"title":"x"}secret42',
    );
  });

  it('matches a hand-computed HMAC-SHA256 in lower-case hex', () => {
    expect(tiktokSignature({ path: '/product/202309/products', query, body: '{"title":"x"}', appSecret: 'secret42' })).toBe(
      '2b20e1a317a644df64b08d8e3b4163c6442634d61fd5dac785d6ac7549fb72af',
    );
  });

  it('leaves a multipart body out (no body given)', () => {
    expect(tiktokSignature({ path: '/product/202309/images/upload', query, appSecret: 'secret42' })).toBe(
      'd7baccac6bd411d3081585c15551fa84d7d7ee1c856d2ac4e245b230d8a6c39c',
    );
  });

  it('changes with the secret, the body and any parameter', () => {
    const base = { path: '/product/202309/products', query, body: '{}', appSecret: 's' };
    const sign = tiktokSignature(base);
    expect(tiktokSignature({ ...base, appSecret: 't' })).not.toBe(sign);
    expect(tiktokSignature({ ...base, body: '{ }' })).not.toBe(sign);
    expect(tiktokSignature({ ...base, query: { ...query, timestamp: '1700000001' } })).not.toBe(sign);
    // but not with the token, which TikTok leaves out
    expect(tiktokSignature({ ...base, query: { ...query, access_token: 'other' } })).toBe(sign);
  });

  it('counts time in whole seconds', () => {
    expect(tiktokTimestamp(1_700_000_000_999)).toBe('1700000000');
  });
});
