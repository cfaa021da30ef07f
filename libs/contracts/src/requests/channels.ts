import { z } from 'zod';
import { CHANNELS } from '../channels';
import { paging } from './common';

// The channels app's requests: accounts, connecting, mappings, listing attributes, runs.

const channel = z.enum(CHANNELS, { errorMap: () => ({ message: `one of: ${CHANNELS.join(', ')}` }) });
const ref = z.object({ id: z.string().uuid('must be a UUID') }).strict();

// --- Accounts
const iso = z.string().datetime({ offset: true, message: 'an ISO date-time, e.g. 2026-12-01T00:00:00+08:00' });
const secret = z.string().min(1, 'required').max(2000);
export const accountCreateInput = z
  .object({
    channel: z.enum(CHANNELS, { errorMap: () => ({ message: `one of: ${CHANNELS.join(', ')}` }) }),
    scope: z.enum(['council', 'shop']),
    shopSlug: z.string().min(1).max(80).optional(),
    name: z.string().trim().min(1, 'required').max(120),
    appKey: secret,
    appSecret: secret,
    accessToken: secret,
    accessTokenExpiresAt: iso,
    refreshToken: secret,
    refreshTokenExpiresAt: iso.optional(),
    shopCipher: z.string().max(200).optional(),
    warehouseId: z.string().max(200).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.scope === 'shop' && !a.shopSlug) ctx.addIssue({ code: 'custom', path: ['shopSlug'], message: 'required for a shop account' });
    if (a.scope === 'council' && a.shopSlug) ctx.addIssue({ code: 'custom', path: ['shopSlug'], message: 'only for a shop account' });
    if (a.channel === 'tiktok_shop') {
      for (const field of ['shopCipher', 'warehouseId'] as const) {
        if (!a[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'required for TikTok Shop' });
      }
    }
  });
export const accountUpdateInput = z
  .object({
    id: z.string().uuid('must be a UUID'),
    name: z.string().trim().min(1).max(120).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    appSecret: secret.optional(),
    accessToken: secret.optional(),
    accessTokenExpiresAt: iso.optional(),
    refreshToken: secret.optional(),
    refreshTokenExpiresAt: iso.optional(),
  })
  .strict()
  .refine((u) => !u.accessToken === !u.accessTokenExpiresAt, { path: ['accessTokenExpiresAt'], message: 'send accessToken and accessTokenExpiresAt together' });
export const accountSyncInput = z.object({ id: z.string().uuid('must be a UUID'), dryRun: z.boolean().default(false) }).strict();
export const accountRef = ref;

// --- The shop's own channels
export const shopSyncInput = z.object({ dryRun: z.boolean().default(false) }).strict();
export const runRef = ref;
export const runListInput = z.object({ accountId: z.string().uuid('must be a UUID').optional(), ...paging(100, 20) }).strict();

// --- Connecting an account through the channel's authorize page
export const connectStartInput = z.object({ channel, scope: z.enum(['shop', 'council'], { errorMap: () => ({ message: 'shop or council' }) }) }).strict();
export const connectCallbackInput = z.object({
  channel: z.string().max(40),
  code: z.string().max(2000).optional(),
  auth_code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(500).optional(),
});

// --- Category mappings
const mappingValueInput = z.object({ id: z.string().trim().min(1).max(80).optional(), name: z.string().trim().min(1, 'required').max(200) }).strict();
export const mappingPutInput = z
  .object({
    channel,
    categorySlug: z.string().min(1).max(60),
    channelCategoryId: z.string().trim().min(1, 'required').max(60),
    channelCategoryName: z.string().trim().max(200).optional(),
    attributes: z
      .array(
        z
          .object({
            id: z.string().trim().min(1).max(80),
            // The channel's data fills these; older clients still send them.
            name: z.string().trim().max(120).optional(),
            required: z.boolean().optional(),
            values: z.array(mappingValueInput).max(50).optional(),
            value: z.string().trim().min(1).max(200).optional(),
            from: z.enum(['materials', 'techniques', 'origin', 'handmade']).optional(),
          })
          .strict(),
      )
      .max(100)
      .default([]),
    salesAttributes: z
      .array(z.object({ id: z.string().trim().min(1).max(80), name: z.string().trim().max(120).optional(), optionLabels: z.array(z.string().trim().min(1).max(60)).min(1, 'at least one option label').max(10) }).strict())
      .max(10)
      .default([]),
  })
  .strict();
export const mappingListInput = z.object({ channel: channel.optional() }).strict();

// --- A listing's attributes per channel
export const listingAttributesRef = z.object({ listingId: z.string().uuid('must be a UUID') }).strict();
export const listingAttributesPutInput = z
  .object({
    listingId: z.string().uuid('must be a UUID'),
    channel: z.enum(CHANNELS, { errorMap: () => ({ message: `one of: ${CHANNELS.join(', ')}` }) }),
    values: z.record(z.string().trim().min(1).max(80), z.array(mappingValueInput).max(50)),
  })
  .strict();

// --- The channels' own categories and attributes
const refresh = z.preprocess((v) => (v === 'true' || v === true ? true : v === 'false' || v === false || v === undefined ? false : v), z.boolean({ invalid_type_error: 'true or false' }));
export const channelCategoriesInput = z.object({ channel, refresh }).strict();
export const channelAttributesInput = z.object({ channel, categoryId: z.string().trim().min(1).max(60), refresh }).strict();
