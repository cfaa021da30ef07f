import { z } from 'zod';
import { ArtisanStatus, REGENCY_SLUGS, Regency } from '../catalog';
import { paging, slugText, text } from './common';

export type ArtisanDecision = 'verify' | 'reject' | 'suspend' | 'reinstate';

/**
 * The council's decisions on an artisan: each moves one status to another, and the ones that
 * take something away need a reason the artisan will read. The only place transitions live.
 */
export const ARTISAN_DECISIONS: Record<ArtisanDecision, { from: ArtisanStatus; to: ArtisanStatus; reasonRequired: boolean }> = {
  verify: { from: 'pending', to: 'verified', reasonRequired: false },
  reject: { from: 'pending', to: 'rejected', reasonRequired: true },
  suspend: { from: 'verified', to: 'suspended', reasonRequired: true },
  reinstate: { from: 'suspended', to: 'verified', reasonRequired: false },
};

// What an artisan sends to apply or edit their shop, and what a curator sends to decide.

/** The shop's address, /shops/<slug>. */
const shopSlug = slugText(60, 'tenun-sidemen');

// People copy account numbers with spaces or dashes; only the digits are kept.
const accountNumber = z
  .string()
  .transform((v) => v.replace(/[\s.-]/g, ''))
  .pipe(z.string().regex(/^\d{6,20}$/, '6 to 20 digits'));

const profileFields = {
  shopName: text(3, 80),
  shopSlug,
  story: text(20, 5000),
  regency: z.enum(REGENCY_SLUGS as [Regency, ...Regency[]], {
    errorMap: () => ({ message: `one of ${REGENCY_SLUGS.join(', ')}` }),
  }),
  /** Slugs of the craft taxonomy; existence is checked against the categories. */
  craftTypes: z
    .array(z.string().trim().toLowerCase().min(1, 'a craft type slug').max(60))
    .min(1, 'at least one craft type')
    .max(10, 'at most 10 craft types')
    .transform((slugs) => [...new Set(slugs)]),
  /** Nomor Induk Berusaha, the business registration number; optional for home producers. */
  nib: z.preprocess(
    (v) => (v === '' ? null : v),
    z
      .string()
      .trim()
      .regex(/^\d{13}$/, 'the NIB has 13 digits')
      .nullish()
      .transform((v) => v ?? null),
  ),
  bankAccount: z.object({ bankName: text(2, 60), accountName: text(2, 100), accountNumber }).strict(),
};

export const applicationInput = z.object(profileFields).strict();
export type ApplicationInput = z.output<typeof applicationInput>;

export const profilePatch = z.object(profileFields).partial().strict();
export type ProfilePatch = z.output<typeof profilePatch>;

const uuid = z.string().uuid('must be a UUID');
export const byIdInput = z.object({ id: uuid }).strict();

export const decisionInput = z
  .object({
    id: uuid,
    decision: z.enum(Object.keys(ARTISAN_DECISIONS) as [ArtisanDecision, ...ArtisanDecision[]], {
      errorMap: () => ({ message: `one of ${Object.keys(ARTISAN_DECISIONS).join(', ')}` }),
    }),
    reason: z
      .string()
      .trim()
      .max(1000, 'at most 1000 characters')
      .nullish()
      .transform((v) => v || null),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (ARTISAN_DECISIONS[d.decision].reasonRequired && (!d.reason || d.reason.length < 5)) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `a reason of at least 5 characters is required to ${d.decision}` });
    }
  });
export type DecisionInput = z.output<typeof decisionInput>;

export const queueInput = z
  .object({
    status: z.nativeEnum(ArtisanStatus).default(ArtisanStatus.pending),
    ...paging(100, 20),
  })
  .strict();

export const shopPageInput = z
  .object({
    slug: z.string().trim().toLowerCase().min(1).max(100),
    ...paging(50, 20),
  })
  .strict();
