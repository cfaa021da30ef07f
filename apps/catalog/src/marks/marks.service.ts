import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, CurationEvents, MarkPage, MarkTypeView, MarkView } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { OutboxWriter } from '@pk/messaging';
import { AuditLogService } from '../audit/audit-log.service';
import { ListingEvents } from '../listings/listing-events';
import { grantInput, listInput, revokeInput } from './mark-input';
import { MARK_SELECT, MarkRow, markTypes, markView, publicListingsOf } from './mark-views';

const SWEEP_BATCH = 100;

const badField = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.validationFailed, `Please correct: ${field}.`, [{ field, messages: [message], ...details }]);

/**
 * Provenance marks: curators grant them to a shop or one listing and revoke them; the sweep applies
 * expiries. Each change re-announces the public listings it shows on, so search and channels follow.
 */
@Injectable()
export class MarksService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxWriter,
    private readonly listingEvents: ListingEvents,
  ) {}

  types(): Promise<MarkTypeView[]> {
    return markTypes(this.db.manager);
  }

  async grant(caller: Caller, data: unknown): Promise<MarkView> {
    const input = parseInput(grantInput, data);
    const target = { artisanId: input.artisanId ?? null, listingId: input.listingId ?? null };
    return this.db.transaction(async (tx) => {
      const [type] = await tx.query(`SELECT code FROM catalog.mark_types WHERE code = $1`, [input.code]);
      if (!type) {
        const known = (await markTypes(tx)).map((t) => t.code);
        throw badField('code', `no such mark; one of: ${known.join(', ')}`, { known });
      }
      const table = target.listingId ? 'listings' : 'artisans';
      const [exists] = await tx.query(`SELECT id FROM catalog.${table} WHERE id = $1`, [target.listingId ?? target.artisanId]);
      if (!exists) throw badField(target.listingId ? 'listingId' : 'artisanId', `no such ${target.listingId ? 'listing' : 'artisan'}`);

      // One live grant of a code per shop or listing; two curators granting at once take turns here.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('catalog.mark:' || $1 || ':' || $2))`, [input.code, target.listingId ?? target.artisanId]);
      const [live] = await tx.query(
        `SELECT id FROM catalog.provenance_marks
         WHERE code = $1 AND artisan_id IS NOT DISTINCT FROM $2 AND listing_id IS NOT DISTINCT FROM $3
           AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
        [input.code, target.artisanId, target.listingId],
      );
      if (live) {
        throw new DomainError(ErrorCode.conflict, 'This mark is already granted here; revoke it first to grant it anew.', { markId: live.id, code: input.code });
      }

      const id = newId();
      await tx.query(
        `INSERT INTO catalog.provenance_marks (id, code, artisan_id, listing_id, evidence, granted_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, input.code, target.artisanId, target.listingId, input.evidence, caller.userId, input.expiresAt],
      );
      const mark = await this.one(tx, id);
      await this.audit.record(tx, caller, {
        action: 'mark.grant',
        entityType: 'mark',
        entityId: id,
        after: { code: mark.code, artisanId: target.artisanId, listingId: target.listingId, evidence: mark.evidence, expiresAt: mark.expiresAt },
      });
      await this.announce(tx, CurationEvents.markGranted, { id, code: input.code, ...target });
      return mark;
    });
  }

  async revoke(caller: Caller, data: unknown): Promise<MarkView> {
    const input = parseInput(revokeInput, data);
    return this.db.transaction(async (tx) => {
      const [row]: Array<{ id: string; code: string; artisan_id: string | null; listing_id: string | null; revoked_at: Date | null; live: boolean }> =
        await tx.query(
          `SELECT id, code, artisan_id, listing_id, revoked_at, (expires_at IS NULL OR expires_at > now()) AS live
           FROM catalog.provenance_marks WHERE id = $1 FOR UPDATE`,
          [input.id],
        );
      if (!row) throw new DomainError(ErrorCode.notFound, 'No such mark.', { markId: input.id });
      if (row.revoked_at) throw new DomainError(ErrorCode.invalidTransition, 'This mark is already revoked.', { markId: row.id });
      await tx.query(`UPDATE catalog.provenance_marks SET revoked_at = now(), revoked_by = $2, revoke_reason = $3 WHERE id = $1`, [
        row.id,
        caller.userId,
        input.reason,
      ]);
      await this.audit.record(tx, caller, {
        action: 'mark.revoke',
        entityType: 'mark',
        entityId: row.id,
        before: { state: row.live ? 'live' : 'expired' },
        after: { state: 'revoked' },
        reason: input.reason,
      });
      // An expired mark had already left every listing; revoking it only records why.
      const target = { id: row.id, code: row.code, artisanId: row.artisan_id, listingId: row.listing_id };
      await this.announce(tx, CurationEvents.markRevoked, target, row.live);
      return this.one(tx, row.id);
    });
  }

  async list(data: unknown): Promise<MarkPage> {
    const q = parseInput(listInput, data ?? {});
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => (params.push(value), where.push(sql.replace('?', `$${params.length}`)));
    if (q.code) add('pm.code = ?', q.code);
    if (q.artisanId) add('a.id = ?', q.artisanId);
    if (q.listingId) add('pm.listing_id = ?', q.listingId);
    const sql = `SELECT * FROM (${MARK_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}) m${q.state ? ` WHERE m.state = $${params.push(q.state)}` : ''}`;
    const [rows, [{ total }]]: [MarkRow[], Array<{ total: number }>] = await Promise.all([
      this.db.query(`${sql} ORDER BY m.granted_at DESC, m.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`, params),
      this.db.query(`SELECT count(*)::int AS total FROM (${sql}) c`, params),
    ]);
    return { items: rows.map(markView), total, limit: q.limit, offset: q.offset };
  }

  /**
   * Applies marks that have expired: their listings are re-announced without them. Reads never
   * show an expired mark anyway (catalog.listing_marks checks the clock); this tells the copies.
   */
  async sweep(): Promise<number> {
    let applied = 0;
    for (;;) {
      const done = await this.db.transaction(async (tx) => {
        const rows: Array<{ id: string; code: string; artisan_id: string | null; listing_id: string | null }> = await tx.query(
          `SELECT id, code, artisan_id, listing_id FROM catalog.provenance_marks
           WHERE expires_at <= now() AND revoked_at IS NULL AND expiry_applied_at IS NULL
           ORDER BY expires_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED`,
        );
        if (rows.length === 0) return 0;
        await tx.query(`UPDATE catalog.provenance_marks SET expiry_applied_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
        for (const r of rows) {
          await this.announce(tx, CurationEvents.markExpired, { id: r.id, code: r.code, artisanId: r.artisan_id, listingId: r.listing_id });
        }
        return rows.length;
      });
      applied += done;
      if (done < SWEEP_BATCH) return applied;
    }
  }

  private async one(tx: EntityManager, id: string): Promise<MarkView> {
    const [row]: MarkRow[] = await tx.query(`${MARK_SELECT} WHERE pm.id = $1`, [id]);
    return markView(row);
  }

  /** The mark's event and, when its public face changed, a listing.updated per public listing. */
  private async announce(
    tx: EntityManager,
    event: (typeof CurationEvents)[keyof typeof CurationEvents],
    mark: { id: string; code: string; artisanId: string | null; listingId: string | null },
    changedListings = true,
  ): Promise<void> {
    const listingIds = changedListings ? await publicListingsOf(tx, mark) : [];
    await this.listingEvents.announce(tx, listingIds, { kind: 'updated' });
    await this.outbox.add(tx, event, { markId: mark.id, code: mark.code, artisanId: mark.artisanId, listingId: mark.listingId, listingCount: listingIds.length });
  }
}
