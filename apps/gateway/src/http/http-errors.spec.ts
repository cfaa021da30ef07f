import { HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { DomainError, ErrorCode } from '@pk/core';
import { toHttpError } from './http-errors';

describe('toHttpError', () => {
  it('maps a coded error by the table, with Retry-After when it says so', () => {
    const e = toHttpError(new DomainError(ErrorCode.loginThrottled, 'wait', { retryAfterSeconds: 30 }));
    expect(e).toEqual({ status: 429, body: { error: { code: 'login_throttled', message: 'wait', details: { retryAfterSeconds: 30 } } }, headers: { 'retry-after': '30' } });
  });

  it('keeps 4xx from Nest and Fastify with a code', () => {
    expect(toHttpError(new PayloadTooLargeException('Request body is too large'))).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    expect(toHttpError(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, body: { error: { code: 'route_not_found', message: 'No route for GET /x.' } } });
    expect(toHttpError(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 }))).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
  });

  it('hides anything else, 5xx exceptions included, behind a generic 500', () => {
    for (const error of [new Error('relation "identity.users" does not exist'), new HttpException('db password is hunter2', 500), 'boom']) {
      const e = toHttpError(error);
      expect(e.status).toBe(500);
      expect(e.body.error.code).toBe('internal_error');
      expect(JSON.stringify(e.body)).not.toMatch(/identity|hunter2|boom/);
    }
  });
});
