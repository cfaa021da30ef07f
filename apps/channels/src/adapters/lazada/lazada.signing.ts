import { createHmac } from 'node:crypto';

/**
 * Lazada Open Platform's request signature: every parameter except `sign` (and files), sorted
 * by name in ASCII order and joined as name+value, after the API path (`/product/create`,
 * without the `/rest` prefix of the base URL); HMAC-SHA256 under the app secret, upper-case hex.
 * Empty values are left out, as the official SDKs do.
 */
export function lazadaSignature(input: { apiPath: string; params: Record<string, string>; appSecret: string }): string {
  return createHmac('sha256', input.appSecret).update(lazadaStringToSign(input), 'utf8').digest('hex').toUpperCase();
}

export function lazadaStringToSign({ apiPath, params }: { apiPath: string; params: Record<string, string> }): string {
  const joined = Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== '' && params[key] !== undefined)
    .sort()
    .map((key) => `${key}${params[key]}`)
    .join('');
  return `${apiPath}${joined}`;
}

/** Lazada counts time in milliseconds. */
export const lazadaTimestamp = (nowMs: number): string => String(Math.floor(nowMs));
