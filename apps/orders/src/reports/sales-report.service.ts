import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogPatterns, REGENCIES, REGENCY_SLUGS, REPORT_TIME_ZONE, SalesFigures, SalesGroupBy, SalesReport, SalesRow, Services } from '@pk/contracts';
import { parseInput } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import { SalesInput, salesInput } from './sales-input';

interface CategoryNode { slug: string; name: { id: string; en: string }; children: CategoryNode[] }

/** Each leaf category's name and its top-level group. */
type CategoryIndex = Map<string, { label: string; group: { slug: string; label: string } }>;

interface FigureRow { orders: number; units: string; gmv: string; shipping: string; refunds: string; net: string }

const PERIODS = { day: 'day', week: 'week', month: 'month' } as const;
const TZ = `'${REPORT_TIME_ZONE}'`;

// What each grouping groups by: fixed SQL, never text from the request.
const KEYS: Record<SalesGroupBy, string> = {
  regency: `coalesce(shop_regency, 'unknown')`,
  category: `category_slug`,
  category_group: `group_slug`,
  artisan: `artisan_id::text`,
  day: `to_char(date_trunc('day', paid_at AT TIME ZONE ${TZ}), 'YYYY-MM-DD')`,
  week: `to_char(date_trunc('week', paid_at AT TIME ZONE ${TZ}), 'YYYY-MM-DD')`,
  month: `to_char(date_trunc('month', paid_at AT TIME ZONE ${TZ}), 'YYYY-MM-DD')`,
};

/**
 * Every line of every order paid in [$1, $2] (WITA days), with its shipment's shipping fee and
 * refunds shared across the shipment's lines by goods value: floors, and the rupiah left over on
 * the shipment's first line, so the shares of a shipment add up to it exactly.
 */
const LINES = `
  WITH sale AS (
    SELECT o.id AS order_id, o.paid_at, s.id AS shipment_id, s.artisan_id, s.shop_name, s.shop_regency, s.shipping_fee, s.refunded,
           l.category_slug, coalesce($3::jsonb ->> l.category_slug, l.category_slug) AS group_slug, l.quantity, l.line_total,
           sum(l.line_total) OVER w AS shipment_goods, row_number() OVER (w ORDER BY l.id) AS nth
    FROM orders.orders o
    JOIN orders.shipments s ON s.order_id = o.id
    JOIN orders.order_lines l ON l.shipment_id = s.id
    WHERE o.paid_at >= ($1::date)::timestamp AT TIME ZONE ${TZ} AND o.paid_at < ($2::date + 1)::timestamp AT TIME ZONE ${TZ}
    WINDOW w AS (PARTITION BY s.id)
  ), floored AS (
    SELECT *, floor(shipping_fee::numeric * line_total / shipment_goods) AS ship_floor, floor(refunded::numeric * line_total / shipment_goods) AS refund_floor
    FROM sale
  ), line AS (
    SELECT *,
      ship_floor + CASE WHEN nth = 1 THEN shipping_fee - sum(ship_floor) OVER (PARTITION BY shipment_id) ELSE 0 END AS shipping,
      refund_floor + CASE WHEN nth = 1 THEN refunded - sum(refund_floor) OVER (PARTITION BY shipment_id) ELSE 0 END AS refunds
    FROM floored
  )`;

const FIGURES = `
  count(DISTINCT order_id)::int AS orders, coalesce(sum(quantity), 0)::bigint AS units, coalesce(sum(line_total), 0)::bigint AS gmv,
  coalesce(sum(shipping), 0)::bigint AS shipping, coalesce(sum(refunds), 0)::bigint AS refunds,
  coalesce(sum(line_total) + sum(shipping) - sum(refunds), 0)::bigint AS net`;

/**
 * Sales for the council, aggregated in Postgres. A sale is an order paid in the period, whatever
 * happened to it later (its refunds show what came back); see SalesFigures for each figure.
 */
@Injectable()
export class SalesReportService {
  constructor(
    private readonly db: DataSource,
    private readonly clients: ServiceClients,
  ) {}

  async sales(data: unknown): Promise<SalesReport> {
    const input = parseInput(salesInput, data);
    const categories = input.groupBy === 'category' || input.groupBy === 'category_group' ? await this.categories() : null;
    const groups = Object.fromEntries([...(categories ?? new Map()).entries()].map(([slug, c]) => [slug, c.group.slug]));
    const params = [input.from, input.to, JSON.stringify(groups)];
    // Both reads see the same orders.
    const { rows, totals } = await this.db.transaction('REPEATABLE READ', async (tx) => ({
      rows: await this.rows(tx, input, params),
      totals: (await tx.query(`${LINES} SELECT ${FIGURES} FROM line`, params))[0] as FigureRow,
    }));
    const truncated = rows.length > input.limit;
    return {
      groupBy: input.groupBy,
      from: input.from,
      to: input.to,
      timeZone: REPORT_TIME_ZONE,
      rows: rows.slice(0, input.limit).map((r) => this.row(input.groupBy, r, categories)),
      truncated,
      totals: figures(totals),
    };
  }

  /** Regencies and periods with no sales are rows of zeros; other groupings list only what sold. */
  private rows(tx: EntityManager, input: SalesInput, params: string[]): Promise<Array<FigureRow & { key: string; shop_name: string | null }>> {
    const period = input.groupBy in PERIODS ? PERIODS[input.groupBy as keyof typeof PERIODS] : null;
    const series = period
      ? `UNION SELECT to_char(d, 'YYYY-MM-DD') FROM generate_series(date_trunc('${period}', $1::date::timestamp), $2::date::timestamp, interval '1 ${period}') d`
      : '';
    const order = period ? `key` : `gmv DESC, key`;
    return tx.query(
      `${LINES}, grouped AS (SELECT ${KEYS[input.groupBy]} AS key, max(shop_name) AS shop_name, ${FIGURES} FROM line GROUP BY 1),
         wanted AS (SELECT unnest($4::text[]) AS key ${series})
       SELECT key, g.shop_name, coalesce(g.orders, 0) AS orders, coalesce(g.units, 0)::bigint AS units, coalesce(g.gmv, 0)::bigint AS gmv,
              coalesce(g.shipping, 0)::bigint AS shipping, coalesce(g.refunds, 0)::bigint AS refunds, coalesce(g.net, 0)::bigint AS net
       FROM grouped g FULL JOIN wanted USING (key)
       ORDER BY ${order} LIMIT $5`,
      [...params, input.groupBy === 'regency' ? REGENCY_SLUGS : [], input.limit + 1],
    );
  }

  private row(groupBy: SalesGroupBy, r: FigureRow & { key: string; shop_name: string | null }, categories: CategoryIndex | null): SalesRow {
    const base = { key: r.key, label: r.key, ...figures(r) };
    switch (groupBy) {
      case 'regency':
        return { ...base, label: REGENCIES[r.key as keyof typeof REGENCIES] ?? 'Unknown' };
      case 'category': {
        const c = categories?.get(r.key);
        return { ...base, label: c?.label ?? r.key, group: c?.group ?? null };
      }
      case 'category_group':
        return { ...base, label: [...(categories?.values() ?? [])].find((c) => c.group.slug === r.key)?.group.label ?? r.key };
      case 'artisan':
        return { ...base, label: r.shop_name ?? r.key };
      case 'day':
        return base;
      case 'week':
        return { ...base, label: `week of ${r.key}` };
      case 'month':
        return { ...base, label: r.key.slice(0, 7) };
    }
  }

  /** Leaves (what order lines carry) by slug, named in Indonesian, with their top-level group. */
  private async categories(): Promise<CategoryIndex> {
    const tree = await this.clients.sendAsService<CategoryNode[]>(Services.catalog, CatalogPatterns.categoryTree, {});
    const index: CategoryIndex = new Map();
    for (const top of tree) {
      const group = { slug: top.slug, label: top.name.id };
      const walk = (n: CategoryNode) => (n.children.length ? n.children.forEach(walk) : index.set(n.slug, { label: n.name.id, group }));
      walk(top);
    }
    return index;
  }
}

function figures(r: FigureRow): SalesFigures {
  return { orders: Number(r.orders), units: Number(r.units), gmv: String(r.gmv), shipping: String(r.shipping), refunds: String(r.refunds), net: String(r.net) };
}
