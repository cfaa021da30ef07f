import { lazadaError } from './lazada/lazada.errors';
import { tiktokError } from './tiktok-shop/tiktok-shop.errors';

describe('channel error codes', () => {
  it.each([
    [401, 105002, 'Access token is expired', 'expired_token', 'has expired'],
    [401, 105001, 'Invalid access token', 'invalid_token', 'did not accept the access token'],
    [401, 106001, 'Invalid signature', 'bad_signature', 'check the app secret'],
    [401, 36009004, 'Invalid timestamp: -400s', 'bad_timestamp', "check this server's clock"],
    [401, 36009004, 'Invalid app_key', 'bad_app_key', 'app key'],
    [429, 36009002, 'Too many requests', 'throttled', 'throttling'],
    [400, 12019001, 'category_id 600001 is not a leaf category', 'bad_category', 'TikTok leaf category'],
    [400, 12052400, 'title is required', 'missing_field', 'title is required'],
  ])('TikTok %i %i is %s', (status, code, message, kind, reason) => {
    const error = tiktokError(status, { code, message, request_id: 'r1' });
    expect(error).toMatchObject({ kind, code: String(code), requestId: 'r1', channelMessage: message });
    expect(error.reason).toContain(reason);
  });

  it('TikTok without an envelope: down when 5xx, unknown otherwise', () => {
    expect(tiktokError(502, null)).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(tiktokError(418, null)).toMatchObject({ kind: 'unknown', retryable: false });
  });

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
