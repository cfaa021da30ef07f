import request from 'supertest';
import { bootSystem, TestSystem } from './support/apps';
import { bearer, register, Session } from './support/http';

// Issue 18, "contracts as the single source of types": the OpenAPI document is built from the
// contracts' zod schemas, and it documents exactly the routes the gateway serves.

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
}
interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  parameters?: Array<{ name: string; in: string }>;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
}

// Served but left out of the document on purpose: the providers' webhooks are not for API
// clients (each provider signs its own body); the document and its page; the web app and photos.
const UNDOCUMENTED = [/^\/api\/v1\/webhooks\//, /^\/api\/docs/, /^\*$/, /^\/media\//];

/** `METHOD /path` for every route fastify serves, from its router's own listing (HEAD, added for each GET, left out). */
function servedRoutes(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) routes.push(`${method} ${stack.join('')}`);
  }
  return routes;
}

// `:id`, `:id|:listingId` (two names at one place of the tree) and `{id}` all read as one parameter.
const shape = (route: string) => route.replace(/:[^/]+/g, '{}').replace(/\{[^}]+\}/g, '{}');

const operations = (doc: OpenApiDoc) =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, method, path, op })));

describe('the OpenAPI document', () => {
  let sys: TestSystem;
  let doc: OpenApiDoc;
  let buyer: Session;
  const api = () => request(sys.http);

  beforeAll(async () => {
    // The gateway alone: the document is the gateway's, and a request it refuses never needs an app.
    sys = await bootSystem('api-docs', { services: [] });
    doc = (await api().get('/api/docs-json').expect(200)).body as OpenApiDoc;
    buyer = await register(sys);
  });
  afterAll(() => sys?.close());

  it('documents every route the gateway serves, and only those', () => {
    const fastify = sys.gateway.getHttpAdapter().getInstance();
    const served = servedRoutes(fastify.printRoutes({ commonPrefix: false })).filter((r) => !UNDOCUMENTED.some((x) => x.test(r.split(' ')[1])));
    const documented = operations(doc).map((o) => o.route);
    expect(served.length).toBeGreaterThanOrEqual(140);
    expect([...new Set(documented.map(shape))].sort()).toEqual([...new Set(served.map(shape))].sort());
    expect(documented.length).toBe(served.length);
  });

  it('gives every write route a request body: JSON from the contracts, or the form or file it takes', () => {
    const writes = operations(doc).filter((o) => ['post', 'put', 'patch'].includes(o.method));
    const lacking = writes.filter((o) => {
      const content = o.op.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      // The sign-in routes' DTOs are documented by swagger itself, as a $ref to their class.
      return !(json?.type === 'object' || json?.anyOf || json?.oneOf || json?.$ref || content['multipart/form-data'] || content['text/csv']);
    });
    expect(lacking.map((o) => o.route)).toEqual([]);
    expect(writes.length).toBeGreaterThanOrEqual(60);
  });

  it("takes a route's body and query from its pattern's schema: path parameters and what the gateway sets left out", () => {
    const body = (method: string, path: string) => doc.paths[path][method].requestBody!.content!['application/json'].schema!;
    const address = body('post', '/api/v1/addresses');
    expect(Object.keys(address.properties!)).toEqual(expect.arrayContaining(['recipient', 'phone', 'street', 'postalCode', 'province']));
    expect(address.required).toEqual(expect.arrayContaining(['recipient', 'street']));
    // The listing's patch is the body (it travels as { id, patch }); the id comes from the path.
    const patch = body('patch', '/api/v1/listings/{id}');
    expect(patch.properties).toHaveProperty('title');
    expect(patch.properties).not.toHaveProperty('id');
    expect(patch.properties).not.toHaveProperty('patch');
    expect(body('post', '/api/v1/checkout').properties).not.toHaveProperty('idempotencyKey');
    expect(body('post', '/api/v1/cart/lines').properties).not.toHaveProperty('token');
    const query = (doc.paths['/api/v1/campaigns'].get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(query).toEqual(expect.arrayContaining(['kind', 'limit', 'offset']));
  });

  it('gives every route a 2xx response body (or its redirect, or 204 No Content)', () => {
    const lacking = operations(doc)
      .filter(({ op }) => {
        const responses = op.responses ?? {};
        const ok = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
        if (ok.some(([status]) => status === '204') || Object.keys(responses).some((s) => /^30\d$/.test(s))) return false;
        return !ok.some(([, r]) => Object.values(r.content ?? {}).some((c) => c.schema));
      })
      .map((o) => o.route);
    if (lacking.length) console.log(`routes without a response schema (${lacking.length}):\n${lacking.join('\n')}`);
    expect(lacking).toEqual([]);
  });

  it('refuses a bad body at the gateway with the schema the app parses with, before any app is asked', async () => {
    // No orders app runs in this system: only the gateway's own check can answer this 400.
    const res = await api()
      .post('/api/v1/addresses')
      .set(bearer(buyer))
      .send({ recipient: 'Ni Made Ayu', phone: '0812', street: 'Jl. Raya Sidemen 12', district: 'Sidemen', city: 'Karangasem', province: 'Atlantis', postalCode: '80864' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual([
      { field: 'phone', messages: ['an Indonesian phone number, e.g. +62 812 3456 7890 or 0812 3456 7890'] },
      { field: 'province', messages: ["one of Indonesia's 38 provinces, e.g. Bali, Jawa Timur, DKI Jakarta, Nusa Tenggara Timur"] },
    ]);
    // A patch is named from the body, as the catalog names it.
    const patch = await api().patch(`/api/v1/listings/${buyer.user.id}`).set(bearer(buyer)).send({ title: { id: 'ab' } });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details).toEqual([{ field: 'title.id', messages: ['at least 3 characters'] }]);
    // A good body goes on to the app, which is not there.
    const good = await api().post('/api/v1/addresses').set(bearer(buyer)).send({ recipient: 'Ni Made Ayu', phone: '081234567890', street: 'Jl. Raya Sidemen 12', district: 'Sidemen', city: 'Karangasem', province: 'Bali', postalCode: '80864' });
    expect(good.status).toBeGreaterThanOrEqual(500);
  });
});
