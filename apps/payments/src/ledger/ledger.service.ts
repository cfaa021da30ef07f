import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, CatalogPatterns, OrderPaidEvent, Roles, Services, ShipmentCompletedEvent, ShipmentMoney } from '@pk/contracts';
import { DomainError, ErrorCode, hasAnyRole, newId, parseInput } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import { CommissionService } from './commission.service';
import {
  EntryState,
  LedgerAccount,
  LedgerLine,
  ShipmentPosition,
  assertBalanced,
  refundLines,
  saleFigures,
  saleLines,
  splitRefund,
} from './ledger-math';
import type { Balances, LedgerTotals, Statement, StatementEntry } from './ledger-views';
import { statementInput } from '@pk/contracts/requests/payments';

export const saleKey = (shipmentId: string) => `sale:${shipmentId}`;
export const refundKey = (refundId: string) => `refund:${refundId}`;
export const payoutKey = (payoutId: string, artisanId: string) => `payout:${payoutId}:${artisanId}`;

export interface LedgerRefund {
  refundId: string;
  orderId: string;
  shipmentId: string | null;
  amount: bigint;
}

interface Posting {
  key: string;
  kind: 'sale' | 'refund' | 'adjustment' | 'payout';
  orderId: string | null;
  shipmentId: string | null;
  memo: string | null;
  createdBy?: string | null;
}

const ACCOUNTS: LedgerAccount[] = ['artisan', 'platform:clearing', 'platform:commission', 'platform:bank'];

/**
 * The payout ledger: balanced postings of signed entries, once per key, in the caller's
 * transaction. Per artisan, what they are owed is pending until the shipment completes and then
 * available for the next payout batch. Entries never change but for that state.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly db: DataSource,
    private readonly commission: CommissionService,
    private readonly clients: ServiceClients,
  ) {}

  /** order.paid: one sale posting per shipment. Returns how many were new. */
  async postSale(tx: EntityManager, e: OrderPaidEvent): Promise<number> {
    let posted = 0;
    for (const money of e.shipments) {
      if (await this.postShipmentSale(tx, e.orderId, money, `Order ${e.orderNumber}`)) posted += 1;
    }
    return posted;
  }

  /**
   * shipment.completed: the shipment's entries for the artisan become available. The event
   * carries the sale, so a completion that overtakes order.paid posts it first.
   */
  async release(tx: EntityManager, e: ShipmentCompletedEvent): Promise<number> {
    if (e.money.shipmentId !== e.shipmentId) throw new Error(`shipment.completed ${e.shipmentId} carries the money of ${e.money.shipmentId}`);
    await this.postShipmentSale(tx, e.orderId, e.money, null);
    await this.lockSales(tx, [e.shipmentId], null);
    const [, released] = (await tx.query(
      `UPDATE payments.ledger_entries SET state = 'available'
       WHERE shipment_id = $1 AND account = 'artisan' AND state = 'pending'`,
      [e.shipmentId],
    )) as [unknown, number];
    return released;
  }

  /**
   * A refund that succeeded: the artisan gives back the refunded share of a shipment (never more
   * than its sale) and gets back the commission on it. An order-level refund is spread over the
   * order's shipments; one before any sale was posted touches nothing the ledger holds.
   */
  async postRefund(tx: EntityManager, r: LedgerRefund): Promise<boolean> {
    if (r.amount <= 0n) throw new Error(`refund ${r.refundId}: amount must be positive`);
    const key = refundKey(r.refundId);
    // Locks the shipments' sales: refunds and releases of one shipment take turns.
    const shipmentIds = await this.lockSales(tx, r.shipmentId ? [r.shipmentId] : null, r.orderId);
    if (await this.exists(tx, key)) return false;
    const positions = await this.positions(tx, shipmentIds);
    const lines = r.shipmentId
      ? positions.flatMap((p) => refundLines(p, r.amount))
      : splitRefund(positions, r.amount).flatMap((s) => refundLines(s.position, s.amount));
    if (!lines.length) return false;
    return (await this.post(tx, { key, kind: 'refund', orderId: r.orderId, shipmentId: r.shipmentId, memo: null }, lines)) !== null;
  }

  /** A payout batch's transfer to one artisan: their available balance leaves for the bank. */
  async postPayout(tx: EntityManager, p: { payoutId: string; artisanId: string; amount: bigint; reference: string; createdBy: string }): Promise<void> {
    const lines: LedgerLine[] = [
      { account: 'artisan', artisanId: p.artisanId, kind: 'payout', amount: -p.amount, shipmentId: null, state: 'available' },
      { account: 'platform:bank', artisanId: null, kind: 'payout', amount: p.amount, shipmentId: null, state: 'available' },
    ];
    const key = payoutKey(p.payoutId, p.artisanId);
    const id = await this.post(tx, { key, kind: 'payout', orderId: null, shipmentId: null, memo: `Payout ${p.reference}`, createdBy: p.createdBy }, lines);
    if (!id) throw new Error(`payout ${key} was already posted`);
  }

  /** Available balances of artisans, all of them or those named; read in `tx` to act on them. */
  async availableBalances(tx: EntityManager, artisanIds: string[] | null): Promise<Map<string, bigint>> {
    const rows: Array<{ artisan_id: string; available: string }> = await tx.query(
      `SELECT artisan_id, sum(amount) AS available FROM payments.ledger_entries
       WHERE account = 'artisan' AND state = 'available' AND ($1::uuid[] IS NULL OR artisan_id = ANY($1::uuid[]))
       GROUP BY artisan_id`,
      [artisanIds],
    );
    return new Map(rows.map((r) => [r.artisan_id, BigInt(r.available)]));
  }

  /** An artisan's own statement; curators read anyone's with `artisanId`. */
  async statement(caller: Caller, data: unknown): Promise<Statement> {
    const input = parseInput(statementInput, data ?? {});
    const artisanId = await this.statementOwner(caller, input.artisanId);
    const [rows, count, balances] = await Promise.all([
      this.db.query(
        `SELECT e.id, e.kind, e.amount, e.state, e.shipment_id, e.created_at, p.key, p.order_id, p.memo
         FROM payments.ledger_entries e JOIN payments.postings p ON p.id = e.posting_id
         WHERE e.account = 'artisan' AND e.artisan_id = $1
         ORDER BY e.id DESC LIMIT $2 OFFSET $3`,
        [artisanId, input.limit, input.offset],
      ) as Promise<EntryRow[]>,
      this.db.query(`SELECT count(*)::int AS n FROM payments.ledger_entries WHERE account = 'artisan' AND artisan_id = $1`, [artisanId]) as Promise<Array<{ n: number }>>,
      this.balances(artisanId),
    ]);
    return { artisanId, balances, items: rows.map(entryView), total: count[0].n, limit: input.limit, offset: input.offset };
  }

  async balances(artisanId: string): Promise<Balances> {
    const [row]: Array<{ pending: string; available: string }> = await this.db.query(
      `SELECT coalesce(sum(amount) FILTER (WHERE state = 'pending'), 0)::text AS pending,
              coalesce(sum(amount) FILTER (WHERE state = 'available'), 0)::text AS available
       FROM payments.ledger_entries WHERE account = 'artisan' AND artisan_id = $1`,
      [artisanId],
    );
    return row;
  }

  /** The check that the books balance: the whole ledger, each account, and every posting on its own. */
  async totals(): Promise<LedgerTotals> {
    const [byAccount, artisans, postings] = await Promise.all([
      this.db.query(`SELECT account, sum(amount)::text AS total FROM payments.ledger_entries GROUP BY account`) as Promise<Array<{ account: LedgerAccount; total: string }>>,
      this.db.query(
        `SELECT coalesce(sum(amount) FILTER (WHERE state = 'pending'), 0)::text AS pending,
                coalesce(sum(amount) FILTER (WHERE state = 'available'), 0)::text AS available
         FROM payments.ledger_entries WHERE account = 'artisan'`,
      ) as Promise<Balances[]>,
      this.db.query(
        `SELECT (SELECT count(*)::int FROM payments.postings) AS postings,
                (SELECT count(*)::int FROM (SELECT posting_id FROM payments.ledger_entries GROUP BY posting_id HAVING sum(amount) <> 0) u) AS unbalanced`,
      ) as Promise<Array<{ postings: number; unbalanced: number }>>,
    ]);
    const accounts = Object.fromEntries(ACCOUNTS.map((a) => [a, '0'])) as Record<LedgerAccount, string>;
    let sum = 0n;
    for (const r of byAccount) {
      accounts[r.account] = r.total;
      sum += BigInt(r.total);
    }
    return { sum: sum.toString(), byAccount: accounts, artisans: artisans[0], postings: postings[0].postings, unbalancedPostings: postings[0].unbalanced };
  }

  private async postShipmentSale(tx: EntityManager, orderId: string, money: ShipmentMoney, memo: string | null): Promise<boolean> {
    const rateOf = await this.commission.ratesFor(tx, money.goods.map((g) => g.categorySlug));
    const lines = saleLines(money, saleFigures(money, rateOf));
    const id = await this.post(tx, { key: saleKey(money.shipmentId), kind: 'sale', orderId, shipmentId: money.shipmentId, memo }, lines);
    if (!id) return false;
    // A shipment refund the provider took (done, or on its way) before this sale reached the
    // ledger is applied now, as the refund itself would have been.
    const early: Array<{ id: string; order_id: string; amount: string }> = await tx.query(
      `SELECT r.id, r.order_id, r.amount FROM payments.refunds r
       WHERE r.shipment_id = $1 AND (r.status = 'succeeded' OR (r.status = 'pending' AND r.provider_ref IS NOT NULL))
         AND NOT EXISTS (SELECT 1 FROM payments.postings p WHERE p.key = 'refund:' || r.id::text)
       ORDER BY r.created_at, r.id`,
      [money.shipmentId],
    );
    for (const r of early) await this.postRefund(tx, { refundId: r.id, orderId: r.order_id, shipmentId: money.shipmentId, amount: BigInt(r.amount) });
    return true;
  }

  /** Stores a balanced posting once per key; null when the key was already posted. */
  private async post(tx: EntityManager, p: Posting, lines: LedgerLine[]): Promise<string | null> {
    assertBalanced(p.key, lines);
    if (!lines.length) return null;
    const inserted: Array<{ id: string }> = await tx.query(
      `INSERT INTO payments.postings (id, key, kind, order_id, shipment_id, memo, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key) DO NOTHING RETURNING id`,
      [newId(), p.key, p.kind, p.orderId, p.shipmentId, p.memo, p.createdBy ?? null],
    );
    if (!inserted.length) return null;
    const id = inserted[0].id;
    await tx.query(
      `INSERT INTO payments.ledger_entries (posting_id, account, artisan_id, kind, amount, shipment_id, state)
       SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::text[], $5::bigint[], $6::uuid[], $7::text[])`,
      [
        id,
        lines.map((l) => l.account),
        lines.map((l) => l.artisanId),
        lines.map((l) => l.kind),
        lines.map((l) => l.amount.toString()),
        lines.map((l) => l.shipmentId),
        lines.map((l) => l.state),
      ],
    );
    return id;
  }

  private async exists(tx: EntityManager, key: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM payments.postings WHERE key = $1`, [key]);
    return rows.length > 0;
  }

  /** Locks the sale postings of these shipments (or of the order's), in key order; returns their shipments. */
  private async lockSales(tx: EntityManager, shipmentIds: string[] | null, orderId: string | null): Promise<string[]> {
    const rows: Array<{ shipment_id: string }> = await tx.query(
      `SELECT shipment_id FROM payments.postings
       WHERE kind = 'sale' AND ($1::uuid[] IS NULL OR shipment_id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR order_id = $2)
       ORDER BY key FOR UPDATE`,
      [shipmentIds, shipmentIds ? null : orderId],
    );
    return rows.map((r) => r.shipment_id);
  }

  private async positions(tx: EntityManager, shipmentIds: string[]): Promise<ShipmentPosition[]> {
    if (!shipmentIds.length) return [];
    const rows: Array<{ shipment_id: string; artisan_id: string; pending: boolean; sale: string; commission: string; commission_returned: string; refunded: string }> =
      await tx.query(
        `SELECT shipment_id, min(artisan_id::text) AS artisan_id,
                bool_or(kind = 'sale' AND state = 'pending') AS pending,
                coalesce(sum(amount) FILTER (WHERE kind = 'sale'), 0)::text AS sale,
                coalesce(-sum(amount) FILTER (WHERE kind = 'commission' AND amount < 0), 0)::text AS commission,
                coalesce(sum(amount) FILTER (WHERE kind = 'commission' AND amount > 0), 0)::text AS commission_returned,
                coalesce(-sum(amount) FILTER (WHERE kind = 'refund'), 0)::text AS refunded
         FROM payments.ledger_entries
         WHERE account = 'artisan' AND shipment_id = ANY($1::uuid[])
         GROUP BY shipment_id ORDER BY shipment_id`,
        [shipmentIds],
      );
    return rows.map((r) => ({
      shipmentId: r.shipment_id,
      artisanId: r.artisan_id,
      state: (r.pending ? 'pending' : 'available') as EntryState,
      sale: BigInt(r.sale),
      commission: BigInt(r.commission),
      commissionReturned: BigInt(r.commission_returned),
      refunded: BigInt(r.refunded),
    }));
  }

  /**
   * Whose statement: a curator names any artisan (or reads their own shop's); anyone else reads
   * the shop they own, and a caller with no shop has no statement (403).
   */
  private async statementOwner(caller: Caller, artisanId: string | undefined): Promise<string> {
    if (hasAnyRole(caller, [Roles.curator]) && artisanId) {
      const artisan = await this.clients.send<{ id: string }>(Services.catalog, CatalogPatterns.artisanGet, { id: artisanId }, caller);
      return artisan.id;
    }
    let own: string;
    try {
      own = (await this.clients.send<{ id: string }>(Services.catalog, CatalogPatterns.artisanMine, {}, caller)).id;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === ErrorCode.notFound)) throw error;
      if (hasAnyRole(caller, [Roles.curator])) {
        throw new DomainError(ErrorCode.validationFailed, 'Please correct: artisanId.', [{ field: 'artisanId', messages: ['name the artisan whose statement to read'] }]);
      }
      throw new DomainError(ErrorCode.forbidden, 'Statements are for artisans (their own shop) and curators.');
    }
    if (artisanId && artisanId !== own) throw new DomainError(ErrorCode.forbidden, "You can read only your own shop's statement.", { artisanId });
    return own;
  }
}

interface EntryRow {
  id: string;
  kind: StatementEntry['kind'];
  amount: string;
  state: StatementEntry['state'];
  shipment_id: string | null;
  created_at: Date;
  key: string;
  order_id: string | null;
  memo: string | null;
}

function entryView(r: EntryRow): StatementEntry {
  const payout = /^payout:([0-9a-f-]{36}):/.exec(r.key);
  return {
    id: String(r.id),
    kind: r.kind,
    amount: String(r.amount),
    state: r.state,
    orderId: r.order_id,
    shipmentId: r.shipment_id,
    payoutId: payout ? payout[1] : null,
    memo: r.memo,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
