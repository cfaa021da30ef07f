import { ChannelError, ChannelErrorKind } from './channel-errors';

/** Splits items into runs of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
  if (!(size >= 1)) throw new RangeError(`chunk size must be at least 1, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Failures that no other item would escape (credentials, clock, throttling past the retries,
 * the channel down): a batch run stops on these instead of marking every item failed.
 */
const SYSTEMIC: ReadonlySet<ChannelErrorKind> = new Set([
  ChannelErrorKind.badSignature,
  ChannelErrorKind.badTimestamp,
  ChannelErrorKind.badAppKey,
  ChannelErrorKind.invalidToken,
  ChannelErrorKind.expiredToken,
  ChannelErrorKind.throttled,
  ChannelErrorKind.unavailable,
]);

export const isSystemic = (error: ChannelError): boolean => SYSTEMIC.has(error.kind);
