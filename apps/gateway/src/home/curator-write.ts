import { FastifyRequest } from 'fastify';
import { Caller, Roles } from '@pk/contracts';
import { storableText } from '@pk/core';
import { AuthedRequest } from '../auth/auth.decorators';
import { summarizeBody } from './body-summary';
import { ActionAttempt } from './curator-actions.service';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Set on a request the interceptor logs; the refusal hook logs the curator writes it never saw. */
export const AUDITED = Symbol('pk:curator-audited');

/** A write of a curator, as the auth guard left the request. */
export function isCuratorWrite(req: FastifyRequest & AuthedRequest): req is FastifyRequest & AuthedRequest & { caller: Caller } {
  return !READS.has(req.method) && isCurator(req.caller);
}

/** What the log keeps of a request, before it runs. */
export function attemptOf(req: FastifyRequest & AuthedRequest & { caller: Caller }): ActionAttempt {
  const path = req.url.split('?')[0];
  return {
    curatorId: req.caller.userId,
    action: `${req.method} ${req.routeOptions?.url ?? path}`,
    path,
    targets: Object.fromEntries(Object.entries((req.params as Record<string, string> | undefined) ?? {}).map(([k, v]) => [k, storableText(String(v))])),
    body: summarizeBody(req.body),
    requestId: typeof req.id === 'string' ? req.id : null,
  };
}

/** Curators act for the council; admins pass every curator check, so their writes are logged too. */
export function isCurator(caller: Caller | undefined): caller is Caller {
  return !!caller && (caller.roles.includes(Roles.curator) || caller.roles.includes(Roles.admin));
}
