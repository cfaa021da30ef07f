import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CuratorActionOutcome } from '@pk/contracts';

/** One write request of a curator: recorded before its handler runs, completed after. */
@Entity({ schema: 'identity', name: 'curator_actions' })
export class CuratorAction {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'curator_id' })
  curatorId: string;

  @Column('text', { name: 'curator_email', nullable: true })
  curatorEmail: string | null;

  /** `METHOD /route/template`, e.g. `POST /api/v1/curation/listings/:id/decision`. */
  @Column('text')
  action: string;

  @Column('text')
  path: string;

  @Column('jsonb')
  targets: Record<string, string>;

  @Column('jsonb', { nullable: true })
  body: unknown;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  @Column('text')
  outcome: CuratorActionOutcome;

  @Column('int', { nullable: true })
  status: number | null;

  @Column('text', { name: 'error_code', nullable: true })
  errorCode: string | null;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}
