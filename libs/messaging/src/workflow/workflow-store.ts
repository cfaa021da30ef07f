import { DataSource } from 'typeorm';
import { WorkflowFailure, WorkflowJson, WorkflowRun, WorkflowStatus } from './workflow';

/**
 * Where runs are kept. Every write after the first is conditioned on the writer still owning the
 * run, so a process that lost its run to a recovery (it was thought dead) stops at its next step.
 */
export interface WorkflowStore {
  /** A new running run owned by `owner`, or the run already under (workflow, key) as it is. */
  create(workflow: string, key: string, input: WorkflowJson, owner: string): Promise<{ run: WorkflowRun; created: boolean }>;
  get(workflow: string, key: string): Promise<WorkflowRun | null>;
  completeStep(runId: string, owner: string, step: string, output: WorkflowJson): Promise<boolean>;
  /** Over (completed, compensated, failed) also lets go of the owner. */
  setStatus(runId: string, owner: string, status: WorkflowStatus, failure?: WorkflowFailure): Promise<boolean>;
  markCompensated(runId: string, owner: string, step: string): Promise<boolean>;
  /** Takes a running or compensating run over from `from` (whose process is gone); null if another did first. */
  adopt(runId: string, from: string | null, to: string): Promise<WorkflowRun | null>;
  remove(runId: string, owner: string | null): Promise<void>;
  /** A running run left with no owner (paused), for anyone to take over; false if not ours. */
  letGo(runId: string, owner: string): Promise<boolean>;
  /** Runs still running or compensating, untouched for `idleSeconds`, not owned by `except`. */
  unfinished(idleSeconds: number, except: string, limit: number): Promise<WorkflowRun[]>;
}

interface RunRow {
  id: string;
  workflow: string;
  key: string;
  status: WorkflowStatus;
  input: WorkflowJson;
  outputs: Record<string, WorkflowJson>;
  compensated: string[];
  failure: WorkflowFailure | null;
  owner: string | null;
  created_at: Date;
}

const toRun = (r: RunRow): WorkflowRun => ({
  id: r.id, workflow: r.workflow, key: r.key, status: r.status, input: r.input, outputs: r.outputs,
  compensated: r.compensated, failure: r.failure, owner: r.owner, createdAt: r.created_at,
});

const OVER = ['completed', 'compensated', 'failed'];

/** The runs in `<schema>.workflow_runs` (migration 1764000000025 for orders). */
export class PgWorkflowStore implements WorkflowStore {
  private readonly table: string;

  constructor(private readonly db: DataSource, schema: string, private readonly newId: () => string) {
    this.table = `"${schema}".workflow_runs`;
  }

  async create(workflow: string, key: string, input: WorkflowJson, owner: string): Promise<{ run: WorkflowRun; created: boolean }> {
    const [row]: RunRow[] = await this.db.query(
      `INSERT INTO ${this.table} (id, workflow, key, status, input, owner) VALUES ($1, $2, $3, 'running', $4::jsonb, $5)
       ON CONFLICT (workflow, key) DO NOTHING RETURNING *`,
      [this.newId(), workflow, key, JSON.stringify(input), owner],
    );
    if (row) return { run: toRun(row), created: true };
    const existing = await this.get(workflow, key);
    // Removed between our insert and this read (a failed run forgotten): try once more.
    return existing ? { run: existing, created: false } : this.create(workflow, key, input, owner);
  }

  async get(workflow: string, key: string): Promise<WorkflowRun | null> {
    const [row]: RunRow[] = await this.db.query(`SELECT * FROM ${this.table} WHERE workflow = $1 AND key = $2`, [workflow, key]);
    return row ? toRun(row) : null;
  }

  async completeStep(runId: string, owner: string, step: string, output: WorkflowJson): Promise<boolean> {
    return this.update(
      `outputs = outputs || jsonb_build_object($3::text, $4::jsonb) WHERE id = $1 AND owner = $2 AND status = 'running'`,
      [runId, owner, step, JSON.stringify(output)],
    );
  }

  async setStatus(runId: string, owner: string, status: WorkflowStatus, failure?: WorkflowFailure): Promise<boolean> {
    return this.update(
      `status = $3, failure = coalesce($4::jsonb, failure), owner = CASE WHEN $3 = ANY($5::text[]) THEN NULL ELSE owner END
       WHERE id = $1 AND owner = $2`,
      [runId, owner, status, failure ? JSON.stringify(failure) : null, OVER],
    );
  }

  async markCompensated(runId: string, owner: string, step: string): Promise<boolean> {
    return this.update(`compensated = array_append(compensated, $3::text) WHERE id = $1 AND owner = $2 AND status = 'compensating'`, [runId, owner, step]);
  }

  async adopt(runId: string, from: string | null, to: string): Promise<WorkflowRun | null> {
    const [rows]: [RunRow[], number] = await this.db.query(
      `UPDATE ${this.table} SET owner = $3, updated_at = now()
       WHERE id = $1 AND owner IS NOT DISTINCT FROM $2 AND status IN ('running', 'compensating') RETURNING *`,
      [runId, from, to],
    );
    return rows[0] ? toRun(rows[0]) : null;
  }

  async letGo(runId: string, owner: string): Promise<boolean> {
    return this.update(`owner = NULL WHERE id = $1 AND owner = $2 AND status = 'running'`, [runId, owner]);
  }

  async remove(runId: string, owner: string | null): Promise<void> {
    await this.db.query(`DELETE FROM ${this.table} WHERE id = $1 AND owner IS NOT DISTINCT FROM $2`, [runId, owner]);
  }

  async unfinished(idleSeconds: number, except: string, limit: number): Promise<WorkflowRun[]> {
    const rows: RunRow[] = await this.db.query(
      `SELECT * FROM ${this.table} WHERE status IN ('running', 'compensating') AND updated_at < now() - make_interval(secs => $1)
         AND owner IS DISTINCT FROM $2 ORDER BY updated_at LIMIT $3`,
      [idleSeconds, except, limit],
    );
    return rows.map(toRun);
  }

  private async update(set: string, params: unknown[]): Promise<boolean> {
    const [, changed]: [unknown, number] = await this.db.query(`UPDATE ${this.table} SET updated_at = now(), ${set}`, params);
    return changed > 0;
  }
}
