import { DomainError } from './domain-error';
import { RPC_MAX_SKEW_MS, canonicalJson, signEnvelope, verifyEnvelope } from './rpc-signature';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const curator = { userId: 'u1', roles: ['curator' as const] };

const reason = (fn: () => void): unknown => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('rpc_unauthenticated');
    return ((error as DomainError).details as { reason: string }).reason;
  }
  throw new Error('expected a refusal');
};

describe('RPC envelope signatures', () => {
  it('sorts keys, drops undefined and reads Dates as the wire does', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [1, undefined] } })).toBe('{"a":{"c":[1,null]},"b":1}');
    const at = new Date('2026-12-07T00:00:00Z');
    expect(canonicalJson({ at })).toBe(canonicalJson(JSON.parse(JSON.stringify({ at }))));
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('verifies what it signed, as it arrives after a JSON round trip', () => {
    const now = Date.now();
    const env = signEnvelope(SECRET, 'p.x', { caller: curator, requestId: 'r1', data: { when: new Date(now), skip: undefined } }, now);
    expect(() => verifyEnvelope(SECRET, 'p.x', JSON.parse(JSON.stringify(env)), now + 1000)).not.toThrow();
  });

  it('refuses unsigned, tampered, re-addressed, stale and foreign envelopes', () => {
    const now = Date.now();
    const env = signEnvelope(SECRET, 'p.x', { caller: curator, data: { id: 1 } }, now);
    expect(reason(() => verifyEnvelope(SECRET, 'p.x', { caller: curator, data: { id: 1 } }, now))).toBe('unsigned');
    expect(reason(() => verifyEnvelope(SECRET, 'p.x', null, now))).toBe('unsigned');
    expect(reason(() => verifyEnvelope(SECRET, 'p.x', { ...env, caller: { ...curator, roles: ['admin'] } }, now))).toBe('bad_signature');
    expect(reason(() => verifyEnvelope(SECRET, 'p.x', { ...env, requestId: 'other' }, now))).toBe('bad_signature');
    expect(reason(() => verifyEnvelope(SECRET, 'p.y', env, now))).toBe('bad_signature');
    expect(reason(() => verifyEnvelope(SECRET, 'p.x', env, now + RPC_MAX_SKEW_MS + 1))).toBe('stale');
    expect(reason(() => verifyEnvelope('another-secret-of-at-least-32-characters', 'p.x', env, now))).toBe('bad_signature');
    expect(reason(() => verifyEnvelope(SECRET, 'p.x', { ...env, signature: 'short' }, now))).toBe('bad_signature');
  });
});
