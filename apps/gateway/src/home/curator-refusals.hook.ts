import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { AuthedRequest } from '../auth/auth.decorators';
import { CuratorActionsService } from './curator-actions.service';
import { AUDITED, attemptOf, isCuratorWrite } from './curator-write';

/**
 * A curator write refused before any handler ran (the role check of the auth guard) never
 * reaches the interceptor; this hook logs it once the response is out. The guard has put the
 * caller on the request by then, so anyone else still costs nothing.
 */
@Injectable()
export class CuratorRefusalsHook implements OnModuleInit {
  private readonly logger = new Logger('CuratorAudit');

  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly actions: CuratorActionsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', async (req: FastifyRequest & AuthedRequest, reply) => {
      if ((req as unknown as Record<symbol, boolean>)[AUDITED] || !isCuratorWrite(req) || reply.statusCode < 400) return;
      try {
        await this.actions.record(attemptOf(req), reply.statusCode, REFUSAL_CODES[reply.statusCode] ?? null);
      } catch (error) {
        this.logger.error({ err: (error as Error).message, action: req.method }, 'cannot record refused curator action');
      }
    });
  }
}

/** The codes the guard refuses with (its error body is already sent by now). */
const REFUSAL_CODES: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden' };
