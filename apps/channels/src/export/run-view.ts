import { Channel, ChannelRunCounts, ChannelRunKind, ChannelRunStatus, ChannelRunView } from '@pk/contracts';

export interface RunRow {
  id: string;
  account_id: string;
  channel: Channel;
  kind: ChannelRunKind;
  status: ChannelRunStatus;
  artisan_id: string | null;
  counts: Partial<ChannelRunCounts>;
  requests: number;
  error: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

export const EMPTY_COUNTS: ChannelRunCounts = {
  considered: 0,
  created: 0,
  updated: 0,
  deactivated: 0,
  unchanged: 0,
  refused: 0,
  failed: 0,
  stockUpdated: 0,
};

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function runView(r: RunRow): ChannelRunView {
  return {
    id: r.id,
    accountId: r.account_id,
    channel: r.channel,
    kind: r.kind,
    status: r.status,
    artisanId: r.artisan_id,
    counts: { ...EMPTY_COUNTS, ...r.counts },
    requests: r.requests,
    error: r.error,
    createdAt: new Date(r.created_at).toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}
