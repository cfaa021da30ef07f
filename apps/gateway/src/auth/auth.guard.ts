import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { Role } from '@pk/contracts';
import { DomainError, ErrorCode, requireCaller } from '@pk/core';
import { AccessTokens } from './access-tokens';
import { AuthedRequest, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { SessionStates } from './session-states';

/**
 * Global guard: reads the Bearer token, checks its sign-in and session version are still current
 * (a logout or a role taken away ends a token at once, not when it expires), puts the caller on the
 * request, and enforces @Public and @Roles. Routes are closed unless marked public.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly sessions: SessionStates,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & AuthedRequest>();
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const token = bearer(req.headers.authorization);
    if (token) {
      const grant = this.tokens.verify(token);
      await this.sessions.assertCurrent(grant);
      req.caller = grant.caller;
    } else if (req.headers.authorization !== undefined) {
      throw new DomainError(ErrorCode.tokenInvalid, 'Send the access token as "Authorization: Bearer <token>".');
    }
    if (isPublic) return true;
    if (!req.caller) {
      throw new DomainError(ErrorCode.unauthenticated, 'Sign in first: send "Authorization: Bearer <access token>".');
    }
    // The same check the services make on the envelope.
    requireCaller({ caller: req.caller }, ...(this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ?? []));
    return true;
  }
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1] : null;
}
