// The storefront's home page, composed and cached by the catalog app, and the gateway's log of
// every curator action.

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
export interface CuratorActionView {
  id: string;
  curatorId: string;
  curatorEmail: string | null;
  action: string;
  path: string;
  targets: Record<string, string>;
  body: unknown;
  requestId: string | null;
  outcome: CuratorActionOutcome;
  status: number | null;
  errorCode: string | null;
  startedAt: string;
  finishedAt: string | null;
}
