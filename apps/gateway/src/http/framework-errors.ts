import http from 'http';
import { Socket } from 'net';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorBody, ErrorCode } from '@pk/core';

// Fastify's router and Node's HTTP parser refuse some requests before Nest sees them, and answer
// in their own shape ({ error: 'Bad Request', code: 'FST_ERR_…', statusCode }), echoing the whole
// URL. These answer in the API's one shape instead, naming what to fix.

/** A path that does not decode (a percent-escape that is not UTF-8) or a parameter over the router's length. */
export function frameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const refusal =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new DomainError(ErrorCode.validationFailed, 'A path parameter is too long; the ids and slugs of this API are at most 100 characters.', [
          { field: '(path)', messages: ['a path parameter is longer than 100 characters'] },
        ])
      : new DomainError(ErrorCode.validationFailed, 'The URL path holds a percent-escape that is not UTF-8 text; encode it as UTF-8.', [
          { field: '(path)', messages: ['not valid percent-encoded UTF-8'] },
        ]);
  void reply.status(400).send({ error: refusal.toBody() });
}

/** Headers over the size limit (431) or a request the parser cannot read (400), in the API's shape. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, body]: [number, ErrorBody] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, { code: ErrorCode.badRequest, message: 'The request headers are too large.' }]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, { code: ErrorCode.badRequest, message: 'The request took too long to arrive.' }]
        : [400, { code: ErrorCode.badRequest, message: 'The request is not valid HTTP.' }];
  const text = JSON.stringify({ error: body });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${text}`);
  }
  socket.destroy(error);
}
