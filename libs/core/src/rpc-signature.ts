import { createHmac, timingSafeEqual } from 'node:crypto';
import { RpcCaller, RpcEnvelope } from '@pk/contracts';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';

/** How far a signature's time may be from ours: past it, the envelope is a replay (or a bad clock). */
export const RPC_MAX_SKEW_MS = 60_000;

/**
 * JSON with every object's keys sorted, after toJSON (Dates become strings) and with undefined
 * left out, as it crosses the wire: the sender's value and the receiver's parsed copy agree.
 */
export function canonicalJson(value: unknown): string {
  const sorted = (_key: string, v: unknown): unknown => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  };
  return JSON.stringify(value, sorted) ?? 'null';
}

function mac(secret: string, pattern: string, env: Pick<RpcEnvelope, 'caller' | 'requestId' | 'data'>, signedAt: number): string {
  const signed = canonicalJson([pattern, env.caller ?? null, env.requestId ?? null, signedAt, env.data ?? null]);
  return createHmac('sha256', secret).update(signed).digest('base64url');
}

/** The envelope of an RPC from one of our apps: signed over the pattern, caller, request id, time and data. */
export function signEnvelope<D>(
  secret: string,
  pattern: string,
  parts: { caller: RpcCaller | null; requestId?: string; data: D },
  now: number = Date.now(),
): RpcEnvelope<D> {
  return { ...parts, signedAt: now, signature: mac(secret, pattern, parts, now) };
}

/** Throws the coded refusal unless `envelope` was signed with our secret for `pattern` within the allowed skew. */
export function verifyEnvelope(secret: string, pattern: string, envelope: unknown, now: number = Date.now()): void {
  const env = (envelope && typeof envelope === 'object' ? envelope : {}) as Partial<RpcEnvelope>;
  const refuse = (reason: string) => new DomainError(ErrorCode.rpcUnauthenticated, `The RPC envelope is refused: ${reason}.`, { pattern, reason });
  if (typeof env.signature !== 'string' || typeof env.signedAt !== 'number' || !Number.isFinite(env.signedAt)) throw refuse('unsigned');
  if (Math.abs(now - env.signedAt) > RPC_MAX_SKEW_MS) throw refuse('stale');
  const expected = Buffer.from(mac(secret, pattern, env as RpcEnvelope, env.signedAt));
  const given = Buffer.from(env.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse('bad_signature');
}
