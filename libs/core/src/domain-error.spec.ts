import { DomainError } from './domain-error';
import { ERROR_HTTP_STATUS, ErrorCode } from './error-codes';
import { toRpcError } from './rpc-errors';

describe('errors across the RPC boundary', () => {
  it('keeps code, message and details of a coded error', () => {
    const wire = toRpcError(new DomainError(ErrorCode.conflict, 'SKU already used', { sku: 'EN-01' }));
    const back = DomainError.fromBody(JSON.parse(JSON.stringify(wire)).error);
    expect(back).toBeInstanceOf(DomainError);
    expect(back?.toBody()).toEqual({ code: 'conflict', message: 'SKU already used', details: { sku: 'EN-01' } });
  });

  it('hides anything unexpected behind a generic internal error', () => {
    const wire = toRpcError(new Error('relation "catalog.secret" does not exist'));
    expect(wire.error).toEqual({ code: 'internal_error', message: expect.not.stringContaining('secret') });
  });

  it('turns a service out of database connections into a 503 to retry, not a 500', () => {
    expect(toRpcError(new Error('timeout exceeded when trying to connect')).error.code).toBe('service_unavailable');
    expect(toRpcError(new Error('Connection terminated unexpectedly')).error.code).toBe('service_unavailable');
  });

  it('does not rebuild unknown codes', () => {
    expect(DomainError.fromBody({ code: 'made_up', message: 'x' })).toBeNull();
    expect(DomainError.fromBody('oops')).toBeNull();
  });

  it('maps every code to a 4xx or 5xx', () => {
    for (const status of Object.values(ERROR_HTTP_STATUS)) expect(status).toBeGreaterThanOrEqual(400);
  });
});
