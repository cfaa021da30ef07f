import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ArtisanStatusCounts, ArtisansReport, PendingApplication, REGENCIES, REGENCY_SLUGS, Regency } from '@pk/contracts';

// The oldest applications are the ones a curator should see; the count says how many wait.
const PENDING_LISTED = 50;

const zero = (): ArtisanStatusCounts => ({ pending: 0, verified: 0, rejected: 0, suspended: 0, total: 0 });

/** Artisans by status, overall and per regency, and how long applications have waited. */
@Injectable()
export class ArtisansReportService {
  constructor(private readonly db: DataSource) {}

  async artisans(): Promise<ArtisansReport> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const counts: Array<{ regency: Regency; status: keyof ArtisanStatusCounts; n: number }> = await tx.query(
        `SELECT regency, status, count(*)::int AS n FROM catalog.artisans GROUP BY regency, status`,
      );
      // A shop that applies again after a rejection waits from then (its last change), not from its first application.
      const pending: Array<PendingApplication & { count: number; oldestDays: number }> = await tx.query(
        `WITH p AS (
           SELECT id, shop_name, regency, CASE WHEN decided_at IS NULL THEN created_at ELSE updated_at END AS applied_at
           FROM catalog.artisans WHERE status = 'pending'
         )
         SELECT id AS "artisanId", shop_name AS "shopName", regency, applied_at AS "appliedAt",
                floor(extract(epoch FROM now() - applied_at) / 86400)::int AS "ageDays",
                count(*) OVER ()::int AS count, max(floor(extract(epoch FROM now() - applied_at) / 86400)) OVER ()::int AS "oldestDays"
         FROM p ORDER BY applied_at, id LIMIT ${PENDING_LISTED}`,
      );
      const [{ now }]: Array<{ now: Date }> = await tx.query(`SELECT now()`);
      const byStatus = zero();
      const byRegency = new Map(REGENCY_SLUGS.map((r) => [r, zero()]));
      for (const c of counts) {
        // Regencies are checked on the way in; a row outside them still counts in the totals.
        for (const into of [byStatus, byRegency.get(c.regency)].filter((x): x is ArtisanStatusCounts => !!x)) {
          into[c.status] += c.n;
          into.total += c.n;
        }
      }
      return {
        asOf: new Date(now).toISOString(),
        byStatus,
        byRegency: [...byRegency].map(([regency, n]) => ({ regency, label: REGENCIES[regency], ...n })),
        pending: {
          count: pending[0]?.count ?? 0,
          oldestDays: pending[0]?.oldestDays ?? null,
          applications: pending.map((p) => ({ artisanId: p.artisanId, shopName: p.shopName, regency: p.regency, appliedAt: new Date(p.appliedAt).toISOString(), ageDays: p.ageDays })),
        },
      };
    });
  }
}
