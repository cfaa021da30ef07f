import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { newId } from '@pk/core';
import { signBankCallback } from '../apps/payments/src/providers/bank-callback-signature';
import type { TestSystem } from './support/apps';
import { queryDb } from './support/db';
import { eventually } from './support/eventually';
import { bearer, register, registerWithRoles, type Session } from './support/http';
import {
  bootPaymentsSystem,
  checkout,
  insertShop,
  intentIdOf,
  ledgerSum,
  orderBecomes,
  orderOf,
  postBankCallback,
  postStripeWebhook,
  processed,
  webhookEvents,
  type CheckoutResult,
  type PaymentsTestbed,
} from './support/payments';

// Payments end to end through the gateway: checkouts paid by card through the Stripe stand-in
// (whose webhooks reach /api/v1/webhooks/stripe) or by bank transfer (a curator or the bank's
// signed callback), duplicates and disorder, forged signatures, refunds, payment windows, access.

const nowSeconds = () => Math.floor(Date.now() / 1000);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = async (sys: TestSystem, sql: string, params: unknown[]): Promise<number> => (await queryDb<{ n: number }>(sys, sql, params))[0].n;

/** Order-level history rows into `status` (shipments have their own). */
const orderHistoryTo = (sys: TestSystem, orderId: string, status: string) =>
  count(sys, `SELECT count(*)::int AS n FROM orders.history WHERE order_id = $1 AND shipment_id IS NULL AND to_status = $2`, [orderId, status]);
const salePostings = (sys: TestSystem, orderId: string) =>
  count(sys, `SELECT count(*)::int AS n FROM payments.postings WHERE kind = 'sale' AND order_id = $1`, [orderId]);
/** What the artisan's entries for a shipment come to (sale, commission, refunds and commission returned). */
const artisanNet = async (sys: TestSystem, shipmentId: string): Promise<string> =>
  (await queryDb<{ s: string }>(sys, `SELECT coalesce(sum(amount), 0)::text AS s FROM payments.ledger_entries WHERE account = 'artisan' AND shipment_id = $1`, [shipmentId]))[0].s;

describe('payments (Stripe stand-in, bank transfers, webhooks, refunds)', () => {
  let bed: PaymentsTestbed;
  let sys: TestSystem;
  let curator: Session;
  const api = () => request(sys.http);
  const paymentOf = (who: Session, id: string) => api().get(`/api/v1/payments/${id}`).set(bearer(who));

  beforeAll(async () => {
    bed = await bootPaymentsSystem('payments');
    sys = bed.sys;
    curator = await registerWithRoles(sys, ['curator']);
  });
  afterAll(() => bed?.close());

  /** A card checkout the buyer then pays at the stand-in; resolves once the order is paid and its sales are posted. */
  async function paidByCard(buyer: Session, items: Parameters<typeof checkout>[2]): Promise<CheckoutResult & { intentId: string }> {
    const result = await checkout(sys, buyer, items, 'card');
    const intentId = intentIdOf(result.payment);
    await bed.stripe.succeed(intentId);
    await orderBecomes(sys, buyer, result.order.id, 'paid');
    await eventually(async () => expect(await salePostings(sys, result.order.id)).toBe(result.order.shipments.length));
    return { ...result, intentId };
  }

  describe('card payments through Stripe', () => {
    it('checkout hands back a client secret; payment_intent.succeeded moves the order to paid', async () => {
      const buyer = await register(sys);
      const shop = await insertShop(sys, 150_000n);
      const { order, payment } = await checkout(sys, buyer, [{ shop, quantity: 2 }], 'card');
      expect(order.status).toBe('pending_payment');
      expect(payment).toMatchObject({
        orderId: order.id,
        method: 'card',
        status: 'pending',
        amount: order.total,
        refunded: '0',
        instructions: { kind: 'card', publishableKey: 'pk_test_pasarkriya' },
      });
      const intentId = intentIdOf(payment);
      // Rp 300.000 is 30000000 hundredths; our ids ride along as metadata.
      expect(bed.stripe.state.paymentIntents.get(intentId)).toMatchObject({
        amount: Number(order.total) * 100,
        currency: 'idr',
        status: 'requires_payment_method',
        client_secret: payment.instructions?.kind === 'card' ? payment.instructions.clientSecret : 'missing',
        metadata: { paymentId: payment.id, orderId: order.id },
      });

      const event = await bed.stripe.succeed(intentId);
      expect(bed.stripe.deliveries.filter((d) => d.eventId === event.id).map((d) => d.status)).toEqual([200]);
      // The 200 comes after the event is stored: no waiting needed to find it.
      expect(await webhookEvents(sys, 'stripe', event.id)).toEqual([expect.objectContaining({ type: 'payment_intent.succeeded', object_ref: intentId, deliveries: 1 })]);

      const paid = await orderBecomes(sys, buyer, order.id, 'paid');
      expect(paid.paidAt).toEqual(expect.any(String));
      expect(paid.shipments.map((s: { status: string }) => s.status)).toEqual(['paid']);
      const view = (await paymentOf(buyer, payment.id).expect(200)).body;
      expect(view).toMatchObject({ id: payment.id, status: 'succeeded', amount: order.total, instructions: null });
      expect(view.paidAt).toEqual(expect.any(String));
      expect(await processed(sys, 'stripe', event.id)).toMatchObject({ outcome: 'payment succeeded' });
    });

    it('the same webhook delivered 5 times has one effect', async () => {
      const buyer = await register(sys);
      const shop = await insertShop(sys, 180_000n);
      const { order, payment } = await checkout(sys, buyer, [{ shop }], 'card');
      const event = await bed.stripe.succeed(intentIdOf(payment), { deliveries: 0 });
      const sent = await bed.stripe.deliver(event.id, { times: 5, concurrent: true });
      expect(sent.map((d) => d.status)).toEqual([200, 200, 200, 200, 200]);

      await orderBecomes(sys, buyer, order.id, 'paid');
      await eventually(async () => expect(await salePostings(sys, order.id)).toBe(1));
      // Time for a duplicate effect to show, were there one.
      await pause(1000);
      expect(await webhookEvents(sys, 'stripe', event.id)).toEqual([expect.objectContaining({ deliveries: 5, outcome: 'payment succeeded' })]);
      expect(await count(sys, `SELECT count(*)::int AS n FROM payments.outbox WHERE name = 'payment.succeeded' AND payload->>'paymentId' = $1`, [payment.id])).toBe(1);
      expect(await orderHistoryTo(sys, order.id, 'paid')).toBe(1);
      expect(await salePostings(sys, order.id)).toBe(1);
      expect(await count(sys, `SELECT count(*)::int AS n FROM orders.notifications WHERE user_id = $1 AND kind = 'order.paid'`, [buyer.user.id])).toBe(1);
      const detail = await orderOf(sys, buyer, order.id);
      expect(detail.history.filter((h: { to: string; shipmentId: string | null }) => h.to === 'paid' && !h.shipmentId)).toHaveLength(1);
    });

    it('events out of order: payment_failed delivered after succeeded leaves the order paid', async () => {
      const buyer = await register(sys);
      const shop = await insertShop(sys, 90_000n);
      const { order, payment } = await checkout(sys, buyer, [{ shop }], 'card');
      const intentId = intentIdOf(payment);
      // The first card is declined, the second goes through; Stripe delivers the newer event first.
      const failed = await bed.stripe.fail(intentId, { deliveries: 0 });
      const succeeded = await bed.stripe.succeed(intentId, { deliveries: 0 });
      const sent = await bed.stripe.deliverOutOfOrder([failed.id, succeeded.id]);
      expect(sent.map((d) => [d.eventId, d.status])).toEqual([[succeeded.id, 200], [failed.id, 200]]);

      await orderBecomes(sys, buyer, order.id, 'paid');
      const outcomes = [(await processed(sys, 'stripe', succeeded.id)).outcome, (await processed(sys, 'stripe', failed.id)).outcome].sort();
      // Both are read back from Stripe as succeeded: one records it, the other finds it done.
      expect(outcomes).toEqual(['already succeeded', 'payment succeeded']);
      await pause(500);
      expect((await orderOf(sys, buyer, order.id)).status).toBe('paid');
      expect((await paymentOf(buyer, payment.id).expect(200)).body.status).toBe('succeeded');
      expect(await count(sys, `SELECT count(*)::int AS n FROM payments.outbox WHERE name = 'payment.failed' AND payload->>'paymentId' = $1`, [payment.id])).toBe(0);
      expect(await count(sys, `SELECT count(*)::int AS n FROM orders.notifications WHERE user_id = $1 AND kind = 'payment.failed'`, [buyer.user.id])).toBe(0);
    });

    it('a declined card leaves the order open for another try', async () => {
      const buyer = await register(sys);
      const shop = await insertShop(sys, 90_000n);
      const { order, payment } = await checkout(sys, buyer, [{ shop }], 'card');
      const failed = await bed.stripe.fail(intentIdOf(payment), { message: 'Your card has insufficient funds.' });
      expect(await processed(sys, 'stripe', failed.id)).toMatchObject({ outcome: 'attempt failed' });
      await eventually(async () =>
        expect(await count(sys, `SELECT count(*)::int AS n FROM orders.notifications WHERE user_id = $1 AND kind = 'payment.failed'`, [buyer.user.id])).toBe(1),
      );
      expect((await orderOf(sys, buyer, order.id)).status).toBe('pending_payment');
      expect((await paymentOf(buyer, payment.id).expect(200)).body).toMatchObject({ status: 'pending', instructions: { kind: 'card' } });
    });
  });

  describe('bank transfers', () => {
    it('a transfer confirmed by a curator pays the order, once', async () => {
      const buyer = await register(sys);
      const shop = await insertShop(sys, 250_000n);
      const { order, payment } = await checkout(sys, buyer, [{ shop, shipping: 'JNE:REG' }], 'bank_transfer');
      expect(payment).toMatchObject({
        method: 'bank_transfer',
        status: 'pending',
        amount: order.total,
        instructions: { kind: 'bank_transfer', bank: 'BPD Bali', amount: order.total, expiresAt: payment.expiresAt },
      });
      expect(payment.instructions?.kind === 'bank_transfer' && payment.instructions.virtualAccount).toMatch(/^8808\d{12}$/);

      const confirmed = await api().post(`/api/v1/curation/payments/${payment.id}/confirm-transfer`).set(bearer(curator)).expect(200);
      expect(confirmed.body).toMatchObject({ id: payment.id, status: 'succeeded', instructions: null });
      await orderBecomes(sys, buyer, order.id, 'paid');
      // A second click changes nothing.
      await api().post(`/api/v1/curation/payments/${payment.id}/confirm-transfer`).set(bearer(curator)).expect(200);
      await eventually(async () => expect(await salePostings(sys, order.id)).toBe(1));
      await pause(500);
      expect(await orderHistoryTo(sys, order.id, 'paid')).toBe(1);
      expect(await count(sys, `SELECT count(*)::int AS n FROM payments.outbox WHERE name = 'payment.succeeded' AND payload->>'paymentId' = $1`, [payment.id])).toBe(1);
      expect(await queryDb(sys, `SELECT confirmed_by, captured::text FROM payments.payments WHERE id = $1`, [payment.id])).toEqual([
        { confirmed_by: curator.user.id, captured: order.total },
      ]);
    });

    it("the bank's signed callback pays the order; a wrong amount is recorded and pays nothing", async () => {
      const buyer = await register(sys);
      const shop = await insertShop(sys, 175_000n);
      const { order, payment } = await checkout(sys, buyer, [{ shop }], 'bank_transfer');
      const virtualAccount = payment.instructions?.kind === 'bank_transfer' ? payment.instructions.virtualAccount : 'missing';

      const short = { virtualAccount, amount: String(BigInt(order.total) - 5_000n), paidAt: new Date().toISOString(), reference: `BPD${Date.now()}a` };
      expect((await postBankCallback(sys, bed.bankSecret, short).expect(200)).body).toEqual({ received: true, duplicate: false });
      const mismatch = await processed(sys, 'bank', short.reference);
      expect(mismatch).toMatchObject({ type: 'transfer.received', object_ref: virtualAccount });
      expect(mismatch.outcome).toMatch(/amount mismatch: received 170000, expected 175000/);
      await pause(300);
      expect((await orderOf(sys, buyer, order.id)).status).toBe('pending_payment');
      expect((await paymentOf(buyer, payment.id).expect(200)).body.status).toBe('pending');

      const full = { virtualAccount, amount: order.total, paidAt: new Date().toISOString(), reference: `BPD${Date.now()}b` };
      expect((await postBankCallback(sys, bed.bankSecret, full).expect(200)).body).toEqual({ received: true, duplicate: false });
      await orderBecomes(sys, buyer, order.id, 'paid');
      expect(await processed(sys, 'bank', full.reference)).toMatchObject({ outcome: 'payment succeeded' });
      expect((await paymentOf(buyer, payment.id).expect(200)).body).toMatchObject({ status: 'succeeded', amount: order.total });

      // The bank retries the same callback: counted, nothing else.
      expect((await postBankCallback(sys, bed.bankSecret, full).expect(200)).body).toEqual({ received: true, duplicate: true });
      expect(await webhookEvents(sys, 'bank', full.reference)).toEqual([expect.objectContaining({ deliveries: 2 })]);
      expect(await orderHistoryTo(sys, order.id, 'paid')).toBe(1);
    });
  });

  describe('signatures', () => {
    it('Stripe webhooks forged, tampered with, stale or unsigned get 400 invalid_signature and store nothing', async () => {
      const buyer = await register(sys);
      const shop = await insertShop(sys, 120_000n);
      const { order, payment } = await checkout(sys, buyer, [{ shop }], 'card');
      const intentId = intentIdOf(payment);
      // A genuine event, held back so that only the test sends it.
      const event = await bed.stripe.requireAction(intentId, { deliveries: 0 });
      const payload = bed.stripe.payloadOf(event.id);
      const wrongSecret = `whsec_${randomBytes(16).toString('hex')}`;
      const tampered = payload.replace('"payment_intent.requires_action"', '"payment_intent.succeeded"');
      expect(tampered).not.toBe(payload);

      const refusals: Array<[string, string, string | undefined]> = [
        ['signed with another secret', payload, bed.stripe.signatureHeader(payload, { secret: wrongSecret })],
        ['body changed after signing', tampered, bed.stripe.signatureHeader(payload)],
        ['signed 301 s ago', payload, bed.stripe.signatureHeader(payload, { timestamp: nowSeconds() - 301 })],
        ['no signature', payload, undefined],
        ['not a signature', payload, 'sha256=deadbeef'],
      ];
      for (const [what, body, signature] of refusals) {
        const res = await postStripeWebhook(sys, body, signature);
        expect({ what, status: res.status, code: res.body?.error?.code }).toEqual({ what, status: 400, code: 'invalid_signature' });
      }
      // A forged "succeeded" for this very payment, made up by someone without the secret.
      const intent = bed.stripe.state.paymentIntents.get(intentId)!;
      const forged = JSON.stringify({
        id: `evt_forged${randomBytes(8).toString('hex')}`,
        object: 'event',
        type: 'payment_intent.succeeded',
        created: nowSeconds(),
        data: { object: { ...intent, status: 'succeeded', amount_received: intent.amount } },
      });
      const forgedRes = await postStripeWebhook(sys, forged, bed.stripe.signatureHeader(forged, { secret: wrongSecret }));
      expect(forgedRes.status).toBe(400);
      expect(forgedRes.body.error.code).toBe('invalid_signature');
      // Stripe's own delivery of the event, but late.
      const [late] = await bed.stripe.deliver(event.id, { ageSeconds: 400 });
      expect(late.status).toBe(400);

      expect(await webhookEvents(sys, 'stripe', event.id)).toEqual([]);
      expect(await webhookEvents(sys, 'stripe', JSON.parse(forged).id)).toEqual([]);
      expect(await count(sys, `SELECT count(*)::int AS n FROM payments.webhook_events WHERE object_ref = $1`, [intentId])).toBe(0);

      // The same bytes, signed with the endpoint secret within the tolerance, are taken.
      await postStripeWebhook(sys, payload, bed.stripe.signatureHeader(payload, { timestamp: nowSeconds() - 240 })).expect(200);
      expect(await webhookEvents(sys, 'stripe', event.id)).toEqual([expect.objectContaining({ deliveries: 1 })]);
      await processed(sys, 'stripe', event.id);
      expect((await orderOf(sys, buyer, order.id)).status).toBe('pending_payment');
      expect((await paymentOf(buyer, payment.id).expect(200)).body.status).toBe('pending');
    });

    it('bank callbacks forged, tampered with or stale get 400 invalid_signature and store nothing', async () => {
      const buyer = await register(sys);
      const shop = await insertShop(sys, 140_000n);
      const { order, payment } = await checkout(sys, buyer, [{ shop }], 'bank_transfer');
      const virtualAccount = payment.instructions?.kind === 'bank_transfer' ? payment.instructions.virtualAccount : 'missing';
      const body = { virtualAccount, amount: order.total, paidAt: new Date().toISOString(), reference: `BPD${Date.now()}f` };

      const forged = await postBankCallback(sys, bed.bankSecret, body, { secret: `not-the-bank-${randomBytes(8).toString('hex')}` });
      const stale = await postBankCallback(sys, bed.bankSecret, body, { timestamp: nowSeconds() - 301 });
      const raw = JSON.stringify(body);
      const tampered = await api()
        .post('/api/v1/webhooks/bank')
        .set('content-type', 'application/json')
        .set('x-bank-signature', signBankCallback(raw, bed.bankSecret))
        .send(JSON.stringify({ ...body, virtualAccount: '8808999999999999' }));
      const unsigned = await api().post('/api/v1/webhooks/bank').set('content-type', 'application/json').send(raw);
      for (const res of [forged, stale, tampered, unsigned]) {
        expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 400, code: 'invalid_signature' });
      }
      expect(await webhookEvents(sys, 'bank', body.reference)).toEqual([]);
      await pause(300);
      expect((await orderOf(sys, buyer, order.id)).status).toBe('pending_payment');

      await postBankCallback(sys, bed.bankSecret, body).expect(200);
      await orderBecomes(sys, buyer, order.id, 'paid');
    });
  });

  describe('refunds by a curator', () => {
    let buyer: Session;
    let two: CheckoutResult & { intentId: string };
    const refund = (key: string, body: Record<string, unknown>, who: Session = curator) =>
      api().post('/api/v1/curation/refunds').set(bearer(who)).set('Idempotency-Key', key).send(body);
    const refundsAtStripe = (intentId: string) => [...bed.stripe.state.refunds.values()].filter((r) => r.payment_intent === intentId);
    const shipped = (s: { goodsTotal: string; shippingFee: string }) => BigInt(s.goodsTotal) + BigInt(s.shippingFee);

    beforeAll(async () => {
      buyer = await register(sys);
      const [a, b] = await Promise.all([insertShop(sys, 200_000n), insertShop(sys, 120_000n)]);
      two = await paidByCard(buyer, [{ shop: a, shipping: 'JNE:REG' }, { shop: b }]);
    });

    it('partial: one shipment, asked twice at once under one key, is one refund', async () => {
      const withFee = two.order.shipments.find((s) => s.shippingFee !== '0')!;
      const amount = shipped(withFee);
      const key = newId();
      const body = { orderId: two.order.id, shipmentId: withFee.id, amount: amount.toString(), reason: 'kain rusak saat pengiriman' };
      const [first, second] = await Promise.all([refund(key, body), refund(key, body)]);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).toBe(first.body.id);
      expect(first.body).toMatchObject({ paymentId: two.payment.id, orderId: two.order.id, shipmentId: withFee.id, amount: amount.toString() });
      const replay = await refund(key, body).expect(201);
      expect(replay.body).toMatchObject({ id: first.body.id, status: 'succeeded' });

      expect(await queryDb(sys, `SELECT id, amount::text, status FROM payments.refunds WHERE order_id = $1`, [two.order.id])).toEqual([
        { id: first.body.id, amount: amount.toString(), status: 'succeeded' },
      ]);
      expect(refundsAtStripe(two.intentId)).toEqual([
        expect.objectContaining({ amount: Number(amount) * 100, status: 'succeeded', metadata: expect.objectContaining({ refundId: first.body.id, shipmentId: withFee.id }) }),
      ]);
      expect((await paymentOf(buyer, two.payment.id).expect(200)).body).toMatchObject({ status: 'succeeded', refunded: amount.toString() });
      // The ledger reverses that shipment's sale and commission; the books still balance.
      expect(await count(sys, `SELECT count(*)::int AS n FROM payments.postings WHERE key = $1 AND kind = 'refund'`, [`refund:${first.body.id}`])).toBe(1);
      expect(await artisanNet(sys, withFee.id)).toBe('0');
      const other = two.order.shipments.find((s) => s.id !== withFee.id)!;
      expect(await artisanNet(sys, other.id)).not.toBe('0');
      expect(await ledgerSum(sys)).toBe('0');
      // Orders hears of it: the buyer's timeline says so.
      await eventually(async () => {
        const detail = await orderOf(sys, buyer, two.order.id);
        expect(detail.history).toEqual(expect.arrayContaining([expect.objectContaining({ shipmentId: withFee.id, note: expect.stringMatching(/^refunded Rp /) })]));
      });
    });

    it('the same key with another amount is refused', async () => {
      const [{ idempotency_key: key, shipment_id: shipmentId, amount }] = await queryDb<{ idempotency_key: string; shipment_id: string; amount: string }>(
        sys,
        `SELECT idempotency_key, shipment_id, amount::text FROM payments.refunds WHERE order_id = $1`,
        [two.order.id],
      );
      const res = await refund(key, { orderId: two.order.id, shipmentId, amount: String(BigInt(amount) - 1000n), reason: 'kain rusak saat pengiriman' });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('idempotency_key_reused');
      expect(await count(sys, `SELECT count(*)::int AS n FROM payments.refunds WHERE order_id = $1`, [two.order.id])).toBe(1);
    });

    it('more than is left: 409 refund_too_large naming what is left, and nothing refunded', async () => {
      const left = BigInt(two.order.total) - shipped(two.order.shipments.find((s) => s.shippingFee !== '0')!);
      const other = two.order.shipments.find((s) => s.shippingFee === '0')!;
      const res = await refund(newId(), { orderId: two.order.id, shipmentId: other.id, amount: (left + 1n).toString(), reason: 'pembeli berubah pikiran' });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'refund_too_large', details: { refundable: left.toString(), requested: (left + 1n).toString() } });
      expect(res.body.error.message).toContain(left.toString());
      expect(await count(sys, `SELECT count(*)::int AS n FROM payments.refunds WHERE order_id = $1`, [two.order.id])).toBe(1);
      expect(refundsAtStripe(two.intentId)).toHaveLength(1);
    });

    it("the buyer's order shows what was refunded", async () => {
      const withFee = two.order.shipments.find((s) => s.shippingFee !== '0')!;
      await eventually(async () => {
        const detail = await orderOf(sys, buyer, two.order.id);
        expect(detail).toMatchObject({ refunded: shipped(withFee).toString(), paymentStatus: 'partly_refunded' });
        expect(detail.shipments.find((s: { id: string }) => s.id === withFee.id).refunded).toBe(shipped(withFee).toString());
      }, { timeoutMs: 5000 });
    });

    it('full: the whole order, then not a rupiah more', async () => {
      const buyer2 = await register(sys);
      const shop = await insertShop(sys, 95_000n);
      const one = await paidByCard(buyer2, [{ shop, quantity: 2, shipping: 'JNE:REG' }]);
      const total = one.order.total;
      const res = await refund(newId(), { orderId: one.order.id, amount: total, reason: 'artisan tidak dapat memenuhi pesanan' }).expect(201);
      expect(res.body).toMatchObject({ orderId: one.order.id, shipmentId: null, amount: total, status: 'succeeded' });
      expect(refundsAtStripe(one.intentId)).toEqual([expect.objectContaining({ amount: Number(total) * 100, status: 'succeeded' })]);
      const charge = bed.stripe.state.charges.get(bed.stripe.state.paymentIntents.get(one.intentId)!.latest_charge!)!;
      expect(charge).toMatchObject({ refunded: true, amount_refunded: Number(total) * 100 });
      expect((await paymentOf(buyer2, one.payment.id).expect(200)).body).toMatchObject({ refunded: total });

      const more = await refund(newId(), { orderId: one.order.id, amount: '1', reason: 'satu rupiah lagi' });
      expect(more.status).toBe(409);
      expect(more.body.error).toMatchObject({ code: 'refund_too_large', details: { refundable: '0' } });
      // The order-level refund is spread over its shipment: the artisan is back to nothing.
      expect(await count(sys, `SELECT count(*)::int AS n FROM payments.postings WHERE key = $1 AND kind = 'refund'`, [`refund:${res.body.id}`])).toBe(1);
      expect(await artisanNet(sys, one.order.shipments[0].id)).toBe('0');
      expect(await ledgerSum(sys)).toBe('0');
    });

    it('an unpaid order has nothing to refund (409); an unknown one is 404; a refund needs an Idempotency-Key', async () => {
      const buyer3 = await register(sys);
      const shop = await insertShop(sys, 60_000n);
      const { order } = await checkout(sys, buyer3, [{ shop }], 'bank_transfer');
      const unpaid = await refund(newId(), { orderId: order.id, amount: '10000', reason: 'belum dibayar' });
      expect(unpaid.status).toBe(409);
      expect(unpaid.body.error.code).toBe('invalid_transition');
      const unknown = await refund(newId(), { orderId: newId(), amount: '10000', reason: 'tidak ada' });
      expect(unknown.status).toBe(404);
      const before = await count(sys, `SELECT count(*)::int AS n FROM payments.refunds WHERE order_id = $1`, [two.order.id]);
      const keyless = await api().post('/api/v1/curation/refunds').set(bearer(curator)).send({ orderId: two.order.id, amount: '1000', reason: 'tanpa kunci' });
      expect(keyless.status).toBe(400);
      expect(keyless.body.error.code).toBe('validation_failed');
      expect(await count(sys, `SELECT count(*)::int AS n FROM payments.refunds WHERE order_id = $1`, [order.id])).toBe(0);
      expect(await count(sys, `SELECT count(*)::int AS n FROM payments.refunds WHERE order_id = $1`, [two.order.id])).toBe(before);
    });

    it('after a partial refund, cancelling the order refunds only what is left', async () => {
      const withFee = two.order.shipments.find((s) => s.shippingFee !== '0')!;
      const other = two.order.shipments.find((s) => s.id !== withFee.id)!;
      const res = await api().post(`/api/v1/orders/${two.order.id}/cancel`).set(bearer(buyer)).send({ reason: 'tidak jadi membeli' });
      expect({ status: res.status, order: res.body.status ?? res.body.error }).toEqual({ status: 200, order: 'cancelled' });
      expect((await paymentOf(buyer, two.payment.id).expect(200)).body).toMatchObject({ refunded: two.order.total });
      expect(refundsAtStripe(two.intentId).map((r) => r.amount).sort((a, b) => a - b)).toEqual(
        [Number(shipped(other)) * 100, Number(shipped(withFee)) * 100].sort((a, b) => a - b),
      );
      expect(await queryDb(sys, `SELECT shipment_id, amount::text, status FROM payments.refunds WHERE order_id = $1 ORDER BY created_at`, [two.order.id])).toEqual([
        { shipment_id: withFee.id, amount: shipped(withFee).toString(), status: 'succeeded' },
        { shipment_id: other.id, amount: shipped(other).toString(), status: 'succeeded' },
      ]);
      expect(await artisanNet(sys, withFee.id)).toBe('0');
      expect(await artisanNet(sys, other.id)).toBe('0');
      expect(await ledgerSum(sys)).toBe('0');
    });
  });

  describe('who may do what', () => {
    let owner: Session;
    let stranger: Session;
    let payment: CheckoutResult['payment'];

    beforeAll(async () => {
      [owner, stranger] = await Promise.all([register(sys), register(sys)]);
      const shop = await insertShop(sys, 80_000n);
      ({ payment } = await checkout(sys, owner, [{ shop }], 'bank_transfer'));
    });

    it('only the buyer who owns it reads a payment on the buyer route, curators on theirs; another buyer gets 404', async () => {
      expect((await paymentOf(owner, payment.id).expect(200)).body).toMatchObject({ id: payment.id, buyerId: owner.user.id });
      expect((await api().get(`/api/v1/curation/payments/${payment.id}`).set(bearer(curator)).expect(200)).body).toMatchObject({ id: payment.id });
      expect((await paymentOf(curator, payment.id)).status).toBe(404);
      const other = await paymentOf(stranger, payment.id);
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe('not_found');
      // The same answer as for an id that does not exist at all.
      expect((await paymentOf(stranger, newId())).status).toBe(404);
      expect((await api().get(`/api/v1/payments/${payment.id}`)).status).toBe(401);
      const list = await api().get('/api/v1/curation/payments').query({ status: 'pending', limit: 100 }).set(bearer(curator)).expect(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).toContain(payment.id);
      expect((await api().get('/api/v1/curation/payments').set(bearer(owner))).status).toBe(403);
    });

    it('confirming a transfer and refunding are for curators: 403 for buyers, 401 without a token', async () => {
      const confirm = `/api/v1/curation/payments/${payment.id}/confirm-transfer`;
      expect((await api().post(confirm).set(bearer(owner))).status).toBe(403);
      expect((await api().post(confirm)).status).toBe(401);
      const body = { orderId: payment.orderId, amount: '1000', reason: 'saya mau uang kembali' };
      expect((await api().post('/api/v1/curation/refunds').set(bearer(owner)).set('Idempotency-Key', newId()).send(body)).status).toBe(403);
      expect((await api().post('/api/v1/curation/refunds').set('Idempotency-Key', newId()).send(body)).status).toBe(401);
      expect((await paymentOf(owner, payment.id).expect(200)).body.status).toBe('pending');
      expect(await count(sys, `SELECT count(*)::int AS n FROM payments.refunds WHERE order_id = $1`, [payment.orderId])).toBe(0);
    });
  });
});

describe('payment windows (short, swept every second)', () => {
  let bed: PaymentsTestbed;
  let sys: TestSystem;
  let curator: Session;
  const api = () => request(sys.http);

  beforeAll(async () => {
    bed = await bootPaymentsSystem('payments_expiry', {
      env: { PAYMENT_WINDOW_TRANSFER_SECONDS: '2', PAYMENT_WINDOW_CARD_SECONDS: '2', ORDERS_SWEEP_SECONDS: '1' },
    });
    sys = bed.sys;
    curator = await registerWithRoles(sys, ['curator']);
  });
  afterAll(() => bed?.close());

  it('an unpaid transfer expires: the order is cancelled, the payment expired, the stock released', async () => {
    const buyer = await register(sys);
    const shop = await insertShop(sys, 130_000n);
    const { order, payment } = await checkout(sys, buyer, [{ shop, quantity: 2 }], 'bank_transfer');
    const cancelled = await orderBecomes(sys, buyer, order.id, 'cancelled', 20_000);
    expect(cancelled.cancelReason).toBe('the payment window closed');
    expect(cancelled.shipments.map((s: { status: string }) => s.status)).toEqual(['cancelled']);
    expect((await api().get(`/api/v1/payments/${payment.id}`).set(bearer(buyer)).expect(200)).body).toMatchObject({ status: 'expired', instructions: null });
    expect(await queryDb(sys, `SELECT r.status FROM catalog.reservations r JOIN orders.orders o ON o.reservation_id = r.id WHERE o.id = $1`, [order.id])).toEqual([
      { status: 'released' },
    ]);
    // Money that turns up now is for the council to return, not to confirm.
    const late = await api().post(`/api/v1/curation/payments/${payment.id}/confirm-transfer`).set(bearer(curator));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('invalid_transition');
  });

  it('an unpaid card payment expires and its PaymentIntent is cancelled at Stripe', async () => {
    const buyer = await register(sys);
    const shop = await insertShop(sys, 130_000n);
    const { order, payment } = await checkout(sys, buyer, [{ shop }], 'card');
    await orderBecomes(sys, buyer, order.id, 'cancelled', 20_000);
    expect((await api().get(`/api/v1/payments/${payment.id}`).set(bearer(buyer)).expect(200)).body.status).toMatch(/^(expired|cancelled)$/);
    expect(bed.stripe.state.paymentIntents.get(intentIdOf(payment))).toMatchObject({ status: 'canceled' });
  });

  it('a card payment that succeeds after its order was cancelled is refunded in full', async () => {
    const buyer = await register(sys);
    const shop = await insertShop(sys, 210_000n);
    const { order, payment } = await checkout(sys, buyer, [{ shop, shipping: 'JNE:REG' }], 'card');
    const intentId = intentIdOf(payment);
    // Stripe cannot be told to cancel this one, so the buyer can still pay after the window.
    bed.faults.refuse('POST', new RegExp(`^/v1/payment_intents/${intentId}/cancel$`));
    await orderBecomes(sys, buyer, order.id, 'cancelled', 20_000);
    expect(bed.faults.refused).toBeGreaterThan(0);
    expect((await api().get(`/api/v1/payments/${payment.id}`).set(bearer(buyer)).expect(200)).body.status).toBe('expired');
    expect(bed.stripe.state.paymentIntents.get(intentId)).toMatchObject({ status: 'requires_payment_method' });

    const event = await bed.stripe.succeed(intentId);
    expect(bed.stripe.deliveries.filter((d) => d.eventId === event.id).map((d) => d.status)).toEqual([200]);
    await eventually(async () => {
      const refunds = [...bed.stripe.state.refunds.values()].filter((r) => r.payment_intent === intentId);
      expect(refunds).toEqual([expect.objectContaining({ amount: Number(order.total) * 100, status: 'succeeded' })]);
    }, { timeoutMs: 15_000 });
    await eventually(async () =>
      expect((await api().get(`/api/v1/payments/${payment.id}`).set(bearer(buyer)).expect(200)).body).toMatchObject({ status: 'succeeded', refunded: order.total }),
    );
    expect(await queryDb(sys, `SELECT amount::text, status FROM payments.refunds WHERE order_id = $1`, [order.id])).toEqual([{ amount: order.total, status: 'succeeded' }]);
    await eventually(async () => {
      const detail = await orderOf(sys, buyer, order.id);
      expect(detail.status).toBe('cancelled');
      expect(detail.history).toEqual(expect.arrayContaining([expect.objectContaining({ note: expect.stringMatching(/^refunded Rp /) })]));
    });
    // Nothing was ever sold, so the ledger holds nothing for this order.
    expect(await count(sys, `SELECT count(*)::int AS n FROM payments.postings WHERE order_id = $1`, [order.id])).toBe(0);
    expect(await ledgerSum(sys)).toBe('0');
  });
});
