import { ChannelError, ChannelErrorKind } from '../channel-errors';

// Every code here is documented: the common errors page
// (developer-guide/tiktok-shop-api-concepts/common-errors.json) or an endpoint's own error list
// (api-reference/<section>/<endpoint>.spec.json, `error_code_list`). Paths are under data/raw/tiktok/.
export const TikTokCode = {
  ok: 0,
  // developer-guide/tiktok-shop-api-concepts/common-errors.json
  throttled: 36009002,
  internalError: 36009003,
  /** Missing signature, invalid access token or app key, timestamp out of range, unexpected shop_cipher. */
  invalidCredentials: 36009004,
  timeout: 36009007,
  invalidPath: 36009009,
  invalidMethod: 36009010,
  invalidRequestFormat: 36009022,
  tokenNotForShop: 101000,
  accessDenied: 105005,
  expiredToken: 105002,
  badSignature: 106001,
  missingShopCipher: 106013,
  // products/create-product.spec.json (and edit, partial-edit)
  categoryNotFound: 12052023,
  categoryNotLeaf: 12052024,
  categoryInvalid: 12052025,
  categoryNotLeafOrVersion: 12052230,
  mainImageRequired: 12052028,
  mainImageIllegal: 12052300,
  mainImageTooSmall: 12052301,
  mainImagesTooMany: 12052306,
  descriptionRequired: 12052015,
  descriptionTooLong: 12052013,
  titleTooLong: 12052051,
  titleEmpty: 12052261,
  sellerSkuTooLong: 12052054,
  inventoryOutOfRange: 12052055,
  priceInvalid: 12052073,
  propertyRequired: 12052104,
  packageWeightInvalid: 12019011,
  packageSizeInvalid: 12019012,
  notMultiSelect: 12052246,
  customAttributeNotSupported: 12052247,
  attributeValueEmpty: 12052248,
  attributeValueTooLong: 12052249,
  attributeNameTooLong: 12052242,
  salesAttributesOverThree: 12052525,
  salesAttributeNotFound: 12052527,
  attributeValueIdNotFound: 12052529,
  warehouseNotOfShop: 12052530,
  skuMissingSalesAttributes: 12052550,
  duplicateSalesAttributes: 12052560,
  invalidInput: 12052910,
  // products/update-inventory.spec.json, update-price.spec.json, deactivate-products.spec.json
  productNotFound: 12052032,
  productIdNotFound: 12052260,
  productNotInShop: 12052048,
  skuIdNotFound: 12052556,
  /** Price and inventory updates apply to ACTIVATE products only. */
  statusNotAvailable: 12052901,
  tooManyProductIds: 12019120,
  // products/upload-product-image.spec.json
  imageDimensions: 12038014,
  imageFormat: 12038015,
  imageTooLarge: 12038005,
  imageInvalidFile: 12038002,
  // promotion/create-activity.spec.json, update-activity-product.spec.json, deactivate-activity.spec.json
  promotionInvalidParams: 17029001,
  activityTitleTooLong: 17029002,
  activityTitleDuplicate: 17029004,
  activityBeginInPast: 17029005,
  activityTooShort: 17029006,
  activityTooLong: 17029007,
  activityNotFound: 17029009,
  activityDeactivated: 17029010,
  activityExpired: 17029012,
  activityQuantityLimit: 17029015,
  skuInOtherActivity: 17029022,
  activityPriceInvalid: 17029034,
} as const;

type Known = { kind: ChannelErrorKind; reason: (message: string) => string };
const K = ChannelErrorKind;
const field = (what: string): Known => ({ kind: K.invalidField, reason: (m) => `TikTok Shop refused ${what}: ${m}.` });
const category: Known = { kind: K.badCategory, reason: (m) => `TikTok Shop refused the category: ${m}. Ask a curator to map this category to a TikTok leaf category.` };
const image: Known = { kind: K.invalidImage, reason: (m) => `TikTok Shop refused a photo: ${m}.` };
const missing: Known = { kind: K.missingField, reason: (m) => `TikTok Shop needs more information: ${m}.` };
const closedActivity: Known = { kind: K.invalidField, reason: (m) => `TikTok Shop has already ended the promotion activity: ${m}.` };

const KINDS: Record<number, Known> = {
  [TikTokCode.throttled]: { kind: K.throttled, reason: () => 'TikTok Shop is throttling this shop (over 50 requests a second per API); the export slows down and tries again.' },
  [TikTokCode.internalError]: { kind: K.unavailable, reason: () => 'TikTok Shop had an internal error; the export tries again later.' },
  [TikTokCode.timeout]: { kind: K.unavailable, reason: () => 'TikTok Shop timed out; the export tries again later.' },
  [TikTokCode.expiredToken]: { kind: K.expiredToken, reason: () => 'The TikTok Shop access token of this channel account has expired; it is being refreshed.' },
  [TikTokCode.badSignature]: { kind: K.badSignature, reason: () => 'TikTok Shop refused the request signature: check the app secret of this channel account.' },
  [TikTokCode.tokenNotForShop]: {
    kind: K.invalidToken,
    reason: () => 'TikTok Shop says the access token is not for this shop: reconnect the shop to TikTok Shop.',
  },
  [TikTokCode.accessDenied]: {
    kind: K.unknown,
    reason: () => 'TikTok Shop denied access: the app or its token lacks the scope this call needs. Ask the seller to authorize the app again.',
  },
  [TikTokCode.missingShopCipher]: missing,
  [TikTokCode.categoryNotFound]: category,
  [TikTokCode.categoryNotLeaf]: category,
  [TikTokCode.categoryInvalid]: category,
  [TikTokCode.categoryNotLeafOrVersion]: category,
  [TikTokCode.mainImageRequired]: image,
  [TikTokCode.mainImageIllegal]: image,
  [TikTokCode.mainImageTooSmall]: image,
  [TikTokCode.mainImagesTooMany]: image,
  [TikTokCode.imageDimensions]: image,
  [TikTokCode.imageFormat]: image,
  [TikTokCode.imageTooLarge]: image,
  [TikTokCode.imageInvalidFile]: image,
  [TikTokCode.descriptionRequired]: missing,
  [TikTokCode.titleEmpty]: missing,
  [TikTokCode.propertyRequired]: missing,
  [TikTokCode.attributeValueEmpty]: missing,
  [TikTokCode.skuMissingSalesAttributes]: missing,
  [TikTokCode.descriptionTooLong]: field('the description'),
  [TikTokCode.titleTooLong]: field('the title'),
  [TikTokCode.sellerSkuTooLong]: field('a SKU'),
  [TikTokCode.inventoryOutOfRange]: field('a stock quantity (1–99,999)'),
  [TikTokCode.priceInvalid]: field('a price'),
  [TikTokCode.packageWeightInvalid]: field('the package weight'),
  [TikTokCode.packageSizeInvalid]: field('the package size'),
  [TikTokCode.notMultiSelect]: field('several values for an attribute that takes one'),
  [TikTokCode.customAttributeNotSupported]: field('a value outside the attribute’s list'),
  [TikTokCode.attributeValueTooLong]: field('an attribute value'),
  [TikTokCode.attributeNameTooLong]: field('an attribute name'),
  [TikTokCode.salesAttributesOverThree]: field('more than 3 variant attributes'),
  [TikTokCode.salesAttributeNotFound]: field('a variant attribute'),
  [TikTokCode.attributeValueIdNotFound]: field('an attribute value id'),
  [TikTokCode.warehouseNotOfShop]: field('the warehouse'),
  [TikTokCode.duplicateSalesAttributes]: field('two variants with the same options'),
  [TikTokCode.invalidInput]: field('the request'),
  [TikTokCode.statusNotAvailable]: {
    kind: K.invalidField,
    reason: (m) => `TikTok Shop takes price and stock changes only for live (ACTIVATE) products: ${m}. They are sent again once the product passes audit.`,
  },
  [TikTokCode.productNotFound]: { kind: K.notFound, reason: () => 'The product is no longer on TikTok Shop; it will be created again on the next export.' },
  [TikTokCode.productIdNotFound]: { kind: K.notFound, reason: () => 'The product is no longer on TikTok Shop; it will be created again on the next export.' },
  [TikTokCode.productNotInShop]: { kind: K.notFound, reason: () => 'The product is not in this TikTok shop; it will be created again on the next export.' },
  [TikTokCode.skuIdNotFound]: { kind: K.notFound, reason: (m) => `TikTok Shop does not know the SKU: ${m}.` },
  [TikTokCode.tooManyProductIds]: field('the number of products (at most 20)'),
  [TikTokCode.activityNotFound]: { kind: K.notFound, reason: () => 'The promotion activity is no longer on TikTok Shop; it is created again on the next export.' },
  [TikTokCode.activityDeactivated]: closedActivity,
  [TikTokCode.activityExpired]: closedActivity,
  [TikTokCode.activityBeginInPast]: field('the promotion start (it must be later than now)'),
  [TikTokCode.activityTitleTooLong]: field('the promotion title (at most 50 characters)'),
  [TikTokCode.activityTitleDuplicate]: field('the promotion title (used by another activity)'),
  [TikTokCode.activityTooShort]: field('the promotion period (too short)'),
  [TikTokCode.activityTooLong]: field('the promotion period (too long)'),
  [TikTokCode.activityPriceInvalid]: field('the campaign price'),
  [TikTokCode.activityQuantityLimit]: field('the promotion quantity limit'),
  [TikTokCode.promotionInvalidParams]: field('the promotion'),
  [TikTokCode.skuInOtherActivity]: {
    kind: K.invalidField,
    reason: (m) => `TikTok Shop refused the campaign price: ${m}. A SKU takes part in one promotion activity at a time; end the other one in TikTok Shop Seller Center.`,
  },
};

/** Codes that say the activity is over (deactivated or expired): nothing more to do with it. */
export const ACTIVITY_CLOSED: ReadonlySet<string> = new Set([String(TikTokCode.activityDeactivated), String(TikTokCode.activityExpired)]);

/**
 * 36009004 covers several causes; the message tells them apart
 * (developer-guide/tiktok-shop-api-concepts/common-errors.json). An unrecognised message is read as
 * an invalid token, the stricter reading: the caller refreshes once and, if that fails, the account
 * must be reconnected.
 */
function credentials(message: string): Known {
  if (/identifier|shop_cipher|category_asset_cipher|version/i.test(message)) {
    return { kind: K.invalidField, reason: (m) => `TikTok Shop refused an identifier in the request (${m}); this is a fault in our client, reported to the developers.` };
  }
  if (/timestamp/i.test(message)) {
    return { kind: K.badTimestamp, reason: () => "TikTok Shop refused the request time: check this server's clock (it must be within 5 minutes behind to 30 seconds ahead of TikTok's)." };
  }
  if (/app_?key/i.test(message)) return { kind: K.badAppKey, reason: () => 'TikTok Shop does not know the app key of this channel account: check it.' };
  if (/signature/i.test(message)) return { kind: K.badSignature, reason: () => 'TikTok Shop says the request carries no signature.' };
  return { kind: K.invalidToken, reason: () => 'TikTok Shop did not accept the access token of this channel account; it is being refreshed.' };
}

export interface TikTokEnvelope<T = unknown> {
  code: number;
  message: string;
  request_id?: string;
  data?: T;
}

/** The error for a non-zero code (or a body that is not TikTok's envelope). */
export function tiktokError(httpStatus: number, body: Partial<TikTokEnvelope> | null): ChannelError {
  if (!body || typeof body.code !== 'number') {
    // rate-limits.json: 429 is throttling, 503 the service protecting itself.
    const kind = httpStatus === 429 ? K.throttled : httpStatus >= 500 || httpStatus === 0 ? K.unavailable : K.unknown;
    return new ChannelError({
      channel: 'tiktok_shop',
      kind,
      code: `http_${httpStatus}`,
      httpStatus,
      reason: kind === K.unknown ? `TikTok Shop answered HTTP ${httpStatus} without a reason.` : `TikTok Shop is not answering (HTTP ${httpStatus}); the export tries again later.`,
    });
  }
  const message = body.message ?? '';
  const known =
    body.code === TikTokCode.invalidCredentials ? credentials(message) : (KINDS[body.code] ?? (httpStatus === 429 ? KINDS[TikTokCode.throttled] : undefined));
  return new ChannelError({
    channel: 'tiktok_shop',
    kind: known?.kind ?? (httpStatus >= 500 ? K.unavailable : K.unknown),
    code: String(body.code),
    channelMessage: message,
    requestId: body.request_id,
    httpStatus,
    reason: known ? known.reason(message) : `TikTok Shop refused the request: ${message || `code ${body.code}`}.`,
  });
}
