import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, CatalogPatterns, Services } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, parseInput } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import type { CommissionRates } from './ledger-views';
import { commissionPutInput as putInput } from '@pk/contracts/requests/payments';

interface CategoryNode {
  slug: string;
  children: CategoryNode[];
}

/** The council's commission: a rate per (leaf) category, else the default from COMMISSION_DEFAULT_BPS. */
@Injectable()
export class CommissionService {
  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get defaultBps(): number {
    return this.config.payments.commissionDefaultBps;
  }

  async list(): Promise<CommissionRates> {
    const rows: Array<{ category_slug: string; rate_bps: number; updated_by: string | null; updated_at: Date }> = await this.db.query(
      `SELECT category_slug, rate_bps, updated_by, updated_at FROM payments.commission_rates ORDER BY category_slug`,
    );
    return {
      defaultBps: this.defaultBps,
      rates: rows.map((r) => ({ categorySlug: r.category_slug, rateBps: r.rate_bps, updatedBy: r.updated_by, updatedAt: new Date(r.updated_at).toISOString() })),
    };
  }

  /** Sets (or with null, clears) a category's rate; it applies to sales posted from now on. */
  async put(caller: Caller, data: unknown): Promise<CommissionRates> {
    const { categorySlug, rateBps } = parseInput(putInput, data);
    await this.assertLeafCategory(caller, categorySlug);
    if (rateBps === null) {
      await this.db.query(`DELETE FROM payments.commission_rates WHERE category_slug = $1`, [categorySlug]);
    } else {
      await this.db.query(
        `INSERT INTO payments.commission_rates (category_slug, rate_bps, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (category_slug) DO UPDATE SET rate_bps = EXCLUDED.rate_bps, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [categorySlug, rateBps, caller.userId],
      );
    }
    return this.list();
  }

  /** The rate of each of `slugs`, read in the posting's transaction. */
  async ratesFor(tx: EntityManager, slugs: string[]): Promise<(slug: string) => number> {
    const unique = [...new Set(slugs)];
    const rows: Array<{ category_slug: string; rate_bps: number }> = unique.length
      ? await tx.query(`SELECT category_slug, rate_bps FROM payments.commission_rates WHERE category_slug = ANY($1::text[])`, [unique])
      : [];
    const rates = new Map(rows.map((r) => [r.category_slug, r.rate_bps]));
    return (slug) => rates.get(slug) ?? this.defaultBps;
  }

  // Listings are filed under leaf categories, and sales carry the leaf: a rate on a group would never apply.
  private async assertLeafCategory(caller: Caller, slug: string): Promise<void> {
    const tree = await this.clients.send<CategoryNode[]>(Services.catalog, CatalogPatterns.categoryTree, {}, caller);
    const leaves: string[] = [];
    const walk = (nodes: CategoryNode[]) => nodes.forEach((n) => (n.children.length ? walk(n.children) : leaves.push(n.slug)));
    walk(tree);
    if (!leaves.includes(slug)) {
      throw new DomainError(ErrorCode.notFound, `No craft category "${slug}" that listings are filed under.`, { categorySlug: slug });
    }
  }
}
