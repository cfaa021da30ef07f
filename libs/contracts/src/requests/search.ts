import { z } from 'zod';
import { REGENCY_SLUGS, Regency } from '../catalog';
import { PRICE_BANDS, SEARCH_SORTS } from '../search';
import { paging } from './common';

/** The most results one page of a search holds. */
export const MAX_SEARCH_LIMIT = 48;

// A query string gives one value, a repeated key gives several; either may be comma-separated.
const list = <T extends z.ZodTypeAny>(item: T, max = 20) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)))
    .pipe(z.array(item).max(max, `at most ${max} values`));

const slug = z.string().regex(/^[a-z0-9-]{1,60}$/, 'a slug: lower-case letters, digits and hyphens');
const word = z.string().max(40, 'at most 40 characters').transform((s) => s.toLowerCase());
const rupiah = z.coerce.number({ invalid_type_error: 'whole rupiah, as digits' }).int('whole rupiah, as digits').min(0, 'cannot be negative').max(10_000_000_000, 'at most Rp 10.000.000.000');
const bool = z.enum(['true', 'false'], { errorMap: () => ({ message: 'true or false' }) }).transform((v) => v === 'true');

/** search.listings: a search as the API takes it (a query string). */
export const searchListingsQuery = z
  .object({
    q: z.string().max(200, 'at most 200 characters').default('').transform((s) => s.trim()),
    category: list(slug),
    regency: list(z.enum(REGENCY_SLUGS as [Regency, ...Regency[]], { errorMap: () => ({ message: `one of: ${REGENCY_SLUGS.join(', ')}` }) })),
    material: list(word),
    technique: list(word),
    priceBand: list(z.enum(PRICE_BANDS.map((b) => b.value) as [string, ...string[]], { errorMap: () => ({ message: `one of: ${PRICE_BANDS.map((b) => b.value).join(', ')}` }) })),
    mark: list(slug),
    campaign: list(slug),
    minPrice: rupiah.optional(),
    maxPrice: rupiah.optional(),
    inStock: bool.optional(),
    shop: slug.optional(),
    sort: z.enum(SEARCH_SORTS, { errorMap: () => ({ message: `one of: ${SEARCH_SORTS.join(', ')}` }) }).default('relevance'),
    page: z.coerce.number({ invalid_type_error: 'a whole number' }).int('a whole number').min(1, 'at least 1').max(1000, 'at most 1000').default(1),
    limit: z.coerce.number({ invalid_type_error: 'a whole number' }).int('a whole number').min(1, 'at least 1').max(MAX_SEARCH_LIMIT, `at most ${MAX_SEARCH_LIMIT}`).default(24),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.minPrice !== undefined && p.maxPrice !== undefined && p.minPrice > p.maxPrice) {
      ctx.addIssue({ code: 'custom', path: ['minPrice'], message: 'must not be more than maxPrice' });
    }
  });

/**
 * How the search names a bad parameter: an unknown one with the parameters it takes, a list's bad
 * item as the parameter itself (`regency`, not `regency.0`).
 */
export function searchProblems(error: z.ZodError): Array<{ field: string; messages: string[] }> {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: key, messages: [`unknown search parameter; use one of: ${Object.keys(searchListingsQuery.innerType().shape).join(', ')}`] }))
      : [{ field: issue.path.slice(0, 1).join('.') || '(body)', messages: [issue.message] }],
  );
}

/** search.suggest */
export const suggestInput = z
  .object({
    q: z.string().trim().min(1, 'type at least one character').max(100, 'at most 100 characters'),
    limit: z.coerce.number().int('a whole number').min(1, 'at least 1').max(10, 'at most 10').default(6),
  })
  .strict();

/** search.reindex and search.reconcile: who asked (the gateway sends 'api'). */
export const maintenanceStartInput = z.object({ trigger: z.enum(['api', 'command']).default('api') }).strict();
export const searchRunRef = z.object({ id: z.string().uuid('must be a UUID') }).strict();
export const searchRunsQuery = z.object(paging(100, 20)).strict();
