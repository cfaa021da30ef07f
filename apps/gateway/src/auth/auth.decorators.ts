import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Caller, Role } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';

export const IS_PUBLIC = 'pk:public';
export const REQUIRED_ROLES = 'pk:roles';

/** Open to anonymous callers (every other route needs a valid access token). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Open to callers holding any of these roles; admins pass every role check. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export interface AuthedRequest {
  id: string;
  caller?: Caller;
}

/** The authenticated caller; routes that use it are never @Public. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const caller = ctx.switchToHttp().getRequest<AuthedRequest>().caller;
  if (!caller) throw new DomainError(ErrorCode.unauthenticated, 'Sign in first.');
  return caller;
});

/** The request id, for passing on to services and logs. */
export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest<AuthedRequest>().id);

/** The caller when a token was sent, else null: for public routes that show owners more. */
export const OptionalCaller = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Caller | null => ctx.switchToHttp().getRequest<AuthedRequest>().caller ?? null,
);
