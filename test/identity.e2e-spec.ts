import request from 'supertest';
import { Client } from 'pg';
import { bootSystem, TestSystem } from './support/apps';
import { bearer, register, uniqueEmail } from './support/http';

const ADMIN = { email: 'first.admin@example.com', password: 'admin-password-123' };

describe('identity: register, login, refresh, logout, me, roles', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await bootSystem('identity', {
      services: [],
      env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '8', TRUST_PROXY: 'on' },
    });
  });
  afterAll(() => sys?.close());

  const api = () => request(sys.http);
  // TRUST_PROXY is on in this suite, so each request can come from its own address.
  let ipCounter = 0;
  const nextIp = () => `10.20.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
  const login = (email: string, password: string, ip: string) =>
    api().post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email, password });

  it('registers a buyer, signs in and reads /me', async () => {
    const email = uniqueEmail('wayan');
    const reg = await api()
      .post('/api/v1/auth/register')
      .send({ email: email.toUpperCase(), password: 'correct-horse-battery', displayName: '  Wayan  ' })
      .expect(201);
    expect(reg.body.user).toMatchObject({ email, displayName: 'Wayan', roles: ['buyer'] });
    expect(reg.body.user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(reg.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });

    const signedIn = await login(email, 'correct-horse-battery', nextIp()).expect(200);
    const me = await api().get('/api/v1/auth/me').set(bearer(signedIn.body.accessToken)).expect(200);
    expect(me.body).toEqual({ id: reg.body.user.id, email, displayName: 'Wayan', roles: ['buyer'], createdAt: expect.any(String) });

    await api().post('/api/v1/auth/register').send({ email, password: 'another-password', displayName: 'Dup' }).expect(409)
      .expect(({ body }) => expect(body.error.code).toBe('email_taken'));
  });

  it('stores a memory-hard hash, never the password, and publishes user.registered through the outbox', async () => {
    const s = await register(sys, { password: 'plain-text-never-stored' });
    const pg = new Client({ connectionString: sys.db.url });
    await pg.connect();
    try {
      const { rows } = await pg.query('SELECT password_hash FROM identity.users WHERE id = $1', [s.user.id]);
      expect(rows[0].password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
      expect(rows[0].password_hash).not.toContain('plain-text-never-stored');
      const events = await pg.query(`SELECT name, payload FROM identity.outbox WHERE payload->>'userId' = $1`, [s.user.id]);
      expect(events.rows).toEqual([{ name: 'user.registered', payload: { userId: s.user.id, email: s.user.email, roles: ['buyer'] } }]);
    } finally {
      await pg.end();
    }
  });

  it('rejects a wrong password with 401 and the same message as an unknown email', async () => {
    const s = await register(sys);
    const wrong = await login(s.user.email, 'not-the-password', nextIp()).expect(401);
    const unknown = await login(uniqueEmail('ghost'), 'whatever-it-is', nextIp()).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('rotates refresh tokens: each one works once and yields the next', async () => {
    const s = await register(sys);
    const first = await api().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    expect(first.body.refreshToken).not.toBe(s.refreshToken);
    await api().get('/api/v1/auth/me').set(bearer(first.body.accessToken)).expect(200);
    const second = await api().post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
    expect(second.body.user.id).toBe(s.user.id);
  });

  it('revokes the whole family when a spent refresh token is presented again', async () => {
    const s = await register(sys);
    const rotated = await api().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    const reuse = await api().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
    expect(reuse.body.error.code).toBe('refresh_token_reused');
    // The legitimate holder's newer token died with the family.
    const after = await api().post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
    expect(after.body.error.code).toBe('refresh_token_reused');
    // Other sessions of the same user (another family) are untouched.
    const other = await login(s.user.email, 'correct-horse-battery', nextIp()).expect(200);
    await api().post('/api/v1/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(200);
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const s = await register(sys);
    const results = await Promise.all(
      [1, 2, 3].map(() => api().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it('logs out: the refresh token and its successors stop working', async () => {
    const s = await register(sys);
    const rotated = await api().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    await api().post('/api/v1/auth/logout').send({ refreshToken: rotated.body.refreshToken }).expect(204);
    await api().post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
    await api().post('/api/v1/auth/logout').send({ refreshToken: 'unknown-token-0123456789' }).expect(204);
  });

  it('refuses an unknown refresh token and an expired one', async () => {
    await api().post('/api/v1/auth/refresh').send({ refreshToken: 'x'.repeat(43) }).expect(401)
      .expect(({ body }) => expect(body.error.code).toBe('token_invalid'));
    const s = await register(sys);
    const pg = new Client({ connectionString: sys.db.url });
    await pg.connect();
    await pg.query(`UPDATE identity.refresh_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [s.user.id]);
    await pg.end();
    await api().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401)
      .expect(({ body }) => expect(body.error.code).toBe('token_expired'));
  });

  it('throttles wrong passwords per account, even when the right one comes next', async () => {
    const s = await register(sys);
    for (let i = 0; i < 3; i++) {
      await login(s.user.email, `wrong-${i}-password`, nextIp()).expect(401);
    }
    const blocked = await login(s.user.email, 'correct-horse-battery', nextIp()).expect(429);
    expect(blocked.body.error.code).toBe('login_throttled');
    expect(blocked.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account is not affected by this account's lock.
    const other = await register(sys);
    await login(other.user.email, 'correct-horse-battery', nextIp()).expect(200);
  });

  it('throttles wrong passwords per IP across many accounts', async () => {
    const ip = nextIp();
    for (let i = 0; i < 8; i++) await login(uniqueEmail('spray'), 'guess-password-1', ip).expect(401);
    const s = await register(sys);
    const res = await login(s.user.email, 'correct-horse-battery', ip).expect(429);
    expect(res.body.error.message).toMatch(/from this address/);
    await login(s.user.email, 'correct-horse-battery', nextIp()).expect(200);
  });

  it('forgets failures after a successful sign-in', async () => {
    const s = await register(sys);
    await login(s.user.email, 'wrong-password-1', nextIp()).expect(401);
    await login(s.user.email, 'wrong-password-2', nextIp()).expect(401);
    await login(s.user.email, 'correct-horse-battery', nextIp()).expect(200);
    await login(s.user.email, 'wrong-password-3', nextIp()).expect(401);
    await login(s.user.email, 'wrong-password-4', nextIp()).expect(401);
    await login(s.user.email, 'correct-horse-battery', nextIp()).expect(200);
  });

  describe('roles', () => {
    let admin: string;
    beforeAll(async () => {
      const res = await login(ADMIN.email, ADMIN.password, nextIp()).expect(200);
      expect(res.body.user.roles).toEqual(['admin']);
      admin = res.body.accessToken;
    });

    it('creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD only once', async () => {
      const pg = new Client({ connectionString: sys.db.url });
      await pg.connect();
      const { rows } = await pg.query(`SELECT count(*)::int AS n FROM identity.users WHERE email = $1`, [ADMIN.email]);
      await pg.end();
      expect(rows[0].n).toBe(1);
    });

    it('lets an admin grant roles, which the next token carries', async () => {
      const s = await register(sys);
      const res = await api().put(`/api/v1/admin/users/${s.user.id}/roles`).set(bearer(admin)).send({ roles: ['buyer', 'curator'] }).expect(200);
      expect(res.body.roles).toEqual(['buyer', 'curator']);
      const again = await login(s.user.email, 'correct-horse-battery', nextIp()).expect(200);
      expect(again.body.user.roles).toEqual(['buyer', 'curator']);
    });

    it('refuses anonymous callers (401), buyers and curators (403)', async () => {
      const s = await register(sys);
      const target = `/api/v1/admin/users/${s.user.id}/roles`;
      await api().put(target).send({ roles: ['admin'] }).expect(401)
        .expect(({ body }) => expect(body.error.code).toBe('unauthenticated'));
      const denied = await api().put(target).set(bearer(s)).send({ roles: ['admin'] }).expect(403);
      expect(denied.body.error).toMatchObject({ code: 'forbidden', details: { requiredRoles: ['admin'] } });
      const curator = await register(sys);
      await api().put(`/api/v1/admin/users/${curator.user.id}/roles`).set(bearer(admin)).send({ roles: ['curator'] }).expect(200);
      const curatorToken = (await login(curator.user.email, 'correct-horse-battery', nextIp()).expect(200)).body.accessToken;
      await api().put(target).set(bearer(curatorToken)).send({ roles: ['admin'] }).expect(403);
      const me = await api().get('/api/v1/auth/me').set(bearer(s)).expect(200);
      expect(me.body.roles).toEqual(['buyer']);
    });

    it('names what is wrong: unknown role, bad id, unknown user, removing your own admin', async () => {
      const s = await register(sys);
      const bad = await api().put(`/api/v1/admin/users/${s.user.id}/roles`).set(bearer(admin)).send({ roles: ['king'] }).expect(400);
      expect(bad.body.error.details[0]).toMatchObject({ field: 'roles' });
      await api().put('/api/v1/admin/users/not-a-uuid/roles').set(bearer(admin)).send({ roles: ['buyer'] }).expect(400)
        .expect(({ body }) => expect(body.error.details[0].field).toBe('id'));
      await api().put('/api/v1/admin/users/01a20f41-0000-7000-8000-000000000000/roles').set(bearer(admin)).send({ roles: ['buyer'] }).expect(404);
      const me = await api().get('/api/v1/auth/me').set(bearer(admin)).expect(200);
      await api().put(`/api/v1/admin/users/${me.body.id}/roles`).set(bearer(admin)).send({ roles: ['curator'] }).expect(409);
    });
  });
});
