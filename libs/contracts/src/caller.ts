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
  userId: string;
  roles: Role[];
}

/**
 * Every RPC payload: the caller (absent for anonymous reads), the request id for logs, the data,
 * and the sender's HMAC over all of them with the pattern and `signedAt` (ms since the epoch):
 * a service acts on the caller only when the signature proves one of our apps wrote it.
 */
export interface RpcEnvelope<T = unknown> {
  caller: Caller | null;
  requestId?: string;
  data: T;
  signedAt?: number;
  signature?: string;
}
