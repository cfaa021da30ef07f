/**
 * Every coded failure and the HTTP status it becomes. Services throw DomainError with one of
 * these; the gateway maps it here, once. Later domains add their codes to this table.
 */
export const ErrorCode = {
  validationFailed: 'validation_failed',
  malformedJson: 'malformed_json',
  unsupportedMediaType: 'unsupported_media_type',
  payloadTooLarge: 'payload_too_large',
  badRequest: 'bad_request',
  unauthenticated: 'unauthenticated',
  tokenExpired: 'token_expired',
  tokenInvalid: 'token_invalid',
  refreshTokenReused: 'refresh_token_reused',
  invalidCredentials: 'invalid_credentials',
  forbidden: 'forbidden',
  notFound: 'not_found',
  routeNotFound: 'route_not_found',
  methodNotAllowed: 'method_not_allowed',
  emailTaken: 'email_taken',
  conflict: 'conflict',
  slugTaken: 'slug_taken',
  skuTaken: 'sku_taken',
  alreadyApplied: 'already_applied',
  invalidTransition: 'invalid_transition',
  artisanNotVerified: 'artisan_not_verified',
  insufficientStock: 'insufficient_stock',
  reservationClosed: 'reservation_closed',
  invalidImage: 'invalid_image',
  invalidCsv: 'invalid_csv',
  tooManyRequests: 'too_many_requests',
  loginThrottled: 'login_throttled',
  serviceUnavailable: 'service_unavailable',
  serviceTimeout: 'service_timeout',
  internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  bad_request: 400,
  unauthenticated: 401,
  token_expired: 401,
  token_invalid: 401,
  refresh_token_reused: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  email_taken: 409,
  conflict: 409,
  slug_taken: 409,
  sku_taken: 409,
  already_applied: 409,
  invalid_transition: 409,
  artisan_not_verified: 403,
  insufficient_stock: 409,
  reservation_closed: 409,
  invalid_image: 422,
  invalid_csv: 422,
  too_many_requests: 429,
  login_throttled: 429,
  service_unavailable: 503,
  service_timeout: 504,
  internal_error: 500,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in ERROR_HTTP_STATUS;
}
