import { z } from 'zod';
import { SALES_GROUPS } from '@pk/contracts';

const DAY_MS = 86_400_000;
const WITA_OFFSET_MS = 8 * 3_600_000;
// A day-by-day report over more than this is not a report anyone reads.
const MAX_SPAN_DAYS = 1_100;

/** Today's date in Bali (WITA, UTC+8, no daylight saving). */
export const todayWita = (now = Date.now()): string => new Date(now + WITA_OFFSET_MS).toISOString().slice(0, 10);

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

// A real calendar day: 2026-02-30 is refused, not rolled over into March.
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

/** `orders.reports.sales`: the period defaults to the last 30 days, today included. */
export const salesInput = z
  .object({
    groupBy: z.enum(SALES_GROUPS, { message: `one of ${SALES_GROUPS.join(', ')}` }).default('regency'),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number().int('a whole number').min(1, 'at least 1').max(1000, 'at most 1000').default(100),
  })
  .strict()
  .transform((q) => {
    const to = q.to ?? todayWita();
    return { ...q, to, from: q.from ?? addDays(to, -29) };
  })
  .superRefine((q, ctx) => {
    const span = (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS;
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (span > MAX_SPAN_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_SPAN_DAYS} days after from` });
  });
export type SalesInput = z.output<typeof salesInput>;
