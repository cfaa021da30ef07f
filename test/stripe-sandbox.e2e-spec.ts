import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { ProviderError } from '../apps/payments/src/providers/payment-provider';
import { StripeProvider, verifyStripeWebhook } from '../apps/payments/src/providers/stripe.provider';
import { startStripeSandbox, type StripeSandbox } from './sandboxes/stripe-sandbox';

// The Stripe provider against the stand-in: no database, only HTTP. The stand-in enforces
// Stripe's rules (auth, idempotency, IDR amounts, refund limits) and signs webhooks as Stripe
// does; these tests check that the provider meets them and that the signatures verify with
// Stripe's own SDK.

const SECRET_KEY = `sk_test_pk${randomBytes(12).toString('hex')}`;
const WEBHOOK_SECRET = `whsec_${randomBytes(16).toString('hex')}`;
const PUBLISHABLE_KEY = 'pk_test_pasarkriya';

interface Received {
  raw: Buffer;
  headers: IncomingHttpHeaders;
}

let sandbox: StripeSandbox;
let receiver: { server: Server; url: string; received: Received[] };
let stripe: StripeProvider;

/** The webhook endpoint: keeps the raw bytes and headers of every POST. */
async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ raw: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`, received };
}

beforeAll(async () => {
  [sandbox, receiver] = await Promise.all([startStripeSandbox({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET }), startReceiver()]);
  sandbox.setWebhookUrl(receiver.url);
  stripe = new StripeProvider({ secretKey: SECRET_KEY, apiUrl: sandbox.url, publishableKey: PUBLISHABLE_KEY });
});

afterAll(async () => {
  await Promise.all([sandbox?.close(), new Promise((resolve) => receiver?.server.close(resolve))]);
});

let orders = 0;
function payment(amount = 150_000n) {
  const orderId = `ord-${++orders}-${randomUUID().slice(0, 8)}`;
  return { paymentId: `pay-${orderId}`, orderId, amount, buyerEmail: 'wayan@example.id', expiresAt: new Date(Date.now() + 30 * 60_000), idempotencyKey: `payment-${orderId}` };
}

const intentOf = (id: string) => sandbox.state.paymentIntents.get(id)!;
const receivedFor = (eventId: string) => receiver.received.filter((r) => (JSON.parse(r.raw.toString()) as { id: string }).id === eventId);

/** A card payment the buyer has paid. */
async function paid(amount = 150_000n) {
  const created = await stripe.create(payment(amount));
  await sandbox.succeed(created.providerRef, { deliveries: 0 });
  return created.providerRef;
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('creating a card payment', () => {
  it('makes a PaymentIntent in IDR hundredths with our ids, and hands back what the web app needs', async () => {
    const p = payment(150_000n);
    const created = await stripe.create(p);
    expect(created.status).toBe('pending');
    expect(created.instructions).toEqual({ kind: 'card', clientSecret: expect.stringMatching(new RegExp(`^${created.providerRef}_secret_`)), publishableKey: PUBLISHABLE_KEY });
    const intent = intentOf(created.providerRef);
    expect(intent).toMatchObject({ amount: 15_000_000, currency: 'idr', status: 'requires_payment_method', metadata: { paymentId: p.paymentId, orderId: p.orderId }, receipt_email: 'wayan@example.id' });
    const sent = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents' && r.idempotencyKey === p.idempotencyKey);
    expect(sent).toHaveLength(1);
  });

  it('is idempotent: the same key and values give the same intent, replayed', async () => {
    const p = payment();
    const first = await stripe.create(p);
    const again = await stripe.create(p);
    expect(again.providerRef).toBe(first.providerRef);
    expect(again.instructions).toEqual(first.instructions);
    const sent = sandbox.requests.filter((r) => r.idempotencyKey === p.idempotencyKey);
    expect(sent.map((r) => [r.status, r.replayed])).toEqual([
      [200, false],
      [200, true],
    ]);
    expect([...sandbox.state.paymentIntents.values()].filter((i) => i.metadata.orderId === p.orderId)).toHaveLength(1);
  });

  it('refuses the same key with another amount', async () => {
    const p = payment(150_000n);
    const first = await stripe.create(p);
    const error = await rejection(stripe.create({ ...p, amount: 175_000n }));
    expect(error).toMatchObject({ kind: 'idempotency_conflict', httpStatus: 400, retryable: false });
    expect(error.message).toContain(p.idempotencyKey);
    expect([...sandbox.state.paymentIntents.values()].filter((i) => i.metadata.orderId === p.orderId).map((i) => i.id)).toEqual([first.providerRef]);
  });

  it('refuses amounts below Stripe’s minimum and above its twelve digits', async () => {
    const small = await rejection(stripe.create(payment(5_000n)));
    expect(small).toMatchObject({ kind: 'amount_too_small', providerCode: 'amount_too_small', param: 'amount' });
    expect(small.providerMessage).toMatch(/at least 50 cents\. Rp 5\.000,00 converts to approximately \$0\.31/);
    const large = await rejection(stripe.create(payment(10_000_000_000n)));
    expect(large).toMatchObject({ kind: 'amount_too_large', providerCode: 'amount_too_large' });
    await expect(stripe.create(payment(8_000n))).resolves.toMatchObject({ status: 'pending' });
  });

  it('refuses a zero amount without calling Stripe', async () => {
    const before = sandbox.requests.length;
    expect(await rejection(stripe.create(payment(0n)))).toMatchObject({ kind: 'invalid_request', param: 'amount' });
    expect(sandbox.requests.length).toBe(before);
  });

  it('is refused with a wrong secret key, without showing the key', async () => {
    const wrong = new StripeProvider({ secretKey: 'sk_test_wrongwrongwrong1234', apiUrl: sandbox.url, maxNetworkRetries: 0 });
    const error = await rejection(wrong.create(payment()));
    expect(error).toMatchObject({ kind: 'authentication', httpStatus: 401 });
    expect(error.message).toMatch(/…1234.*STRIPE_SECRET_KEY/);
    expect(error.message).not.toContain('wrongwrong');
    expect(error.providerMessage).toMatch(/^Invalid API Key provided: sk_test_\*+1234$/);
  });

  it('retries a Stripe outage with the same Idempotency-Key and makes one intent', async () => {
    const p = payment();
    sandbox.failNextRequests(1);
    const created = await stripe.create(p);
    const sent = sandbox.requests.filter((r) => r.idempotencyKey === p.idempotencyKey);
    expect(sent.map((r) => r.status)).toEqual([500, 200]);
    expect([...sandbox.state.paymentIntents.values()].filter((i) => i.metadata.orderId === p.orderId).map((i) => i.id)).toEqual([created.providerRef]);

    const impatient = new StripeProvider({ secretKey: SECRET_KEY, apiUrl: sandbox.url, maxNetworkRetries: 0 });
    sandbox.failNextRequests(1);
    expect(await rejection(impatient.create(payment()))).toMatchObject({ kind: 'unavailable', retryable: true });
  });
});

describe('the stand-in refuses what Stripe would', () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/x-www-form-urlencoded', 'stripe-version': '2026-10-28.endive', ...headers },
      body,
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as { error?: { type: string; code?: string; param?: string; message: string } } }));

  it('answers a missing or wrong key with 401 and Stripe’s error shape', async () => {
    const missing = await post('/v1/payment_intents', 'amount=1500000&currency=idr', { authorization: '' });
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/You did not provide an API key/) });
    const wrong = await post('/v1/payment_intents', 'amount=1500000&currency=idr', { authorization: 'Bearer sk_test_nope' });
    expect(wrong.status).toBe(401);
  });

  it.each([
    ['another currency', 'amount=1500000&currency=usd', 'currency', undefined],
    ['upper-case IDR', 'amount=1500000&currency=IDR', 'currency', undefined],
    ['a fraction of a rupiah', 'amount=1500050&currency=idr', 'amount', 'parameter_invalid_integer'],
    ['no amount', 'currency=idr', 'amount', 'parameter_missing'],
    ['an unknown parameter', 'amount=1500000&currency=idr&colour=red', 'colour', 'parameter_unknown'],
    ['payment_method_types under API endive', 'amount=1500000&currency=idr&payment_method_types[0]=card', 'payment_method_types', 'parameter_unknown'],
  ])('refuses %s', async (_name, body, param, code) => {
    const res = await post('/v1/payment_intents', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', param, ...(code ? { code } : {}) });
  });

  it('takes payment_method_types from clients on an API version before endive', async () => {
    const res = await post('/v1/payment_intents', 'amount=1500000&currency=idr&payment_method_types[0]=card', { 'stripe-version': '2025-06-30.basil' });
    expect(res.status).toBe(200);
  });

  it('refuses an idempotency key reused on another endpoint', async () => {
    const key = `k-${randomUUID()}`;
    expect((await post('/v1/payment_intents', 'amount=1500000&currency=idr', { 'idempotency-key': key })).status).toBe(200);
    const other = await post('/v1/refunds', 'payment_intent=pi_x', { 'idempotency-key': key });
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject({ type: 'idempotency_error', message: expect.stringMatching(/same endpoint/) });
  });
});

describe('reading and cancelling', () => {
  it('reports the intent as it is now: pending, failed after a decline, succeeded once paid', async () => {
    const { providerRef } = await stripe.create(payment(200_000n));
    await expect(stripe.retrieve(providerRef)).resolves.toEqual({ status: 'pending', amountReceived: 0n });
    await sandbox.fail(providerRef, { deliveries: 0 });
    await expect(stripe.retrieve(providerRef)).resolves.toEqual({ status: 'failed', amountReceived: 0n, failureMessage: 'Your card was declined.' });
    await sandbox.succeed(providerRef, { deliveries: 0 });
    await expect(stripe.retrieve(providerRef)).resolves.toEqual({ status: 'succeeded', amountReceived: 200_000n });
  });

  it('counts an intent waiting for 3-D Secure as pending', async () => {
    const { providerRef } = await stripe.create(payment());
    const event = await sandbox.requireAction(providerRef, { deliveries: 0 });
    expect(event.type).toBe('payment_intent.requires_action');
    await expect(stripe.retrieve(providerRef)).resolves.toEqual({ status: 'pending', amountReceived: 0n });
  });

  it('answers not found for an intent Stripe does not have', async () => {
    expect(await rejection(stripe.retrieve('pi_doesnotexist'))).toMatchObject({ kind: 'not_found', httpStatus: 404, providerCode: 'resource_missing' });
  });

  it('cancels a pending intent, twice without complaint, and refuses to cancel a paid one', async () => {
    const { providerRef } = await stripe.create(payment());
    await stripe.cancel(providerRef);
    await expect(stripe.retrieve(providerRef)).resolves.toMatchObject({ status: 'cancelled' });
    expect(intentOf(providerRef)).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    await expect(stripe.cancel(providerRef)).resolves.toBeUndefined();

    const paidRef = await paid();
    const error = await rejection(stripe.cancel(paidRef));
    expect(error).toMatchObject({ kind: 'invalid_state' });
    expect(error.message).toMatch(/status is succeeded; refund it instead/);
  });
});

describe('refunds', () => {
  it('refunds in parts up to what was captured, then refuses', async () => {
    const ref = await paid(150_000n);
    const first = await stripe.refund({ providerRef: ref, amount: 50_000n, idempotencyKey: `refund-${ref}-1`, reason: 'shipment 1 not sent', metadata: { shipmentId: 'shp-1' } });
    expect(first).toEqual({ refundRef: expect.stringMatching(/^re_/), status: 'succeeded' });
    expect(sandbox.state.refunds.get(first.refundRef)).toMatchObject({ amount: 5_000_000, payment_intent: ref, metadata: { shipmentId: 'shp-1', reason: 'shipment 1 not sent' } });
    await expect(stripe.retrieveRefund(first.refundRef)).resolves.toEqual({ refundRef: first.refundRef, status: 'succeeded', amount: 50_000n, providerRef: ref });

    const over = await rejection(stripe.refund({ providerRef: ref, amount: 100_001n, idempotencyKey: `refund-${ref}-2` }));
    expect(over).toMatchObject({ kind: 'amount_too_large', param: 'amount' });
    expect(over.providerMessage).toMatch(/Rp 100\.001,00.*greater than unrefunded amount on charge \(Rp 100\.000,00\)/);

    await expect(stripe.refund({ providerRef: ref, amount: 100_000n, idempotencyKey: `refund-${ref}-3` })).resolves.toMatchObject({ status: 'succeeded' });
    const charge = sandbox.state.charges.get(intentOf(ref).latest_charge!)!;
    expect(charge).toMatchObject({ amount_refunded: 15_000_000, refunded: true });
    expect(await rejection(stripe.refund({ providerRef: ref, amount: 1n, idempotencyKey: `refund-${ref}-4` }))).toMatchObject({ kind: 'already_refunded' });
  });

  it('refunds in full in one go, and the same key does not refund twice', async () => {
    const ref = await paid(300_000n);
    const key = `refund-${ref}-all`;
    const first = await stripe.refund({ providerRef: ref, amount: 300_000n, idempotencyKey: key });
    const again = await stripe.refund({ providerRef: ref, amount: 300_000n, idempotencyKey: key });
    expect(again.refundRef).toBe(first.refundRef);
    expect([...sandbox.state.refunds.values()].filter((r) => r.payment_intent === ref)).toHaveLength(1);
    expect(await rejection(stripe.refund({ providerRef: ref, amount: 100_000n, idempotencyKey: key }))).toMatchObject({ kind: 'idempotency_conflict' });
  });

  it('refuses to refund a payment that has not succeeded', async () => {
    const { providerRef } = await stripe.create(payment());
    expect(await rejection(stripe.refund({ providerRef, amount: 10_000n, idempotencyKey: `refund-${providerRef}` }))).toMatchObject({ kind: 'invalid_state' });
  });
});

describe('webhooks', () => {
  const verify = (r: Received) => Stripe.webhooks.constructEvent(r.raw, String(r.headers['stripe-signature']), WEBHOOK_SECRET, 300);

  it('POSTs the event as raw JSON, signed so that Stripe’s SDK verifies it', async () => {
    const { providerRef } = await stripe.create(payment());
    const event = await sandbox.succeed(providerRef);
    const [delivery] = receivedFor(event.id);
    expect(delivery!.headers['content-type']).toMatch(/^application\/json/);
    expect(delivery!.raw.toString()).toBe(sandbox.payloadOf(event.id));
    const verified = verify(delivery!);
    expect(verified).toMatchObject({ id: event.id, object: 'event', type: 'payment_intent.succeeded', data: { object: { id: providerRef, status: 'succeeded', amount_received: 15_000_000 } } });
    expect(verifyStripeWebhook(delivery!.raw, String(delivery!.headers['stripe-signature']), WEBHOOK_SECRET)).toMatchObject({ ok: true });
    expect(sandbox.deliveries.filter((d) => d.eventId === event.id).map((d) => d.status)).toEqual([200]);
  });

  it('signs exactly as Stripe does', async () => {
    const { providerRef } = await stripe.create(payment());
    const payload = sandbox.payloadOf((await sandbox.succeed(providerRef, { deliveries: 0 })).id);
    const t = Math.floor(Date.now() / 1000);
    expect(sandbox.signatureHeader(payload, { timestamp: t })).toBe(Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: t }));
  });

  it('does not verify once the body is changed, re-serialised or signed with another secret', async () => {
    const { providerRef } = await stripe.create(payment());
    const event = await sandbox.succeed(providerRef);
    const [delivery] = receivedFor(event.id);
    const header = String(delivery!.headers['stripe-signature']);
    const tampered = delivery!.raw.toString().replace('"succeeded"', '"canceled"');
    expect(() => Stripe.webhooks.constructEvent(tampered, header, WEBHOOK_SECRET, 300)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const compact = JSON.stringify(JSON.parse(delivery!.raw.toString()));
    expect(() => Stripe.webhooks.constructEvent(compact, header, WEBHOOK_SECRET, 300)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    await sandbox.deliver(event.id, { secret: 'whsec_forged' });
    const forged = receivedFor(event.id)[1]!;
    expect(() => verify(forged)).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('can sign with a stale timestamp, which the 300 s tolerance refuses', async () => {
    const { providerRef } = await stripe.create(payment());
    const event = await sandbox.fail(providerRef, { deliveries: 0 });
    await sandbox.deliver(event.id, { ageSeconds: 290 });
    await sandbox.deliver(event.id, { ageSeconds: 301 });
    const [recent, stale] = receivedFor(event.id);
    expect(verify(recent!).type).toBe('payment_intent.payment_failed');
    expect(() => verify(stale!)).toThrow(/Timestamp outside the tolerance zone/);
  });

  it('delivers the same event n times, one after another or all at once', async () => {
    const { providerRef } = await stripe.create(payment());
    const event = await sandbox.succeed(providerRef, { deliveries: 5 });
    expect(receivedFor(event.id)).toHaveLength(5);
    const copies = await sandbox.deliver(event.id, { times: 3, concurrent: true });
    expect(copies.map((d) => d.ok)).toEqual([true, true, true]);
    const all = receivedFor(event.id);
    expect(all).toHaveLength(8);
    expect(new Set(all.map((r) => verify(r).id))).toEqual(new Set([event.id]));
  });

  it('delivers events out of order: the newest first', async () => {
    const { providerRef } = await stripe.create(payment());
    const failed = await sandbox.fail(providerRef, { deliveries: 0 });
    const succeeded = await sandbox.succeed(providerRef, { deliveries: 0 });
    const from = receiver.received.length;
    await sandbox.deliverOutOfOrder([failed.id, succeeded.id]);
    const order = receiver.received.slice(from).map((r) => verify(r).type);
    expect(order).toEqual(['payment_intent.succeeded', 'payment_intent.payment_failed']);
    expect(failed.created).toBeLessThanOrEqual(succeeded.created);
  });

  it('tells of cancellations and refunds after answering the API call', async () => {
    const { providerRef } = await stripe.create(payment());
    await stripe.cancel(providerRef);
    const ref = await paid(150_000n);
    await stripe.refund({ providerRef: ref, amount: 40_000n, idempotencyKey: `refund-${ref}-hook` });
    await sandbox.idle();
    const types = (id: string) => sandbox.eventsFor(id).map((e) => e.type);
    expect(types(providerRef)).toEqual(['payment_intent.canceled']);
    expect(types(ref)).toEqual(['payment_intent.succeeded', 'refund.created', 'charge.refunded']);
    const refunded = sandbox.eventsFor(ref).find((e) => e.type === 'charge.refunded')!;
    const [delivery] = receivedFor(refunded.id);
    expect(verify(delivery!).data.object).toMatchObject({ object: 'charge', amount_refunded: 4_000_000, refunded: false, payment_intent: ref });
  });

  it('settles pending refunds later, and a failed one gives the amount back', async () => {
    const pending = await startStripeSandbox({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, refundsStartPending: true });
    try {
      const provider = new StripeProvider({ secretKey: SECRET_KEY, apiUrl: pending.url });
      const { providerRef } = await provider.create(payment());
      await pending.succeed(providerRef, { deliveries: 0 });
      const first = await provider.refund({ providerRef, amount: 150_000n, idempotencyKey: `r-${providerRef}-1` });
      expect(first.status).toBe('pending');
      await pending.settleRefund(first.refundRef, 'failed');
      await expect(provider.retrieveRefund(first.refundRef)).resolves.toMatchObject({ status: 'failed' });
      const second = await provider.refund({ providerRef, amount: 150_000n, idempotencyKey: `r-${providerRef}-2` });
      await pending.settleRefund(second.refundRef, 'succeeded');
      await expect(provider.retrieveRefund(second.refundRef)).resolves.toMatchObject({ status: 'succeeded', amount: 150_000n });
      expect(pending.eventsFor(providerRef).map((e) => e.type)).toEqual([
        'payment_intent.succeeded',
        'refund.created',
        'charge.refunded',
        'refund.failed',
        'refund.updated',
        'refund.created',
        'charge.refunded',
        'refund.updated',
      ]);
    } finally {
      await pending.close();
    }
  });
});
