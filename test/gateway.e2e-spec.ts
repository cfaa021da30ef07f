import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { bootSystem, TestSystem } from './support/apps';
import { bearer, register } from './support/http';

const REGISTER = '/api/v1/auth/register';

describe('gateway: validation, one error shape, request ids, docs', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await bootSystem('gateway', { services: [], env: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(() => sys?.close());

  const api = () => request(sys.http);
  const expectError = (body: unknown, code: string) => {
    expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
    expect(JSON.stringify(body)).not.toMatch(/\s+at\s+\S+\s+\(|node_modules|Error:/);
  };

  it('answers malformed JSON with 400 malformed_json', async () => {
    const res = await api().post(REGISTER).set('content-type', 'application/json').send('{"email": "x@y.co",').expect(400);
    expectError(res.body, 'malformed_json');
  });

  it('answers an empty JSON body, a non-object body and a non-JSON content type clearly', async () => {
    expectError((await api().post(REGISTER).set('content-type', 'application/json').expect(400)).body, 'malformed_json');
    const array = await api().post(REGISTER).send([1, 2]).expect(400);
    expect(array.body.error).toMatchObject({ code: 'validation_failed', message: 'The request body must be a JSON object.' });
    expectError((await api().post(REGISTER).set('content-type', 'text/plain').send('hello').expect(415)).body, 'unsupported_media_type');
  });

  it('names each bad field: missing, wrong types, too short', async () => {
    const res = await api().post(REGISTER).send({ email: 42, password: 'short' }).expect(400);
    expectError(res.body, 'validation_failed');
    expect(res.body.error.details).toEqual([
      { field: 'email', messages: ['email must be an email address'] },
      { field: 'password', messages: ['password must be at least 10 characters'] },
      { field: 'displayName', messages: ['displayName is required'] },
    ]);
    expect(res.body.error.message).toBe('Please correct: email, password, displayName.');
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const res = await api()
      .post(REGISTER)
      .send({ email: 'made.up@example.com', password: 'long-enough-pass', displayName: 'X', roles: ['admin'] })
      .expect(400);
    expect(res.body.error.details).toEqual([{ field: 'roles', messages: ['property roles should not exist'] }]);
  });

  it('refuses oversized bodies with 413 and writes nothing', async () => {
    const res = await api()
      .post(REGISTER)
      .send({ email: 'big@example.com', password: 'long-enough-pass', displayName: 'x'.repeat(5000) })
      .expect(413);
    expectError(res.body, 'payload_too_large');
    const login = await api().post('/api/v1/auth/login').send({ email: 'big@example.com', password: 'long-enough-pass' });
    expect(login.status).toBe(401);
  });

  it('answers bad, malformed, foreign-signed and expired tokens with 401 and a code', async () => {
    const s = await register(sys);
    expectError((await api().get('/api/v1/auth/me').set(bearer('not.a.jwt')).expect(401)).body, 'token_invalid');
    expectError((await api().get('/api/v1/auth/me').set('authorization', 'Basic abc').expect(401)).body, 'token_invalid');
    const foreign = new JwtService({ secret: 'someone-else-secret-0123456789-abcdef' }).sign({ sub: s.user.id, roles: ['admin'], typ: 'access' });
    expectError((await api().get('/api/v1/auth/me').set(bearer(foreign)).expect(401)).body, 'token_invalid');
    const ours = new JwtService({ secret: sys.config.auth.jwtSecret });
    const expired = ours.sign({ sub: s.user.id, roles: ['buyer'], typ: 'access' }, { expiresIn: -10 });
    const res = await api().get('/api/v1/auth/me').set(bearer(expired)).expect(401);
    expectError(res.body, 'token_expired');
    expect(res.body.error.message).toMatch(/refresh/);
    const none = ours.sign({ sub: s.user.id, roles: ['admin'], typ: 'access' }, { algorithm: 'none' as never });
    await api().get('/api/v1/auth/me').set(bearer(none)).expect(401);
    expectError((await api().get('/api/v1/auth/me').expect(401)).body, 'unauthenticated');
  });

  it('answers unknown routes with 404 route_not_found', async () => {
    expectError((await api().get('/api/v1/no-such-thing').expect(404)).body, 'route_not_found');
  });

  it('gives every response a request id, keeping a sane one the caller sent', async () => {
    const fresh = await api().get('/health').expect(200);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await api().get('/health').set('x-request-id', 'trace-abc.123').expect(200);
    expect(kept.headers['x-request-id']).toBe('trace-abc.123');
    const replaced = await api().get('/health').set('x-request-id', 'bad id with spaces <script>').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const failed = await api().post(REGISTER).send({}).expect(400);
    expect(failed.headers['x-request-id']).toBeDefined();
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await api().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/me', '/health', '/ready']),
    );
    const page = await api().get('/api/docs').expect(200);
    expect(page.text).toContain('swagger');
  });
});
