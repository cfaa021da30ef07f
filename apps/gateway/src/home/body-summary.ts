// What the curator audit log keeps of a request body: secrets redacted, sizes capped.
import { storableText } from '@pk/core';

/** A field whose name says it holds a secret (matched anywhere in the name, any case). */
const SECRET_FIELD = /passw(or)?d|passphrase|secret|token|key|authori[sz]ation|credential|cookie|signature/i;
export const REDACTED = '[redacted]';

const MAX_STRING = 200;
const MAX_ITEMS = 20;
const MAX_KEYS = 40;
const MAX_DEPTH = 4;
/** The stored summary's JSON never exceeds this many characters. */
export const MAX_SUMMARY_CHARS = 4000;

export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/**
 * A JSON-safe summary of `body`: fields named like secrets become "[redacted]", long strings and
 * lists are cut, deep nesting is elided; a file upload is its size only. Null when there is no body.
 */
export function summarizeBody(body: unknown): unknown {
  if (body === undefined || body === null || body === '') return null;
  if (Buffer.isBuffer(body)) return { bytes: body.length };
  const summary = summarize(body, 0);
  const json = JSON.stringify(summary);
  if (json.length <= MAX_SUMMARY_CHARS) return summary;
  // Still too big (many mid-sized fields): keep a cut of the redacted text, flagged as cut.
  // Escaping makes the cut longer than its source, so shrink it until the whole fits.
  let cut = json.slice(0, MAX_SUMMARY_CHARS);
  for (;;) {
    const over = JSON.stringify({ truncated: true, json: cut }).length - MAX_SUMMARY_CHARS;
    if (over <= 0) return { truncated: true, json: cut };
    cut = cut.slice(0, cut.length - over);
  }
}

function summarize(value: unknown, depth: number): unknown {
  if (value === null || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return value;
  // The input guard refuses NUL and lone surrogates first; should one slip through, the log
  // (jsonb) must still take the row rather than refuse the curator's action.
  if (typeof value === 'string') return storableText(value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)` : value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return { bytes: value.length };
  if (typeof value !== 'object') return String(value);
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => summarize(v, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `… ${value.length - MAX_ITEMS} more`] : items;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [name, v] of entries.slice(0, MAX_KEYS)) out[storableText(name)] = isSecretField(name) ? REDACTED : summarize(v, depth + 1);
  if (entries.length > MAX_KEYS) out['…'] = `${entries.length - MAX_KEYS} more fields`;
  return out;
}
