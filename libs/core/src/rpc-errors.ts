import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';
import { DomainError, ErrorBody } from './domain-error';
import { ErrorCode } from './error-codes';

// A service out of database connections under load (pg's pool waited connectionTimeoutMillis),
// or a Postgres that is down or restarting: a moment's trouble the caller can retry, not a bug.
const BUSY = /timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED|the database system is (starting up|shutting down)|too many clients/i;

/** What crosses the RPC boundary for a failure: the coded body, never a stack. */
export function toRpcError(error: unknown): { error: ErrorBody } {
  if (error instanceof DomainError) return { error: error.toBody() };
  if (error instanceof Error && BUSY.test(error.message)) {
    return { error: { code: ErrorCode.serviceUnavailable, message: 'The service is busy or its database is unavailable; try again in a moment.' } };
  }
  return { error: { code: ErrorCode.internal, message: 'The service failed to handle the request.' } };
}

/** Every service installs this: coded errors pass through, anything else is logged and hidden. */
@Catch()
export class RpcErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(error: unknown, _host: ArgumentsHost): Observable<never> {
    if (!(error instanceof DomainError)) this.logger.error(error instanceof Error ? error.stack : String(error));
    return throwError(() => new RpcException(toRpcError(error)).getError());
  }
}
