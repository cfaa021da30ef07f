import { Caller, Role, Roles, RpcCaller, RpcEnvelope, ServiceName, isServiceCaller } from '@pk/contracts';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';

/** Admins pass every role check; anyone else needs one of `roles` (none asked: any caller). */
export function hasAnyRole(caller: Caller, roles: readonly Role[]): boolean {
  return roles.length === 0 || caller.roles.includes(Roles.admin) || roles.some((role) => caller.roles.includes(role));
}

const signInFirst = () => new DomainError(ErrorCode.unauthenticated, 'Sign in first.');

/**
 * The user calling an RPC, as the gateway authenticated them: the only identity a service acts on
 * (never a user id from the data). Throws the coded 401/403 the gateway maps; one of our apps
 * speaking for itself is no user, so it is refused here (a pattern open to apps uses `allow`).
 */
export function requireCaller(envelope: Pick<RpcEnvelope, 'caller'>, ...roles: Role[]): Caller {
  const caller = envelope.caller;
  if (!caller) throw signInFirst();
  if (isServiceCaller(caller)) {
    throw new DomainError(ErrorCode.forbidden, 'This is for signed-in users, not for other services.', { service: caller.app });
  }
  if (!hasAnyRole(caller, roles)) {
    throw new DomainError(ErrorCode.forbidden, `This needs one of these roles: ${roles.join(', ')}.`, { requiredRoles: roles });
  }
  return caller;
}

/** A public pattern's caller: the signed-in user, or null for an anonymous one; never another app. */
export function userOrAnonymous(envelope: Pick<RpcEnvelope, 'caller'>): Caller | null {
  return envelope.caller ? requireCaller(envelope) : null;
}

/** Who may call a pattern: users with one of `roles` ('any': every signed-in user), and these apps. */
export interface CallerRule {
  roles?: readonly Role[] | 'any';
  services?: readonly ServiceName[];
}

/**
 * The caller of a pattern open to users and/or to our other apps, checked like a role. Nobody
 * (a null caller) is refused: anonymous is for public reads only and never stands for "the system".
 */
export function allow(envelope: Pick<RpcEnvelope, 'caller'>, rule: CallerRule): RpcCaller {
  const caller = envelope.caller;
  if (!caller) throw signInFirst();
  if (isServiceCaller(caller)) {
    const services = rule.services ?? [];
    if (!services.includes(caller.app)) {
      throw new DomainError(ErrorCode.forbidden, `The ${String(caller.app)} service may not call this.`, { service: caller.app, allowedServices: services });
    }
    return caller;
  }
  if (!rule.roles) throw new DomainError(ErrorCode.forbidden, 'Only our services call this.', { allowedServices: rule.services ?? [] });
  return requireCaller({ caller }, ...(rule.roles === 'any' ? [] : rule.roles));
}

/** The user to record as having done a thing; null when one of our apps did it on its own. */
export function actorId(caller: RpcCaller): string | null {
  return isServiceCaller(caller) ? null : caller.userId;
}
