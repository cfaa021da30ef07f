import { z } from 'zod';

// Pieces many request schemas share. Browser-safe: the web app reads these schemas too.

export const uuid = z.string().uuid('must be a UUID');

/** `{ id }` of one thing, nothing else. */
export const byId = z.object({ id: uuid }).strict();

/** Trimmed text of min..max characters, the limits named in the message. */
export const text = (min: number, max: number) => z.string().trim().min(min, `at least ${min} characters`).max(max, `at most ${max} characters`);

/** Optional trimmed text of at most max characters; empty or absent is null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

/** Lower-case words joined by single dashes: a shop's or a collection's address. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug of 3..max characters; `example` shows one in the message. */
export const slugText = (max: number, example: string) =>
  z
    .string()
    .trim()
    .min(3, 'at least 3 characters')
    .max(max, `at most ${max} characters`)
    .regex(SLUG, `lower-case letters and digits in words joined by single dashes, e.g. ${example}`);

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
