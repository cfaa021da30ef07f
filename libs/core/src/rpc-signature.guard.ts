import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { DomainError } from './domain-error';
import { verifyEnvelope } from './rpc-signature';

/**
 * Every service installs this before any handler runs: an envelope not signed by one of our apps
 * (with the shared SERVICE_RPC_SECRET) is refused, whatever caller it claims.
 */
@Injectable()
export class RpcSignatureGuard implements CanActivate {
  private readonly logger = new Logger('RpcSignature');

  constructor(private readonly secret: string) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'rpc') return true;
    const rpc = ctx.switchToRpc();
    const pattern = rpc.getContext()?.getPattern?.();
    try {
      verifyEnvelope(this.secret, typeof pattern === 'string' ? pattern : JSON.stringify(pattern), rpc.getData());
    } catch (error) {
      if (error instanceof DomainError) this.logger.warn({ pattern, refused: error.details });
      throw error;
    }
    return true;
  }
}
