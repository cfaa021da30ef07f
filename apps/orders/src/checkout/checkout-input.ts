import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PAYMENT_METHODS } from '@pk/contracts';

export const checkoutInput = z
  .object({
    idempotencyKey: z.string().trim().min(8, 'send a unique Idempotency-Key header per checkout (a UUID)').max(100),
    addressId: z.string().uuid('must be a UUID (one of your addresses)'),
    // artisanId → a shipping option code from the quote (e.g. "JNE:REG", "pickup")
    shipping: z.record(z.string().uuid('artisan ids are UUIDs'), z.string().min(1).max(60)),
    paymentMethod: z.enum(PAYMENT_METHODS as ['card', 'bank_transfer'], { errorMap: () => ({ message: `one of: ${PAYMENT_METHODS.join(', ')}` }) }),
  })
  .strict();
export type CheckoutInput = z.infer<typeof checkoutInput>;

/** What the key stands for: the same key with another body is refused. */
export function requestHash(input: CheckoutInput): string {
  const shipping = Object.keys(input.shipping).sort().map((k) => [k, input.shipping[k]]);
  return createHash('sha256').update(JSON.stringify([input.addressId, shipping, input.paymentMethod])).digest('hex');
}
