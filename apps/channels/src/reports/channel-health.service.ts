import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANNEL_LISTING_STATUSES, CHANNEL_NAMES, Channel, ChannelAccountHealth, ChannelHealthReport, ChannelListingStatus, ChannelRunCounts } from '@pk/contracts';

// Enough for a curator to see what to fix first.
const TOP_REASONS = 5;
// Exports: a dry run sends nothing and a stock push is not an export of listings.
const EXPORT_KINDS = `('scheduled','manual')`;

const EMPTY_COUNTS: ChannelRunCounts = { considered: 0, created: 0, updated: 0, deactivated: 0, unchanged: 0, refused: 0, failed: 0, stockUpdated: 0 };

interface AccountRow {
  id: string; channel: Channel; name: string; scope: 'council' | 'shop'; shop_slug: string | null; status: 'active' | 'disabled';
  last_run: { id: string; kind: string; status: string; created_at: string; started_at: string | null; finished_at: string | null; counts: Partial<ChannelRunCounts>; error: string | null } | null;
  last_success_at: Date | null;
  listings: Record<string, number> | null;
  reasons: Array<{ status: 'rejected' | 'failed'; reason: string; count: number }> | null;
  runs: number; failed_runs: number; runs_with_failed_listings: number;
}

const iso = (t: string | Date | null) => (t === null ? null : new Date(t).toISOString());

/** Per channel account: its last export, its last good one, where its listings stand and why they fail. */
@Injectable()
export class ChannelHealthService {
  constructor(private readonly db: DataSource) {}

  async health(): Promise<ChannelHealthReport> {
    const rows: Array<AccountRow & { as_of: Date }> = await this.db.query(`
      SELECT a.id, a.channel, a.name, a.scope, a.shop_slug, a.status, now() AS as_of,
        (SELECT to_json(r) FROM (
           SELECT id, kind, status, created_at, started_at, finished_at, counts, error FROM channels.runs
           WHERE account_id = a.id AND kind IN ${EXPORT_KINDS} ORDER BY created_at DESC, id DESC LIMIT 1) r) AS last_run,
        (SELECT max(finished_at) FROM channels.runs WHERE account_id = a.id AND kind IN ${EXPORT_KINDS} AND status = 'succeeded') AS last_success_at,
        (SELECT json_object_agg(status, n) FROM (
           SELECT status, count(*)::int AS n FROM channels.listing_states WHERE account_id = a.id GROUP BY status) s) AS listings,
        (SELECT json_agg(t) FROM (
           SELECT status, coalesce(reason, '(no reason given)') AS reason, count(*)::int AS count FROM channels.listing_states
           WHERE account_id = a.id AND status IN ('rejected','failed') GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT ${TOP_REASONS}) t) AS reasons,
        w.runs, w.failed_runs, w.runs_with_failed_listings
      FROM channels.accounts a
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS runs, count(*) FILTER (WHERE status = 'failed')::int AS failed_runs,
               count(*) FILTER (WHERE coalesce((counts->>'failed')::int, 0) > 0)::int AS runs_with_failed_listings
        FROM channels.runs WHERE account_id = a.id AND kind IN ${EXPORT_KINDS} AND created_at > now() - interval '7 days') w
      ORDER BY a.channel, a.scope, a.name, a.id`);
    return { asOf: iso(rows[0]?.as_of ?? new Date())!, accounts: rows.map(toHealth) };
  }
}

function toHealth(a: AccountRow): ChannelAccountHealth {
  const listings = Object.fromEntries(CHANNEL_LISTING_STATUSES.map((s) => [s, a.listings?.[s] ?? 0])) as Record<ChannelListingStatus, number>;
  const r = a.last_run;
  return {
    accountId: a.id,
    channel: a.channel,
    channelName: CHANNEL_NAMES[a.channel],
    name: a.name,
    scope: a.scope,
    shopSlug: a.shop_slug,
    status: a.status,
    lastRun: r && {
      id: r.id,
      kind: r.kind as NonNullable<ChannelAccountHealth['lastRun']>['kind'],
      status: r.status as NonNullable<ChannelAccountHealth['lastRun']>['status'],
      createdAt: iso(r.created_at)!,
      startedAt: iso(r.started_at),
      finishedAt: iso(r.finished_at),
      counts: { ...EMPTY_COUNTS, ...r.counts },
      error: r.error,
    },
    lastSuccessAt: iso(a.last_success_at),
    listings,
    topReasons: a.reasons ?? [],
    last7Days: { runs: a.runs, failedRuns: a.failed_runs, runsWithFailedListings: a.runs_with_failed_listings },
  };
}
