import { z } from 'zod';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';
import { assertSafeInput } from './input-safety';

export interface FieldProblem {
  field: string;
  messages: string[];
}

/** One entry per field, with dotted paths (`variants.0.price`), the shape the gateway's DTOs give. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  const byField = new Map<string, string[]>();
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '(body)';
    byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  return [...byField].map(([field, messages]) => ({ field, messages }));
}

/**
 * Services validate what reaches them over RPC themselves (another app, the CSV import and the
 * gateway all call in): a bad field is a `validation_failed` naming it, never a database error.
 */
export function parseInput<S extends z.ZodTypeAny>(schema: S, data: unknown): z.output<S> {
  // NUL, lone surrogates, deep nesting: refused whatever the schema, before zod recurses into it.
  assertSafeInput(data);
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const details = fieldProblems(parsed.error);
  throw new DomainError(
    ErrorCode.validationFailed,
    `Please correct: ${details.map((d) => d.field).join(', ')}.`,
    details as unknown as Record<string, unknown>[],
  );
}

/**
 * The furthest a list can be paged. Without it `?offset=99999999999999999999` reached Postgres as
 * 1e20 (a "whole number" to JavaScript) and failed as out of range for bigint; no list of ours
 * comes near a million rows a page away.
 */
export const MAX_OFFSET = 1_000_000;

/**
 * `limit` and `offset` of a paged list, as they arrive in a query string (strings, coerced):
 * spread into a list's query schema, `{ ...paging(100, 20), status: … }`.
 */
export function paging(maxLimit: number, defaultLimit: number) {
  return {
    limit: z.coerce.number().int('a whole number').min(1, 'at least 1').max(maxLimit, `at most ${maxLimit}`).default(defaultLimit),
    offset: z.coerce
      .number()
      .int('a whole number')
      .min(0, 'cannot be negative')
      .max(MAX_OFFSET, `at most ${MAX_OFFSET}; narrow the list with its filters instead`)
      .default(0),
  };
}

/**
 * A point in time from a query or a body, as `z.coerce.date()` reads it, but only within the
 * years 1 to 9999. Date takes six-digit years (-097174-04-08T21:37:09Z), which Postgres cannot
 * hold or compare with (its timestamps start in 4713 BC): such a filter failed in the database
 * as a 500 instead of being refused as the input it is.
 */
export const dateInput = () =>
  z.coerce.date().refine((d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, 'a date between the years 1 and 9999');
