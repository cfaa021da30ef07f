import { Caller, CatalogPatterns, PaymentsPatterns, ReservationReply, Roles, RpcCaller, SearchPatterns, SearchRunView, ServiceName, serviceCaller } from '@pk/contracts';
import { DomainError, newId, signEnvelope } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import { TestSystem, bootSystem } from './support/apps';
import { insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { RpcClient, rpcClient } from './support/rpc';

// Issue 18: orders called the catalog as a buyer it made up from an order row, and a null caller
// meant "the system", which payments let refund anything (a curator needed the role, nobody did
// not). Now an app acting for itself says so ({ kind: 'service', app }), each pattern names the
// apps it lets in, and nobody is refused every write.

describe('service identity in the RPC envelope', () => {
  let sys: TestSystem;
  let catalog: RpcClient;
  let payments: RpcClient;
  let search: RpcClient;
  const buyer: Caller = { userId: newId(), roles: [Roles.buyer] };
  const curator: Caller = { userId: newId(), roles: [Roles.curator] };

  beforeAll(async () => {
    sys = await bootSystem('service-identity', { services: ['catalog', 'payments', 'orders', 'search'] });
    catalog = rpcClient(sys, 'catalog');
    payments = rpcClient(sys, 'payments');
    search = rpcClient(sys, 'search');
  });
  afterAll(async () => {
    await catalog?.close();
    await payments?.close();
    await search?.close();
    await sys?.close();
  });

  /** A correctly signed envelope naming `caller` (a user, an app, or nobody). */
  const as = <R>(client: RpcClient, pattern: string, data: unknown, caller: RpcCaller | null) =>
    client.sendEnvelope<R>(pattern, signEnvelope(sys.config.rpcSecret, pattern, { caller, data }));
  const refusal = (client: RpcClient, pattern: string, data: unknown, caller: RpcCaller | null): Promise<DomainError> =>
    as(client, pattern, data, caller).then(
      (reply) => Promise.reject(new Error(`expected ${pattern} to be refused, it answered ${JSON.stringify(reply).slice(0, 200)}`)),
      (error: unknown) => (error instanceof DomainError ? error : Promise.reject(error)),
    );
  const stockedVariant = async (stock: number) => {
    const listing = await insertListing(sys, await insertArtisan(sys, newId()), { variants: [{ stock, price: 200_000n }] });
    return listing.variants[0].id;
  };

  it('refuses a signed envelope with no caller on every write that used to read it as the system', async () => {
    const refund = { orderId: newId(), amount: '1000', reason: 'damaged in transit', idempotencyKey: newId() };
    // Before: no caller skipped the curator check and the refund went on (404 for this unknown order).
    expect((await refusal(payments, PaymentsPatterns.refund, refund, null)).code).toBe('unauthenticated');
    const create = {
      orderId: newId(), orderNumber: 'PK-1', buyerId: buyer.userId, method: 'bank_transfer', amount: '1000',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(), idempotencyKey: newId(),
    };
    expect((await refusal(payments, PaymentsPatterns.create, create, null)).code).toBe('unauthenticated');
    expect((await refusal(payments, PaymentsPatterns.cancel, { orderId: newId() }, null)).code).toBe('unauthenticated');
    // The reindex command used to come with no caller and was let start runs; it speaks as search now.
    expect((await refusal(search, SearchPatterns.reconcile, { trigger: 'command' }, null)).code).toBe('unauthenticated');
    const byCommand = await as<SearchRunView>(search, SearchPatterns.reconcile, { trigger: 'command' }, serviceCaller('search'));
    expect(byCommand).toMatchObject({ kind: 'reconcile', trigger: 'command' });
    expect((await refusal(search, SearchPatterns.reconcile, { trigger: 'command' }, serviceCaller('orders'))).code).toBe('forbidden');
    // Nothing was written for any of them.
    expect(await queryDb(sys, 'SELECT id FROM payments.payments WHERE order_id = $1', [create.orderId])).toEqual([]);
    expect(await queryDb(sys, 'SELECT id FROM payments.refunds WHERE idempotency_key = $1', [refund.idempotencyKey])).toEqual([]);
    // Anonymous public reads are still answered.
    expect(await as<unknown[]>(catalog, CatalogPatterns.categoryTree, {}, null)).toEqual(expect.any(Array));
  });

  it('refuses an app a pattern does not name, and users where only apps may call', async () => {
    const refund = { orderId: newId(), amount: '1000', reason: 'damaged in transit', idempotencyKey: newId() };
    const bySearch = await refusal(payments, PaymentsPatterns.refund, refund, serviceCaller('search'));
    expect(bySearch.toBody()).toMatchObject({ code: 'forbidden', details: { service: 'search', allowedServices: ['orders'] } });
    expect((await refusal(payments, PaymentsPatterns.cancel, { orderId: newId() }, serviceCaller('channels'))).code).toBe('forbidden');
    expect((await refusal(catalog, CatalogPatterns.variantsLookup, { ids: [newId()] }, serviceCaller('search'))).code).toBe('forbidden');
    expect((await refusal(catalog, CatalogPatterns.reservationCommit, { id: newId() }, serviceCaller('payments'))).code).toBe('forbidden');
    // A user, however senior, cannot cancel a payment: only orders does, when an order is cancelled.
    expect((await refusal(payments, PaymentsPatterns.cancel, { orderId: newId() }, { userId: newId(), roles: [Roles.admin] })).code).toBe('forbidden');
    // A user-only pattern refuses an app too: an app is nobody's account.
    expect((await refusal(payments, PaymentsPatterns.list, {}, serviceCaller('orders'))).code).toBe('forbidden');
    // The apps a pattern names are let in: orders reaches the refund and is told there is no payment.
    expect((await refusal(payments, PaymentsPatterns.refund, refund, serviceCaller('orders'))).code).toBe('not_found');
    expect((await refusal(payments, PaymentsPatterns.refund, refund, curator)).code).toBe('not_found');
    expect((await refusal(payments, PaymentsPatterns.refund, refund, buyer)).code).toBe('forbidden');
  });

  it('orders reserves as itself for a named buyer, who alone of the users sees it; a user cannot name another buyer', async () => {
    const variantId = await stockedVariant(5);
    const key = `checkout:${newId()}`;
    const lines = [{ variantId, quantity: 2 }];
    const orders = serviceCaller('orders');
    const held = await as<ReservationReply>(catalog, CatalogPatterns.reservationCreate, { buyerId: buyer.userId, key, lines }, orders);
    expect(held).toMatchObject({ status: 'held' });
    // The same key for the same buyer is the same reservation, whoever of the two asks.
    expect(await as(catalog, CatalogPatterns.reservationCreate, { key, lines }, buyer)).toEqual(held);
    expect(await as(catalog, CatalogPatterns.reservationGet, { id: held.id }, buyer)).toEqual(held);
    expect((await refusal(catalog, CatalogPatterns.reservationGet, { id: held.id }, { userId: newId(), roles: [Roles.buyer] })).code).toBe('forbidden');

    const named = await refusal(catalog, CatalogPatterns.reservationCreate, { buyerId: newId(), key: newId(), lines }, buyer);
    expect(named.toBody()).toMatchObject({ code: 'validation_failed', details: [{ field: 'buyerId' }] });
    const unnamed = await refusal(catalog, CatalogPatterns.reservationCreate, { key: newId(), lines }, orders);
    expect(unnamed.toBody()).toMatchObject({ code: 'validation_failed', details: [{ field: 'buyerId' }] });

    // Orders commits it as itself (no made-up buyer); the stock ledger records no user for it.
    expect(await as(catalog, CatalogPatterns.reservationCommit, { id: held.id }, orders)).toMatchObject({ status: 'committed' });
    const returned = await as<ReservationReply>(catalog, CatalogPatterns.reservationReturn, { id: held.id }, orders);
    expect(returned.id).toBe(held.id);
    const moves = await queryDb<{ reason: string; actor_id: string | null }>(
      sys, 'SELECT reason, actor_id FROM catalog.stock_movements WHERE variant_id = $1 AND reason IN ($2, $3) ORDER BY id', [variantId, 'reserved', 'returned']);
    expect(moves).toEqual([{ reason: 'reserved', actor_id: buyer.userId }, { reason: 'returned', actor_id: null }]);
  });

  it('the gateway can only forward users; a service speaks as itself through its own clients', async () => {
    const gatewayClients = sys.gateway.get(ServiceClients);
    expect(() => gatewayClients.sendAsService('catalog', CatalogPatterns.categoryTree, {})).toThrow(/gateway forwards users/);
    // Not even a service-shaped caller slipped in where a user goes.
    const forged = serviceCaller('orders') as unknown as Caller;
    expect(() => gatewayClients.send('payments', PaymentsPatterns.cancel, { orderId: newId() }, forged)).toThrow(/sendAsService/);

    const clientsOf = (app: ServiceName) => sys.services.get(app)!.get(ServiceClients);
    // Orders' own clients sign as orders: payments lets it past the caller check to the lookup.
    await expect(clientsOf('orders').sendAsService('payments', PaymentsPatterns.cancel, { orderId: newId() })).rejects.toMatchObject({ code: 'not_found' });
    // The catalog's sign as the catalog, which payments does not let cancel.
    await expect(clientsOf('catalog').sendAsService('payments', PaymentsPatterns.cancel, { orderId: newId() })).rejects.toMatchObject({
      code: 'forbidden',
      details: { service: 'catalog' },
    });
  });
});
