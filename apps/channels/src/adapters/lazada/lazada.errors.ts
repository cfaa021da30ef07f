import { ChannelError, ChannelErrorKind } from '../channel-errors';

/**
 * Lazada's codes as the documentation gives them (paths under data/ of lazykern/ecommerce-api-docs).
 * The error tables list a product code by its number ("201") with the text "E201: …"; both
 * spellings are read the same.
 */
export const LazadaCode = {
  ok: '0',
  // processed/lazada/guides/developers-guide/error-messages.md and the system API pages: gateway codes
  incompleteSignature: 'IncompleteSignature',
  illegalAccessToken: 'IllegalAccessToken',
  illegalRefreshToken: 'IllegalRefreshToken',
  invalidCode: 'InvalidCode',
  invalidTimestamp: 'InvalidTimestamp',
  invalidAppKey: 'InvalidAppKey',
  missingParameter: 'MissingParameter',
  invalidParameter: 'InvalidParameter',
  invalidApiPath: 'InvalidApiPath',
  // create-update-product-q-a.md Q10: "Api access frequency exceeds the limit. this ban will last 1 seconds."
  apiCallLimit: 'ApiCallLimit',
  // raw/lazada/apis/product-api/createproduct.json: 901 "retry in the next second"
  throttled: '901',
  // createproduct.json 4154 SYS_REQUEST_TOO_FAST
  requestTooFast: '4154',
  // create-update-product-q-a.md Q7: 998, the API switched off during mega campaigns
  serviceDisabled: '998',
  serviceTimeout: 'ServiceTimeout',
  missingField: '1',
  invalidFormat: '5',
  badCategory: '201',
  tooManySkus: '204',
  // getproductitem.json
  emptyItemId: '200',
  skuNotFound: '207',
  itemNotFound: '208',
  // createproduct.json
  createFailed: '500',
  updateFailed: '501',
  notJson: '1001',
  duplicateSellerSku: '4105',
  notAnOption: '4115',
  valueNotInOptions: '4140',
  brandInvalid: '4142',
  salePropInvalid: '4143',
  skuWithoutSaleProp: '4144',
  noBrandRefused: '4156',
  notLeafCategory: '4134',
  mainImageRequired: '4139',
  tooManyImages: '4169',
  packageTooHeavy: '4164',
  packageTooLarge: '4165',
  // updateproduct.json 4216: SkuId is mandatory on update
  skuIdRequired: '4216',
  // updatepricequantity.json 4171: more than 50 SKUs
  priceQuantityTooMany: '4171',
  // deactivateproduct.json
  productNotExists: 'E0002',
  productNotOnline: 'E0004',
  // custom-sales-attributes.md, RemoveSku
  cannotRemoveAllSkus: 'CAN_NOT_REMOVE_ALL_SKU',
  sellerSkuNotFound: 'SELLER_SKU_NOT_FOUND',
  // getcategoryattributes.json
  categoryNull: '4227',
  categoryInactive: '4228',
} as const;

type Reason = (message: string) => string;
const THROTTLED: Reason = () => 'Lazada is throttling this seller (too many requests); the export slows down and tries again.';
const SKU_TAKEN: Reason = (m) => `Lazada already has a product with this SKU (${m}). Give the variant a SKU of its own, or remove the old product on Lazada.`;

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
  [LazadaCode.invalidCode]: {
    kind: ChannelErrorKind.invalidToken,
    reason: () => 'Lazada refused the authorization code (used already, older than 30 minutes, or for another app): authorize again.',
  },
  [LazadaCode.invalidTimestamp]: {
    kind: ChannelErrorKind.badTimestamp,
    reason: () => "Lazada refused the request time: check this server's clock (it must be within 2 hours, 7200 seconds, of UTC).",
  },
  [LazadaCode.invalidAppKey]: { kind: ChannelErrorKind.badAppKey, reason: () => 'Lazada does not know the app key of this channel account: check it.' },
  [LazadaCode.missingParameter]: { kind: ChannelErrorKind.missingField, reason: (m) => `Lazada needs a parameter: ${m}.` },
  [LazadaCode.invalidParameter]: { kind: ChannelErrorKind.invalidField, reason: (m) => `Lazada refused a parameter: ${m}.` },
  [LazadaCode.missingField]: { kind: ChannelErrorKind.missingField, reason: (m) => `Lazada needs more information: ${m}.` },
  [LazadaCode.invalidFormat]: { kind: ChannelErrorKind.invalidField, reason: (m) => `Lazada could not read the request: ${m}.` },
  [LazadaCode.notJson]: { kind: ChannelErrorKind.invalidField, reason: (m) => `Lazada could not read the product: ${m}.` },
  [LazadaCode.badCategory]: {
    kind: ChannelErrorKind.badCategory,
    reason: (m) => `Lazada refused the category: ${m}. Ask a curator to map this category to a Lazada leaf category.`,
  },
  [LazadaCode.notLeafCategory]: {
    kind: ChannelErrorKind.badCategory,
    reason: (m) => `Lazada refused the category: ${m}. Ask a curator to map this category to a Lazada leaf category.`,
  },
  [LazadaCode.itemNotFound]: {
    kind: ChannelErrorKind.notFound,
    reason: () => 'The product is no longer on Lazada; it will be created again on the next export.',
  },
  [LazadaCode.productNotExists]: {
    kind: ChannelErrorKind.notFound,
    reason: () => 'The product is no longer on Lazada; it will be created again on the next export.',
  },
  [LazadaCode.duplicateSellerSku]: { kind: ChannelErrorKind.duplicateSku, reason: SKU_TAKEN },
  // createproduct.json lists SellerSku repeat also as 4126 and 4141; create-update-product-q-a.md Q6 as 4135
  '4126': { kind: ChannelErrorKind.duplicateSku, reason: SKU_TAKEN },
  '4141': { kind: ChannelErrorKind.duplicateSku, reason: SKU_TAKEN },
  [LazadaCode.salePropInvalid]: {
    kind: ChannelErrorKind.invalidField,
    reason: (m) => `Lazada refused a variant option: ${m}. Ask a curator to map the variant options to the category's sale attributes.`,
  },
  [LazadaCode.notAnOption]: {
    kind: ChannelErrorKind.invalidField,
    reason: (m) => `Lazada takes only its own values for this attribute: ${m}. Ask a curator to pick a value from Lazada's list.`,
  },
  [LazadaCode.valueNotInOptions]: {
    kind: ChannelErrorKind.invalidField,
    reason: (m) => `Lazada takes only its own values for this attribute: ${m}. Ask a curator to pick a value from Lazada's list.`,
  },
  [LazadaCode.brandInvalid]: {
    kind: ChannelErrorKind.invalidField,
    reason: (m) => `Lazada refused the brand in this category: ${m}. Ask a curator to set a brand in the category mapping.`,
  },
  [LazadaCode.noBrandRefused]: {
    kind: ChannelErrorKind.invalidField,
    reason: (m) => `Lazada does not take "No Brand" for this store: ${m}. Ask a curator to set a brand in the category mapping.`,
  },
  [LazadaCode.apiCallLimit]: { kind: ChannelErrorKind.throttled, reason: THROTTLED },
  [LazadaCode.throttled]: { kind: ChannelErrorKind.throttled, reason: THROTTLED },
  E901: { kind: ChannelErrorKind.throttled, reason: THROTTLED },
  [LazadaCode.requestTooFast]: { kind: ChannelErrorKind.throttled, reason: THROTTLED },
  [LazadaCode.serviceDisabled]: {
    kind: ChannelErrorKind.unavailable,
    reason: () => 'Lazada has switched this API off for a while (a campaign downgrade); the export tries again later.',
  },
  [LazadaCode.serviceTimeout]: { kind: ChannelErrorKind.unavailable, reason: () => 'Lazada timed out; the export tries again later.' },
};

/** "E201" and "201" name the same code (the docs' tables give both). */
const normalise = (code: string) => code.replace(/^E0*(?=\d)/, '');

/** Lazada's error envelope. Successes carry code "0" and their data beside it. */
export interface LazadaEnvelope {
  code: string;
  type?: 'ISV' | 'ISP' | 'SYSTEM';
  message?: string;
  request_id?: string;
  detail?: Array<{ seller_sku?: string; field?: string; message?: string; code?: string }>;
}

/** create-update-product-q-a.md Q10: the ban's length is in the message ("this ban will last 1 seconds"). */
export function banWindowMs(message: string | undefined): number {
  const match = /ban will last (\d+) seconds?/i.exec(message ?? '');
  // 901's page says "retry in the next second": at least a second either way.
  return Math.max(1, match ? Number(match[1]) : 1) * 1000;
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
  const known = KINDS[body.code] ?? KINDS[normalise(body.code)];
  const details: Record<string, unknown> = body.detail ? { detail: body.detail } : {};
  if (known?.kind === ChannelErrorKind.throttled) details.retryAfterMs = banWindowMs(message);
  const generic = body.code === LazadaCode.createFailed || body.code === LazadaCode.updateFailed;
  return new ChannelError({
    channel: 'lazada',
    kind: known?.kind ?? (body.type === 'ISP' && !generic ? ChannelErrorKind.unavailable : ChannelErrorKind.unknown),
    code: body.code,
    channelMessage: message,
    requestId: body.request_id,
    httpStatus,
    reason: known ? known.reason(message) : `Lazada refused the request: ${message || `code ${body.code}`}.`,
    details,
  });
}
