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

// Shared with the request schemas in libs/contracts, which the gateway and the web app read too.
export { MAX_OFFSET, dateInput, paging } from '@pk/contracts/requests/common';
