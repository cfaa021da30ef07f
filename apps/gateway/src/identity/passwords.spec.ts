import { hashPassword, verifyPassword } from './passwords';

describe('passwords (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('sate-lilit-2026', 4096);
    expect(stored).toMatch(/^scrypt\$4096\$8\$1\$/);
    await expect(verifyPassword('sate-lilit-2026', stored)).resolves.toBe(true);
    await expect(verifyPassword('sate-lilit-2027', stored)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('same-password-x', 4096)).not.toBe(await hashPassword('same-password-x', 4096));
  });

  it('keeps old hashes verifiable after the cost is raised', async () => {
    const old = await hashPassword('endek-tuesday-1', 2048);
    await hashPassword('anything-else-1', 16384);
    await expect(verifyPassword('endek-tuesday-1', old)).resolves.toBe(true);
  });

  it('refuses malformed stored values', async () => {
    await expect(verifyPassword('x', 'bcrypt$whatever')).resolves.toBe(false);
  });
});
