import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';
import type { FieldProblem } from './input';

// What no field may hold, whatever its schema says: Postgres refuses NUL in text and ill-formed
// Unicode in JSON, JSON over RPC turns Infinity into null, and validators, the RPC envelope and
// the audit log all recurse into nesting. Checked once at each boundary, before any of them runs.

/** Objects and arrays deeper than this are refused; no body of ours needs more than five. */
export const MAX_INPUT_DEPTH = 32;
/** How many problems one answer names; the rest would say nothing new. */
const MAX_PROBLEMS = 20;

export const TEXT_PROBLEMS = {
  nul: 'must not contain the NUL character (\\u0000); remove it',
  surrogate: 'holds a broken character (a lone UTF-16 surrogate); remove it or type the text again',
  infinite: 'is a number too large to use; send an ordinary finite number',
  depth: `is nested more than ${MAX_INPUT_DEPTH} levels deep; send a flatter value`,
} as const;

// With the u flag a well-formed pair is one code point; only a lone half is in Cs.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a piece of text cannot be stored as it is, or null when it can. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return TEXT_PROBLEMS.nul;
  if (LONE_SURROGATE.test(text)) return TEXT_PROBLEMS.surrogate;
  return null;
}

/** A field name fit to echo back: NUL and lone surrogates written as escapes. */
export function printableName(name: string): string {
  return name.replace(/\u0000|\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same text with NUL and lone surrogates replaced by U+FFFD, for logs that must never refuse a row. */
export function storableText(text: string): string {
  return text.replace(/\u0000|\p{Cs}/gu, '\uFFFD');
}

/**
 * Every field of `value` (a parsed JSON body, a query, path parameters) holding NUL, a lone
 * surrogate or a non-finite number, or nested too deep, named by its dotted path under `root`.
 * Keys are checked like values. The walk stops at the depth limit, so it cannot overflow itself.
 */
export function inputProblems(value: unknown, root = '', maxDepth = MAX_INPUT_DEPTH): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ field: field || '(body)', messages: [message] });
  };
  const walk = (v: unknown, path: string, depth: number, top: string): void => {
    if (problems.length >= MAX_PROBLEMS) return;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) add(path, problem);
      return;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) add(path, TEXT_PROBLEMS.infinite);
      return;
    }
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return;
    if (depth >= maxDepth) {
      // The outermost field holding the nesting: a path 32 names long helps no one.
      add(top, TEXT_PROBLEMS.depth);
      return;
    }
    const entries: Array<[string, unknown]> = Array.isArray(v) ? v.map((item, i) => [String(i), item]) : Object.entries(v);
    for (const [key, item] of entries) {
      const keyProblem = Array.isArray(v) ? null : textProblem(key);
      const field = path ? `${path}.${printableName(key)}` : printableName(key);
      if (keyProblem) add(field, `the field name ${keyProblem}`);
      else walk(item, field, depth + 1, top || field);
    }
  };
  walk(value, root, 0, root);
  return problems;
}

/** `validation_failed` naming each field of `problems`, as the gateway's DTOs and parseInput do. */
export function inputRefused(problems: FieldProblem[]): DomainError {
  return new DomainError(
    ErrorCode.validationFailed,
    `Please correct: ${problems.map((p) => p.field).join(', ')}.`,
    problems as unknown as Record<string, unknown>[],
  );
}

/** Throws `validation_failed` when `value` holds anything inputProblems refuses. */
export function assertSafeInput(value: unknown, root = ''): void {
  const problems = inputProblems(value, root);
  if (problems.length > 0) throw inputRefused(problems);
}
