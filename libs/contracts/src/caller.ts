import { ServiceName } from './services';

export const Roles = {
  buyer: 'buyer',
  artisan: 'artisan',
  curator: 'curator',
  admin: 'admin',
} as const;
export type Role = (typeof Roles)[keyof typeof Roles];
export const ALL_ROLES: Role[] = Object.values(Roles);

/** Who is calling, as the gateway authenticated them. Services never take a user id from a body. */
export interface Caller {
  kind?: 'user';
  userId: string;
  roles: Role[];
}

/**
 * One of our back-end apps acting for itself (orders committing stock after a payment), never on
 * behalf of a user it made up. Only a service's own ServiceClients can sign one (the gateway
 * forwards users only); a receiver lets it in per pattern, like a role (`allow` in @pk/core).
 */
export interface ServiceCaller {
  kind: 'service';
  app: ServiceName;
}

/** Whoever an RPC envelope names: a user the gateway authenticated, or one of our apps. */
export type RpcCaller = Caller | ServiceCaller;

export const serviceCaller = (app: ServiceName): ServiceCaller => ({ kind: 'service', app });

export function isServiceCaller(caller: RpcCaller | null | undefined): caller is ServiceCaller {
  return caller?.kind === 'service';
}

/**
 * Every RPC payload: the caller (null only for anonymous reads; every write names a user or a service), the request id for logs, the data,
 * and the sender's HMAC over all of them with the pattern and `signedAt` (ms since the epoch):
 * a service acts on the caller only when the signature proves one of our apps wrote it.
 */
export interface RpcEnvelope<T = unknown> {
  caller: RpcCaller | null;
  requestId?: string;
  data: T;
  signedAt?: number;
  signature?: string;
}
