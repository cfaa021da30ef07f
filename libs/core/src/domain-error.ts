import { ErrorCode, isErrorCode } from './error-codes';

export type ErrorDetails = Record<string, unknown> | Array<Record<string, unknown>>;

/** The wire form of an error, in HTTP bodies (`{ error: ... }`) and RPC replies alike. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

/** An expected failure with a code. Thrown anywhere; mapped to HTTP once, at the gateway. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  /** Rebuilds an error that crossed an RPC boundary; anything unrecognised becomes internal. */
  static fromBody(body: unknown): DomainError | null {
    if (!body || typeof body !== 'object') return null;
    const { code, message, details } = body as Partial<ErrorBody>;
    if (!isErrorCode(code) || typeof message !== 'string') return null;
    return new DomainError(code, message, details);
  }
}
