import { JwtService } from '@nestjs/jwt';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createGatewayApp } from '../apps/gateway/src/gateway-app';
import { GatewayRedis } from '../apps/gateway/src/gateway-redis';
import { SessionStates } from '../apps/gateway/src/auth/session-states';
import { TestSystem, bootSystem } from './support/apps';
import { Session, bearer, register, registerWithRoles } from './support/http';

// Issue 17: access tokens without `exp` were accepted (they never expire), and an access token
// kept working for up to 15 minutes after its sign-in was ended (logout, a reused refresh token)
// or its roles were taken away. Now a token must carry iat and exp within the configured lifetime,
// and the gateway checks on every request that its sign-in is live and its session version current.

describe('hardening: access tokens', () => {
  let sys: TestSystem;
  let replica: NestFastifyApplication;
  let admin: Session;

  beforeAll(async () => {
    sys = await bootSystem('hardening-tokens', { services: [] });
    // A second gateway on the same Postgres and Redis, as a second replica behind the balancer.
    replica = await createGatewayApp(sys.config, { shutdownHooks: false });
    await replica.listen(0, '127.0.0.1');
    admin = await registerWithRoles(sys, ['admin']);
  });
  afterAll(async () => {
    await replica?.close();
    await sys?.close();
  });

  const me = (token: string, via: 'a' | 'b' = 'a') =>
    request(via === 'a' ? sys.http : replica.getHttpServer()).get('/api/v1/auth/me').set(bearer(token));
  const refresh = (refreshToken: string) => request(sys.http).post('/api/v1/auth/refresh').send({ refreshToken });
  const logout = (refreshToken: string) => request(sys.http).post('/api/v1/auth/logout').send({ refreshToken });
  const login = async (s: Session): Promise<Session> =>
    (await request(sys.http).post('/api/v1/auth/login').send({ email: s.user.email, password: 'correct-horse-battery' }).expect(200)).body as Session;

  const remembered = (app: NestFastifyApplication) => (app.get(SessionStates) as unknown as { local: Map<string, unknown> }).local;

  describe('claims', () => {
    const jwt = () => new JwtService({ secret: sys.config.auth.jwtSecret });
    /** The claims of a real session's token, re-signed with the gateway's own secret as `shape` says. */
    const resign = (s: Session, shape: (claims: Record<string, unknown>) => Record<string, unknown>, opts: { algorithm?: 'HS256' | 'HS512'; noTimestamp?: boolean } = {}) => {
      const { exp: _exp, iat: _iat, ...claims } = jwt().decode(s.accessToken) as Record<string, unknown>;
      return jwt().sign(shape(claims), { algorithm: opts.algorithm ?? 'HS256', noTimestamp: opts.noTimestamp ?? false });
    };

    it('refuses a token without exp, though signed with the right secret', async () => {
      const s = await register(sys);
      await me(s.accessToken).expect(200);
      const forever = resign(s, (c) => c);
      expect((jwt().decode(forever) as Record<string, unknown>).exp).toBeUndefined();
      const res = await me(forever);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('token_invalid');
    });

    it('refuses a token without iat, one issued in the future, one living longer than the configured lifetime, and another algorithm', async () => {
      const s = await register(sys);
      const now = Math.floor(Date.now() / 1000);
      const ttl = sys.config.auth.accessTtlSeconds;
      const cases = {
        noIat: resign(s, (c) => ({ ...c, exp: now + 60 }), { noTimestamp: true }),
        future: resign(s, (c) => ({ ...c, iat: now + 3600, exp: now + 3600 + 60 })),
        longLived: resign(s, (c) => ({ ...c, iat: now, exp: now + ttl * 100 })),
        hs512: resign(s, (c) => ({ ...c, iat: now, exp: now + 60 }), { algorithm: 'HS512' }),
      };
      for (const [name, token] of Object.entries(cases)) {
        const res = await me(token);
        expect({ name, status: res.status, code: res.body.error?.code }).toEqual({ name, status: 401, code: 'token_invalid' });
      }
      // The same claims with a proper iat and exp pass: the refusals above are about those alone.
      const proper = resign(s, (c) => ({ ...c, iat: now, exp: now + 60 }));
      expect(jwt().decode(proper)).toMatchObject({ iat: now, exp: now + 60 });
      await me(proper).expect(200);
      expect(jwt().decode(cases.future)).toMatchObject({ iat: now + 3600 });
    });
  });

  describe('revocation takes effect at once', () => {
    it('ends the access token at logout, on this gateway and the other replica, and leaves other sign-ins alone', async () => {
      const s = await register(sys);
      const elsewhere = await login(s);
      // Both replicas have served the token (and may hold its state in memory).
      await me(s.accessToken, 'a').expect(200);
      await me(s.accessToken, 'b').expect(200);
      await me(s.accessToken, 'b').expect(200);
      // The replica answers the token from memory now (while it hears invalidations on pub/sub).
      expect(remembered(replica).size).toBeGreaterThan(0);
      await logout(s.refreshToken).expect(204);
      for (const via of ['a', 'b'] as const) {
        const res = await me(s.accessToken, via);
        expect({ via, status: res.status, code: res.body.error?.code }).toEqual({ via, status: 401, code: 'session_revoked' });
      }
      // The other sign-in of the same user goes on.
      await me(elsewhere.accessToken, 'a').expect(200);
      await me(elsewhere.accessToken, 'b').expect(200);
      // And the ended one cannot be refreshed back to life.
      expect((await refresh(s.refreshToken)).status).toBe(401);
    });

    it('ends every access token of a refresh family once a spent refresh token is presented again', async () => {
      const s = await register(sys);
      const next = (await refresh(s.refreshToken).expect(200)).body as Session;
      await me(s.accessToken).expect(200);
      await me(next.accessToken, 'b').expect(200);
      // The first refresh token again: copied, so the family is revoked...
      expect((await refresh(s.refreshToken)).body.error.code).toBe('refresh_token_reused');
      // ... and with it both access tokens it produced, on both replicas.
      for (const [token, via] of [[s.accessToken, 'a'], [next.accessToken, 'b'], [next.accessToken, 'a']] as const) {
        expect((await me(token, via)).body.error?.code).toBe('session_revoked');
      }
    });

    it('ends a curator token the moment an admin takes the role away; the refreshed token carries the new roles', async () => {
      const curator = await registerWithRoles(sys, ['curator']);
      await request(replica.getHttpServer()).get('/api/v1/curation/audit').set(bearer(curator)).expect((res) => expect(res.status).not.toBe(403));
      await request(sys.http).put(`/api/v1/admin/users/${curator.user.id}/roles`).set(bearer(admin)).send({ roles: ['buyer'] }).expect(200);
      // At once, on the replica that did not make the change too.
      const refused = await request(replica.getHttpServer()).get('/api/v1/curation/audit').set(bearer(curator));
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('session_revoked');
      const renewed = (await refresh(curator.refreshToken).expect(200)).body as Session;
      expect(renewed.user.roles).toEqual(['buyer']);
      const forbidden = await request(replica.getHttpServer()).get('/api/v1/curation/audit').set(bearer(renewed));
      expect(forbidden.status).toBe(403);
      await me(renewed.accessToken, 'b').expect(200);
      // A role given (not taken) leaves the token standing: it grants less than the user now has.
      await request(sys.http).put(`/api/v1/admin/users/${curator.user.id}/roles`).set(bearer(admin)).send({ roles: ['buyer', 'artisan'] }).expect(200);
      await me(renewed.accessToken, 'b').expect(200);
      // The admin's own token was not touched.
      await me(admin.accessToken).expect(200);
    });

    it('answers from Postgres when Redis lost the state, so a revocation holds whatever Redis has', async () => {
      const s = await register(sys);
      await me(s.accessToken).expect(200);
      await logout(s.refreshToken).expect(204);
      // Redis forgets everything it held for this suite; Postgres still knows the sign-in ended.
      const redis = sys.gateway.get(GatewayRedis).client;
      const keys = await redis.keys(`${sys.config.redisPrefix}:session:*`);
      if (keys.length) await redis.del(...keys);
      expect((await me(s.accessToken)).body.error?.code).toBe('session_revoked');
      const live = await register(sys);
      await me(live.accessToken).expect(200);
    });
  });
});
