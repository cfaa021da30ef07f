import { tiktokError, TikTokCode } from './tiktok-shop.errors';

// Codes and messages from developer-guide/tiktok-shop-api-concepts/common-errors.json and the
// endpoints' error lists (data/raw/tiktok/api-reference/products/*.spec.json).
describe('TikTok Shop error codes', () => {
  it.each([
    [401, 105002, 'Expired credentials. The `access_token` or `x-tts-access-token` header has expired.', 'expired_token', 'has expired'],
    [401, 36009004, 'Invalid credentials. The `x-tts-access-token` header is invalid.', 'invalid_token', 'did not accept the access token'],
    [401, 106001, 'Invalid credentials. The `sign` query parameter is invalid.', 'bad_signature', 'check the app secret'],
    [401, 36009004, 'Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.', 'bad_timestamp', "check this server's clock"],
    [401, 36009004, 'Invalid credentials. Invalid `app_key` query parameter.', 'bad_app_key', 'app key'],
    [400, 36009004, 'Unexpected identifier. The `shop_cipher` query parameter is not required for this request.', 'invalid_field', 'identifier'],
    [429, 36009002, "Too many requests. You've made too many requests in a short period of time.", 'throttled', 'throttling'],
    [400, 12052024, 'Category is not final category', 'bad_category', 'TikTok leaf category'],
    [400, 12052104, 'property is required', 'missing_field', 'property is required'],
    [400, 12052901, 'The product in its current status is not available for this operation.', 'invalid_field', 'live (ACTIVATE) products'],
    [400, 17029009, 'Activity does not exist', 'not_found', 'created again'],
  ])('%i %i is %s', (status, code, message, kind, reason) => {
    const error = tiktokError(status, { code, message, request_id: 'r1' });
    expect(error).toMatchObject({ kind, code: String(code), requestId: 'r1', channelMessage: message });
    expect(error.reason).toContain(reason);
  });

  it('reads 36009004 as a token problem (refresh once), never as a clock problem, unless the message says timestamp', () => {
    // The old table read every 36009004 as a clock or app key problem, so an invalid token was never refreshed.
    expect(tiktokError(401, { code: 36009004, message: 'Invalid credentials. The `access_token` header is invalid.' })).toMatchObject({ kind: 'invalid_token', isTokenProblem: true });
    expect(tiktokError(401, { code: 36009004, message: 'something else' }).kind).toBe('invalid_token');
    // An unexpected identifier is our fault: not retried, not a token problem.
    const identifier = tiktokError(400, { code: 36009004, message: 'Unexpected identifier. The `shop_cipher` query parameter is not required for this request.' });
    expect(identifier).toMatchObject({ kind: 'invalid_field', isTokenProblem: false, retryable: false });
  });

  it('keeps no undocumented code', () => {
    // 105001, 36004004, 12019001, 12052400 and the 1702040x codes were the old sandbox's inventions.
    const codes = Object.values(TikTokCode).map(Number);
    for (const invented of [105001, 36004004, 12019001, 12052400, 12052401, 12052402, 12052404, 12052409, 17020404, 17020410, 17020409]) expect(codes).not.toContain(invented);
  });

  it('without an envelope: throttled on 429, down when 5xx, unknown otherwise; internal errors are retried', () => {
    expect(tiktokError(429, null)).toMatchObject({ kind: 'throttled', retryable: true });
    expect(tiktokError(502, null)).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(tiktokError(418, null)).toMatchObject({ kind: 'unknown', retryable: false });
    expect(tiktokError(200, { code: 36009003, message: 'Internal error.' })).toMatchObject({ kind: 'unavailable', retryable: true });
  });
});
