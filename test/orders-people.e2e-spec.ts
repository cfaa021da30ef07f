import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { newId } from '@pk/core';
import type { ArtisanShipmentView, NotificationView as Notification, OrderDetail, OrderLineView, OrderListItem, ShipmentView } from '@pk/contracts';
import { FulfilmentService } from '../apps/orders/src/fulfilment/fulfilment.service';
import { bootSystem, TestSystem } from './support/apps';
import { FixtureListing, FixtureVariant, insertArtisan, insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { Session, bearer, register, registerWithRoles } from './support/http';

type Line = OrderLineView;
type Shipment = ShipmentView;
type Order = OrderListItem;
type InboxItem = ArtisanShipmentView;

const bali = {
  recipient: 'Ni Made Ayu',
  phone: '0812-3456-7890',
  street: 'Jl. Raya Sidemen No. 12',
  district: 'Sidemen',
  city: 'Kabupaten Karangasem',
  province: 'bali',
  postalCode: '80864',
};
const digits = (n: bigint | number) => String(n);
const witaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('orders: what buyers, artisans and curators do with them', () => {
  let sys: TestSystem;
  let curator: Session;
  let tenunUser: Session;
  let perakUser: Session;
  let tenun: string;
  let perak: string;
  let kain: FixtureListing;
  let cincin: FixtureListing;

  beforeAll(async () => {
    sys = await bootSystem('orders-people', { services: ['catalog', 'orders', 'payments'] });
    curator = await registerWithRoles(sys, ['curator']);
    tenunUser = await registerWithRoles(sys, ['artisan']);
    perakUser = await registerWithRoles(sys, ['artisan']);
    tenun = await insertArtisan(sys, tenunUser.user.id, { shopSlug: `tenun-${newId().slice(-6)}` });
    perak = await insertArtisan(sys, perakUser.user.id, { shopSlug: `perak-${newId().slice(-6)}`, regency: 'gianyar' });
    kain = await insertListing(sys, tenun, { variants: [{ price: 350_000n, stock: 100 }, { price: 275_000n, stock: 100 }] });
    cincin = await insertListing(sys, perak, { variants: [{ price: 1_250_000n, stock: 100 }] });
  });
  afterAll(async () => {
    await sys?.close();
  });

  const api = () => request(sys.http);
  const addresses = new Map<string, string>();

  /** The buyer's cart with these lines, checked out by bank transfer; tenun ships by JNE REG, perak by pickup. */
  async function checkout(buyer: Session, items: Array<[FixtureVariant, number]>): Promise<{ order: Order; paymentId: string }> {
    for (const [variant, quantity] of items) {
      await api().post('/api/v1/cart/lines').set(bearer(buyer)).send({ variantId: variant.id, quantity }).expect(200);
    }
    if (!addresses.has(buyer.user.id)) {
      addresses.set(buyer.user.id, (await api().post('/api/v1/addresses').set(bearer(buyer)).send(bali).expect(201)).body.id);
    }
    const artisans = new Set(items.map(([v]) => (kain.variants.includes(v) ? tenun : perak)));
    const shipping = Object.fromEntries([...artisans].map((a) => [a, a === tenun ? 'JNE:REG' : 'pickup']));
    const res = await api()
      .post('/api/v1/checkout')
      .set(bearer(buyer))
      .set('Idempotency-Key', randomUUID())
      .send({ addressId: addresses.get(buyer.user.id), shipping, paymentMethod: 'bank_transfer' });
    expect(res.status).toBe(201);
    return { order: res.body.order, paymentId: res.body.payment.id };
  }

  /** As above, then the council confirms the transfer and the order becomes paid. */
  async function paidOrder(buyer: Session, items: Array<[FixtureVariant, number]>): Promise<OrderDetail> {
    const { order, paymentId } = await checkout(buyer, items);
    await api().post(`/api/v1/curation/payments/${paymentId}/confirm-transfer`).set(bearer(curator)).expect(200);
    return eventually(async () => {
      const o: OrderDetail = (await api().get(`/api/v1/orders/${order.id}`).set(bearer(buyer)).expect(200)).body;
      expect(o.status).toBe('paid');
      expect(o.shipments.map((s) => s.status)).toEqual(o.shipments.map(() => 'paid'));
      return o;
    }, { timeoutMs: 20_000 });
  }

  const getOrder = async (buyer: Session, id: string): Promise<OrderDetail> => (await api().get(`/api/v1/orders/${id}`).set(bearer(buyer)).expect(200)).body;
  const inbox = async (artisan: Session, query = ''): Promise<{ items: InboxItem[]; total: number }> =>
    (await api().get(`/api/v1/artisan/shipments${query}`).set(bearer(artisan)).expect(200)).body;
  const shipmentOf = (o: Order, artisanId: string): Shipment => o.shipments.find((s) => s.artisanId === artisanId)!;
  const act = (artisan: Session, shipmentId: string, what: 'accept' | 'ship' | 'deliver', body?: object) =>
    api().post(`/api/v1/artisan/shipments/${shipmentId}/${what}`).set(bearer(artisan)).send(body ?? {});
  const ship = (artisan: Session, shipmentId: string, trackingNumber = `JX${Date.now()}`) => act(artisan, shipmentId, 'ship', { trackingNumber }).expect(200);
  const confirm = (buyer: Session, shipmentId: string) => api().post(`/api/v1/shipments/${shipmentId}/confirm-receipt`).set(bearer(buyer));
  const complain = (buyer: Session, shipmentId: string, reason = 'Kainnya sobek di bagian tepi dan warnanya luntur.') =>
    api().post(`/api/v1/shipments/${shipmentId}/complaints`).set(bearer(buyer)).send({ reason });
  const resolve = (who: Session, complaintId: string, body: object) => api().post(`/api/v1/curation/complaints/${complaintId}/resolve`).set(bearer(who)).send(body);
  const notifications = async (who: Session): Promise<Notification[]> => (await api().get('/api/v1/notifications?limit=100').set(bearer(who)).expect(200)).body.items;
  const stockOf = async (variantId: string): Promise<number> => (await queryDb<{ stock: number }>(sys, 'SELECT stock FROM catalog.variants WHERE id = $1', [variantId]))[0].stock;

  it('shows a buyer their own orders and nobody else, whatever id is tried', async () => {
    const buyer = await register(sys);
    const other = await register(sys);
    const order = await paidOrder(buyer, [[kain.variants[0], 2], [cincin.variants[0], 1]]);
    const fromTenun = shipmentOf(order, tenun);
    const fromPerak = shipmentOf(order, perak);

    const list = (await api().get('/api/v1/orders').set(bearer(buyer)).expect(200)).body;
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: order.id, status: 'paid', paymentStatus: 'paid', refunded: '0', goodsTotal: digits(2 * 350_000 + 1_250_000) });
    expect(list.items[0].shipments).toHaveLength(2);
    expect(fromTenun.lines.map((l) => [l.variantId, l.quantity, l.total])).toEqual([[kain.variants[0].id, 2, '700000']]);
    expect(fromPerak).toMatchObject({ courier: 'Dekranasda Bali', shippingFee: '0' });
    expect((await api().get('/api/v1/orders?status=cancelled').set(bearer(buyer)).expect(200)).body.total).toBe(0);
    await api().get('/api/v1/orders?status=lost').set(bearer(buyer)).expect(400);

    // One order read in full: the payment as payments has it, and the timeline.
    expect(order.payment).toMatchObject({ status: 'succeeded', amount: order.total });
    expect(order.history.filter((h) => h.shipmentId === null).map((h) => [h.from, h.to])).toEqual([[null, 'pending_payment'], ['pending_payment', 'paid']]);
    expect(order.history.filter((h) => h.shipmentId === fromTenun.id).map((h) => [h.to, h.by])).toEqual([['paid', 'system']]);

    // Another buyer: nothing listed, and every id is "not found", as is an id that never existed.
    expect((await api().get('/api/v1/orders').set(bearer(other)).expect(200)).body).toEqual({ items: [], total: 0 });
    const theirs = await api().get(`/api/v1/orders/${order.id}`).set(bearer(other)).expect(404);
    const nobodys = await api().get(`/api/v1/orders/${newId()}`).set(bearer(other)).expect(404);
    expect(theirs.body.error.code).toBe('not_found');
    expect(Object.keys(theirs.body.error).sort()).toEqual(Object.keys(nobodys.body.error).sort());
    await api().post(`/api/v1/orders/${order.id}/cancel`).set(bearer(other)).send({}).expect(404);
    await confirm(other, fromTenun.id).expect(404);
    await complain(other, fromTenun.id).expect(404);
    await api().post('/api/v1/reviews').set(bearer(other)).send({ orderLineId: fromTenun.lines[0].id, rating: 1 }).expect(404);
    await api().get('/api/v1/orders/not-a-uuid').set(bearer(other)).expect(400);
    await api().get(`/api/v1/orders/${order.id}`).expect(401);
    // The artisans see their shipment, not the buyer's order.
    await api().get(`/api/v1/orders/${order.id}`).set(bearer(tenunUser)).expect(404);

    // Each artisan's inbox holds their own shipment, with the buyer's address and their lines only.
    const tenunInbox = await inbox(tenunUser);
    const mine = tenunInbox.items.find((s) => s.orderId === order.id)!;
    expect(mine).toMatchObject({ id: fromTenun.id, orderNumber: order.number, status: 'paid', address: { recipient: 'Ni Made Ayu', postalCode: '80864' } });
    expect(mine.lines.map((l) => l.variantId)).toEqual([kain.variants[0].id]);
    expect(new Date(mine.shipBy!).getTime()).toBeGreaterThan(Date.now());
    expect(tenunInbox.items.some((s) => s.id === fromPerak.id)).toBe(false);
    expect((await inbox(perakUser)).items.find((s) => s.orderId === order.id)!.id).toBe(fromPerak.id);
    expect(await inbox(buyer)).toEqual({ items: [], total: 0 });

    // Acting on someone else's shipment: not found, and nothing changed.
    await act(perakUser, fromTenun.id, 'accept').expect(404);
    await act(buyer, fromTenun.id, 'accept').expect(404);
    await act(other, fromTenun.id, 'ship', { trackingNumber: 'JX12345678' }).expect(404);
    expect(shipmentOf(await getOrder(buyer, order.id), tenun).status).toBe('paid');

    // Only curators list every order.
    await api().get('/api/v1/curation/orders').set(bearer(buyer)).expect(403);
    await api().get('/api/v1/curation/orders').set(bearer(tenunUser)).expect(403);
    await api().get(`/api/v1/curation/orders/${order.id}`).set(bearer(buyer)).expect(403);
    expect((await api().get(`/api/v1/curation/orders/${order.id}`).set(bearer(curator)).expect(200)).body.id).toBe(order.id);
  });

  it('lets the artisan accept, ship with a tracking number and deliver, and the buyer confirm until the order completes', async () => {
    const buyer = await register(sys);
    const order = await paidOrder(buyer, [[kain.variants[0], 1], [cincin.variants[0], 1]]);
    const fromTenun = shipmentOf(order, tenun);
    const fromPerak = shipmentOf(order, perak);

    // Not received before it was even sent.
    expect((await confirm(buyer, fromTenun.id).expect(409)).body.error.code).toBe('invalid_transition');

    expect((await act(tenunUser, fromTenun.id, 'accept').expect(200)).body.status).toBe('accepted');
    expect((await act(tenunUser, fromTenun.id, 'accept').expect(409)).body.error.code).toBe('invalid_transition');
    await act(tenunUser, fromTenun.id, 'deliver').expect(409);

    for (const trackingNumber of ['abc12', 'JNE 1234567', 'X'.repeat(41), 'resi#123456', undefined]) {
      const bad = await act(tenunUser, fromTenun.id, 'ship', { trackingNumber }).expect(400);
      expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['trackingNumber']);
    }
    await act(tenunUser, fromTenun.id, 'ship', { trackingNumber: 'JX0012345678', weight: 1 }).expect(400);
    const shipped: InboxItem = (await act(tenunUser, fromTenun.id, 'ship', { trackingNumber: ' jx-0012345678 ' }).expect(200)).body;
    expect(shipped).toMatchObject({ status: 'shipped', trackingNumber: 'JX-0012345678' });
    expect(shipped.history.map((h) => [h.to, h.by])).toEqual([['paid', 'system'], ['accepted', 'artisan'], ['shipped', 'artisan']]);
    expect((await act(tenunUser, fromTenun.id, 'deliver').expect(200)).body.status).toBe('delivered');

    // The buyer heard each step, with the courier and the tracking number.
    const told = await notifications(buyer);
    const shippedNote = told.find((n) => n.kind === 'shipment.shipped')!;
    expect(shippedNote.body).toContain('JX-0012345678');
    expect(shippedNote.data).toMatchObject({ orderId: order.id, shipmentId: fromTenun.id, courier: 'JNE', trackingNumber: 'JX-0012345678' });
    expect(told.map((n) => n.kind)).toEqual(expect.arrayContaining(['order.paid', 'shipment.shipped', 'shipment.delivered']));
    const read = await api().post('/api/v1/notifications/read').set(bearer(buyer)).send({ ids: [shippedNote.id] }).expect(200);
    expect(read.body).toEqual({ read: 1 });
    await api().post('/api/v1/notifications/read').set(bearer(tenunUser)).send({ ids: [shippedNote.id] }).expect(404);

    // One shipment received: it completes, the order waits for the other.
    const afterFirst: Order = (await confirm(buyer, fromTenun.id).expect(200)).body;
    expect(shipmentOf(afterFirst, tenun).status).toBe('completed');
    expect(afterFirst.status).toBe('paid');
    await confirm(buyer, fromTenun.id).expect(409);
    expect((await notifications(tenunUser)).some((n) => n.kind === 'shipment.completed' && n.data.shipmentId === fromTenun.id)).toBe(true);

    // Pickup at the council's outlet: shipped straight from paid, then received; the order completes.
    const handedOver: InboxItem = (await ship(perakUser, fromPerak.id, 'DEKRA-000123')).body;
    expect(handedOver.status).toBe('shipped');
    const done: Order = (await confirm(buyer, fromPerak.id).expect(200)).body;
    expect(done.status).toBe('completed');
    expect(done.shipments.map((s) => s.status)).toEqual(['completed', 'completed']);

    const history = await queryDb<{ shipment_id: string | null; to_status: string; actor_role: string }>(
      sys, 'SELECT shipment_id, to_status, actor_role FROM orders.history WHERE order_id = $1 ORDER BY id', [order.id],
    );
    expect(history.filter((h) => h.shipment_id === fromTenun.id).map((h) => `${h.to_status}/${h.actor_role}`)).toEqual([
      'paid/system', 'accepted/artisan', 'shipped/artisan', 'delivered/artisan', 'completed/buyer',
    ]);
    expect(history.filter((h) => h.shipment_id === null).map((h) => h.to_status)).toEqual(['pending_payment', 'paid', 'completed']);

    // The inbox filters by status, one or several.
    expect((await inbox(tenunUser, '?status=completed')).items.map((s) => s.id)).toContain(fromTenun.id);
    expect((await inbox(tenunUser, '?status=paid,accepted')).items.map((s) => s.id)).not.toContain(fromTenun.id);
    await api().get('/api/v1/artisan/shipments?status=lost').set(bearer(tenunUser)).expect(400);
  });

  it('completes the order when the buyer confirms both shipments at once', async () => {
    const buyer = await register(sys);
    const order = await paidOrder(buyer, [[kain.variants[0], 1], [cincin.variants[0], 1]]);
    await ship(tenunUser, shipmentOf(order, tenun).id);
    await ship(perakUser, shipmentOf(order, perak).id);

    const answers = await Promise.all(order.shipments.map((s) => confirm(buyer, s.id)));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const done = await getOrder(buyer, order.id);
    expect(done.status).toBe('completed');
    expect(done.history.filter((h) => h.shipmentId === null).map((h) => h.to)).toEqual(['pending_payment', 'paid', 'completed']);
  });

  it('takes one review per item of a completed shipment; the artisan replies once; anyone reads the average', async () => {
    const buyer = await register(sys);
    const order = await paidOrder(buyer, [[kain.variants[0], 1], [kain.variants[1], 1]]);
    const shipment = order.shipments[0];
    const [first, second] = shipment.lines;

    const early = await api().post('/api/v1/reviews').set(bearer(buyer)).send({ orderLineId: first.id, rating: 5 }).expect(409);
    expect(early.body.error.code).toBe('invalid_transition');
    await ship(tenunUser, shipment.id);
    await confirm(buyer, shipment.id).expect(200);

    for (const rating of [0, 6, 4.5, '5', null]) {
      const bad = await api().post('/api/v1/reviews').set(bearer(buyer)).send({ orderLineId: first.id, rating }).expect(400);
      expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['rating']);
    }
    const review = (await api().post('/api/v1/reviews').set(bearer(buyer)).send({ orderLineId: first.id, rating: 5, body: 'Tenunannya rapi sekali.' }).expect(201)).body;
    expect(review).toMatchObject({ orderLineId: first.id, listingId: kain.id, rating: 5, body: 'Tenunannya rapi sekali.', reply: null });
    const twice = await api().post('/api/v1/reviews').set(bearer(buyer)).send({ orderLineId: first.id, rating: 1 }).expect(409);
    expect(twice.body.error.code).toBe('conflict');
    await api().post('/api/v1/reviews').set(bearer(buyer)).send({ orderLineId: second.id, rating: 2 }).expect(201);

    // Only the artisan who sold it replies, and once.
    await api().post(`/api/v1/reviews/${review.id}/reply`).set(bearer(perakUser)).send({ reply: 'Terima kasih!' }).expect(404);
    await api().post(`/api/v1/reviews/${review.id}/reply`).set(bearer(buyer)).send({ reply: 'Terima kasih!' }).expect(404);
    const replied = (await api().post(`/api/v1/reviews/${review.id}/reply`).set(bearer(tenunUser)).send({ reply: 'Matur suksma!' }).expect(200)).body;
    expect(replied).toMatchObject({ reply: 'Matur suksma!', repliedAt: expect.any(String) });
    await api().post(`/api/v1/reviews/${review.id}/reply`).set(bearer(tenunUser)).send({ reply: 'Sekali lagi' }).expect(409);
    expect((await notifications(buyer)).some((n) => n.kind === 'review.replied')).toBe(true);

    // Public, without signing in.
    const page = (await api().get(`/api/v1/listings/${kain.id}/reviews`).expect(200)).body;
    expect(page).toMatchObject({ listingId: kain.id, average: 3.5, count: 2, total: 2, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } });
    expect(page.items.find((r: { id: string }) => r.id === review.id)).toMatchObject({ rating: 5, reply: 'Matur suksma!' });
    expect(JSON.stringify(page)).not.toContain(buyer.user.id);
    expect((await api().get(`/api/v1/listings/${cincin.id}/reviews`).expect(200)).body).toMatchObject({ average: null, count: 0, items: [] });
    expect((await getOrder(buyer, order.id)).reviews.map((r) => r.orderLineId).sort()).toEqual([first.id, second.id].sort());
  });

  it('cancels an unpaid order: the payment stops and the stock comes back', async () => {
    const buyer = await register(sys);
    const variant = kain.variants[1];
    const before = await stockOf(variant.id);
    const { order, paymentId } = await checkout(buyer, [[variant, 3]]);
    expect(await stockOf(variant.id)).toBe(before - 3);
    // Not paid: not in the artisan's inbox.
    expect((await inbox(tenunUser)).items.some((s) => s.orderId === order.id)).toBe(false);

    const cancelled: OrderDetail = (await api().post(`/api/v1/orders/${order.id}/cancel`).set(bearer(buyer)).send({ reason: 'salah pilih warna' }).expect(200)).body;
    expect(cancelled).toMatchObject({ status: 'cancelled', paymentStatus: 'cancelled', payment: { id: paymentId, status: 'cancelled' } });
    expect(cancelled.shipments.map((s) => s.status)).toEqual(['cancelled']);
    expect(await stockOf(variant.id)).toBe(before);
    const [reservation] = await queryDb<{ status: string }>(sys, 'SELECT r.status FROM catalog.reservations r JOIN orders.orders o ON o.reservation_id = r.id WHERE o.id = $1', [order.id]);
    expect(reservation.status).toBe('released');
    expect(cancelled.history.at(-1)).toMatchObject({ to: 'cancelled', by: 'buyer', note: expect.stringContaining('salah pilih warna') });

    // Again: still cancelled, nothing more happens.
    expect((await api().post(`/api/v1/orders/${order.id}/cancel`).set(bearer(buyer)).send({}).expect(200)).body.status).toBe('cancelled');
    expect(await stockOf(variant.id)).toBe(before);
  });

  it('cancels a paid order with nothing shipped: every shipment cancelled, the whole amount refunded', async () => {
    const buyer = await register(sys);
    const order = await paidOrder(buyer, [[kain.variants[0], 1], [cincin.variants[0], 2]]);
    await act(tenunUser, shipmentOf(order, tenun).id, 'accept').expect(200);

    const cancelled: OrderDetail = (await api().post(`/api/v1/orders/${order.id}/cancel`).set(bearer(buyer)).send({}).expect(200)).body;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.shipments.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    expect(cancelled).toMatchObject({ paymentStatus: 'refunded', refunded: order.total });

    const refunds = await queryDb<{ shipment_id: string; amount: string }>(sys, 'SELECT shipment_id, amount::text FROM payments.refunds WHERE order_id = $1', [order.id]);
    expect(refunds.reduce((sum, r) => sum + BigInt(r.amount), 0n)).toBe(BigInt(order.total));
    expect(refunds.map((r) => r.shipment_id).sort()).toEqual(order.shipments.map((s) => s.id).sort());
    expect((await notifications(tenunUser)).some((n) => n.kind === 'shipment.cancelled' && n.data.orderId === order.id)).toBe(true);
    // The artisan can no longer ship it.
    await act(tenunUser, shipmentOf(order, tenun).id, 'ship', { trackingNumber: 'JX0000000001' }).expect(409);
  });

  it('refuses to cancel once a shipment left, naming it', async () => {
    const buyer = await register(sys);
    const order = await paidOrder(buyer, [[kain.variants[0], 1], [cincin.variants[0], 1]]);
    const fromPerak = shipmentOf(order, perak);
    await ship(perakUser, fromPerak.id);

    const refused = await api().post(`/api/v1/orders/${order.id}/cancel`).set(bearer(buyer)).send({}).expect(409);
    expect(refused.body.error.details).toMatchObject({ shipmentId: fromPerak.id, status: 'shipped' });
    expect(refused.body.error.message).toContain(fromPerak.shopName);
    const after = await getOrder(buyer, order.id);
    expect(after.status).toBe('paid');
    expect(after.shipments.map((s) => s.status).sort()).toEqual(['paid', 'shipped']);
    expect(await queryDb(sys, 'SELECT 1 FROM payments.refunds WHERE order_id = $1', [order.id])).toEqual([]);
  });

  it('holds a complained-about shipment for the council, who refunds it in full or rejects the complaint', async () => {
    const buyer = await register(sys);
    const other = await register(sys);
    const order = await paidOrder(buyer, [[kain.variants[0], 2], [cincin.variants[0], 1]]);
    const fromTenun = shipmentOf(order, tenun);
    const fromPerak = shipmentOf(order, perak);

    // Only once it was sent, with a reason.
    expect((await complain(buyer, fromTenun.id).expect(409)).body.error.code).toBe('invalid_transition');
    await ship(tenunUser, fromTenun.id);
    expect((await complain(buyer, fromTenun.id, 'rusak').expect(400)).body.error.details[0].field).toBe('reason');
    await complain(other, fromTenun.id).expect(404);
    const complaint = (await complain(buyer, fromTenun.id).expect(201)).body;
    expect(complaint).toMatchObject({ shipmentId: fromTenun.id, status: 'open', resolution: null });
    expect((await complain(buyer, fromTenun.id).expect(409)).body.error.code).toBe('conflict');
    const [held] = await queryDb<{ complaint_open: boolean }>(sys, 'SELECT complaint_open FROM orders.shipments WHERE id = $1', [fromTenun.id]);
    expect(held.complaint_open).toBe(true);
    // Shipped 8 days ago by now: the clocks still leave it to the council.
    await queryDb(sys, `UPDATE orders.shipments SET shipped_at = now() - interval '8 days' WHERE id = $1`, [fromTenun.id]);
    await sys.services.get('orders')!.get(FulfilmentService).sweep();
    expect((await queryDb<{ status: string }>(sys, 'SELECT status FROM orders.shipments WHERE id = $1', [fromTenun.id]))[0].status).toBe('shipped');
    // Receipt waits for the council, and the artisan was told.
    expect((await confirm(buyer, fromTenun.id).expect(409)).body.error.code).toBe('conflict');
    expect((await notifications(tenunUser)).find((n) => n.kind === 'complaint.opened' && n.data.complaintId === complaint.id)).toBeDefined();

    // Curators find it among orders with an open complaint; nobody else resolves it.
    const open = (await api().get('/api/v1/curation/orders?complaint=open').set(bearer(curator)).expect(200)).body;
    expect(open.items.find((o: { id: string }) => o.id === order.id).complaints).toMatchObject([{ id: complaint.id, status: 'open' }]);
    await resolve(buyer, complaint.id, { resolution: 'refund' }).expect(403);
    await resolve(tenunUser, complaint.id, { resolution: 'refund' }).expect(403);
    await resolve(curator, complaint.id, { resolution: 'reject' }).expect(400);
    await resolve(curator, complaint.id, { resolution: 'maybe' }).expect(400);
    await resolve(curator, newId(), { resolution: 'refund' }).expect(404);
    const left = BigInt(fromTenun.goodsTotal) + BigInt(fromTenun.shippingFee);
    const tooMuch = await resolve(curator, complaint.id, { resolution: 'refund', amount: digits(left + 1n) }).expect(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'refund_too_large', details: { refundable: digits(left) } });

    // Upheld in full: the shipment's whole total goes back and the shipment is cancelled.
    const upheld = (await resolve(curator, complaint.id, { resolution: 'refund' }).expect(200)).body;
    expect(upheld).toMatchObject({ id: complaint.id, status: 'refunded' });
    await resolve(curator, complaint.id, { resolution: 'refund' }).expect(409);
    const refunds = await queryDb<{ shipment_id: string; amount: string }>(sys, 'SELECT shipment_id, amount::text FROM payments.refunds WHERE order_id = $1', [order.id]);
    expect(refunds).toEqual([{ shipment_id: fromTenun.id, amount: digits(left) }]);
    let now = await getOrder(buyer, order.id);
    expect(shipmentOf(now, tenun)).toMatchObject({ status: 'cancelled', complaintOpen: false, refunded: digits(left) });
    expect(now).toMatchObject({ status: 'paid', paymentStatus: 'partly_refunded' });
    expect((await notifications(buyer)).some((n) => n.kind === 'complaint.refunded')).toBe(true);

    // The other shipment: a complaint the council rejects, then the buyer confirms; the order completes.
    await ship(perakUser, fromPerak.id);
    const second = (await complain(buyer, fromPerak.id, 'Ukuran cincinnya tidak sesuai pesanan saya.').expect(201)).body;
    const rejected = (await resolve(curator, second.id, { resolution: 'reject', note: 'Ukuran sesuai foto dan deskripsi.' }).expect(200)).body;
    expect(rejected).toMatchObject({ status: 'rejected', resolution: 'Ukuran sesuai foto dan deskripsi.' });
    expect((await notifications(buyer)).find((n) => n.kind === 'complaint.rejected')!.body).toContain('Ukuran sesuai foto');
    await confirm(buyer, fromPerak.id).expect(200);
    now = await getOrder(buyer, order.id);
    expect(now.status).toBe('completed');
    expect(now.complaints.map((c) => [c.id, c.status]).sort()).toEqual([[complaint.id, 'refunded'], [second.id, 'rejected']].sort());
  });

  it('completes a shipment refunded in part, so the artisan is paid the rest', async () => {
    const buyer = await register(sys);
    const order = await paidOrder(buyer, [[kain.variants[0], 1]]);
    const shipment = order.shipments[0];
    await ship(tenunUser, shipment.id);
    await act(tenunUser, shipment.id, 'deliver').expect(200);
    const complaint = (await complain(buyer, shipment.id).expect(201)).body;

    await resolve(curator, complaint.id, { resolution: 'refund', amount: '1.5' }).expect(400);
    await resolve(curator, complaint.id, { resolution: 'refund', amount: '50000', note: 'potongan untuk noda kecil' }).expect(200);
    const after = await getOrder(buyer, order.id);
    expect(after).toMatchObject({ status: 'completed', paymentStatus: 'partly_refunded', refunded: '50000' });
    expect(after.shipments[0]).toMatchObject({ status: 'completed', refunded: '50000', complaintOpen: false });
    const refunds = await queryDb<{ amount: string }>(sys, 'SELECT amount::text FROM payments.refunds WHERE shipment_id = $1', [shipment.id]);
    expect(refunds).toEqual([{ amount: '50000' }]);
    // The payout ledger: the artisan's share of the sale, less the refund, is now theirs to be paid.
    await eventually(async () => {
      const [ledger] = await queryDb<{ pending: number; available: string; refunds: number }>(
        sys,
        `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending, coalesce(sum(amount) FILTER (WHERE state = 'available'), 0)::text AS available,
                count(*) FILTER (WHERE kind = 'refund')::int AS refunds
         FROM payments.ledger_entries WHERE shipment_id = $1 AND account = 'artisan'`,
        [shipment.id],
      );
      expect(ledger.pending).toBe(0);
      expect(ledger.refunds).toBeGreaterThan(0);
      expect(BigInt(ledger.available)).toBeGreaterThan(0n);
      expect(BigInt(ledger.available)).toBeLessThan(BigInt(shipment.goodsTotal) + BigInt(shipment.shippingFee) - 50_000n);
    }, { timeoutMs: 20_000 });
  });

  it('lets curators filter every order by status, buyer, artisan, number and day', async () => {
    const buyer = await register(sys);
    const paid = await paidOrder(buyer, [[cincin.variants[0], 1]]);
    const { order: unpaid } = await checkout(buyer, [[kain.variants[0], 1]]);
    const list = async (query: string) => (await api().get(`/api/v1/curation/orders${query}`).set(bearer(curator)).expect(200)).body as { items: Order[]; total: number };

    expect((await list(`?buyerId=${buyer.user.id}`)).items.map((o) => o.id)).toEqual([unpaid.id, paid.id]);
    expect((await list(`?buyerId=${buyer.user.id}&status=paid`)).items.map((o) => o.id)).toEqual([paid.id]);
    expect((await list(`?buyerId=${buyer.user.id}&artisanId=${tenun}`)).items.map((o) => o.id)).toEqual([unpaid.id]);
    expect((await list(`?number=${paid.number}`)).items.map((o) => o.id)).toEqual([paid.id]);
    const byPerak = await list(`?artisanId=${perak}&limit=100`);
    expect(byPerak.items.length).toBeGreaterThan(0);
    expect(byPerak.items.every((o) => o.shipments.some((s) => s.artisanId === perak))).toBe(true);
    const everything = await list('?limit=100');
    expect(everything.total).toBeGreaterThanOrEqual(2);
    expect(new Set(everything.items.map((o) => o.buyerId)).size).toBeGreaterThan(1);

    expect((await list(`?buyerId=${buyer.user.id}&from=${witaDay()}&to=${witaDay()}`)).total).toBe(2);
    expect((await list(`?buyerId=${buyer.user.id}&from=${witaDay(1)}`)).total).toBe(0);
    expect((await list(`?buyerId=${buyer.user.id}&to=${witaDay(-1)}`)).total).toBe(0);
    const badDay = await api().get('/api/v1/curation/orders?from=2026-13-01').set(bearer(curator)).expect(400);
    expect(badDay.body.error.details[0].field).toBe('from');
    await api().get(`/api/v1/curation/orders?from=${witaDay()}&to=${witaDay(-1)}`).set(bearer(curator)).expect(400);
    await api().get('/api/v1/curation/orders?buyerId=me').set(bearer(curator)).expect(400);
  });
});
