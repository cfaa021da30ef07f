import { DomainError } from './domain-error';
import { serviceCaller } from '@pk/contracts';
import { actorId, allow, hasAnyRole, requireCaller, userOrAnonymous } from './caller';

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

describe('allow (users by role, our apps by name)', () => {
  const orders = serviceCaller('orders');
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as DomainError).toBody();
    }
    throw new Error('should have thrown');
  };

  it('refuses nobody: a null caller is unauthenticated, never "the system"', () => {
    expect(code(() => allow({ caller: null }, { roles: 'any', services: ['orders'] }))).toMatchObject({ code: 'unauthenticated' });
  });

  it('lets in only the apps named, and no app where only users are', () => {
    expect(allow({ caller: orders }, { services: ['orders'] })).toBe(orders);
    expect(code(() => allow({ caller: serviceCaller('search') }, { services: ['orders'] }))).toMatchObject({
      code: 'forbidden',
      details: { service: 'search', allowedServices: ['orders'] },
    });
    expect(code(() => allow({ caller: orders }, { roles: 'any' }))).toMatchObject({ code: 'forbidden' });
    expect(code(() => requireCaller({ caller: orders }))).toMatchObject({ code: 'forbidden', details: { service: 'orders' } });
    expect(code(() => userOrAnonymous({ caller: orders }))).toMatchObject({ code: 'forbidden' });
  });

  it('checks users by role, and refuses users where only apps are', () => {
    expect(allow({ caller: buyer }, { roles: 'any', services: ['orders'] })).toBe(buyer);
    expect(allow({ caller: admin }, { roles: ['curator'] })).toBe(admin);
    expect(code(() => allow({ caller: buyer }, { roles: ['curator'], services: ['orders'] }))).toMatchObject({ code: 'forbidden', details: { requiredRoles: ['curator'] } });
    expect(code(() => allow({ caller: admin }, { services: ['orders'] }))).toMatchObject({ code: 'forbidden', details: { allowedServices: ['orders'] } });
  });

  it('records a user as the actor, an app as nobody', () => {
    expect(actorId(buyer)).toBe('u1');
    expect(actorId(orders)).toBeNull();
    expect(userOrAnonymous({ caller: null })).toBeNull();
  });
});
