import { createHmac } from 'node:crypto';

/** Query parameters TikTok Shop leaves out of the signature. */
const UNSIGNED = new Set(['sign', 'access_token']);

/**
 * TikTok Shop's request signature: the query parameters except `sign` and `access_token`,
 * sorted by key and joined as key+value, after the request path; the raw body follows unless
 * the request is multipart. The whole is wrapped as secret + string + secret and signed with
 * HMAC-SHA256 under the app secret, in lower-case hex.
 */
export function tiktokSignature(input: { path: string; query: Record<string, string>; body?: string; appSecret: string }): string {
  return createHmac('sha256', input.appSecret).update(tiktokStringToSign(input), 'utf8').digest('hex');
}

export function tiktokStringToSign({ path, query, body, appSecret }: { path: string; query: Record<string, string>; body?: string; appSecret: string }): string {
  const params = Object.keys(query)
    .filter((key) => !UNSIGNED.has(key))
    .sort()
    .map((key) => `${key}${query[key]}`)
    .join('');
  return `${appSecret}${path}${params}${body ?? ''}${appSecret}`;
}

/** TikTok Shop counts time in whole seconds. */
export const tiktokTimestamp = (nowMs: number): string => String(Math.floor(nowMs / 1000));
