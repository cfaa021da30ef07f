import { ChannelError, ChannelErrorKind } from '../channel-errors';

/**
 * TikTok Shop's codes. 0, 105002, 106001, 36009002 and 36009004 are documented; the product and
 * promotion codes are the ones our sandbox answers with, kept in this one table.
 */
export const TikTokCode = {
  ok: 0,
  invalidToken: 105001,
  expiredToken: 105002,
  badSignature: 106001,
  throttled: 36009002,
  badTimestampOrAppKey: 36009004,
  badRefreshToken: 36004004,
  badCategory: 12019001,
  missingField: 12052400,
  invalidField: 12052401,
  invalidImage: 12052402,
  productNotFound: 12052404,
  duplicateSku: 12052409,
  activityNotFound: 17020404,
  activityClosed: 17020410,
  skuInOtherActivity: 17020409,
} as const;

const KINDS: Record<number, { kind: ChannelErrorKind; reason: (message: string) => string }> = {
  [TikTokCode.invalidToken]: {
    kind: ChannelErrorKind.invalidToken,
    reason: () => 'TikTok Shop did not accept the access token of this channel account; it is being refreshed.',
  },
  [TikTokCode.expiredToken]: {
    kind: ChannelErrorKind.expiredToken,
    reason: () => 'The TikTok Shop access token of this channel account has expired; it is being refreshed.',
  },
  [TikTokCode.badRefreshToken]: {
    kind: ChannelErrorKind.invalidToken,
    reason: () => 'TikTok Shop no longer accepts the refresh token of this channel account: reconnect the shop to TikTok Shop.',
  },
  [TikTokCode.badSignature]: {
    kind: ChannelErrorKind.badSignature,
    reason: () => 'TikTok Shop refused the request signature: check the app secret of this channel account.',
  },
  [TikTokCode.badTimestampOrAppKey]: {
    kind: ChannelErrorKind.badTimestamp,
    reason: (m) =>
      /app.?key/i.test(m)
        ? 'TikTok Shop does not know the app key of this channel account: check it.'
        : "TikTok Shop refused the request time: check this server's clock (it must be within 5 minutes of TikTok's).",
  },
  [TikTokCode.throttled]: {
    kind: ChannelErrorKind.throttled,
    reason: () => 'TikTok Shop is throttling this shop (over 50 requests a second); the export slows down and tries again.',
  },
  [TikTokCode.badCategory]: {
    kind: ChannelErrorKind.badCategory,
    reason: (m) => `TikTok Shop refused the category: ${m}. Ask a curator to map this category to a TikTok leaf category.`,
  },
  [TikTokCode.missingField]: { kind: ChannelErrorKind.missingField, reason: (m) => `TikTok Shop needs more information: ${m}.` },
  [TikTokCode.invalidField]: { kind: ChannelErrorKind.invalidField, reason: (m) => `TikTok Shop refused a value: ${m}.` },
  [TikTokCode.invalidImage]: { kind: ChannelErrorKind.invalidImage, reason: (m) => `TikTok Shop refused a photo: ${m}.` },
  [TikTokCode.productNotFound]: {
    kind: ChannelErrorKind.notFound,
    reason: () => 'The product is no longer on TikTok Shop; it will be created again on the next export.',
  },
  [TikTokCode.activityNotFound]: {
    kind: ChannelErrorKind.notFound,
    reason: () => 'The promotion activity is no longer on TikTok Shop; it is created again on the next export.',
  },
  [TikTokCode.activityClosed]: { kind: ChannelErrorKind.invalidField, reason: (m) => `TikTok Shop has already ended the promotion activity: ${m}.` },
  [TikTokCode.skuInOtherActivity]: {
    kind: ChannelErrorKind.invalidField,
    reason: (m) => `TikTok Shop refused the campaign price: ${m}. A SKU takes part in one promotion activity at a time; end the other one in TikTok Shop Seller Center.`,
  },
  [TikTokCode.duplicateSku]: {
    kind: ChannelErrorKind.duplicateSku,
    reason: (m) => `TikTok Shop refused a duplicate SKU: ${m}. Give each variant its own SKU.`,
  },
};

export interface TikTokEnvelope<T = unknown> {
  code: number;
  message: string;
  request_id?: string;
  data?: T;
}

/** The error for a non-zero code (or a body that is not TikTok's envelope). */
export function tiktokError(httpStatus: number, body: Partial<TikTokEnvelope> | null): ChannelError {
  if (!body || typeof body.code !== 'number') {
    const down = httpStatus >= 500 || httpStatus === 0;
    return new ChannelError({
      channel: 'tiktok_shop',
      kind: down ? ChannelErrorKind.unavailable : ChannelErrorKind.unknown,
      code: `http_${httpStatus}`,
      httpStatus,
      reason: down ? `TikTok Shop is not answering (HTTP ${httpStatus}); the export tries again later.` : `TikTok Shop answered HTTP ${httpStatus} without a reason.`,
    });
  }
  const message = body.message ?? '';
  const known = KINDS[body.code] ?? (httpStatus === 429 ? KINDS[TikTokCode.throttled] : undefined);
  // One code covers two causes; the message tells them apart.
  const appKey = body.code === TikTokCode.badTimestampOrAppKey && /app.?key/i.test(message);
  return new ChannelError({
    channel: 'tiktok_shop',
    kind: appKey ? ChannelErrorKind.badAppKey : (known?.kind ?? (httpStatus >= 500 ? ChannelErrorKind.unavailable : ChannelErrorKind.unknown)),
    code: String(body.code),
    channelMessage: message,
    requestId: body.request_id,
    httpStatus,
    reason: known ? known.reason(message) : `TikTok Shop refused the request: ${message || `code ${body.code}`}.`,
  });
}
