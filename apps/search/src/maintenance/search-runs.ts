import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReconcileResult, ReindexResult, SearchRunKind, SearchRunTrigger, SearchRunView } from '@pk/contracts';
import { DomainError, ErrorCode, newId } from '@pk/core';

interface RunRow {
  id: string;
  kind: SearchRunKind;
  trigger: SearchRunTrigger;
  status: SearchRunView['status'];
  done: number;
  total: number;
  result: ReconcileResult | ReindexResult | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function view(r: RunRow): SearchRunView {
  return {
    id: r.id,
    kind: r.kind,
    trigger: r.trigger,
    status: r.status,
    progress: { done: r.done, total: r.total },
    result: r.result,
    error: r.error,
    createdAt: new Date(r.created_at).toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

/** Reindex and reconcile runs as curators follow them: queued, running with progress, the outcome. */
@Injectable()
export class SearchRuns {
  constructor(private readonly db: DataSource) {}

  /**
   * A new queued run. Only one reindex may be queued or running: asking again returns that one
   * (`created` false), so a double click starts nothing twice.
   */
  async create(kind: SearchRunKind, trigger: SearchRunTrigger, requestedBy: string | null): Promise<{ run: SearchRunView; created: boolean }> {
    const rows: RunRow[] = await this.db.query(
      `INSERT INTO search.runs (id, kind, trigger, requested_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING *`,
      [newId(), kind, trigger, requestedBy],
    );
    if (rows.length) return { run: view(rows[0]), created: true };
    const [active]: RunRow[] = await this.db.query(
      `SELECT * FROM search.runs WHERE kind = $1 AND status IN ('queued','running') ORDER BY created_at DESC LIMIT 1`,
      [kind],
    );
    // The active one finished in between: try once more.
    return active ? { run: view(active), created: false } : this.create(kind, trigger, requestedBy);
  }

  /**
   * A recovery reconcile for a replica that needs one made after `since` (it started, or saw
   * Meilisearch come back): when a replica already asked for one since then, that one is returned
   * (`created` false). Every replica notices the same comeback within seconds of the others; it
   * is one repair, not one per replica. The advisory lock makes the look and the insert one step.
   */
  async createRecovery(since: Date): Promise<{ run: SearchRunView; created: boolean }> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('search.runs.recovery'))`);
      const [covering]: RunRow[] = await tx.query(
        `SELECT * FROM search.runs WHERE kind = 'reconcile' AND trigger = 'recovery' AND status <> 'failed' AND created_at >= $1
         ORDER BY created_at DESC LIMIT 1`,
        [since],
      );
      if (covering) return { run: view(covering), created: false };
      const [row]: RunRow[] = await tx.query(
        `INSERT INTO search.runs (id, kind, trigger) VALUES ($1, 'reconcile', 'recovery') RETURNING *`,
        [newId()],
      );
      return { run: view(row), created: true };
    });
  }

  async get(id: string): Promise<SearchRunView> {
    const rows: RunRow[] = await this.db.query(`SELECT * FROM search.runs WHERE id = $1`, [id]);
    if (!rows.length) throw new DomainError(ErrorCode.notFound, 'No such search run.', { runId: id });
    return view(rows[0]);
  }

  async list(limit: number, offset: number): Promise<{ items: SearchRunView[]; total: number }> {
    const rows: Array<RunRow & { count: string }> = await this.db.query(
      `SELECT *, count(*) OVER () AS count FROM search.runs ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return { items: rows.map(view), total: rows.length ? Number(rows[0].count) : 0 };
  }

  /** Claims a queued run for this worker; false when another took it or it already ended. */
  async start(id: string): Promise<boolean> {
    const [, claimed]: [unknown, number] = await this.db.query(
      `UPDATE search.runs SET status = 'running', started_at = now(), done = 0, error = NULL
       WHERE id = $1 AND status IN ('queued', 'running')`,
      [id],
    );
    return claimed > 0;
  }

  async progress(id: string, done: number, total: number): Promise<void> {
    await this.db.query(`UPDATE search.runs SET done = $2::int, total = greatest($3::int, $2::int) WHERE id = $1`, [id, done, total]);
  }

  async succeed(id: string, result: ReconcileResult | ReindexResult): Promise<void> {
    await this.db.query(
      `UPDATE search.runs SET status = 'succeeded', result = $2, finished_at = now() WHERE id = $1`,
      [id, JSON.stringify(result)],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE search.runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`,
      [id, error.slice(0, 1000)],
    );
  }
}
