import request from 'supertest';
import { Role } from '@pk/contracts';
import { TestSystem } from './apps';
import { queryDb } from './db';

export interface Session {
  user: { id: string; email: string; roles: string[] };
  accessToken: string;
  refreshToken: string;
}

let counter = 0;
export const uniqueEmail = (tag = 'user'): string => `${tag}.${Date.now().toString(36)}${(counter++).toString(36)}@example.com`;

export async function register(sys: TestSystem, overrides: Partial<{ email: string; password: string; displayName: string }> = {}): Promise<Session> {
  const body = { email: uniqueEmail(), password: 'correct-horse-battery', displayName: 'Ketut Test', ...overrides };
  const res = await request(sys.http).post('/api/v1/auth/register').send(body).expect(201);
  return res.body as Session;
}

export const bearer = (s: Session | string) => ({ Authorization: `Bearer ${typeof s === 'string' ? s : s.accessToken}` });

/** A new user holding `roles` (set in the database, then signed in so the token carries them). */
export async function registerWithRoles(sys: TestSystem, roles: Role[]): Promise<Session> {
  const session = await register(sys);
  await queryDb(sys, 'UPDATE identity.users SET roles = $2 WHERE id = $1', [session.user.id, roles]);
  const res = await request(sys.http)
    .post('/api/v1/auth/login')
    .send({ email: session.user.email, password: 'correct-horse-battery' })
    .expect(200);
  return res.body as Session;
}
