import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ChannelRunAction, ChannelRunCounts, ChannelRunItemView, ChannelRunKind, ChannelRunOutcome, ChannelRunView } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { RunRow, runView } from './run-view';
import { runListInput as listInput } from '@pk/contracts/requests/channels';

const RUN_SQL = `SELECT r.*, a.channel FROM channels.runs r JOIN channels.accounts a ON a.id = r.account_id`;

export interface RunItem {
  listingId: string;
  action: ChannelRunAction;
  outcome: ChannelRunOutcome;
  reason?: string | null;
  payload?: unknown;
}

/** Export runs and their per-listing results. */
@Injectable()
export class RunsService {
  constructor(private readonly db: DataSource) {}

  /** In `m`'s transaction when given (a stock push creates its runs with the claim of what to push). */
  async create(
    accountId: string,
    kind: ChannelRunKind,
    opts: { artisanId?: string | null; requestedBy?: string | null } = {},
    m: EntityManager = this.db.manager,
  ): Promise<ChannelRunView> {
    const id = newId();
    await m.query(
      `INSERT INTO channels.runs (id, account_id, kind, artisan_id, requested_by) VALUES ($1, $2, $3, $4, $5)`,
      [id, accountId, kind, opts.artisanId ?? null, opts.requestedBy ?? null],
    );
    return this.get(id, m);
  }

  async get(id: string, m: EntityManager = this.db.manager): Promise<ChannelRunView> {
    const rows: RunRow[] = await m.query(`${RUN_SQL} WHERE r.id = $1`, [id]);
    if (!rows.length) throw new DomainError(ErrorCode.notFound, 'No such export run.', { runId: id });
    return runView(rows[0]);
  }

  async withItems(id: string): Promise<ChannelRunView & { items: ChannelRunItemView[] }> {
    const run = await this.get(id);
    const items: ChannelRunItemView[] = await this.db.query(
      `SELECT listing_id AS "listingId", action, outcome, reason, payload FROM channels.run_items WHERE run_id = $1 ORDER BY at, listing_id`,
      [id],
    );
    return { ...run, items };
  }

  async list(data: unknown): Promise<{ items: ChannelRunView[]; total: number }> {
    const q = parseInput(listInput, data ?? {});
    const rows: Array<RunRow & { total: string }> = await this.db.query(
      `SELECT r.*, a.channel, count(*) OVER () AS total FROM channels.runs r JOIN channels.accounts a ON a.id = r.account_id
       WHERE ($1::uuid IS NULL OR r.account_id = $1) ORDER BY r.created_at DESC, r.id DESC LIMIT $2 OFFSET $3`,
      [q.accountId ?? null, q.limit, q.offset],
    );
    return { items: rows.map(runView), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /**
   * Claims a run for this worker. The same run again (a job retried after a crash) is claimed
   * again and resumes; another run of the account waits while one is running.
   */
  async start(id: string): Promise<'started' | 'busy' | 'over'> {
    const [, claimed]: [unknown, number] = await this.db.query(
      `UPDATE channels.runs r SET status = 'running', started_at = coalesce(started_at, now())
       WHERE r.id = $1 AND r.status IN ('queued', 'running')
         AND NOT EXISTS (SELECT 1 FROM channels.runs o WHERE o.account_id = r.account_id AND o.id <> r.id AND o.status = 'running')`,
      [id],
    );
    if (claimed > 0) return 'started';
    const [{ status }]: Array<{ status: string }> = await this.db.query(`SELECT status FROM channels.runs WHERE id = $1`, [id]);
    return status === 'queued' ? 'busy' : 'over';
  }

  /** A stock push runs beside an export of the same account: it touches only stock. */
  async startNow(id: string): Promise<void> {
    await this.db.query(`UPDATE channels.runs SET status = 'running', started_at = now() WHERE id = $1`, [id]);
  }

  /** The listings an earlier attempt of this run already dealt with, so a resumed run leaves them be. */
  async done(id: string): Promise<Set<string>> {
    const rows: Array<{ listing_id: string }> = await this.db.query(
      `SELECT DISTINCT listing_id FROM channels.run_items WHERE run_id = $1 AND action <> 'stock'`,
      [id],
    );
    return new Set(rows.map((r) => r.listing_id));
  }

  async record(runId: string, items: RunItem[]): Promise<void> {
    if (!items.length) return;
    await this.db.query(
      `INSERT INTO channels.run_items (run_id, listing_id, action, outcome, reason, payload)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[])
       ON CONFLICT (run_id, listing_id, action) DO UPDATE SET outcome = EXCLUDED.outcome, reason = EXCLUDED.reason, payload = EXCLUDED.payload, at = now()`,
      [runId, items.map((i) => i.listingId), items.map((i) => i.action), items.map((i) => i.outcome),
       items.map((i) => i.reason ?? null), items.map((i) => (i.payload === undefined ? null : JSON.stringify(i.payload)))],
    );
  }

  /** A run's counts as its items tell them (each listing once: its last action). */
  async counted(id: string): Promise<Omit<ChannelRunCounts, 'considered' | 'stockUpdated'>> {
    const [c]: Array<Record<string, string>> = await this.db.query(
      `SELECT count(*) FILTER (WHERE action = 'create' AND outcome IN ('ok','planned')) AS created,
              count(*) FILTER (WHERE action = 'update' AND outcome IN ('ok','planned')) AS updated,
              count(*) FILTER (WHERE action = 'deactivate' AND outcome IN ('ok','planned')) AS deactivated,
              count(*) FILTER (WHERE action = 'skip') AS unchanged,
              count(*) FILTER (WHERE outcome = 'refused') AS refused,
              count(*) FILTER (WHERE outcome = 'failed' AND action <> 'stock') AS failed
       FROM channels.run_items WHERE run_id = $1`,
      [id],
    );
    return {
      created: Number(c.created), updated: Number(c.updated), deactivated: Number(c.deactivated),
      unchanged: Number(c.unchanged), refused: Number(c.refused), failed: Number(c.failed),
    };
  }

  async progress(id: string, counts: ChannelRunCounts, requests: number): Promise<void> {
    await this.db.query(`UPDATE channels.runs SET counts = $2, requests = $3 WHERE id = $1`, [id, JSON.stringify(counts), requests]);
  }

  async discard(id: string): Promise<void> {
    await this.db.query(`DELETE FROM channels.runs WHERE id = $1`, [id]);
  }

  async finish(id: string, counts: ChannelRunCounts, requests: number, error: string | null): Promise<void> {
    await this.db.query(
      `UPDATE channels.runs SET status = $2, counts = $3, requests = $4, error = $5, finished_at = now() WHERE id = $1`,
      [id, error ? 'failed' : 'succeeded', JSON.stringify(counts), requests, error?.slice(0, 1000) ?? null],
    );
  }
}
