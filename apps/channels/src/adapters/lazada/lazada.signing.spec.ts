import { lazadaSignature, lazadaStringToSign, lazadaTimestamp } from './lazada.signing';

// Expected values were computed by hand with `openssl dgst -sha256 -hmac`, not with this code.
describe('Lazada signature', () => {
  it("follows the documentation's example string: API path, then name+value in ASCII order, without sign", () => {
    const params = { foo: '1', bar: '2', foo_bar: '3', foobar: '4', sign: 'old' };
    expect(lazadaStringToSign({ apiPath: '/test/api', params })).toBe('/test/apibar2foo1foo_bar3foobar4');
    expect(lazadaSignature({ apiPath: '/test/api', params, appSecret: 'helloworld' })).toBe(
      'BD011266EC150C787B2201495AA2D6F326BB6910DE77E84EA28F5215DCD7FA5E',
    );
  });

  it('signs the access token and the payload too, in upper-case hex', () => {
    const params = {
      app_key: '123456',
      timestamp: '1517820392000',
      sign_method: 'sha256',
      access_token: 'tok1',
      payload: '{"Request":{}}',
    };
    expect(lazadaSignature({ apiPath: '/product/create', params, appSecret: 'sec' })).toBe(
      'BD4BC4DA6026151ABAC8720400BFB1809471A9982DDDDEAC662698D35634C7D7',
    );
  });

  it('leaves empty values out, as the official SDKs do', () => {
    const params = { foo: '1', bar: '2', foo_bar: '3', foobar: '4' };
    expect(lazadaSignature({ apiPath: '/test/api', params: { ...params, empty: '' }, appSecret: 'helloworld' })).toBe(
      lazadaSignature({ apiPath: '/test/api', params, appSecret: 'helloworld' }),
    );
  });

  it('counts time in milliseconds', () => {
    expect(lazadaTimestamp(1_517_820_392_000.4)).toBe('1517820392000');
  });
});
