import { FastifyInstance } from 'fastify';
import { DomainError, ErrorCode } from '@pk/core';

export const WEBHOOK_PATH_PREFIX = '/api/v1/webhooks/';

/**
 * Fastify's own JSON parser (with its prototype-poisoning protection), but failing with coded
 * errors: Nest would otherwise turn them into a bare 400 and lose what went wrong.
 */
export function useCodedJsonParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body.toString();
    // Webhooks are verified over the exact bytes sent: they reach their controller unparsed.
    if (req.url.startsWith(WEBHOOK_PATH_PREFIX)) {
      done(null, text);
      return;
    }
    if (text.trim() === '') {
      done(new DomainError(ErrorCode.malformedJson, 'The request says it sends JSON but the body is empty.'), undefined);
      return;
    }
    parse(req, text, (error, value) => {
      if (error) done(new DomainError(ErrorCode.malformedJson, 'The request body is not valid JSON.'), undefined);
      else done(null, value);
    });
  });
}
