import { z } from 'zod';
import { CampaignKind, CampaignState } from '../campaigns';
import { optionalText, paging, text } from './common';
import { rupiahInput } from './listings';
import { incomingKey } from './photos';

// Bali keeps WITA (UTC+8) all year, with no daylight saving, so a fixed offset is exact.
const WITA_OFFSET_MS = 8 * 3600 * 1000;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An ISO 8601 time with an offset, or a WITA wall-clock time without one; null when neither. */
export function parseCampaignTime(value: string): Date | null {
  const text = value.trim();
  if (WITH_OFFSET.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const m = WALL_CLOCK.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((p) => Number(p ?? 0));
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 31 April over into May: a day or hour that does not exist is refused.
  const back = new Date(utc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi) return null;
  return new Date(utc - WITA_OFFSET_MS);
}

// One set of rules for what curators send about campaigns.

const uuid = z.string().uuid('must be a UUID');

export const campaignSlug = z
  .string()
  .trim()
  .min(3, 'at least 3 characters')
  .max(80, 'at most 80 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens, e.g. selasa-endek');

/** ISO 8601 with an offset, or a Bali wall-clock time 'YYYY-MM-DDTHH:mm' (read as WITA, +08:00). */
const moment = z.string().transform((value, ctx) => {
  const at = parseCampaignTime(value);
  if (!at) {
    ctx.addIssue({ code: 'custom', message: "an ISO 8601 time with an offset, or 'YYYY-MM-DDTHH:mm' in WITA" });
    return z.NEVER;
  }
  return at;
});

const fields = {
  kind: z.enum([CampaignKind.campaign, CampaignKind.exhibition], { errorMap: () => ({ message: 'campaign or exhibition' }) }),
  slug: campaignSlug,
  title: z.object({ id: text(3, 120), en: optionalText(120) }).strict(),
  description: z.object({ id: text(1, 5000), en: optionalText(5000) }).strict(),
  startsAt: moment,
  endsAt: moment,
  /** Off every member listing's regular price, unless a variant has a campaign price of its own. */
  discountPercent: z.number().int('a whole number').min(1, 'at least 1').max(90, 'at most 90').nullable().default(null),
};

const endAfterStart = (d: { startsAt?: Date; endsAt?: Date }, ctx: z.RefinementCtx) => {
  if (d.startsAt && d.endsAt && d.endsAt <= d.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
};

export const createCampaignInput = z.object(fields).strict().superRefine(endAfterStart);
export type CreateCampaignInput = z.output<typeof createCampaignInput>;

const patch = z
  .object(fields)
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'change at least one field');
export type CampaignPatch = z.output<typeof patch>;
export const updateCampaignInput = z.object({ id: uuid, patch }).strict();

export const byId = z.object({ id: uuid }).strict();

export const listCampaignsInput = z
  .object({
    state: z.enum([CampaignState.scheduled, CampaignState.live, CampaignState.ended, CampaignState.cancelled]).optional(),
    kind: fields.kind.optional(),
    ...paging(100, 20),
  })
  .strict();

export const addMembersInput = z
  .object({
    id: uuid,
    artisanIds: z.array(uuid).max(500, 'at most 500 at a time').default([]),
    listingIds: z.array(uuid).max(500, 'at most 500 at a time').default([]),
  })
  .strict()
  .refine((d) => d.artisanIds.length + d.listingIds.length > 0, { path: ['listingIds'], message: 'name at least one artisan or listing' });

export const removeMemberInput = z
  .object({ id: uuid, artisanId: uuid.optional(), listingId: uuid.optional() })
  .strict()
  .refine((d) => !d.artisanId !== !d.listingId, { path: ['listingId'], message: 'name one artisan or one listing' });

/** A campaign price per variant; null takes the variant's campaign price away. */
export const setPricesInput = z
  .object({
    id: uuid,
    prices: z
      .array(z.object({ variantId: uuid, price: rupiahInput.nullable() }).strict())
      .min(1, 'at least one price')
      .max(500, 'at most 500 at a time'),
  })
  .strict()
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.prices.forEach((p, i) => {
      if (seen.has(p.variantId)) ctx.addIssue({ code: 'custom', path: ['prices', i, 'variantId'], message: 'appears twice' });
      seen.add(p.variantId);
    });
  });

export const publicListInput = z.object({ kind: fields.kind.optional(), ...paging(50, 20) }).strict();
export const publicGetInput = z.object({ slug: z.string().max(80), ...paging(100, 24) }).strict();

/** The banner upload the gateway stored under incoming/. */
export const bannerInput = z.object({ id: uuid, incomingKey }).strict();
