import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { toHttpError } from './http-errors';

/** Sends every failure in the one error shape; logs the unexpected ones with their stack. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendError(error: unknown, req: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { status, body, headers } = toHttpError(error);
  if (status >= 500) {
    logger.error({ reqId: req.id, err: error instanceof Error ? { message: error.message, stack: error.stack } : error }, 'request failed');
  }
  void reply.status(status).headers(headers ?? {}).send(body);
}
