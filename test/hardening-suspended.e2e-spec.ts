import request from 'supertest';
import { Caller, OrdersPatterns } from '@pk/contracts';
import { TestSystem, bootSystem } from './support/apps';
import { insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { Session, bearer, register } from './support/http';
import { Artisan, OrderDetail, newArtisan, newBuyer, newCurator, paidOrder } from './support/orders';
import { RpcClient, rpcClient } from './support/rpc';

// Issue 17: a suspended artisan still read buyers' addresses on paid shipments and could accept
// and ship them. Orders now asks the catalog (which owns the shop's status) on every read of the
// inbox and every fulfilment step, and refuses a shop that is not verified with a coded 403.

describe('hardening: a suspended or unverified artisan and their shipments', () => {
  let sys: TestSystem;
  let curator: Session;
  let orders: RpcClient;

  beforeAll(async () => {
    sys = await bootSystem('hardening-suspended', { services: ['catalog', 'orders', 'payments'] });
    curator = await newCurator(sys);
    orders = rpcClient(sys, 'orders');
  });
  afterAll(async () => {
    await orders?.close();
    await sys?.close();
  });

  const api = () => request(sys.http);
  const inbox = (token: Session) => api().get('/api/v1/artisan/shipments').set(bearer(token));
  const step = (token: Session, shipmentId: string, what: 'accept' | 'ship' | 'deliver') =>
    api().post(`/api/v1/artisan/shipments/${shipmentId}/${what}`).set(bearer(token)).send(what === 'ship' ? { trackingNumber: 'JNE-7700112233' } : {});
  const decide = (artisanId: string, decision: 'suspend' | 'reinstate') =>
    api().post(`/api/v1/curation/artisans/${artisanId}/decision`).set(bearer(curator)).send({ decision, reason: 'Keluhan pembeli sedang diperiksa Dekranasda.' }).expect(200);
  const shipmentStatus = async (id: string) => (await queryDb<{ status: string }>(sys, 'SELECT status FROM orders.shipments WHERE id = $1', [id]))[0].status;

  /** An artisan with one paid shipment waiting in their inbox. */
  async function artisanWithPaidShipment(): Promise<{ artisan: Artisan; shipmentId: string; order: OrderDetail }> {
    const artisan = await newArtisan(sys);
    const { variants: [v] } = await insertListing(sys, artisan.artisanId, { variants: [{ price: 180_000n, stock: 4 }] });
    const buyer = await newBuyer(sys, [{ variantId: v.id, quantity: 1 }]);
    const order = await paidOrder(sys, buyer, curator, { [artisan.artisanId]: 'JNE:REG' });
    return { artisan, order, shipmentId: order.shipments[0].id };
  }

  it('closes the inbox (with the addresses) and every fulfilment step the moment the council suspends the shop', async () => {
    const { artisan, shipmentId } = await artisanWithPaidShipment();
    const before = (await inbox(artisan.session).expect(200)).body;
    expect(before.items[0]).toMatchObject({ id: shipmentId, status: 'paid', address: expect.objectContaining({ recipient: expect.any(String) }) });

    await decide(artisan.artisanId, 'suspend');

    // Straight away, and whatever roles the caller names: the envelope a stale token would make.
    const asTokenSays: Caller = { userId: artisan.session.user.id, roles: ['artisan'] };
    const read = await orders.failure(OrdersPatterns.shipmentInbox, {}, asTokenSays);
    expect(read.toBody()).toMatchObject({ code: 'artisan_not_verified', details: { status: 'suspended' } });
    for (const pattern of [OrdersPatterns.shipmentAccept, OrdersPatterns.shipmentDeliver]) {
      expect((await orders.failure(pattern, { id: shipmentId }, asTokenSays)).code).toBe('artisan_not_verified');
    }
    expect((await orders.failure(OrdersPatterns.shipmentShip, { id: shipmentId, trackingNumber: 'JNE-7700112233' }, asTokenSays)).code).toBe('artisan_not_verified');

    // Through the gateway: the old token ends (its artisan role was taken away), and a fresh one
    // meets the same 403, in words the seller centre shows.
    const fresh = await eventually(async () => {
      const res = await api().post('/api/v1/auth/refresh').send({ refreshToken: artisan.session.refreshToken }).expect(200);
      artisan.session = res.body as Session;
      expect(artisan.session.user.roles).not.toContain('artisan');
      return artisan.session;
    });
    const refused = await inbox(fresh);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'artisan_not_verified', details: { status: 'suspended' } });
    expect(JSON.stringify(refused.body)).not.toContain('recipient');
    for (const what of ['accept', 'ship', 'deliver'] as const) {
      const res = await step(fresh, shipmentId, what);
      expect({ what, status: res.status, code: res.body.error?.code }).toEqual({ what, status: 403, code: 'artisan_not_verified' });
    }
    expect(await shipmentStatus(shipmentId)).toBe('paid');

    // Reinstated: the same shop packs and ships again.
    await decide(artisan.artisanId, 'reinstate');
    const renewed = await eventually(async () => {
      const res = await api().post('/api/v1/auth/refresh').send({ refreshToken: artisan.session.refreshToken }).expect(200);
      artisan.session = res.body as Session;
      expect(artisan.session.user.roles).toContain('artisan');
      return artisan.session;
    });
    expect((await inbox(renewed).expect(200)).body.items.map((s: { id: string }) => s.id)).toEqual([shipmentId]);
    expect((await step(renewed, shipmentId, 'accept').expect(200)).body.status).toBe('accepted');
  });

  it('refuses a shop that is not verified (pending again, or rejected) with its token unchanged', async () => {
    const { artisan, shipmentId } = await artisanWithPaidShipment();
    for (const status of ['pending', 'rejected']) {
      await queryDb(sys, 'UPDATE catalog.artisans SET status = $2 WHERE id = $1', [artisan.artisanId, status]);
      const res = await inbox(artisan.session);
      expect({ status, http: res.status, body: res.body.error }).toEqual({ status, http: 403, body: expect.objectContaining({ code: 'artisan_not_verified', details: { status } }) });
      expect((await step(artisan.session, shipmentId, 'accept')).status).toBe(403);
    }
    expect(await shipmentStatus(shipmentId)).toBe('paid');
    await queryDb(sys, `UPDATE catalog.artisans SET status = 'verified' WHERE id = $1`, [artisan.artisanId]);
    await inbox(artisan.session).expect(200);
  });

  it('leaves a signed-in buyer without a shop as before: an empty inbox, and "not found" for any shipment', async () => {
    const { shipmentId } = await artisanWithPaidShipment();
    const buyer = await register(sys);
    expect((await inbox(buyer).expect(200)).body).toMatchObject({ items: [], total: 0 });
    expect((await step(buyer, shipmentId, 'accept')).status).toBe(404);
  });
});
