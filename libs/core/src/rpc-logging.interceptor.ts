import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { RpcEnvelope, isServiceCaller } from '@pk/contracts';

/** One log line per RPC, carrying the gateway's request id, so a request can be followed across apps. */
@Injectable()
export class RpcLoggingInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Rpc');

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = ctx.switchToRpc();
    const envelope = rpc.getData<Partial<RpcEnvelope>>();
    const pattern = String(rpc.getContext()?.getPattern?.() ?? ctx.getHandler().name);
    const reqId = envelope?.requestId;
    const caller = envelope?.caller;
    const userId = caller && !isServiceCaller(caller) ? caller.userId : undefined;
    const service = isServiceCaller(caller) ? caller.app : undefined;
    const started = performance.now();
    const line = (outcome: string) => ({ reqId, userId, service, pattern, outcome, ms: Math.round(performance.now() - started) });
    return next.handle().pipe(
      tap({
        next: () => this.logger.log(line('ok')),
        error: (error: { code?: string }) => this.logger.warn(line(error?.code ?? 'error')),
      }),
    );
  }
}
