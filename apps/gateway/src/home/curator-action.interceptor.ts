import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, catchError, concatMap, from, switchMap, throwError } from 'rxjs';
import { DomainError, ErrorCode } from '@pk/core';
import { AuthedRequest } from '../auth/auth.decorators';
import { toHttpError } from '../http/http-errors';
import { ActionAttempt, CuratorActionsService } from './curator-actions.service';
import { AUDITED, attemptOf, isCuratorWrite } from './curator-write';

/**
 * Global: logs every write request of a curator, on any route. The attempt is stored before the
 * handler runs (a crash mid-action still leaves it) and completed with its status after. Runs
 * after the auth guard, which puts the caller on the request; anyone else costs nothing here.
 */
@Injectable()
export class CuratorActionInterceptor implements NestInterceptor {
  private readonly logger = new Logger('CuratorAudit');

  constructor(
    private readonly actions: CuratorActionsService,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<FastifyRequest & AuthedRequest>();
    if (!isCuratorWrite(req)) return next.handle();
    (req as unknown as Record<symbol, boolean>)[AUDITED] = true;
    return from(this.begin(attemptOf(req))).pipe(
      switchMap((id) =>
        next.handle().pipe(
          concatMap(async (value) => {
            await this.finish(id, this.successStatus(ctx, req.method), null);
            return value;
          }),
          catchError((error: unknown) => {
            const { status, body } = toHttpError(error);
            return from(this.finish(id, status, body.error.code)).pipe(switchMap(() => throwError(() => error)));
          }),
        ),
      ),
    );
  }

  /** No unlogged curator write: if the log cannot take the attempt, the action is refused. */
  private async begin(attempt: ActionAttempt): Promise<string> {
    try {
      return await this.actions.begin(attempt);
    } catch (error) {
      this.logger.error({ err: (error as Error).message, action: attempt.action }, 'cannot record curator action');
      throw new DomainError(ErrorCode.serviceUnavailable, 'The audit log is unavailable; the action was not carried out. Try again shortly.');
    }
  }

  /** The action already happened: a failure to complete its row is logged, not turned into an error. */
  private async finish(id: string, status: number, errorCode: string | null): Promise<void> {
    await this.actions.finish(id, status, errorCode).catch((error: Error) => {
      this.logger.error({ err: error.message, id }, 'cannot complete curator action');
    });
  }

  // Nest applies @HttpCode after interceptors; a handler may have set the status on the reply itself.
  private successStatus(ctx: ExecutionContext, method: string): number {
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, ctx.getHandler());
    if (declared) return declared;
    const set = ctx.switchToHttp().getResponse<FastifyReply>().statusCode;
    if (set && set !== 200) return set;
    return method === 'POST' ? 201 : 200;
  }
}
