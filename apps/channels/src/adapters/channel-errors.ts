import type { ChannelCode, ValidationProblem } from './channel-adapter';

/** What went wrong, whatever the channel called it. */
export const ChannelErrorKind = {
  expiredToken: 'expired_token',
  invalidToken: 'invalid_token',
  badSignature: 'bad_signature',
  badTimestamp: 'bad_timestamp',
  badAppKey: 'bad_app_key',
  throttled: 'throttled',
  duplicateSku: 'duplicate_sku',
  badCategory: 'bad_category',
  missingField: 'missing_field',
  invalidField: 'invalid_field',
  invalidImage: 'invalid_image',
  notFound: 'not_found',
  invalidListing: 'invalid_listing',
  unavailable: 'unavailable',
  unknown: 'unknown',
} as const;
export type ChannelErrorKind = (typeof ChannelErrorKind)[keyof typeof ChannelErrorKind];

/** Worth trying again after a pause: the request was not taken, or the channel was down. */
const RETRYABLE: ReadonlySet<ChannelErrorKind> = new Set([ChannelErrorKind.throttled, ChannelErrorKind.unavailable]);

export interface ChannelErrorInit {
  channel: ChannelCode;
  kind: ChannelErrorKind;
  /** For the artisan or curator: what happened and what to do. */
  reason: string;
  /** The channel's own code ("106001", "E901", "IncompleteSignature"), or ours before sending. */
  code?: string;
  channelMessage?: string;
  requestId?: string;
  httpStatus?: number;
  problems?: ValidationProblem[];
  details?: Record<string, unknown>;
}

export class ChannelError extends Error {
  readonly channel: ChannelCode;
  readonly kind: ChannelErrorKind;
  readonly reason: string;
  readonly code: string | null;
  readonly channelMessage: string | null;
  readonly requestId: string | null;
  readonly httpStatus: number | null;
  readonly problems: ValidationProblem[];
  readonly details: Record<string, unknown>;

  constructor(init: ChannelErrorInit) {
    super(init.channelMessage ? `${init.reason} (${init.channel} ${init.code ?? ''}: ${init.channelMessage})` : init.reason);
    this.name = 'ChannelError';
    this.channel = init.channel;
    this.kind = init.kind;
    this.reason = init.reason;
    this.code = init.code ?? null;
    this.channelMessage = init.channelMessage ?? null;
    this.requestId = init.requestId ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.problems = init.problems ?? [];
    this.details = init.details ?? {};
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  get isTokenProblem(): boolean {
    return this.kind === ChannelErrorKind.expiredToken || this.kind === ChannelErrorKind.invalidToken;
  }

  /** Plain JSON for run records and listing statuses. */
  toJSON(): Record<string, unknown> {
    return {
      channel: this.channel,
      kind: this.kind,
      reason: this.reason,
      code: this.code,
      channelMessage: this.channelMessage,
      requestId: this.requestId,
      problems: this.problems,
    };
  }
}

/** A listing refused before sending: the channel would not take it, for these reasons. */
export function listingRefused(channel: ChannelCode, problems: ValidationProblem[]): ChannelError {
  return new ChannelError({
    channel,
    kind: ChannelErrorKind.invalidListing,
    code: 'local_validation',
    reason: problems.map((p) => p.reason).join(' '),
    problems,
  });
}

/**
 * What the artisan is shown for a failure: the listing's own problems when it was refused before
 * sending, else one problem worded from the kind of failure (`channel.<kind>`), with the channel's
 * own words as a detail.
 */
export function problemsOf(error: unknown, channel: ChannelCode): ValidationProblem[] {
  if (!(error instanceof ChannelError)) {
    return [{ field: 'channel', reason: `Unexpected error: ${(error as Error)?.message ?? String(error)}`, code: 'channel.unknown', params: { channel, detail: 'internal error' } }];
  }
  if (error.problems.length) return error.problems;
  return [{ field: 'channel', reason: error.reason, code: `channel.${error.kind}`, params: { channel: error.channel, detail: error.channelMessage || error.code || error.kind } }];
}

/** The channel's audit refused the product, with its own reasons (in the channel's words). */
export const auditRefusal = (channel: ChannelCode, reasons: string): ValidationProblem => ({
  field: 'channel',
  reason: reasons,
  code: 'channel.audit_rejected',
  params: { channel, detail: reasons },
});
