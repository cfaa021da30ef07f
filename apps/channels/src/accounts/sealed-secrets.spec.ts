import { randomBytes } from 'node:crypto';
import { seal, unseal } from './sealed-secrets';

describe('sealed account secrets', () => {
  const key = randomBytes(32);
  const secrets = { appSecret: 'app-secret', accessToken: 'access', refreshToken: 'refresh' };

  it('round-trips, and stores nothing readable', () => {
    const sealed = seal(secrets, key);
    expect(sealed).not.toContain('app-secret');
    expect(unseal(sealed, key)).toEqual(secrets);
    expect(seal(secrets, key)).not.toBe(sealed);
  });

  it('refuses another key and a tampered value', () => {
    const sealed = seal(secrets, key);
    expect(() => unseal(sealed, randomBytes(32))).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x' + Buffer.from(parts[3], 'base64').toString('latin1'), 'latin1').toString('base64');
    expect(() => unseal(parts.join('.'), key)).toThrow();
  });
});
