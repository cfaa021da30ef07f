import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the part of Stripe's API that the payments app uses (PaymentIntents and
 * Refunds, API v1, form-encoded as the SDK sends them), with Stripe's rules and error shapes:
 *
 * - auth: the secret key as Bearer (or Basic) auth, else 401 `{ error: { type, message } }`;
 * - Idempotency-Key on POSTs: the same key and parameters replay the first response (with
 *   `Idempotent-Replayed: true`); the same key with other parameters or on another endpoint is
 *   400 `idempotency_error`. As Stripe documents, only requests that began executing are saved:
 *   here, those that succeeded;
 * - currency `idr` only (lower case, as Stripe requires), amounts in hundredths of a rupiah,
 *   at least $0.50 once converted (`amount_too_small`) and at most twelve digits
 *   (`amount_too_large`); and, this account's own rule, whole rupiah (a multiple of 100);
 * - unknown parameters refused (`parameter_unknown`), missing ones (`parameter_missing`); under
 *   API 2026-09-30.endive and later (the SDK's pinned version) the card-only list is
 *   `allowed_payment_method_types`, before it `payment_method_types`, per the Stripe-Version header;
 * - cancel only from the cancelable statuses, refunds only of a succeeded payment and never
 *   more than is left (`amount_too_large`, `charge_already_refunded`);
 * - webhooks as Stripe sends them: a POST of the event as pretty-printed JSON with
 *   `Stripe-Signature: t=…,v1=…` (HMAC-SHA256 of "{t}.{body}" with the endpoint secret).
 *
 * Tests drive what a buyer and the card network would do: succeed(), fail(), requireAction(),
 * settleRefund(); and the delivery of events: again, several at once, out of order, with a stale
 * timestamp. Failed deliveries are recorded, not retried: a test redelivers when it wants to.
 */

export const STRIPE_SANDBOX_API_VERSION = '2026-10-28.endive';
const ENDIVE = '2026-09-30';
/** Stripe's documented ceiling for IDR: twelve digits (Rp 9.999.999.999,99). */
export const IDR_MAX_AMOUNT = 999_999_999_999;

export interface StripeSandboxOptions {
  secretKey: string;
  webhookSecret: string;
  webhookUrl?: string | null;
  port?: number;
  host?: string;
  /** For the minimum-charge rule (at least 50 US cents); Rp 16.000 per dollar makes it Rp 8.000. */
  rupiahPerUsd?: number;
  /** Card refunds start `pending` until settleRefund() (Stripe's are usually `succeeded` at once). */
  refundsStartPending?: boolean;
}

type Json = Record<string, unknown>;

export interface SandboxPaymentIntent extends Json {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  client_secret: string;
  currency: string;
  status: 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded';
  metadata: Record<string, string>;
  latest_charge: string | null;
  last_payment_error: Json | null;
}

export interface SandboxCharge extends Json {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  payment_intent: string;
  refunded: boolean;
  status: 'succeeded' | 'failed';
}

export interface SandboxRefund extends Json {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  payment_intent: string;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
  metadata: Record<string, string>;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: Json; previous_attributes?: Json };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  at: number;
  /** The endpoint's HTTP status; 0 when it could not be reached. */
  status: number;
  ok: boolean;
  signature: string;
  durationMs: number;
  error?: string;
}

export interface LoggedStripeRequest {
  at: number;
  method: string;
  path: string;
  idempotencyKey: string | null;
  status: number;
  replayed: boolean;
  errorCode: string | null;
}

export interface DeliverOptions {
  /** How many times to send it (Stripe can deliver the same event more than once). */
  times?: number;
  /** Send the copies at once rather than one after another. */
  concurrent?: boolean;
  /** Sign as if sent this many seconds ago (past the 300 s tolerance, receivers must refuse it). */
  ageSeconds?: number;
  /** Sign with another secret (a forgery). */
  secret?: string;
}

export interface StripeSandboxState {
  paymentIntents: Map<string, SandboxPaymentIntent>;
  charges: Map<string, SandboxCharge>;
  refunds: Map<string, SandboxRefund>;
}

export interface StripeSandbox {
  /** STRIPE_API_URL. */
  url: string;
  host: string;
  port: number;
  state: StripeSandboxState;
  /** Every event made, oldest first. */
  readonly events: StripeEvent[];
  readonly deliveries: WebhookDelivery[];
  readonly requests: LoggedStripeRequest[];
  setWebhookUrl(url: string | null): void;
  /** The buyer paid: payment_intent.succeeded, delivered `deliveries` times (1 by default; 0 to hold it). */
  succeed(paymentIntentId: string, options?: { deliveries?: number; concurrent?: boolean }): Promise<StripeEvent>;
  /** The card was declined: payment_intent.payment_failed; the intent waits for another card. */
  fail(paymentIntentId: string, options?: { code?: string; declineCode?: string; message?: string; deliveries?: number }): Promise<StripeEvent>;
  /** 3-D Secure is needed: payment_intent.requires_action. */
  requireAction(paymentIntentId: string, options?: { deliveries?: number }): Promise<StripeEvent>;
  /** A pending refund settles: refund.updated, and refund.failed when it failed (the charge takes the amount back). */
  settleRefund(refundId: string, outcome: 'succeeded' | 'failed', options?: { deliveries?: number }): Promise<StripeEvent[]>;
  deliver(eventId: string, options?: DeliverOptions): Promise<WebhookDelivery[]>;
  /** Sends the events newest first, whatever order they are given in. */
  deliverOutOfOrder(eventIds: string[]): Promise<WebhookDelivery[]>;
  /** The Stripe-Signature header Stripe would send for a body. */
  signatureHeader(payload: string, options?: { timestamp?: number; secret?: string }): string;
  /** The JSON body a delivery of the event carries. */
  payloadOf(eventId: string): string;
  eventsFor(objectId: string): StripeEvent[];
  /** The next `count` API requests get 500 api_error, as during an outage. */
  failNextRequests(count: number): void;
  /** Resolves when the deliveries set off by API calls (cancel, refund) have finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const CANCELABLE = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];
const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];
const PI_PARAMS = new Set(['amount', 'currency', 'allowed_payment_method_types', 'payment_method_types', 'metadata', 'description', 'receipt_email', 'capture_method', 'statement_descriptor_suffix', 'expand']);
const REFUND_PARAMS = new Set(['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand']);
const CANCEL_PARAMS = new Set(['cancellation_reason', 'expand']);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function stripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** "Rp 150.000,00" from hundredths, as Stripe writes IDR in messages. */
function formatIdr(hundredths: number): string {
  const whole = Math.trunc(hundredths / 100);
  const cents = String(Math.abs(hundredths % 100)).padStart(2, '0');
  return `Rp ${whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents}`;
}

/** Stripe's form encoding (`metadata[orderId]=…`, `payment_method_types[0]=card`) back to objects. */
export function decodeStripeForm(text: string): Json {
  const out: Json = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const head = /^([^[\]]+)/.exec(rawKey)?.[1] ?? rawKey;
    const path = [head, ...[...rawKey.slice(head.length).matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node: Record<string, unknown> | unknown[] = out;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      const key = segment === '' && Array.isArray(node) ? node.length : segment;
      const container = node as Record<string | number, unknown>;
      if (last) container[key] = value;
      else {
        if (container[key] === undefined || typeof container[key] !== 'object') container[key] = /^\d*$/.test(path[i + 1]!) ? [] : {};
        node = container[key] as Record<string, unknown> | unknown[];
      }
    });
  }
  return out;
}

interface ApiError {
  status: number;
  error: { type: string; message: string; code?: string; param?: string; decline_code?: string; doc_url?: string; payment_intent?: Json; charge?: string };
}

class StripeApiError extends Error {
  constructor(readonly reply: ApiError) {
    super(reply.error.message);
  }
}

function invalid(message: string, extra: Partial<ApiError['error']> = {}, status = 400): StripeApiError {
  const error: ApiError['error'] = { type: 'invalid_request_error', message, ...extra };
  if (error.code) error.doc_url = `https://stripe.com/docs/error-codes/${error.code.replace(/_/g, '-')}`;
  return new StripeApiError({ status, error });
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface ApiRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  params: Json;
  requestId: string;
  idempotencyKey: string | null;
}

export async function startStripeSandbox(options: StripeSandboxOptions): Promise<StripeSandbox> {
  const rupiahPerUsd = options.rupiahPerUsd ?? 16_000;
  // 50 US cents in hundredths of a rupiah, rounded up to whole rupiah.
  const minimumAmount = Math.ceil(0.5 * rupiahPerUsd) * 100;
  let webhookUrl = options.webhookUrl ?? null;
  let outage = 0;
  const state: StripeSandboxState = { paymentIntents: new Map(), charges: new Map(), refunds: new Map() };
  const events: StripeEvent[] = [];
  const payloads = new Map<string, string>();
  const deliveries: WebhookDelivery[] = [];
  const requests: LoggedStripeRequest[] = [];
  // Deliveries that follow an API call go out after its response, as Stripe's do.
  const inFlight = new Set<Promise<unknown>>();
  const inBackground = (work: Promise<unknown>) => {
    const tracked = work.catch(() => undefined).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const saved = new Map<string, { method: string; path: string; fingerprint: string; reply: Reply; requestId: string }>();

  // --- parameters ---------------------------------------------------------------------------
  function onlyKnown(params: Json, allowed: Set<string>) {
    for (const key of Object.keys(params)) if (!allowed.has(key)) throw invalid(`Received unknown parameter: ${key}`, { code: 'parameter_unknown', param: key });
  }
  function integerParam(params: Json, name: string, required: boolean): number | null {
    const raw = params[name];
    if (raw === undefined) {
      if (required) throw invalid(`Missing required param: ${name}.`, { code: 'parameter_missing', param: name });
      return null;
    }
    if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) throw invalid(`Invalid integer: ${String(raw)}`, { code: 'parameter_invalid_integer', param: name });
    const value = Number(raw);
    if (value < 1) throw invalid('This value must be greater than or equal to 1.', { code: 'parameter_invalid_integer', param: name });
    return value;
  }
  function checkIdrAmount(amount: number, name = 'amount') {
    if (amount > IDR_MAX_AMOUNT) throw invalid(`Amount must be no more than ${formatIdr(IDR_MAX_AMOUNT)}`, { code: 'amount_too_large', param: name });
    if (amount % 100 !== 0) {
      throw invalid(`This account takes whole rupiah: amount is in hundredths and must be a multiple of 100, got ${amount}.`, { code: 'parameter_invalid_integer', param: name });
    }
  }
  function metadataParam(params: Json): Record<string, string> {
    const raw = params.metadata;
    if (raw === undefined) return {};
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw invalid('Invalid object', { code: 'parameter_invalid_string', param: 'metadata' });
    const entries = Object.entries(raw as Record<string, unknown>);
    if (entries.length > 50) throw invalid('Metadata can have at most 50 keys.', { param: 'metadata' });
    const out: Record<string, string> = {};
    for (const [key, value] of entries) {
      if (key.length > 40) throw invalid(`Metadata keys can be at most 40 characters: ${key}`, { param: `metadata[${key}]` });
      if (typeof value !== 'string' || value.length > 500) throw invalid('Metadata values must be strings of at most 500 characters.', { param: `metadata[${key}]` });
      out[key] = value;
    }
    return out;
  }
  const apiVersionOf = (req: ApiRequest) => String(req.headers['stripe-version'] ?? STRIPE_SANDBOX_API_VERSION).slice(0, 10);
  const noSuch = (kind: string, id: string, param: string) => invalid(`No such ${kind}: '${id}'`, { code: 'resource_missing', param }, 404);

  // --- objects ------------------------------------------------------------------------------
  function findIntent(id: string, param = 'intent'): SandboxPaymentIntent {
    const intent = state.paymentIntents.get(id);
    if (!intent) throw noSuch('payment_intent', id, param);
    return intent;
  }

  function newCharge(intent: SandboxPaymentIntent, status: 'succeeded' | 'failed', failure?: { code: string; message: string }): SandboxCharge {
    const charge: SandboxCharge = {
      id: stripeId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: status === 'succeeded' ? intent.amount : 0,
      amount_refunded: 0,
      balance_transaction: status === 'succeeded' ? stripeId('txn') : null,
      captured: status === 'succeeded',
      created: nowSeconds(),
      currency: intent.currency,
      description: intent.description ?? null,
      failure_code: failure?.code ?? null,
      failure_message: failure?.message ?? null,
      livemode: false,
      metadata: { ...intent.metadata },
      paid: status === 'succeeded',
      payment_intent: intent.id,
      payment_method: stripeId('pm'),
      receipt_email: intent.receipt_email ?? null,
      refunded: false,
      status,
    };
    state.charges.set(charge.id, charge);
    return charge;
  }

  function createIntent(req: ApiRequest): Reply {
    const p = req.params;
    onlyKnown(p, PI_PARAMS);
    const amount = integerParam(p, 'amount', true)!;
    if (p.currency === undefined) throw invalid('Missing required param: currency.', { code: 'parameter_missing', param: 'currency' });
    if (p.currency !== 'idr') {
      throw invalid(`Invalid currency: ${String(p.currency)}. This account charges in idr only (lower case, as Stripe requires).`, { param: 'currency' });
    }
    checkIdrAmount(amount);
    if (amount < minimumAmount) {
      const usd = (amount / 100 / rupiahPerUsd).toFixed(2);
      throw invalid(`Amount must convert to at least 50 cents. ${formatIdr(amount)} converts to approximately $${usd}.`, { code: 'amount_too_small', param: 'amount' });
    }
    // API 2026-09-30.endive renamed payment_method_types to allowed_payment_method_types.
    const typesParam = apiVersionOf(req) >= ENDIVE ? 'allowed_payment_method_types' : 'payment_method_types';
    const other = typesParam === 'payment_method_types' ? 'allowed_payment_method_types' : 'payment_method_types';
    if (p[other] !== undefined) throw invalid(`Received unknown parameter: ${other}`, { code: 'parameter_unknown', param: other });
    const types = p[typesParam] === undefined ? ['card'] : p[typesParam];
    if (!Array.isArray(types) || types.length === 0 || types.some((t) => t !== 'card')) {
      throw invalid(`${typesParam} takes card only on this account.`, { param: typesParam });
    }
    if (p.capture_method !== undefined && p.capture_method !== 'automatic' && p.capture_method !== 'automatic_async') {
      throw invalid('capture_method must be automatic or automatic_async here (manual capture is not used).', { param: 'capture_method' });
    }
    if (p.receipt_email !== undefined && (typeof p.receipt_email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.receipt_email))) {
      throw invalid(`Invalid email address: ${String(p.receipt_email)}`, { code: 'email_invalid', param: 'receipt_email' });
    }
    const metadata = metadataParam(p);
    const id = stripeId('pi');
    const intent: SandboxPaymentIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_details: { tip: {} },
      amount_received: 0,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: (p.capture_method as string | undefined) ?? 'automatic_async',
      client_secret: `${id}_secret_${stripeId('x', 25).slice(2)}`,
      confirmation_method: 'automatic',
      created: nowSeconds(),
      currency: 'idr',
      customer: null,
      description: (p.description as string | undefined) ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata,
      next_action: null,
      on_behalf_of: null,
      payment_method: null,
      payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
      allowed_payment_method_types: ['card'],
      payment_method_types: ['card'],
      processing: null,
      receipt_email: (p.receipt_email as string | undefined) ?? null,
      review: null,
      setup_future_usage: null,
      shipping: null,
      source: null,
      statement_descriptor: null,
      statement_descriptor_suffix: (p.statement_descriptor_suffix as string | undefined) ?? null,
      status: 'requires_payment_method',
      transfer_data: null,
      transfer_group: null,
    };
    state.paymentIntents.set(id, intent);
    return { status: 200, body: clone(intent) };
  }

  function cancelIntent(req: ApiRequest, id: string): Reply {
    onlyKnown(req.params, CANCEL_PARAMS);
    const intent = findIntent(id);
    const reason = req.params.cancellation_reason;
    if (reason !== undefined && !CANCELLATION_REASONS.includes(String(reason))) {
      throw invalid(`Invalid cancellation_reason: must be one of ${CANCELLATION_REASONS.join(', ')}`, { param: 'cancellation_reason' });
    }
    if (!CANCELABLE.includes(intent.status)) {
      throw invalid(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
        { code: 'payment_intent_unexpected_state', payment_intent: clone(intent) },
      );
    }
    const previous = { status: intent.status, canceled_at: null, cancellation_reason: null };
    Object.assign(intent, { status: 'canceled', canceled_at: nowSeconds(), cancellation_reason: reason ?? null, next_action: null, amount_capturable: 0 });
    const event = emit('payment_intent.canceled', intent, previous, req);
    inBackground(deliverAndRecord(event.id, {}));
    return { status: 200, body: clone(intent) };
  }

  function createRefund(req: ApiRequest): Reply {
    const p = req.params;
    onlyKnown(p, REFUND_PARAMS);
    let intent: SandboxPaymentIntent;
    if (typeof p.payment_intent === 'string') intent = findIntent(p.payment_intent, 'payment_intent');
    else if (typeof p.charge === 'string') {
      const charge = state.charges.get(p.charge);
      if (!charge) throw noSuch('charge', p.charge, 'charge');
      intent = findIntent(charge.payment_intent, 'charge');
    } else throw invalid('One of the following params should be provided for this request: payment_intent or charge.', { code: 'parameter_missing', param: 'payment_intent' });
    if (p.reason !== undefined && !REFUND_REASONS.includes(String(p.reason))) {
      throw invalid(`Invalid reason: must be one of ${REFUND_REASONS.join(', ')}`, { param: 'reason' });
    }
    const metadata = metadataParam(p);
    const charge = intent.latest_charge ? state.charges.get(intent.latest_charge) : undefined;
    if (intent.status !== 'succeeded' || !charge || charge.status !== 'succeeded') {
      throw invalid(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, { code: 'payment_intent_unexpected_state', param: 'payment_intent' });
    }
    const left = charge.amount_captured - charge.amount_refunded;
    if (left <= 0) throw invalid(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded', charge: charge.id });
    const requested = integerParam(p, 'amount', false);
    if (requested !== null) {
      checkIdrAmount(requested);
      if (requested > left) {
        throw invalid(`Refund amount (${formatIdr(requested)}) is greater than unrefunded amount on charge (${formatIdr(left)})`, { code: 'amount_too_large', param: 'amount', charge: charge.id });
      }
    }
    const amount = requested ?? left;
    const pending = options.refundsStartPending === true;
    const refund: SandboxRefund = {
      id: stripeId('re'),
      object: 'refund',
      amount,
      balance_transaction: pending ? null : stripeId('txn'),
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency as string,
      destination_details: { card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
      metadata,
      payment_intent: intent.id,
      reason: (p.reason as string | undefined) ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: pending ? 'pending' : 'succeeded',
      transfer_reversal: null,
    };
    state.refunds.set(refund.id, refund);
    // The charge counts the refund at once, pending or not; a failed one is given back later.
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount_captured;
    const made = [emit('refund.created', refund, undefined, req), emit('charge.refunded', charge, previous, req)];
    inBackground(
      (async () => {
        for (const event of made) await deliverAndRecord(event.id, {});
      })(),
    );
    return { status: 200, body: clone(refund) };
  }

  // --- routing ------------------------------------------------------------------------------
  function route(req: ApiRequest): Reply {
    const { method, path } = req;
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/payment_intents') return createIntent(req);
    if (method === 'GET' && (m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) return { status: 200, body: clone(findIntent(decodeURIComponent(m[1]!))) };
    if (method === 'POST' && (m = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path))) return cancelIntent(req, decodeURIComponent(m[1]!));
    if (method === 'POST' && path === '/v1/refunds') return createRefund(req);
    if (method === 'GET' && (m = /^\/v1\/refunds\/([^/]+)$/.exec(path))) {
      const refund = state.refunds.get(decodeURIComponent(m[1]!));
      if (!refund) throw noSuch('refund', decodeURIComponent(m[1]!), 'id');
      return { status: 200, body: clone(refund) };
    }
    throw invalid(`Unrecognized request URL (${method}: ${path}). This stand-in serves PaymentIntents and Refunds only.`, {}, 404);
  }

  function authenticate(headers: IncomingHttpHeaders): StripeApiError | null {
    const auth = String(headers.authorization ?? '');
    let key = '';
    if (auth.startsWith('Bearer ')) key = auth.slice(7).trim();
    else if (auth.startsWith('Basic ')) key = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0] ?? '';
    if (!key) {
      return invalid(
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
        {},
        401,
      );
    }
    const given = Buffer.from(key);
    const expected = Buffer.from(options.secretKey);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return null;
    const shown = key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : '****';
    return invalid(`Invalid API Key provided: ${shown}`, {}, 401);
  }

  function fingerprint(req: ApiRequest): string {
    return [...new URLSearchParams(req.rawBody)].map(([k, v]) => `${k}=${v}`).sort().join('&');
  }

  function handle(req: ApiRequest): Reply {
    if (outage > 0) {
      outage--;
      return { status: 500, body: { error: { type: 'api_error', message: 'An unknown error occurred while processing your request. (sandbox outage)' } } };
    }
    const authFailure = authenticate(req.headers);
    if (authFailure) return errorReply(authFailure);
    if (req.method !== 'POST' || !req.idempotencyKey) return run(req);
    if (req.idempotencyKey.length > 255) return errorReply(invalid('Idempotency-Key must be at most 255 characters.', { param: 'Idempotency-Key' }));
    const earlier = saved.get(req.idempotencyKey);
    if (earlier) {
      if (earlier.method !== req.method || earlier.path !== req.path) {
        return errorReply(
          new StripeApiError({
            status: 400,
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${req.method} ${req.path}' vs '${earlier.method} ${earlier.path}'). Try using a key other than '${req.idempotencyKey}' if you meant to execute a different request.`,
            },
          }),
        );
      }
      if (earlier.fingerprint !== fingerprint(req)) {
        return errorReply(
          new StripeApiError({
            status: 400,
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${req.idempotencyKey}' if you meant to execute a different request.`,
            },
          }),
        );
      }
      return { ...earlier.reply, headers: { ...earlier.reply.headers, 'idempotent-replayed': 'true', 'original-request': earlier.requestId } };
    }
    const reply = run(req);
    if (reply.status < 300) saved.set(req.idempotencyKey, { method: req.method, path: req.path, fingerprint: fingerprint(req), reply, requestId: req.requestId });
    return reply;
  }

  function run(req: ApiRequest): Reply {
    try {
      return route(req);
    } catch (error) {
      if (error instanceof StripeApiError) return errorReply(error);
      throw error;
    }
  }

  const errorReply = (error: StripeApiError): Reply => ({ status: error.reply.status, body: { error: error.reply.error } });

  // --- events and webhooks ----------------------------------------------------------------
  function emit(type: string, object: Json, previous: Json | undefined, req?: ApiRequest): StripeEvent {
    const event: StripeEvent = {
      id: stripeId('evt'),
      object: 'event',
      api_version: STRIPE_SANDBOX_API_VERSION,
      created: nowSeconds(),
      data: previous ? { object: clone(object), previous_attributes: clone(previous) } : { object: clone(object) },
      livemode: false,
      pending_webhooks: webhookUrl ? 1 : 0,
      request: { id: req?.requestId ?? null, idempotency_key: req?.idempotencyKey ?? null },
      type,
    };
    events.push(event);
    // Stripe sends events pretty-printed; a receiver that re-serialises breaks the signature.
    payloads.set(event.id, JSON.stringify(event, null, 2));
    return event;
  }

  function signatureHeader(payload: string, opts: { timestamp?: number; secret?: string } = {}): string {
    const t = opts.timestamp ?? nowSeconds();
    const v1 = createHmac('sha256', opts.secret ?? options.webhookSecret).update(`${t}.${payload}`, 'utf8').digest('hex');
    return `t=${t},v1=${v1}`;
  }

  async function sendOnce(event: StripeEvent, opts: DeliverOptions): Promise<WebhookDelivery> {
    const payload = payloads.get(event.id)!;
    const signature = signatureHeader(payload, { timestamp: nowSeconds() - (opts.ageSeconds ?? 0), secret: opts.secret });
    const started = Date.now();
    const delivery: WebhookDelivery = { eventId: event.id, type: event.type, at: started, status: 0, ok: false, signature, durationMs: 0 };
    if (!webhookUrl) {
      delivery.error = 'no webhook URL set';
    } else {
      try {
        const res = await fetch(webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'stripe-signature': signature,
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'cache-control': 'no-cache',
            accept: '*/*; q=0.5, application/xml',
          },
          body: payload,
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        delivery.status = res.status;
        delivery.ok = res.status >= 200 && res.status < 300;
      } catch (error) {
        delivery.error = (error as Error).message;
      }
    }
    delivery.durationMs = Date.now() - started;
    deliveries.push(delivery);
    return delivery;
  }

  async function deliverAndRecord(eventId: string, opts: DeliverOptions): Promise<WebhookDelivery[]> {
    const event = events.find((e) => e.id === eventId);
    if (!event) throw new Error(`sandbox has no event ${eventId}`);
    if (!webhookUrl) return [];
    const times = opts.times ?? 1;
    if (opts.concurrent) return Promise.all(Array.from({ length: times }, () => sendOnce(event, opts)));
    const out: WebhookDelivery[] = [];
    for (let i = 0; i < times; i++) out.push(await sendOnce(event, opts));
    return out;
  }

  // --- the server ---------------------------------------------------------------------------
  const server = createServer((incoming, res) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://sandbox');
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const key = incoming.headers['idempotency-key'];
      const req: ApiRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        headers: incoming.headers,
        rawBody,
        params: decodeStripeForm(incoming.method === 'GET' ? url.search.slice(1) : rawBody),
        requestId: stripeId('req', 14),
        idempotencyKey: typeof key === 'string' && key ? key : null,
      };
      let reply: Reply;
      try {
        reply = handle(req);
      } catch (error) {
        reply = { status: 500, body: { error: { type: 'api_error', message: `sandbox failure: ${(error as Error).message}` } } };
      }
      const text = JSON.stringify(reply.body, null, 2);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(text)),
        'request-id': req.requestId,
        'stripe-version': String(incoming.headers['stripe-version'] ?? STRIPE_SANDBOX_API_VERSION),
        ...(req.idempotencyKey && req.method === 'POST' ? { 'idempotency-key': req.idempotencyKey } : {}),
        ...reply.headers,
      };
      requests.push({
        at: Date.now(),
        method: req.method,
        path: req.path,
        idempotencyKey: req.idempotencyKey,
        status: reply.status,
        replayed: reply.headers?.['idempotent-replayed'] === 'true',
        errorCode: reply.status >= 400 ? ((reply.body as ApiError).error.code ?? (reply.body as ApiError).error.type) : null,
      });
      res.writeHead(reply.status, headers);
      res.end(text);
    });
  });
  // Keep-alive sockets would hold close() open for the SDK agent's idle timeout.
  server.keepAliveTimeout = 1000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  // --- controls -------------------------------------------------------------------------------
  function controlIntent(id: string, action: string): SandboxPaymentIntent {
    const intent = state.paymentIntents.get(id);
    if (!intent) throw new Error(`sandbox has no PaymentIntent ${id}`);
    if (intent.status === 'succeeded' || intent.status === 'canceled') throw new Error(`cannot ${action} PaymentIntent ${id}: it is ${intent.status}`);
    return intent;
  }

  return {
    url: `http://${host}:${port}`,
    host,
    port,
    state,
    events,
    deliveries,
    requests,
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    async succeed(id, opts = {}) {
      const intent = controlIntent(id, 'succeed');
      const charge = newCharge(intent, 'succeeded');
      const previous = { status: intent.status, amount_received: intent.amount_received };
      Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: charge.id, last_payment_error: null, next_action: null, payment_method: charge.payment_method });
      const event = emit('payment_intent.succeeded', intent, previous);
      await deliverAndRecord(event.id, { times: opts.deliveries ?? 1, concurrent: opts.concurrent });
      return event;
    },
    async fail(id, opts = {}) {
      const intent = controlIntent(id, 'fail');
      const code = opts.code ?? 'card_declined';
      const message = opts.message ?? 'Your card was declined.';
      const charge = newCharge(intent, 'failed', { code, message });
      const previous = { status: intent.status, last_payment_error: intent.last_payment_error };
      Object.assign(intent, {
        status: 'requires_payment_method',
        latest_charge: charge.id,
        next_action: null,
        payment_method: null,
        last_payment_error: { type: 'card_error', code, decline_code: opts.declineCode ?? 'generic_decline', message, charge: charge.id, payment_method: { id: charge.payment_method, object: 'payment_method', type: 'card' } },
      });
      const event = emit('payment_intent.payment_failed', intent, previous);
      await deliverAndRecord(event.id, { times: opts.deliveries ?? 1 });
      return event;
    },
    async requireAction(id, opts = {}) {
      const intent = controlIntent(id, 'require action on');
      const previous = { status: intent.status, next_action: intent.next_action };
      Object.assign(intent, { status: 'requires_action', next_action: { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } } });
      const event = emit('payment_intent.requires_action', intent, previous);
      await deliverAndRecord(event.id, { times: opts.deliveries ?? 1 });
      return event;
    },
    async settleRefund(id, outcome, opts = {}) {
      const refund = state.refunds.get(id);
      if (!refund) throw new Error(`sandbox has no refund ${id}`);
      if (refund.status !== 'pending') throw new Error(`refund ${id} is already ${refund.status}`);
      const charge = state.charges.get(refund.charge)!;
      const made: StripeEvent[] = [];
      if (outcome === 'succeeded') {
        Object.assign(refund, { status: 'succeeded', balance_transaction: stripeId('txn') });
        made.push(emit('refund.updated', refund, { status: 'pending' }));
      } else {
        Object.assign(refund, { status: 'failed', failure_reason: 'expired_or_canceled_card', failure_balance_transaction: stripeId('txn') });
        // The money goes back to us, so the charge no longer counts it as refunded.
        charge.amount_refunded -= refund.amount;
        charge.refunded = false;
        made.push(emit('refund.failed', refund, { status: 'pending' }), emit('refund.updated', refund, { status: 'pending' }));
      }
      for (const event of made) await deliverAndRecord(event.id, { times: opts.deliveries ?? 1 });
      return made;
    },
    deliver: (eventId, opts = {}) => deliverAndRecord(eventId, opts),
    async deliverOutOfOrder(eventIds) {
      const order = new Map(events.map((e, i) => [e.id, i]));
      const sorted = [...eventIds].sort((a, b) => (order.get(b) ?? -1) - (order.get(a) ?? -1));
      const out: WebhookDelivery[] = [];
      for (const id of sorted) out.push(...(await deliverAndRecord(id, {})));
      return out;
    },
    signatureHeader,
    payloadOf(eventId) {
      const payload = payloads.get(eventId);
      if (!payload) throw new Error(`sandbox has no event ${eventId}`);
      return payload;
    },
    eventsFor(objectId) {
      return events.filter((e) => e.data.object.id === objectId || e.data.object.payment_intent === objectId);
    },
    failNextRequests(count) {
      outage = count;
    },
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
