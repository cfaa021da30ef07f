import { ChannelError, ChannelErrorKind } from '../channel-errors';

/**
 * Lazada's codes. "0", E001, E201, 4105 and E901 are documented for products; the platform
 * codes (IncompleteSignature, IllegalAccessToken…) come from the Open Platform gateway; the
 * rest are the ones our sandbox answers with, kept in this one table.
 */
export const LazadaCode = {
  ok: '0',
  incompleteSignature: 'IncompleteSignature',
  illegalAccessToken: 'IllegalAccessToken',
  illegalRefreshToken: 'IllegalRefreshToken',
  invalidTimestamp: 'InvalidTimestamp',
  invalidAppKey: 'InvalidAppKey',
  missingParameter: 'MissingParameter',
  invalidParameter: 'InvalidParameter',
  missingField: 'E001',
  invalidField: 'E002',
  badCategory: 'E201',
  productNotFound: 'E205',
  duplicateSellerSku: '4105',
  throttled: 'E901',
  notJson: '1001',
  partialFailure: '500',
} as const;

type Reason = (message: string) => string;

const KINDS: Record<string, { kind: ChannelErrorKind; reason: Reason }> = {
  [LazadaCode.incompleteSignature]: {
    kind: ChannelErrorKind.badSignature,
    reason: () => 'Lazada refused the request signature: check the app secret of this channel account.',
  },
  [LazadaCode.illegalAccessToken]: {
    kind: ChannelErrorKind.expiredToken,
    reason: () => 'The Lazada access token of this channel account is invalid or expired; it is being refreshed.',
  },
  [LazadaCode.illegalRefreshToken]: {
    kind: ChannelErrorKind.invalidToken,
    reason: () => 'Lazada no longer accepts the refresh token of this channel account: reconnect the seller account to Lazada.',
  },
  [LazadaCode.invalidTimestamp]: {
    kind: ChannelErrorKind.badTimestamp,
    reason: () => "Lazada refused the request time: check this server's clock (it must be within 2 hours of Lazada's).",
  },
  [LazadaCode.invalidAppKey]: { kind: ChannelErrorKind.badAppKey, reason: () => 'Lazada does not know the app key of this channel account: check it.' },
  [LazadaCode.missingParameter]: { kind: ChannelErrorKind.missingField, reason: (m) => `Lazada needs a parameter: ${m}.` },
  [LazadaCode.invalidParameter]: { kind: ChannelErrorKind.invalidField, reason: (m) => `Lazada refused a parameter: ${m}.` },
  [LazadaCode.missingField]: { kind: ChannelErrorKind.missingField, reason: (m) => `Lazada needs more information: ${m}.` },
  [LazadaCode.invalidField]: { kind: ChannelErrorKind.invalidField, reason: (m) => `Lazada refused a value: ${m}.` },
  [LazadaCode.notJson]: { kind: ChannelErrorKind.invalidField, reason: (m) => `Lazada could not read the product: ${m}.` },
  [LazadaCode.badCategory]: {
    kind: ChannelErrorKind.badCategory,
    reason: (m) => `Lazada refused the category: ${m}. Ask a curator to map this category to a Lazada leaf category.`,
  },
  [LazadaCode.productNotFound]: {
    kind: ChannelErrorKind.notFound,
    reason: () => 'The product is no longer on Lazada; it will be created again on the next export.',
  },
  [LazadaCode.duplicateSellerSku]: {
    kind: ChannelErrorKind.duplicateSku,
    reason: (m) => `Lazada already has a product with this SKU (${m}). Give the variant a SKU of its own, or remove the old product on Lazada.`,
  },
  [LazadaCode.throttled]: {
    kind: ChannelErrorKind.throttled,
    reason: () => 'Lazada is throttling this seller (too many requests); the export slows down and tries again.',
  },
};

/** Lazada's error envelope. Successes carry code "0" and their data beside it. */
export interface LazadaEnvelope {
  code: string;
  type?: 'ISV' | 'ISP' | 'SYSTEM';
  message?: string;
  request_id?: string;
  detail?: Array<{ seller_sku?: string; field?: string; message?: string; code?: string }>;
}

export function lazadaError(httpStatus: number, body: Partial<LazadaEnvelope> | null): ChannelError {
  if (!body || typeof body.code !== 'string') {
    const down = httpStatus >= 500 || httpStatus === 0;
    return new ChannelError({
      channel: 'lazada',
      kind: down ? ChannelErrorKind.unavailable : ChannelErrorKind.unknown,
      code: `http_${httpStatus}`,
      httpStatus,
      reason: down ? `Lazada is not answering (HTTP ${httpStatus}); the export tries again later.` : `Lazada answered HTTP ${httpStatus} without a reason.`,
    });
  }
  const message = body.message ?? '';
  const known = KINDS[body.code];
  return new ChannelError({
    channel: 'lazada',
    kind: known?.kind ?? (body.type === 'ISP' && body.code !== LazadaCode.partialFailure ? ChannelErrorKind.unavailable : ChannelErrorKind.unknown),
    code: body.code,
    channelMessage: message,
    requestId: body.request_id,
    httpStatus,
    reason: known ? known.reason(message) : `Lazada refused the request: ${message || `code ${body.code}`}.`,
    details: body.detail ? { detail: body.detail } : {},
  });
}
