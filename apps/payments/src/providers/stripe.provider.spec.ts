import Stripe from 'stripe';
import { ProviderError } from './payment-provider';
import { fromStripeIdr, stripeHostOptions, StripeProvider, toProviderError, toStripeIdr, verifyStripeWebhook } from './stripe.provider';

const ctx = { what: 'create a card payment for order ord-1', idempotencyKey: 'order-ord-1', keyHint: '…9f2c' };
const raw = (status: number, fields: Record<string, unknown>) => ({ statusCode: status, message: 'Stripe says no', ...fields });

describe('IDR amounts', () => {
  it('are hundredths at Stripe: Rp 150.000 is 15000000', () => {
    expect(toStripeIdr(150_000n)).toBe(15_000_000);
    expect(fromStripeIdr(15_000_000)).toBe(150_000n);
  });

  it('must be positive and fit a safe integer', () => {
    expect(() => toStripeIdr(0n)).toThrow(ProviderError);
    expect(() => toStripeIdr(-5n)).toThrow(ProviderError);
    expect(() => toStripeIdr(10n ** 15n)).toThrow(ProviderError);
  });
});

describe('stripeHostOptions', () => {
  it('splits STRIPE_API_URL into what the SDK takes', () => {
    expect(stripeHostOptions('https://api.stripe.com')).toEqual({ host: 'api.stripe.com', port: 443, protocol: 'https' });
    expect(stripeHostOptions('http://127.0.0.1:12111')).toEqual({ host: '127.0.0.1', port: '12111', protocol: 'http' });
  });

  it('refuses what the SDK could not honour', () => {
    expect(() => stripeHostOptions('http://127.0.0.1:12111/stripe')).toThrow(/no path/);
    expect(() => stripeHostOptions('ftp://example.com')).toThrow(/http or https/);
    expect(() => stripeHostOptions('api.stripe.com')).toThrow(/not a URL/);
  });

  it('is needed with a secret key', () => {
    expect(() => new StripeProvider({ secretKey: '' })).toThrow(/STRIPE_SECRET_KEY/);
  });
});

describe('toProviderError', () => {
  it.each([
    ['amount_too_small', new Stripe.errors.StripeInvalidRequestError(raw(400, { code: 'amount_too_small', param: 'amount' })), false, /minimum.*bank transfer/],
    ['amount_too_large', new Stripe.errors.StripeInvalidRequestError(raw(400, { code: 'amount_too_large', param: 'amount' })), false, /more than/],
    ['already_refunded', new Stripe.errors.StripeInvalidRequestError(raw(400, { code: 'charge_already_refunded' })), false, /already been refunded/],
    ['not_found', new Stripe.errors.StripeInvalidRequestError(raw(404, { code: 'resource_missing', param: 'intent' })), false, /no such object/],
    ['invalid_state', new Stripe.errors.StripeInvalidRequestError(raw(400, { code: 'payment_intent_unexpected_state' })), false, /state/],
    ['invalid_request', new Stripe.errors.StripeInvalidRequestError(raw(400, { code: 'parameter_unknown', param: 'foo' })), false, /parameter foo/],
    ['idempotency_conflict', new Stripe.errors.StripeIdempotencyError(raw(400, { type: 'idempotency_error' })), false, /different values/],
    ['card_declined', new Stripe.errors.StripeCardError(raw(402, { code: 'card_declined', decline_code: 'insufficient_funds' })), false, /another card/],
    ['rate_limited', new Stripe.errors.StripeRateLimitError(raw(429, {})), true, /again shortly/],
    ['unavailable', new Stripe.errors.StripeAPIError(raw(500, {})), true, /retry with the same idempotency key/],
    ['unavailable', new Stripe.errors.StripeConnectionError({ message: 'ECONNREFUSED' }), true, /retry with the same idempotency key/],
  ])('maps to %s (%#)', (kind, error, retryable, message) => {
    const mapped = toProviderError(error, ctx);
    expect(mapped).toMatchObject({ kind, method: 'card', retryable });
    expect(mapped.message).toMatch(message);
  });

  it('says what to do, and keeps Stripe’s words beside it', () => {
    const idem = toProviderError(new Stripe.errors.StripeIdempotencyError(raw(400, { type: 'idempotency_error' })), ctx);
    expect(idem.message).toMatch(/order-ord-1 was used before with different values/);
    expect(idem.providerMessage).toBe('Stripe says no');
    const card = toProviderError(new Stripe.errors.StripeCardError(raw(402, { code: 'card_declined', decline_code: 'insufficient_funds' })), ctx);
    expect(card.message).toMatch(/declined \(insufficient_funds\).*another card/);
    expect(card.httpStatus).toBe(402);
  });

  it('names the key by its last four characters only', () => {
    const auth = toProviderError(new Stripe.errors.StripeAuthenticationError(raw(401, {})), ctx);
    expect(auth.kind).toBe('authentication');
    expect(auth.message).toMatch(/…9f2c.*STRIPE_SECRET_KEY/);
  });

  it('wraps anything else as unknown', () => {
    expect(toProviderError(new TypeError('boom'), ctx)).toMatchObject({ kind: 'unknown', message: expect.stringContaining('boom') });
  });
});

describe('verifyStripeWebhook', () => {
  const secret = 'whsec_unit_5b1e';
  const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1' } } }, null, 2);

  it('accepts what Stripe signs and refuses a changed body, another secret or a stale time', () => {
    const now = Math.floor(Date.now() / 1000);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: now });
    expect(verifyStripeWebhook(payload, header, secret)).toMatchObject({ ok: true, event: { id: 'evt_1', type: 'payment_intent.succeeded' } });
    expect(verifyStripeWebhook(payload.replace('pi_1', 'pi_2'), header, secret)).toMatchObject({ ok: false });
    expect(verifyStripeWebhook(payload, header, 'whsec_other')).toMatchObject({ ok: false });
    const stale = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: now - 301 });
    expect(verifyStripeWebhook(payload, stale, secret)).toMatchObject({ ok: false, reason: expect.stringMatching(/tolerance/) });
    expect(verifyStripeWebhook(payload, undefined, secret)).toMatchObject({ ok: false });
  });
});
