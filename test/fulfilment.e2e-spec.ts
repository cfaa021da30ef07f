import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startStripeSandbox, type StripeSandbox } from './sandboxes/stripe-sandbox';
import { TestSystem, bootSystem } from './support/apps';
import { insertListing } from './support/catalog-fixtures';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { Session, bearer } from './support/http';
import {
  Artisan,
  OrderDetail,
  checkoutBody,
  checkoutOk,
  confirmTransfer,
  getOrder,
  historyRows,
  newArtisan,
  newBuyer,
  newCurator,
  notificationsOf,
  paidOrder,
  variantStock,
  waitForOrder,
  waitForStatus,
} from './support/orders';

// The order lifecycle with its clocks shortened through the environment (seconds instead of
// days), one booted system per group of clocks so each group's windows do not disturb the others.

const SERVICES = ['catalog', 'orders', 'payments'] as const;
const WHOLE_RUPIAH = /^(0|[1-9]\d*)$/;

const ship = (sys: TestSystem, who: Artisan, shipmentId: string, body: Record<string, string>) =>
  request(sys.http).post(`/api/v1/artisan/shipments/${shipmentId}/ship`).set(bearer(who.session)).send(body);
const accept = (sys: TestSystem, who: Artisan, shipmentId: string) =>
  request(sys.http).post(`/api/v1/artisan/shipments/${shipmentId}/accept`).set(bearer(who.session));
const shipmentOf = (order: OrderDetail, who: Artisan) => order.shipments.find((s) => s.artisanId === who.artisanId)!;
const kinds = async (sys: TestSystem, who: Session) => (await notificationsOf(sys, who)).map((n) => n.kind);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the ledger owes an artisan: entries by state. */
async function balances(sys: TestSystem, artisanId: string): Promise<{ pending: string; available: string }> {
  const [row] = await queryDb<{ pending: string; available: string }>(sys,
    `SELECT coalesce(sum(amount) FILTER (WHERE state = 'pending'), 0)::text AS pending,
            coalesce(sum(amount) FILTER (WHERE state = 'available'), 0)::text AS available
     FROM payments.ledger_entries WHERE account = 'artisan' AND artisan_id = $1`, [artisanId]);
  return row;
}

describe('from cart to completed (auto-complete after 4 s)', () => {
  const AUTO_COMPLETE = 4;
  let sys: TestSystem;
  let curator: Session;

  beforeAll(async () => {
    sys = await bootSystem('fulfil-journey', { services: [...SERVICES], env: { AUTO_COMPLETE_AFTER_SECONDS: String(AUTO_COMPLETE), ORDERS_SWEEP_SECONDS: '1' } });
    curator = await newCurator(sys);
  });
  afterAll(() => sys?.close());

  const api = () => request(sys.http);

  it('checks out two artisans, gets paid, ships, and completes by receipt and by the clock', async () => {
    const [tenun, perak] = await Promise.all([newArtisan(sys), newArtisan(sys)]);
    const { variants: [endek, songket] } = await insertListing(sys, tenun.artisanId, { variants: [{ price: 150_000n, stock: 5 }, { price: 275_000n, stock: 3 }] });
    const { variants: [ring] } = await insertListing(sys, perak.artisanId, { variants: [{ price: 420_000n, stock: 2 }] });
    const buyer = await newBuyer(sys, [{ variantId: endek.id, quantity: 2 }, { variantId: songket.id, quantity: 1 }, { variantId: ring.id, quantity: 1 }]);

    // Shipping per artisan, as quoted for this cart and address: 3 × 450 g and 1 × 450 g to Bali.
    const quote = (await api().post('/api/v1/shipping/quote').set(bearer(buyer.session)).send({ addressId: buyer.addressId }).expect(200)).body;
    const quoted = (artisanId: string, code: string): string =>
      quote.shipments.find((s: { artisanId: string }) => s.artisanId === artisanId).options.find((o: { code: string }) => o.code === code).fee;
    expect([quoted(tenun.artisanId, 'JNE:REG'), quoted(perak.artisanId, 'SiCepat:REG')]).toEqual(['18000', '9000']);

    const { order, payment } = await checkoutOk(sys, buyer, checkoutBody(buyer, { [tenun.artisanId]: 'JNE:REG', [perak.artisanId]: 'SiCepat:REG' }));
    // One order, a shipment per artisan, prices as the catalog had them, whole rupiah throughout.
    expect(order).toMatchObject({ status: 'pending_payment', paymentMethod: 'bank_transfer', goodsTotal: '995000', shippingTotal: '27000', total: '1022000' });
    for (const amount of [order.goodsTotal, order.shippingTotal, order.total]) expect(amount).toMatch(WHOLE_RUPIAH);
    const byArtisan = (o: { shipments: typeof order.shipments }) =>
      o.shipments.map((s) => [s.artisanId, s.courier, s.service, s.shippingFee, s.goodsTotal, s.lines.map((l) => [l.variantId, l.quantity, l.unitPrice, l.total]).sort()]).sort();
    expect(byArtisan(order)).toEqual([
      [tenun.artisanId, 'JNE', 'REG', '18000', '575000', [[endek.id, 2, '150000', '300000'], [songket.id, 1, '275000', '275000']].sort()],
      [perak.artisanId, 'SiCepat', 'REG', '9000', '420000', [[ring.id, 1, '420000', '420000']]],
    ].sort());
    expect(payment).toMatchObject({ method: 'bank_transfer', status: 'pending', amount: '1022000' });
    expect(payment.instructions).toMatchObject({ kind: 'bank_transfer', bank: 'BPD Bali', virtualAccount: expect.stringMatching(/^8808\d{12}$/), amount: '1022000' });
    // The stock is held for the order; the cart is empty.
    expect([await variantStock(sys, endek.id), await variantStock(sys, songket.id), await variantStock(sys, ring.id)]).toEqual([3, 2, 1]);
    expect(await queryDb(sys, `SELECT status FROM catalog.reservations WHERE buyer_id = $1`, [buyer.session.user.id])).toEqual([{ status: 'held' }]);
    expect((await api().get('/api/v1/cart').set(bearer(buyer.session)).expect(200)).body.totals.lines).toBe(0);

    // Prices are frozen at checkout: the artisan raising a price later changes nothing bought.
    await queryDb(sys, `UPDATE catalog.variants SET price = 999000 WHERE id = ANY($1::uuid[])`, [[endek.id, ring.id]]);

    await confirmTransfer(sys, curator, payment.id);
    const paid = await waitForOrder(sys, buyer.session, order.id, (o) => o.status === 'paid' && o.shipments.every((s) => s.status === 'paid'));
    expect(paid).toMatchObject({ paymentStatus: 'paid', total: '1022000', payment: { status: 'succeeded' } });
    expect(byArtisan(paid)).toEqual(byArtisan(order));
    const [reservation] = await queryDb(sys, `SELECT r.status FROM catalog.reservations r WHERE r.buyer_id = $1`, [buyer.session.user.id]);
    expect(reservation).toEqual({ status: 'committed' });
    await eventually(async () => expect(await kinds(sys, buyer.session)).toContain('order.paid'));

    // Each artisan finds their own shipment in the inbox, accepts it and ships it.
    const tenunShipment = shipmentOf(paid, tenun);
    const perakShipment = shipmentOf(paid, perak);
    for (const [who, shipment] of [[tenun, tenunShipment], [perak, perakShipment]] as const) {
      expect(await kinds(sys, who.session)).toContain('shipment.paid');
      const inbox = (await api().get('/api/v1/artisan/shipments').query({ status: 'paid,accepted' }).set(bearer(who.session)).expect(200)).body;
      expect(inbox.items.map((s: { id: string }) => s.id)).toEqual([shipment.id]);
      expect(inbox.items[0]).toMatchObject({ orderNumber: order.number, address: { recipient: 'Ni Luh Putu Sari', postalCode: '80571' }, shipBy: expect.any(String) });
      expect((await accept(sys, who, shipment.id).expect(200)).body.status).toBe('accepted');
    }
    const shipped = (await ship(sys, tenun, tenunShipment.id, { trackingNumber: 'jne0123456789' }).expect(200)).body;
    expect(shipped).toMatchObject({ status: 'shipped', courier: 'JNE', trackingNumber: 'JNE0123456789' });
    // The buyer confirms receipt of the first: it completes, the order waits for the other.
    const received = (await api().post(`/api/v1/shipments/${tenunShipment.id}/confirm-receipt`).set(bearer(buyer.session)).expect(200)).body;
    expect(received.status).toBe('paid');
    expect(received.shipments.find((s: { id: string }) => s.id === tenunShipment.id).status).toBe('completed');
    await ship(sys, perak, perakShipment.id, { trackingNumber: 'SCP-7788990011', courier: 'SiCepat' }).expect(200);
    const told = (await notificationsOf(sys, buyer.session)).filter((n) => n.kind === 'shipment.shipped');
    expect(told.map((n) => n.data.trackingNumber).sort()).toEqual(['JNE0123456789', 'SCP-7788990011']);

    // Nobody confirms the other one: the clock completes it, and with it the order.
    const done = await waitForStatus(sys, buyer.session, order.id, 'completed', 20_000);
    const perakDone = shipmentOf(done, perak);
    expect(perakDone.status).toBe('completed');
    expect(new Date(perakDone.completedAt!).getTime() - new Date(perakDone.shippedAt!).getTime()).toBeGreaterThanOrEqual(AUTO_COMPLETE * 1000);
    expect(byArtisan(done)).toEqual(byArtisan(order));

    // The stock went down by exactly what was bought, and stayed there.
    expect([await variantStock(sys, endek.id), await variantStock(sys, songket.id), await variantStock(sys, ring.id)]).toEqual([3, 2, 1]);

    // Every transition is history: who moved what, in order.
    const rows = await historyRows(sys, order.id);
    const of = (shipmentId: string | null) => rows.filter((r) => r.shipment_id === shipmentId).map((r) => `${r.from_status ?? '-'}>${r.to_status} by ${r.actor_role}`);
    expect(of(null)).toEqual(['->pending_payment by buyer', 'pending_payment>paid by system', 'paid>completed by system']);
    expect(of(tenunShipment.id)).toEqual(['pending_payment>paid by system', 'paid>accepted by artisan', 'accepted>shipped by artisan', 'shipped>completed by buyer']);
    expect(of(perakShipment.id)).toEqual(['pending_payment>paid by system', 'paid>accepted by artisan', 'accepted>shipped by artisan', 'shipped>completed by system']);
    expect(rows.find((r) => r.shipment_id === tenunShipment.id && r.to_status === 'shipped')!.note).toContain('JNE0123456789');
    expect(done.history).toHaveLength(rows.length);

    // The payout ledger, from the frozen prices: goods and shipping less 10 % commission on the goods, now available.
    await eventually(async () => {
      expect(await balances(sys, tenun.artisanId)).toEqual({ pending: '0', available: String(575_000 + 18_000 - 57_500) });
      expect(await balances(sys, perak.artisanId)).toEqual({ pending: '0', available: String(420_000 + 9_000 - 42_000) });
    });
  }, 60_000);

  it('does not complete a shipment by the clock while the buyer has a complaint open', async () => {
    const [tenun, perak] = await Promise.all([newArtisan(sys), newArtisan(sys)]);
    const { variants: [a] } = await insertListing(sys, tenun.artisanId, { variants: [{ price: 200_000n, stock: 5 }] });
    const { variants: [b] } = await insertListing(sys, perak.artisanId, { variants: [{ price: 300_000n, stock: 5 }] });
    const buyer = await newBuyer(sys, [{ variantId: a.id, quantity: 1 }, { variantId: b.id, quantity: 1 }]);
    const order = await paidOrder(sys, buyer, curator, { [tenun.artisanId]: 'JNE:REG', [perak.artisanId]: 'pickup' });
    const disputed = shipmentOf(order, tenun);
    const fine = shipmentOf(order, perak);
    await ship(sys, tenun, disputed.id, { trackingNumber: 'JNE5550001112' }).expect(200);
    await ship(sys, perak, fine.id, { trackingNumber: 'PICKUP-000123' }).expect(200);
    const complaint = (await api().post(`/api/v1/shipments/${disputed.id}/complaints`).set(bearer(buyer.session)).send({ reason: 'Kain yang datang robek di bagian tepi.' }).expect(201)).body;
    expect(complaint).toMatchObject({ status: 'open', shipmentId: disputed.id });

    // Both shipped together: the clock completes the one without a complaint…
    const later = await waitForOrder(sys, buyer.session, order.id, (o) => shipmentOf(o, perak).status === 'completed', 20_000);
    // …and, two sweeps on, still leaves the disputed one alone.
    await sleep(2_500);
    const still = await getOrder(sys, buyer.session, order.id);
    expect(shipmentOf(still, tenun)).toMatchObject({ status: 'shipped', complaintOpen: true });
    expect(still.status).toBe('paid');
    expect(later.status).toBe('paid');
    const refused = await api().post(`/api/v1/shipments/${disputed.id}/confirm-receipt`).set(bearer(buyer.session));
    expect([refused.status, refused.body.error.code]).toEqual([409, 'conflict']);

    // The council rejects the complaint: the clock, long past, completes it and the order.
    await api().post(`/api/v1/curation/complaints/${complaint.id}/resolve`).set(bearer(curator)).send({ resolution: 'reject', note: 'Foto kiriman menunjukkan kain utuh.' }).expect(200);
    const done = await waitForStatus(sys, buyer.session, order.id, 'completed');
    expect(shipmentOf(done, tenun).status).toBe('completed');
    expect((await historyRows(sys, order.id)).filter((r) => r.shipment_id === disputed.id && r.to_status === 'completed').map((r) => r.actor_role)).toEqual(['system']);
  }, 60_000);
});

describe('the payment windows (2 s for a transfer, 2 s for a card)', () => {
  let sys: TestSystem;
  let curator: Session;
  let stripe: StripeSandbox;

  beforeAll(async () => {
    const secretKey = `sk_test_pk${randomBytes(12).toString('hex')}`;
    const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
    stripe = await startStripeSandbox({ secretKey, webhookSecret });
    sys = await bootSystem('fulfil-window', {
      services: [...SERVICES],
      env: {
        PAYMENT_WINDOW_TRANSFER_SECONDS: '2', PAYMENT_WINDOW_CARD_SECONDS: '2', ORDERS_SWEEP_SECONDS: '1',
        STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_URL: stripe.url,
      },
    });
    stripe.setWebhookUrl(`http://127.0.0.1:${(sys.http.address() as { port: number }).port}/api/v1/webhooks/stripe`);
    curator = await newCurator(sys);
  });
  afterAll(async () => {
    await sys?.close();
    await stripe?.close();
  });

  it('cancels an order not paid in time, releases its stock and closes its payment; a paid one goes on', async () => {
    const artisan = await newArtisan(sys);
    const { variants: [v] } = await insertListing(sys, artisan.artisanId, { variants: [{ price: 180_000n, stock: 6 }] });
    const [late, prompt] = await Promise.all([newBuyer(sys, [{ variantId: v.id, quantity: 2 }]), newBuyer(sys, [{ variantId: v.id, quantity: 1 }])]);
    const shipping = { [artisan.artisanId]: 'JNE:REG' };
    const unpaid = await checkoutOk(sys, late, checkoutBody(late, shipping));
    const paying = await checkoutOk(sys, prompt, checkoutBody(prompt, shipping));
    expect(await variantStock(sys, v.id)).toBe(3);
    await confirmTransfer(sys, curator, paying.payment.id);

    const cancelled = await waitForStatus(sys, late.session, unpaid.order.id, 'cancelled', 15_000);
    expect(cancelled).toMatchObject({ cancelReason: 'the payment window closed', paymentStatus: 'cancelled', payment: { status: 'expired', instructions: null } });
    expect(cancelled.shipments.map((s) => s.status)).toEqual(['cancelled']);
    // Not before the window closed.
    const [{ placed, closed }] = await queryDb<{ placed: Date; closed: Date }>(sys, `SELECT created_at AS placed, cancelled_at AS closed FROM orders.orders WHERE id = $1`, [unpaid.order.id]);
    expect(new Date(closed).getTime() - new Date(placed).getTime()).toBeGreaterThanOrEqual(2_000);
    // The two units went back to the shelf; the paid unit stays sold.
    expect(await variantStock(sys, v.id)).toBe(5);
    const reservations = await queryDb(sys, `SELECT buyer_id, status FROM catalog.reservations WHERE buyer_id = ANY($1::uuid[]) ORDER BY status`, [[late.session.user.id, prompt.session.user.id]]);
    expect(reservations).toEqual([{ buyer_id: prompt.session.user.id, status: 'committed' }, { buyer_id: late.session.user.id, status: 'released' }]);
    expect((await historyRows(sys, unpaid.order.id)).filter((r) => r.shipment_id === null).map((r) => [r.from_status, r.to_status, r.actor_role])).toEqual([
      [null, 'pending_payment', 'buyer'],
      ['pending_payment', 'cancelled', 'system'],
    ]);
    expect(await kinds(sys, late.session)).toContain('order.cancelled');
    // The artisan was never asked to ship what was never paid.
    expect((await notificationsOf(sys, artisan.session)).filter((n) => n.data.orderId === unpaid.order.id)).toEqual([]);

    // A transfer that turns up after the window is not taken as payment.
    const tooLate = await request(sys.http).post(`/api/v1/curation/payments/${unpaid.payment.id}/confirm-transfer`).set(bearer(curator));
    expect([tooLate.status, tooLate.body.error.code]).toEqual([409, 'invalid_transition']);

    // The buyer who paid in time keeps the order, a sweep or two after their window closed too.
    await sleep(1_500);
    expect((await getOrder(sys, prompt.session, paying.order.id)).status).toBe('paid');
  }, 60_000);

  it('cancels a card order not paid in time and cancels its PaymentIntent at Stripe', async () => {
    const artisan = await newArtisan(sys);
    const { variants: [v] } = await insertListing(sys, artisan.artisanId, { variants: [{ price: 350_000n, stock: 3 }] });
    const buyer = await newBuyer(sys, [{ variantId: v.id, quantity: 1 }]);
    const { order, payment } = await checkoutOk(sys, buyer, checkoutBody(buyer, { [artisan.artisanId]: 'pickup' }, 'card'));
    expect(payment).toMatchObject({ method: 'card', status: 'pending', amount: '350000', instructions: { kind: 'card', clientSecret: expect.any(String) } });
    const intent = [...stripe.state.paymentIntents.values()].find((pi) => pi.metadata.orderId === order.id)!;
    expect(intent).toMatchObject({ amount: 35_000_000, currency: 'idr', status: 'requires_payment_method' });
    expect(await variantStock(sys, v.id)).toBe(2);

    const cancelled = await waitForStatus(sys, buyer.session, order.id, 'cancelled', 15_000);
    expect(cancelled).toMatchObject({ cancelReason: 'the payment window closed', payment: { status: 'expired' } });
    expect(stripe.state.paymentIntents.get(intent.id)!.status).toBe('canceled');
    expect(await variantStock(sys, v.id)).toBe(3);
  }, 60_000);
});

describe('the shipping clocks (reminder at 2 s, cancellation at 5 s)', () => {
  let sys: TestSystem;
  let curator: Session;

  beforeAll(async () => {
    sys = await bootSystem('fulfil-ship', { services: [...SERVICES], env: { SHIP_REMIND_AFTER_SECONDS: '2', SHIP_CANCEL_AFTER_SECONDS: '5', ORDERS_SWEEP_SECONDS: '1' } });
    curator = await newCurator(sys);
  });
  afterAll(() => sys?.close());

  it('reminds an artisan who has not shipped, then cancels and refunds that shipment and reverses its sale', async () => {
    const [tenun, perak, ukir] = await Promise.all([newArtisan(sys), newArtisan(sys), newArtisan(sys)]);
    const { variants: [a] } = await insertListing(sys, tenun.artisanId, { variants: [{ price: 250_000n, stock: 5 }] });
    const { variants: [b] } = await insertListing(sys, perak.artisanId, { variants: [{ price: 400_000n, stock: 5 }] });
    const { variants: [c] } = await insertListing(sys, ukir.artisanId, { variants: [{ price: 600_000n, stock: 5 }] });
    // One order where one artisan ships and one does not; one order whose only artisan does not.
    const [buyer, other] = await Promise.all([
      newBuyer(sys, [{ variantId: a.id, quantity: 1 }, { variantId: b.id, quantity: 2 }]),
      newBuyer(sys, [{ variantId: c.id, quantity: 1 }]),
    ]);
    const [order, lone] = await Promise.all([
      paidOrder(sys, buyer, curator, { [tenun.artisanId]: 'JNE:REG', [perak.artisanId]: 'JNE:REG' }),
      paidOrder(sys, other, curator, { [ukir.artisanId]: 'POS:Kilat Khusus' }),
    ]);
    const sent = shipmentOf(order, tenun);
    const unsent = shipmentOf(order, perak);
    const alone = shipmentOf(lone, ukir);
    await ship(sys, tenun, sent.id, { trackingNumber: 'JNE7000800090' }).expect(200);
    await accept(sys, perak, unsent.id).expect(200);

    // The reminder comes first, while the shipment can still go out…
    const reminder = await eventually(async () => {
      const found = (await notificationsOf(sys, perak.session)).find((n) => n.kind === 'shipment.reminder');
      expect(found).toBeDefined();
      return found!;
    }, { timeoutMs: 10_000 });
    expect(reminder.data).toMatchObject({ orderId: order.id, shipmentId: unsent.id });
    expect(shipmentOf(await getOrder(sys, buyer.session, order.id), perak).status).toBe('accepted');
    await eventually(async () => expect(await kinds(sys, ukir.session)).toContain('shipment.reminder'));
    expect(await kinds(sys, tenun.session)).not.toContain('shipment.reminder');

    // …then the shipment is cancelled and refunded in full; the shipped part of the order goes on.
    const partly = await waitForOrder(sys, buyer.session, order.id, (o) => shipmentOf(o, perak).status === 'cancelled', 15_000);
    const owed = String(2 * 400_000 + Number(unsent.shippingFee));
    expect(shipmentOf(partly, perak)).toMatchObject({ refunded: owed });
    expect(shipmentOf(partly, tenun)).toMatchObject({ status: 'shipped', refunded: '0' });
    expect(partly).toMatchObject({ status: 'paid', paymentStatus: 'partly_refunded', refunded: owed });
    const [refund] = await queryDb(sys, `SELECT amount::text, shipment_id FROM payments.refunds WHERE order_id = $1`, [order.id]);
    expect(refund).toEqual({ amount: owed, shipment_id: unsent.id });
    const history = (await historyRows(sys, order.id)).filter((r) => r.shipment_id === unsent.id && r.to_status === 'cancelled');
    expect(history.map((r) => [r.from_status, r.actor_role, r.note])).toEqual([['accepted', 'system', 'not shipped within 3 days']]);
    await eventually(async () => {
      const told = (await notificationsOf(sys, buyer.session)).filter((n) => n.data.shipmentId === unsent.id || n.kind === 'payment.refunded').map((n) => n.kind);
      expect(told.sort()).toEqual(['payment.refunded', 'shipment.cancelled']);
    });
    expect(await kinds(sys, perak.session)).toContain('shipment.cancelled');
    // The sale is reversed in the payout ledger: nothing is owed for what was never sent.
    await eventually(async () => {
      const [posting] = await queryDb(sys, `SELECT kind FROM payments.postings WHERE shipment_id = $1 AND kind = 'refund'`, [unsent.id]);
      expect(posting).toEqual({ kind: 'refund' });
      expect(await balances(sys, perak.artisanId)).toEqual({ pending: '0', available: '0' });
      expect(Number((await balances(sys, tenun.artisanId)).pending)).toBeGreaterThan(0);
    });

    // An order whose only shipment was never sent ends cancelled, all of it refunded.
    const gone = await waitForStatus(sys, other.session, lone.id, 'cancelled', 15_000);
    expect(gone).toMatchObject({ cancelReason: 'every shipment was cancelled', paymentStatus: 'refunded', refunded: lone.total });
    expect(shipmentOf(gone, ukir).status).toBe('cancelled');
    expect(alone.status).toBe('paid');
    await eventually(async () => expect(await balances(sys, ukir.artisanId)).toEqual({ pending: '0', available: '0' }));
  }, 60_000);
});
