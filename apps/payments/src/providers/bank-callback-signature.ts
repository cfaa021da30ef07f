import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Rupiah, textProblem } from '@pk/core';

// The bank's payment callback: `X-Bank-Signature: t=<unix seconds>,v1=<hex>`, where v1 is
// HMAC-SHA256 of "{t}.{raw body}" keyed with BANK_CALLBACK_SECRET (Stripe's scheme, so one way
// of thinking covers both). The timestamp bounds replays to the tolerance.

export const BANK_SIGNATURE_HEADER = 'x-bank-signature';
export const BANK_SIGNATURE_TOLERANCE_SECONDS = 300;

const hmacHex = (secret: string, timestamp: number, body: string | Buffer): string =>
  createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest('hex');

/** The header value for a body; `timestamp` in unix seconds, now unless given. */
export function signBankCallback(rawBody: string | Buffer, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  if (!secret) throw new Error('BANK_CALLBACK_SECRET is empty');
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
}

export type BankSignatureFailure = 'missing_header' | 'malformed_header' | 'bad_signature' | 'stale_timestamp';

export type BankSignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: BankSignatureFailure; message: string };

export interface VerifyOptions {
  toleranceSeconds?: number;
  /** Unix milliseconds; for tests. */
  now?: number;
}

/**
 * Checks a callback against the raw bytes received (never a re-serialised body). Any one of
 * several v1 values may match, so the bank can roll its secret without a gap.
 */
export function verifyBankCallback(rawBody: string | Buffer, header: string | string[] | undefined, secret: string, options: VerifyOptions = {}): BankSignatureCheck {
  const tolerance = options.toleranceSeconds ?? BANK_SIGNATURE_TOLERANCE_SECONDS;
  const text = Array.isArray(header) ? header[0] : header;
  if (!text) return { ok: false, reason: 'missing_header', message: 'The X-Bank-Signature header is missing' };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of text.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) {
    return { ok: false, reason: 'malformed_header', message: 'X-Bank-Signature must read t=<unix seconds>,v1=<64 hex digits>' };
  }
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
  if (!signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected))) {
    return { ok: false, reason: 'bad_signature', message: 'The signature does not match the body' };
  }
  // Checked after the signature, so a forged header cannot probe the clock; both directions count.
  const age = Math.floor((options.now ?? Date.now()) / 1000) - timestamp;
  if (tolerance > 0 && Math.abs(age) > tolerance) {
    return { ok: false, reason: 'stale_timestamp', message: `The signature is ${age} s old, outside the ${tolerance} s tolerance` };
  }
  return { ok: true, timestamp };
}

/** The callback's body once its signature holds. */
export interface BankCallback {
  virtualAccount: string;
  amount: Rupiah;
  paidAt: Date;
  /** The bank's own transaction reference. */
  reference: string;
}

export type BankCallbackParse = { ok: true; callback: BankCallback } | { ok: false; message: string; field?: string };

/** Reads `{ virtualAccount, amount, paidAt, reference }`; amount is whole rupiah as digits or a safe integer. */
export function parseBankCallback(rawBody: string | Buffer): BankCallbackParse {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString());
  } catch {
    return { ok: false, message: 'The body is not JSON' };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, message: 'The body must be a JSON object' };
  const { virtualAccount, amount, paidAt, reference } = body as Record<string, unknown>;
  if (typeof virtualAccount !== 'string' || !/^\d{16}$/.test(virtualAccount)) return { ok: false, field: 'virtualAccount', message: 'virtualAccount must be 16 digits' };
  const amountText = typeof amount === 'number' && Number.isSafeInteger(amount) ? String(amount) : amount;
  if (typeof amountText !== 'string' || !/^[1-9]\d{0,15}$/.test(amountText)) return { ok: false, field: 'amount', message: 'amount must be a positive whole number of rupiah' };
  const paid = typeof paidAt === 'string' ? new Date(paidAt) : null;
  if (!paid || Number.isNaN(paid.getTime())) return { ok: false, field: 'paidAt', message: 'paidAt must be an ISO 8601 time' };
  if (typeof reference !== 'string' || !reference.trim() || reference.length > 64) return { ok: false, field: 'reference', message: 'reference must be 1-64 characters' };
  // Postgres refuses NUL in text, and a lone surrogate in the stored JSON.
  const problem = textProblem(reference);
  if (problem) return { ok: false, field: 'reference', message: `reference ${problem}` };
  return { ok: true, callback: { virtualAccount, amount: BigInt(amountText), paidAt: paid, reference } };
}
