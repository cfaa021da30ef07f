import * as contracts from '../index';
import { CatalogPatterns, CurationPatterns, OrdersPatterns, PaymentsPatterns, ReplySchemas, SERVICE_NAMES, failedJobsPattern, retryJobPattern } from '../index';

// Patterns whose handlers answer nothing (the gateway answers 204): no body to declare.
const NO_REPLY: string[] = [CatalogPatterns.photoRemove, CurationPatterns.collectionRemove];

function patternConstants(): string[] {
  return Object.entries(contracts)
    .filter(([name, value]) => /Patterns$/.test(name) && typeof value === 'object' && value !== null)
    .flatMap(([, value]) => Object.values(value as Record<string, string>));
}

const jobPatterns = SERVICE_NAMES.flatMap((s) => [failedJobsPattern(s), retryJobPattern(s)]);

describe('ReplySchemas', () => {
  it('declares the reply of every RPC pattern, except those that answer nothing', () => {
    const missing = patternConstants().filter((p) => !(p in ReplySchemas) && !NO_REPLY.includes(p));
    expect(missing).toEqual([]);
    for (const p of jobPatterns) expect(ReplySchemas[p]).toBeDefined();
  });

  it('holds no key that is not a pattern', () => {
    const known = new Set([...patternConstants(), ...jobPatterns]);
    expect(Object.keys(ReplySchemas).filter((k) => !known.has(k))).toEqual([]);
  });

  const payment = {
    id: '01a2526d-3d65-73e5-995a-b43168e75b71',
    orderId: '01a2526d-3d74-73e3-8756-ddbb8b8b2138',
    buyerId: '01a2526d-3d81-74a5-bb87-b78beb03f205',
    method: 'bank_transfer',
    status: 'pending',
    amount: '250000',
    refunded: '0',
    instructions: { kind: 'bank_transfer', bank: 'BPD Bali', virtualAccount: '8808123456', amount: '250000', expiresAt: '2026-12-08T09:00:00.000Z' },
    expiresAt: '2026-12-08T09:00:00.000Z',
    paidAt: null,
    createdAt: '2026-12-07T09:00:00.000Z',
  };
  const schema = ReplySchemas[PaymentsPatterns.get];

  it('takes a reply as it crosses JSON', () => {
    expect(schema.safeParse(payment).success).toBe(true);
  });

  it('refuses a reply that lies: money as a number, a date that is not ISO, a null where none is allowed, a field it does not name', () => {
    for (const wrong of [
      { ...payment, amount: 250000 },
      { ...payment, amount: '250.000' },
      { ...payment, createdAt: '7 Dec 2026' },
      { ...payment, expiresAt: null },
      { ...payment, provider: 'stripe' },
      { ...payment, instructions: { kind: 'card', virtualAccount: '8808' } },
    ]) {
      expect(schema.safeParse(wrong).success).toBe(false);
    }
  });

  it('keys each schema by the pattern the app answers on', () => {
    expect(ReplySchemas[OrdersPatterns.cartGet]).toBe(contracts.cartViewSchema);
    expect(ReplySchemas[CatalogPatterns.listingPublic]).toBe(contracts.publicListingViewSchema);
  });
});

// Compile-time: a pattern's reply type is its schema's (checked by `npm run typecheck`).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const cartIsCartView: Same<contracts.ReplyOf<typeof OrdersPatterns.cartGet>, contracts.CartView> = true;
const paymentIsPaymentView: Same<contracts.ReplyOf<typeof PaymentsPatterns.get>, contracts.PaymentView> = true;
void [cartIsCartView, paymentIsPaymentView];
