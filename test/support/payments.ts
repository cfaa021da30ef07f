import { randomBytes } from 'node:crypto';
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { PaymentView, ServiceName } from '@pk/contracts';
import { newId } from '@pk/core';
import { signBankCallback } from '../../apps/payments/src/providers/bank-callback-signature';
import { startStripeSandbox, type StripeSandbox } from '../sandboxes/stripe-sandbox';
import { bootSystem, type TestSystem } from './apps';
import { insertArtisan, insertListing, type FixtureListing } from './catalog-fixtures';
import { queryDb } from './db';
import { eventually } from './eventually';
import { bearer, type Session } from './http';

// The payments app as a buyer, a curator, Stripe and the bank reach it: a system booted with
// the Stripe stand-in behind a proxy that can refuse chosen calls, and helpers to check out,
// sign webhooks and bank callbacks, and read what was stored.

export interface PaymentsTestbed {
  sys: TestSystem;
  stripe: StripeSandbox;
  /** Between the payments app and the stand-in: refuses the calls a test names (a network fault). */
  faults: StripeFaults;
  secretKey: string;
  webhookSecret: string;
  bankSecret: string;
  close(): Promise<void>;
}

/**
 * Boots the services (catalog, orders and payments unless told) with card payments pointed at a
 * fresh Stripe stand-in, whose webhooks go to the gateway's /api/v1/webhooks/stripe.
 */
export async function bootPaymentsSystem(
  suite: string,
  opts: { services?: ServiceName[]; env?: Record<string, string> } = {},
): Promise<PaymentsTestbed> {
  const secretKey = `sk_test_pk${randomBytes(12).toString('hex')}`;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const bankSecret = `bank-callback-${randomBytes(12).toString('hex')}`;
  const stripe = await startStripeSandbox({ secretKey, webhookSecret });
  const faults = await startStripeFaults(stripe.url);
  let sys: TestSystem;
  try {
    sys = await bootSystem(suite, {
      services: opts.services ?? ['catalog', 'orders', 'payments'],
      env: {
        STRIPE_SECRET_KEY: secretKey,
        STRIPE_API_URL: faults.url,
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        STRIPE_PUBLISHABLE_KEY: 'pk_test_pasarkriya',
        BANK_CALLBACK_SECRET: bankSecret,
        ...opts.env,
      },
    });
  } catch (error) {
    await Promise.all([faults.close(), stripe.close()]);
    throw error;
  }
  const { port } = sys.gateway.getHttpServer().address() as AddressInfo;
  stripe.setWebhookUrl(`http://127.0.0.1:${port}/api/v1/webhooks/stripe`);
  return {
    sys,
    stripe,
    faults,
    secretKey,
    webhookSecret,
    bankSecret,
    async close() {
      stripe.setWebhookUrl(null);
      await stripe.idle();
      await sys.close();
      await Promise.all([faults.close(), stripe.close()]);
    },
  };
}

export interface StripeFaults {
  url: string;
  /** Calls matching (method, path) get a 500 api_error from here on, as in an outage of that call. */
  refuse(method: string, path: RegExp): void;
  /** How many calls were refused. */
  readonly refused: number;
  close(): Promise<void>;
}

/** A pass-through proxy to the stand-in that can fail chosen calls. */
async function startStripeFaults(target: string): Promise<StripeFaults> {
  const upstream = new URL(target);
  const rules: Array<{ method: string; path: RegExp }> = [];
  let refused = 0;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    if (rules.some((r) => r.method === req.method && r.path.test(path))) {
      refused += 1;
      req.resume();
      const body = JSON.stringify({ error: { type: 'api_error', message: 'An unknown error occurred while processing your request. (injected fault)' } });
      res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      return;
    }
    const out = forward(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', (error) => res.writeHead(502).end(error.message));
    req.pipe(out);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refuse: (method, path) => void rules.push({ method, path }),
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// --- shops and checkouts ----------------------------------------------------------------------

/** A verified artisan with one published listing of one variant at `price` rupiah. */
export async function insertShop(sys: TestSystem, price: bigint, stock = 50): Promise<{ artisanId: string; listing: FixtureListing }> {
  const artisanId = await insertArtisan(sys, newId());
  const listing = await insertListing(sys, artisanId, { variants: [{ price, stock }] });
  return { artisanId, listing };
}

export type { CheckoutResult } from '@pk/contracts';
import type { CheckoutResult } from '@pk/contracts';

const addresses = new Map<string, string>();

async function addressOf(sys: TestSystem, buyer: Session): Promise<string> {
  const known = addresses.get(buyer.user.id);
  if (known) return known;
  const res = await request(sys.http)
    .post('/api/v1/addresses')
    .set(bearer(buyer))
    .send({ recipient: 'Ni Luh Putu', phone: '081234567890', street: 'Jl. Raya Ubud 1', district: 'Ubud', city: 'Kabupaten Gianyar', province: 'Bali', postalCode: '80571' })
    .expect(201);
  addresses.set(buyer.user.id, res.body.id);
  return res.body.id as string;
}

/**
 * Puts the items in the buyer's cart and checks out as the web app does; each shop ships by its
 * code ('pickup' unless given). Fails the test unless the checkout answers 201.
 */
export async function checkout(
  sys: TestSystem,
  buyer: Session,
  items: Array<{ shop: { artisanId: string; listing: FixtureListing }; quantity?: number; shipping?: string }>,
  paymentMethod: 'card' | 'bank_transfer',
): Promise<CheckoutResult> {
  for (const item of items) {
    await request(sys.http).post('/api/v1/cart/lines').set(bearer(buyer)).send({ variantId: item.shop.listing.variants[0].id, quantity: item.quantity ?? 1 }).expect(200);
  }
  const addressId = await addressOf(sys, buyer);
  const shipping = Object.fromEntries(items.map((i) => [i.shop.artisanId, i.shipping ?? 'pickup']));
  const res = await request(sys.http).post('/api/v1/checkout').set(bearer(buyer)).set('Idempotency-Key', newId()).send({ addressId, shipping, paymentMethod });
  if (res.status !== 201) throw new Error(`checkout answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as CheckoutResult;
}

/** The PaymentIntent id, read from the client secret as Stripe.js reads it. */
export function intentIdOf(payment: PaymentView): string {
  if (payment.instructions?.kind !== 'card') throw new Error(`payment ${payment.id} has no card instructions`);
  return payment.instructions.clientSecret.split('_secret_')[0];
}

/** The buyer's order as GET /api/v1/orders/:id shows it. */
export async function orderOf(sys: TestSystem, who: Session, orderId: string): Promise<Record<string, any>> {
  const res = await request(sys.http).get(`/api/v1/orders/${orderId}`).set(bearer(who)).expect(200);
  return res.body as Record<string, any>;
}

/** Polls the order until it has `status`; returns it. */
export function orderBecomes(sys: TestSystem, who: Session, orderId: string, status: string, timeoutMs = 15_000): Promise<Record<string, any>> {
  return eventually(async () => {
    const order = await orderOf(sys, who, orderId);
    if (order.status !== status) throw new Error(`order ${orderId} is ${order.status}, waiting for ${status}`);
    return order;
  }, { timeoutMs, intervalMs: 100 });
}

// --- webhooks and callbacks -------------------------------------------------------------------

export const postStripeWebhook = (sys: TestSystem, payload: string, signature?: string) => {
  const req = request(sys.http).post('/api/v1/webhooks/stripe').set('content-type', 'application/json');
  if (signature !== undefined) req.set('stripe-signature', signature);
  return req.send(payload);
};

export interface BankCallbackBody {
  virtualAccount: string;
  amount: string;
  paidAt: string;
  reference: string;
}

/** The bank's signed callback; `secret` and `timestamp` to forge or age it. */
export function postBankCallback(sys: TestSystem, bankSecret: string, body: BankCallbackBody, opts: { secret?: string; timestamp?: number } = {}) {
  const raw = JSON.stringify(body);
  return request(sys.http)
    .post('/api/v1/webhooks/bank')
    .set('content-type', 'application/json')
    .set('x-bank-signature', signBankCallback(raw, opts.secret ?? bankSecret, opts.timestamp))
    .send(raw);
}

export interface WebhookEventRow {
  provider: string;
  event_id: string;
  type: string;
  object_ref: string | null;
  deliveries: number;
  processed_at: Date | null;
  outcome: string | null;
}

export const webhookEvents = (sys: TestSystem, provider: 'stripe' | 'bank', eventId: string): Promise<WebhookEventRow[]> =>
  queryDb<WebhookEventRow>(sys, `SELECT * FROM payments.webhook_events WHERE provider = $1 AND event_id = $2`, [provider, eventId]);

/** Waits for the worker to have processed the event; returns its row. */
export function processed(sys: TestSystem, provider: 'stripe' | 'bank', eventId: string, timeoutMs = 10_000): Promise<WebhookEventRow> {
  return eventually(async () => {
    const [row] = await webhookEvents(sys, provider, eventId);
    if (!row?.processed_at) throw new Error(`${provider} event ${eventId} is ${row ? 'not processed yet' : 'not stored'}`);
    return row;
  }, { timeoutMs });
}

/** Every ledger entry summed: the books balance at 0. */
export async function ledgerSum(sys: TestSystem): Promise<string> {
  const [{ s }] = await queryDb<{ s: string }>(sys, `SELECT coalesce(sum(amount), 0)::text AS s FROM payments.ledger_entries`);
  return s;
}
