import { FastifyInstance } from 'fastify';

export const CSV_MEDIA_TYPE = 'text/csv';

/**
 * `text/csv` bodies (bulk upload) arrive as raw bytes, up to their own limit: the catalog judges
 * the encoding itself, so it can name the first row that is not UTF-8.
 */
export function useCsvBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.addContentTypeParser(CSV_MEDIA_TYPE, { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));
}
