import { DomainError } from './domain-error';
import { hasAnyRole, requireCaller } from './caller';

const buyer = { userId: 'u1', roles: ['buyer' as const] };
const admin = { userId: 'u2', roles: ['admin' as const] };

describe('requireCaller', () => {
  it('refuses an anonymous envelope with unauthenticated', () => {
    expect(() => requireCaller({ caller: null })).toThrow(expect.objectContaining({ code: 'unauthenticated' }));
  });

  it('refuses a caller without the role, naming the roles', () => {
    try {
      requireCaller({ caller: buyer }, 'curator');
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).toBody()).toMatchObject({ code: 'forbidden', details: { requiredRoles: ['curator'] } });
    }
  });

  it('returns the caller when a role matches, when none is asked, and for admins', () => {
    expect(requireCaller({ caller: buyer }, 'buyer', 'artisan')).toBe(buyer);
    expect(requireCaller({ caller: buyer })).toBe(buyer);
    expect(requireCaller({ caller: admin }, 'curator')).toBe(admin);
    expect(hasAnyRole(buyer, ['artisan'])).toBe(false);
  });
});
