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
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) {
      return fromDomain(new DomainError(ErrorCode.routeNotFound, `${error.message.replace(/^Cannot /, 'No route for ')}.`));
    }
    const code = STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.internal : ErrorCode.badRequest);
    return { status: ERROR_HTTP_STATUS[code] === status ? status : ERROR_HTTP_STATUS[code], body: { error: { code, message: error.message } } };
  }
  // Fastify's own errors (body too large, media type) reach here as HttpException via Nest,
  // or as themselves from a hook.
  const fastify = error as { statusCode?: number; message?: string };
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const code = STATUS_CODES[fastify.statusCode] ?? ErrorCode.badRequest;
    return { status: fastify.statusCode, body: { error: { code, message: fastify.message ?? 'Bad request.' } } };
  }
  return {
    status: 500,
    body: { error: { code: ErrorCode.internal, message: 'Something went wrong on our side; it has been logged.' } },
  };
}
