import { Caller, Role, Roles, RpcEnvelope } from '@pk/contracts';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';

/** Admins pass every role check; anyone else needs one of `roles` (none asked: any caller). */
export function hasAnyRole(caller: Caller, roles: readonly Role[]): boolean {
  return roles.length === 0 || caller.roles.includes(Roles.admin) || roles.some((role) => caller.roles.includes(role));
}

/**
 * The caller of an RPC, as the gateway authenticated it: the only identity a service acts on
 * (never a user id from the data). Throws the coded 401/403 the gateway maps.
 */
export function requireCaller(envelope: Pick<RpcEnvelope, 'caller'>, ...roles: Role[]): Caller {
  const caller = envelope.caller;
  if (!caller) throw new DomainError(ErrorCode.unauthenticated, 'Sign in first.');
  if (!hasAnyRole(caller, roles)) {
    throw new DomainError(ErrorCode.forbidden, `This needs one of these roles: ${roles.join(', ')}.`, { requiredRoles: roles });
  }
  return caller;
}
