import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '@pk/contracts';
import { newId, parseInput } from '@pk/core';
import { AuditEntry } from './audit-entry.entity';
import { auditListQuery as listQuery } from '@pk/contracts/requests/listings';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
}

/** Curator decisions and council settings, written in the same transaction as the change. */
@Injectable()
export class AuditLogService {
  constructor(private readonly db: DataSource) {}

  async record(tx: EntityManager, actor: Caller, entry: AuditRecord): Promise<void> {
    // save() rather than insert(): insert's typing cannot take a free-form jsonb record.
    await tx.getRepository(AuditEntry).save(tx.getRepository(AuditEntry).create({
      id: newId(),
      actorId: actor.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
    }));
  }

  async list(query: unknown): Promise<{ items: AuditEntry[]; total: number }> {
    const q = parseInput(listQuery, query ?? {});
    const qb = this.db.getRepository(AuditEntry).createQueryBuilder('a').orderBy('a.created_at', 'DESC').addOrderBy('a.id', 'DESC');
    if (q.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: q.actorId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: q.entityId });
    if (q.from) qb.andWhere('a.created_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.created_at < :to', { to: q.to });
    const [items, total] = await qb.take(q.limit).skip(q.offset).getManyAndCount();
    return { items, total };
  }
}
