import { createHash } from 'node:crypto';
import type { CheckoutInput } from '@pk/contracts/requests/orders';

// The schema lives in libs/contracts, where the gateway validates and documents with it too.
export { checkoutInput } from '@pk/contracts/requests/orders';
export type { CheckoutInput };

/** What the key stands for: the same key with another body is refused. */
export function requestHash(input: CheckoutInput): string {
  const shipping = Object.keys(input.shipping).sort().map((k) => [k, input.shipping[k]]);
  return createHash('sha256').update(JSON.stringify([input.addressId, shipping, input.paymentMethod])).digest('hex');
}
