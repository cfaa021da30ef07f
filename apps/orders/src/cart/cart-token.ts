import { createHash, randomBytes } from 'node:crypto';

// An anonymous cart's token is its only key: 192 random bits, and only its hash is stored, so
// the table alone cannot be used to open someone's cart.
export const newCartToken = (): string => randomBytes(24).toString('base64url');

export const hashCartToken = (token: string): string => createHash('sha256').update(token).digest('hex');

// Its shape is a request contract (libs/contracts).
export { cartTokenSchema } from '@pk/contracts/requests/orders';
