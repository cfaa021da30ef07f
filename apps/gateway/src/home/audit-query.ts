import { z } from 'zod';
import { paging, parseInput } from '@pk/core';

/** Bali's offset: a date-only filter is a whole WITA day. */
const WITA_OFFSET = '+08:00';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600 * 1000;

/** The most rows one CSV download holds (newest first). */
export const CSV_MAX_ROWS = 10_000;

/** A date (a WITA day) or a date-time with an offset; `end` makes a date-only value the next day's start. */
const instant = (end: boolean) =>
  z
    .string()
    .trim()
    .refine((v) => DATE_ONLY.test(v) || z.string().datetime({ offset: true }).safeParse(v).success, {
      message: 'a date (YYYY-MM-DD, a WITA day) or an ISO date-time with offset',
    })
    .transform((v, ctx) => {
      const at = new Date(DATE_ONLY.test(v) ? `${v}T00:00:00${WITA_OFFSET}` : v);
      // Date rolls 2026-02-30 over into March; a real day reads back as itself.
      if (Number.isNaN(at.getTime()) || (DATE_ONLY.test(v) && witaIso(at).slice(0, 10) !== v)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'not a real date' });
        return z.NEVER;
      }
      return DATE_ONLY.test(v) && end ? new Date(at.getTime() + DAY_MS) : at;
    });

export const auditQuery = z
  .object({
    curatorId: z.string().uuid('must be a UUID').optional(),
    // Exact, or a prefix when it ends with `*`: `POST /api/v1/curation/*`.
    action: z.string().trim().min(1).max(300).optional(),
    outcome: z.enum(['pending', 'succeeded', 'failed']).optional(),
    targetId: z.string().trim().min(1).max(100).optional(),
    from: instant(false).optional(),
    to: instant(true).optional(),
    format: z.enum(['json', 'csv']).default('json'),
    ...paging(200, 50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from < q.to, { path: ['to'], message: 'must be after from' });

export type AuditQuery = z.output<typeof auditQuery>;

/** The audit log's filters: `from` inclusive, `to` exclusive (a date-only `to` includes its whole day). */
export function parseAuditQuery(query: unknown): AuditQuery {
  return parseInput(auditQuery, query ?? {});
}

/** A moment as Bali reads it: ISO 8601 with the WITA offset. */
export function witaIso(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 23)}${WITA_OFFSET}`;
}
