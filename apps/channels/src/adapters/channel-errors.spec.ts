import { lazadaError } from './lazada/lazada.errors';

describe('channel error codes', () => {
  // TikTok Shop's codes: tiktok-shop/tiktok-shop.errors.spec.ts.

  it.each([
    ['IncompleteSignature', 'bad_signature', 'check the app secret'],
    ['IllegalAccessToken', 'expired_token', 'invalid or expired'],
    ['InvalidTimestamp', 'bad_timestamp', 'within 2 hours'],
    ['E001', 'missing_field', 'Attributes.name is required'],
    ['E201', 'bad_category', 'Lazada leaf category'],
    ['4105', 'duplicate_sku', 'SKU of its own'],
    ['E901', 'throttled', 'throttling'],
  ])('Lazada %s is %s', (code, kind, reason) => {
    const error = lazadaError(200, { code, type: 'ISV', message: 'Attributes.name is required', request_id: 'r2' });
    expect(error).toMatchObject({ kind, code, requestId: 'r2' });
    expect(error.reason).toContain(reason);
  });

  it('throttling and outages are retryable; refusals are not', () => {
    expect(lazadaError(200, { code: 'E901' }).retryable).toBe(true);
    expect(lazadaError(200, { code: '4105' }).retryable).toBe(false);
    expect(lazadaError(200, { code: 'E901' }).toJSON()).toMatchObject({ channel: 'lazada', kind: 'throttled', code: 'E901' });
  });
});
