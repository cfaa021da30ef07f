import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { CuratorActionPage, CuratorActionView } from '@pk/contracts';
import { newId, writeCsv } from '@pk/core';
import { AuditQuery, CSV_MAX_ROWS, witaIso } from './audit-query';
import { CuratorAction } from './curator-action.entity';

export interface ActionAttempt {
  curatorId: string;
  action: string;
  path: string;
  targets: Record<string, string>;
  body: unknown;
  requestId: string | null;
}

const CSV_COLUMNS = ['started_at', 'finished_at', 'curator_id', 'curator_email', 'action', 'path', 'targets', 'outcome', 'status', 'error_code', 'body', 'request_id', 'id'];

/** The log of every curator write: attempts, their outcomes, and the council's view of them. */
@Injectable()
export class CuratorActionsService {
  constructor(private readonly db: DataSource) {}

  /** Records an attempt before it runs; the curator's email is copied so the log reads on its own. */
  async begin(a: ActionAttempt): Promise<string> {
    const id = newId();
    await this.db.query(
      `INSERT INTO identity.curator_actions (id, curator_id, curator_email, action, path, targets, body, request_id)
       VALUES ($1, $2, (SELECT email FROM identity.users WHERE id = $2), $3, $4, $5, $6, $7)`,
      [id, ...columns(a)],
    );
    return id;
  }

  /** Records an action that is already over (refused before any handler ran), in one statement. */
  async record(a: ActionAttempt, status: number, errorCode: string | null): Promise<void> {
    await this.db.query(
      `INSERT INTO identity.curator_actions
         (id, curator_id, curator_email, action, path, targets, body, request_id, outcome, status, error_code, finished_at)
       VALUES ($1, $2, (SELECT email FROM identity.users WHERE id = $2), $3, $4, $5, $6, $7, $8, $9, $10, now())`,
      [newId(), ...columns(a), outcomeOf(status), status, errorCode],
    );
  }

  async finish(id: string, status: number, errorCode: string | null): Promise<void> {
    await this.db.query(
      `UPDATE identity.curator_actions SET status = $2, error_code = $3, outcome = $4, finished_at = now() WHERE id = $1`,
      [id, status, errorCode, outcomeOf(status)],
    );
  }

  async list(q: AuditQuery): Promise<CuratorActionPage> {
    const [rows, total] = await this.filtered(q).take(q.limit).skip(q.offset).getManyAndCount();
    return { items: rows.map(view), total, limit: q.limit, offset: q.offset };
  }

  /** The filtered log as CSV (newest first, at most CSV_MAX_ROWS), times in WITA, with a BOM for spreadsheets. */
  async csv(q: AuditQuery): Promise<{ fileName: string; csv: string }> {
    const rows = await this.filtered(q).take(CSV_MAX_ROWS).getMany();
    const records = rows.map((r) => [
      witaIso(r.startedAt),
      r.finishedAt ? witaIso(r.finishedAt) : '',
      r.curatorId,
      r.curatorEmail ?? '',
      r.action,
      r.path,
      JSON.stringify(r.targets),
      r.outcome,
      r.status ?? '',
      r.errorCode ?? '',
      r.body === null ? '' : JSON.stringify(r.body),
      r.requestId ?? '',
      r.id,
    ]);
    const day = witaIso(new Date()).slice(0, 10);
    return { fileName: `curator-actions-${day}.csv`, csv: writeCsv([CSV_COLUMNS, ...records], { spreadsheet: true }) };
  }

  private filtered(q: AuditQuery): SelectQueryBuilder<CuratorAction> {
    const qb = this.db.getRepository(CuratorAction).createQueryBuilder('a').orderBy('a.started_at', 'DESC').addOrderBy('a.id', 'DESC');
    if (q.curatorId) qb.andWhere('a.curator_id = :curatorId', { curatorId: q.curatorId });
    if (q.action?.endsWith('*')) {
      qb.andWhere(`a.action LIKE :prefix ESCAPE '\\'`, { prefix: `${escapeLike(q.action.slice(0, -1))}%` });
    } else if (q.action) {
      qb.andWhere('a.action = :action', { action: q.action });
    }
    if (q.outcome) qb.andWhere('a.outcome = :outcome', { outcome: q.outcome });
    if (q.targetId) qb.andWhere('EXISTS (SELECT 1 FROM jsonb_each_text(a.targets) t WHERE t.value = :targetId)', { targetId: q.targetId });
    if (q.from) qb.andWhere('a.started_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.started_at < :to', { to: q.to });
    return qb;
  }
}

const outcomeOf = (status: number) => (status < 400 ? 'succeeded' : 'failed');

/** An attempt's values, in the column order of the inserts above. */
const columns = (a: ActionAttempt) => [
  a.curatorId,
  a.action,
  a.path,
  JSON.stringify(a.targets),
  a.body === null ? null : JSON.stringify(a.body),
  a.requestId,
];

function view(r: CuratorAction): CuratorActionView {
  return {
    id: r.id,
    curatorId: r.curatorId,
    curatorEmail: r.curatorEmail,
    action: r.action,
    path: r.path,
    targets: r.targets,
    body: r.body,
    requestId: r.requestId,
    outcome: r.outcome,
    status: r.status,
    errorCode: r.errorCode,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
