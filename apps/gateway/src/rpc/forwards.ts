import { SetMetadata } from '@nestjs/common';
import type { ZodTypeAny } from 'zod';

export const FORWARDS = 'pk:forwards';
export const DOCUMENTS = 'pk:documents';

export interface ForwardsMeta {
  patterns: string[];
  /** Fields of the request the gateway fills itself (a header, a constant): not part of the body or query. */
  gatewaySets: string[];
  /** The route answers this field of the reply (the rest goes into headers). */
  replyAt?: string;
  /** The route answers with a redirect, not the reply. */
  redirects?: boolean;
}

type ForwardOptions = Partial<Omit<ForwardsMeta, 'patterns'>>;

/**
 * The pattern(s) this route forwards to: the OpenAPI document takes the route's body or query
 * from the pattern's request schema and its reply from the reply schema (libs/contracts).
 * Path parameters are left out of the body by name; `gatewaySets` names the other fields the
 * gateway fills (`token` from a header, `idempotencyKey`, …).
 */
export function Forwards(...args: Array<string | ForwardOptions>) {
  const patterns = args.filter((a): a is string => typeof a === 'string');
  const options = Object.assign({}, ...args.filter((a): a is ForwardOptions => typeof a !== 'string')) as ForwardOptions;
  return SetMetadata(FORWARDS, { ...options, patterns, gatewaySets: options.gatewaySets ?? [] } satisfies ForwardsMeta);
}

export interface DocumentsMeta {
  body?: ZodTypeAny;
  query?: ZodTypeAny;
  reply?: ZodTypeAny;
  /** The reply is not JSON (a CSV, a page): its media type, documented as a string. */
  replyType?: string;
}

/** For the gateway's own routes (sign-in, health, uploads' replies): the schemas to document. */
export const Documents = (meta: DocumentsMeta) => SetMetadata(DOCUMENTS, meta);
