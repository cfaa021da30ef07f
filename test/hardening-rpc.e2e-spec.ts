import request from 'supertest';
import { Caller, CatalogPatterns, OrdersPatterns, Roles, RpcEnvelope } from '@pk/contracts';
import { DomainError, newId, signEnvelope } from '@pk/core';
import { TestSystem, bootSystem } from './support/apps';
import { bearer, registerWithRoles } from './support/http';
import { RpcClient, rpcClient } from './support/rpc';

// Issue 17: the services' TCP RPC acted on whatever caller the message named, so anyone who could
// reach a service port could claim to be a curator. Every envelope is now signed (HMAC-SHA256 with
// SERVICE_RPC_SECRET over the pattern, caller, request id, time and data) and checked before any
// handler runs.

describe('hardening: signed RPC envelopes between the apps', () => {
  let sys: TestSystem;
  let catalog: RpcClient;
  let orders: RpcClient;
  const curator: Caller = { userId: newId(), roles: [Roles.curator] };
  const buyer: Caller = { userId: newId(), roles: [Roles.buyer] };

  beforeAll(async () => {
    sys = await bootSystem('hardening-rpc', { services: ['catalog', 'orders'] });
    catalog = rpcClient(sys, 'catalog');
    orders = rpcClient(sys, 'orders');
  });
  afterAll(async () => {
    await catalog?.close();
    await orders?.close();
    await sys?.close();
  });

  /** The coded refusal of an envelope sent as it is; fails the test when the service acts on it. */
  const refusal = async (client: RpcClient, pattern: string, envelope: Partial<RpcEnvelope>): Promise<DomainError> => {
    const outcome = await client.sendEnvelope(pattern, envelope).then(
      (reply) => new Error(`expected ${pattern} to be refused, it answered ${JSON.stringify(reply).slice(0, 200)}`),
      (error: unknown) => error,
    );
    if (outcome instanceof DomainError) return outcome;
    throw outcome;
  };

  it('refuses an unsigned envelope that claims to be a curator, on every service', async () => {
    const forged = { caller: curator, data: {} };
    const onCatalog = await refusal(catalog, CatalogPatterns.artisanQueue, forged);
    expect(onCatalog.toBody()).toMatchObject({ code: 'rpc_unauthenticated', details: { reason: 'unsigned' } });
    const onOrders = await refusal(orders, OrdersPatterns.curationOrders, forged);
    expect(onOrders.code).toBe('rpc_unauthenticated');
    // An anonymous read is refused unsigned as well: the signature is checked before the handler.
    expect((await refusal(catalog, CatalogPatterns.categoryTree, { caller: null, data: {} })).code).toBe('rpc_unauthenticated');
  });

  it('refuses a signed envelope whose caller, data or pattern was changed afterwards', async () => {
    const signed = signEnvelope(sys.config.rpcSecret, CatalogPatterns.artisanQueue, { caller: buyer, data: {} });
    // The buyer's own envelope is answered (forbidden: the signature is fine, the role is not).
    const honest = await refusal(catalog, CatalogPatterns.artisanQueue, { ...signed });
    expect(honest.code).toBe('forbidden');
    // The same envelope with the caller raised to curator.
    const tampered = await refusal(catalog, CatalogPatterns.artisanQueue, { ...signed, caller: curator });
    expect(tampered.toBody()).toMatchObject({ code: 'rpc_unauthenticated', details: { reason: 'bad_signature' } });
    // Changed data, and the envelope sent to another pattern than the one it was signed for.
    expect((await refusal(catalog, CatalogPatterns.artisanQueue, { ...signed, data: { status: 'pending' } })).code).toBe('rpc_unauthenticated');
    expect((await refusal(orders, OrdersPatterns.curationOrders, { ...signed })).code).toBe('rpc_unauthenticated');
    // Signed with another secret.
    const wrongKey = signEnvelope('not-the-secret-of-this-system-0123456789', CatalogPatterns.artisanQueue, { caller: curator, data: {} });
    expect((await refusal(catalog, CatalogPatterns.artisanQueue, wrongKey)).code).toBe('rpc_unauthenticated');
  });

  it('refuses a curator envelope replayed more than 60 s after it was signed, and one dated ahead', async () => {
    const now = Date.now();
    const old = signEnvelope(sys.config.rpcSecret, CatalogPatterns.artisanQueue, { caller: curator, data: {} }, now - 61_000);
    expect((await refusal(catalog, CatalogPatterns.artisanQueue, old)).toBody()).toMatchObject({ code: 'rpc_unauthenticated', details: { reason: 'stale' } });
    // Moving the time forward without re-signing breaks the signature instead.
    expect((await refusal(catalog, CatalogPatterns.artisanQueue, { ...old, signedAt: now })).toBody()).toMatchObject({ details: { reason: 'bad_signature' } });
    const ahead = signEnvelope(sys.config.rpcSecret, CatalogPatterns.artisanQueue, { caller: curator, data: {} }, now + 61_000);
    expect((await refusal(catalog, CatalogPatterns.artisanQueue, ahead)).code).toBe('rpc_unauthenticated');
  });

  it('acts on a signed curator envelope, and the gateway and services still talk to each other', async () => {
    const queue = await catalog.send<{ items: unknown[]; total: number }>(CatalogPatterns.artisanQueue, {}, curator);
    expect(queue).toMatchObject({ items: expect.any(Array), total: expect.any(Number) });
    expect(await orders.send(OrdersPatterns.curationOrders, {}, curator)).toMatchObject({ items: expect.any(Array) });
    // Through the gateway (its ServiceClients sign) with a real curator's token.
    const session = await registerWithRoles(sys, [Roles.curator]);
    const res = await request(sys.http).get('/api/v1/curation/artisans').set(bearer(session));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: expect.any(Array) });
  });
});
