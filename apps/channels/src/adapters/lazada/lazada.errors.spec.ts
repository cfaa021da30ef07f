import { lazadaError } from './lazada.errors';

describe('Lazada errors', () => {
  it('takes ApiCallLimit and 901 as throttling, with the ban window from the message (create-update-product-q-a.md Q10)', () => {
    const limit = lazadaError(200, { code: 'ApiCallLimit', type: 'ISP', message: 'Api access frequency exceeds the limit. this ban will last 3 seconds.', request_id: 'r1' });
    expect(limit).toMatchObject({ kind: 'throttled', code: 'ApiCallLimit', retryable: true, details: { retryAfterMs: 3000 } });
    expect(lazadaError(200, { code: '901', message: 'Limit service request speed in server side temporarily.' })).toMatchObject({ kind: 'throttled', details: { retryAfterMs: 1000 } });
    expect(lazadaError(200, { code: '4154', message: 'SYS_REQUEST_TOO_FAST' }).kind).toBe('throttled');
  });

  it.each([
    ['4143', 'invalid_field', 'sale attributes'],
    ['4115', 'invalid_field', "Lazada's list"],
    ['4142', 'invalid_field', 'brand'],
    ['201', 'bad_category', 'leaf category'],
    ['E201', 'bad_category', 'leaf category'],
    ['4105', 'duplicate_sku', 'SKU of its own'],
    ['208', 'not_found', 'created again'],
    ['E0002', 'not_found', 'created again'],
    ['InvalidCode', 'invalid_token', 'authorize again'],
  ])('reads %s as %s', (code, kind, words) => {
    const error = lazadaError(200, { code, type: 'ISV', message: 'm' });
    expect(error).toMatchObject({ kind, code });
    expect(error.reason).toContain(words);
  });

  it('does not take the generic 500/501 with details for the channel being down', () => {
    expect(lazadaError(200, { code: '501', type: 'ISP', message: 'Update product failed', detail: [{ seller_sku: 'A', message: 'x' }] })).toMatchObject({ kind: 'unknown', details: { detail: [{ seller_sku: 'A', message: 'x' }] } });
  });
});
