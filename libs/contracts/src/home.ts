// The storefront's home page, composed and cached by the catalog app, and the gateway's log of
// every curator action.
import { z } from 'zod';

export const HomePatterns = {
  /** The composed home page (public); replies HomeReply. */
  get: 'catalog.home',
} as const;

// The home page as the catalog composes it is the reply schemas' types (replies/curation.ts).
export type { HomeArtisan, HomeCampaign, HomeCard, HomeCollection, HomePage, HomeRegion, HomeReply } from './replies/curation';

export const CuratorActionOutcome = { pending: 'pending', succeeded: 'succeeded', failed: 'failed' } as const;
export type CuratorActionOutcome = (typeof CuratorActionOutcome)[keyof typeof CuratorActionOutcome];

/**
 * One write request of a curator, as the audit log shows it. `action` is `METHOD /route/template`;
 * `targets` the route's ids; `body` a redacted, size-capped summary. A `pending` row whose
 * `finishedAt` is null is an attempt that never finished (e.g. a crash mid-action).
 */
export const curatorActionViewSchema = z.object({
  id: z.string(),
  curatorId: z.string(),
  curatorEmail: z.string().nullable(),
  action: z.string(),
  path: z.string(),
  targets: z.record(z.string()),
  body: z.unknown(),
  requestId: z.string().nullable(),
  outcome: z.nativeEnum(CuratorActionOutcome),
  status: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type CuratorActionView = z.infer<typeof curatorActionViewSchema>;

/** GET /curation/audit: a page of the log, newest first. */
export const curatorActionPageSchema = z.object({
  items: z.array(curatorActionViewSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type CuratorActionPage = z.infer<typeof curatorActionPageSchema>;
