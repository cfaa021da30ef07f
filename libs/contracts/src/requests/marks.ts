import { z } from 'zod';
import { MarkState } from '../curation';
import { paging } from './common';

// What curators send to grant, revoke and list provenance marks.

const uuid = z.string().uuid('must be a UUID');
const code = z.string().trim().min(1, 'a mark code').max(60, 'at most 60 characters');

export const grantInput = z
  .object({
    code,
    artisanId: uuid.optional(),
    listingId: uuid.optional(),
    // What the council saw: a visit, a certificate number, the weaver's village.
    evidence: z.string({ required_error: 'the evidence the mark rests on is required' }).trim().min(10, 'at least 10 characters').max(4000, 'at most 4000 characters'),
    expiresAt: z
      .string({ invalid_type_error: 'an ISO 8601 date and time' })
      .datetime({ offset: true, message: 'an ISO 8601 date and time, e.g. 2027-01-31T00:00:00+08:00' })
      .transform((s) => new Date(s))
      .refine((d) => d.getTime() > Date.now(), 'must be in the future')
      .nullish()
      .transform((d) => d ?? null),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.artisanId && g.listingId) {
      ctx.addIssue({ code: 'custom', path: ['listingId'], message: 'give artisanId or listingId, not both' });
    } else if (!g.artisanId && !g.listingId) {
      ctx.addIssue({ code: 'custom', path: ['artisanId'], message: 'give artisanId (a whole shop) or listingId (one listing)' });
    }
  });
export type GrantInput = z.output<typeof grantInput>;

export const revokeInput = z
  .object({
    id: uuid,
    reason: z.string({ required_error: 'say why the mark is revoked' }).trim().min(5, 'at least 5 characters').max(1000, 'at most 1000 characters'),
  })
  .strict();

export const listInput = z
  .object({
    code: code.optional(),
    artisanId: uuid.optional(),
    listingId: uuid.optional(),
    state: z.nativeEnum(MarkState, { errorMap: () => ({ message: `one of: ${Object.values(MarkState).join(', ')}` }) }).optional(),
    ...paging(200, 50),
  })
  .strict();
