import { HttpException } from '@nestjs/common';
import { DomainError, ERROR_HTTP_STATUS, ErrorBody, ErrorCode } from '@pk/core';

export interface HttpError {
  status: number;
  body: { error: ErrorBody };
  headers?: Record<string, string>;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.badRequest,
  401: ErrorCode.unauthenticated,
  403: ErrorCode.forbidden,
  404: ErrorCode.notFound,
  405: ErrorCode.methodNotAllowed,
  409: ErrorCode.conflict,
  413: ErrorCode.payloadTooLarge,
  415: ErrorCode.unsupportedMediaType,
  429: ErrorCode.tooManyRequests,
};

function fromDomain(error: DomainError): HttpError {
  const status = ERROR_HTTP_STATUS[error.code];
  const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  return {
    status,
    body: { error: error.toBody() },
    headers: retry !== undefined ? { 'retry-after': String(retry) } : undefined,
  };
}

/**
 * The one place any failure becomes an HTTP response: `{ error: { code, message, details } }`.
 * Anything not recognised is a 500 with a generic message; its stack goes to the log only.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof DomainError) return fromDomain(error);
  // Nest's own exceptions (guards, unknown routes) and Fastify's (body too large, media type,
  // which Nest rethrows as HttpException) carry a status; a 4xx keeps its message.
  const status = error instanceof HttpException ? error.getStatus() : (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = (error as Error).message;
    if (status === 404 && error instanceof HttpException) {
      return fromDomain(new DomainError(ErrorCode.routeNotFound, `${message.replace(/^Cannot /, 'No route for ')}.`));
    }
    return { status, body: { error: { code: STATUS_CODES[status] ?? ErrorCode.badRequest, message: message || 'Bad request.' } } };
  }
  return {
    status: 500,
    body: { error: { code: ErrorCode.internal, message: 'Something went wrong on our side; it has been logged.' } },
  };
}
