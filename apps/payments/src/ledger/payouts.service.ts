import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, CatalogPatterns, Services } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, formatRupiah, newId, parseInput } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import { LedgerService } from './ledger.service';
import { payoutCsv } from './payout-csv';
import type { PayeeSnapshot, PayoutFile, PayoutItemView, PayoutStatus, PayoutSummary, PayoutView } from './ledger-views';
import { payoutListInput as listInput, payoutMarkPaidInput as markPaidInput, payoutRef } from '@pk/contracts/requests/payments';

// Bank details are fetched from the catalog a few at a time.
const CATALOG_CONCURRENCY = 8;

/** The artisan as the catalog shows a curator: the payout account in full. */
interface ArtisanPayee {
  id: string;
  shopName: string;
  shopSlug: string;
  bankAccount: { bankName: string; accountName: string; accountNumber: string };
}

interface PayoutRow {
  id: string;
  status: PayoutStatus;
  minimum: string;
  total: string;
  artisans: number;
  created_by: string;
  created_at: Date;
  paid_by: string | null;
  paid_at: Date | null;
  bank_reference: string | null;
}

const PAYOUT_SQL = `
  SELECT p.*, (SELECT count(*)::int FROM payments.payout_items i WHERE i.payout_id = p.id) AS artisans
  FROM payments.payouts p`;

/** The transfer's reference: the batch and the item's place in it, letters and digits only (banks' rule). */
export const transferReference = (payoutId: string, n: number): string =>
  `PK${payoutId.replace(/-/g, '').slice(-8).toUpperCase()}${String(n).padStart(4, '0')}`;

/**
 * Payout batches: every artisan whose available balance reached the minimum is paid all of it,
 * by bank transfer. The batch is posted to the ledger when it is made (the money is then on its
 * way), exported as the bank's CSV, and marked paid with the bank's reference once sent.
 */
@Injectable()
export class PayoutsService {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerService,
    private readonly clients: ServiceClients,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(caller: Caller): Promise<PayoutView> {
    const minimum = BigInt(this.config.payments.payoutMinimum);
    const due = [...(await this.ledger.availableBalances(this.db.manager, null))].filter(([, amount]) => amount >= minimum).map(([id]) => id);
    if (!due.length) throw nothingDue(minimum);
    // Outside the transaction: the catalog may take a moment, and nothing here is locked yet.
    const payees = await mapLimit(due, CATALOG_CONCURRENCY, (id) =>
      this.clients.send<ArtisanPayee>(Services.catalog, CatalogPatterns.artisanGet, { id }, caller),
    );
    const id = newId();
    await this.db.transaction(async (tx) => {
      // One batch at a time, so no balance is paid out twice.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('payments.payouts'))`);
      const balances = await this.ledger.availableBalances(tx, due);
      const items = payees
        .filter((a) => (balances.get(a.id) ?? 0n) >= minimum)
        .sort((a, b) => a.shopName.localeCompare(b.shopName) || a.id.localeCompare(b.id))
        .map((a, i) => ({ artisanId: a.id, amount: balances.get(a.id)!, payee: snapshot(a, transferReference(id, i + 1)) }));
      if (!items.length) throw nothingDue(minimum);
      const total = items.reduce((sum, item) => sum + item.amount, 0n);
      await tx.query(`INSERT INTO payments.payouts (id, minimum, total, created_by) VALUES ($1, $2, $3, $4)`, [id, minimum.toString(), total.toString(), caller.userId]);
      for (const item of items) {
        await tx.query(`INSERT INTO payments.payout_items (payout_id, artisan_id, amount, bank) VALUES ($1, $2, $3, $4)`, [
          id, item.artisanId, item.amount.toString(), JSON.stringify(item.payee),
        ]);
        await this.ledger.postPayout(tx, { payoutId: id, artisanId: item.artisanId, amount: item.amount, reference: item.payee.reference, createdBy: caller.userId });
      }
    });
    return this.get({ id });
  }

  async list(data: unknown): Promise<{ items: PayoutSummary[]; total: number }> {
    const { status, limit, offset } = parseInput(listInput, data ?? {});
    const [rows, count] = await Promise.all([
      this.db.query(`${PAYOUT_SQL} WHERE ($1::text IS NULL OR p.status = $1) ORDER BY p.created_at DESC, p.id DESC LIMIT $2 OFFSET $3`, [status ?? null, limit, offset]) as Promise<PayoutRow[]>,
      this.db.query(`SELECT count(*)::int AS n FROM payments.payouts WHERE ($1::text IS NULL OR status = $1)`, [status ?? null]) as Promise<Array<{ n: number }>>,
    ]);
    return { items: rows.map(summary), total: count[0].n };
  }

  async get(data: unknown): Promise<PayoutView> {
    const { id } = parseInput(payoutRef, data);
    const rows: PayoutRow[] = await this.db.query(`${PAYOUT_SQL} WHERE p.id = $1`, [id]);
    if (!rows.length) throw new DomainError(ErrorCode.notFound, 'No such payout batch.', { payoutId: id });
    const items: Array<{ artisan_id: string; amount: string; bank: PayeeSnapshot }> = await this.db.query(
      `SELECT artisan_id, amount, bank FROM payments.payout_items WHERE payout_id = $1 ORDER BY bank->>'reference'`,
      [id],
    );
    return { ...summary(rows[0]), items: items.map((i): PayoutItemView => ({ artisanId: i.artisan_id, amount: String(i.amount), ...i.bank })) };
  }

  async csv(data: unknown): Promise<PayoutFile> {
    return payoutCsv(await this.get(data));
  }

  /** Records that the bank sent the batch. The same reference again is a no-op; another is a conflict. */
  async markPaid(caller: Caller, data: unknown): Promise<PayoutView> {
    const { id, bankReference } = parseInput(markPaidInput, data);
    const updated: PayoutRow[] = await this.db.query(
      `UPDATE payments.payouts SET status = 'paid', paid_by = $2, paid_at = now(), bank_reference = $3
       WHERE id = $1 AND status = 'created' RETURNING id`,
      [id, caller.userId, bankReference],
    ).then(([rows]: [PayoutRow[], number]) => rows);
    const payout = await this.get({ id });
    if (!updated.length && payout.bankReference !== bankReference) {
      throw new DomainError(ErrorCode.invalidTransition, `This batch was already marked paid on ${payout.paidAt} with bank reference ${payout.bankReference}.`, {
        payoutId: id,
        status: payout.status,
        bankReference: payout.bankReference,
      });
    }
    return payout;
  }
}

function nothingDue(minimum: bigint): DomainError {
  return new DomainError(ErrorCode.conflict, `No artisan has an available balance of at least ${formatRupiah(minimum)}: there is nothing to pay out.`, {
    minimum: minimum.toString(),
  });
}

function snapshot(a: ArtisanPayee, reference: string): PayeeSnapshot {
  return {
    shopName: a.shopName,
    shopSlug: a.shopSlug,
    bankName: a.bankAccount.bankName,
    accountName: a.bankAccount.accountName,
    accountNumber: a.bankAccount.accountNumber,
    reference,
  };
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

function summary(r: PayoutRow): PayoutSummary {
  return {
    id: r.id,
    status: r.status,
    minimum: String(r.minimum),
    total: String(r.total),
    artisans: r.artisans,
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    paidBy: r.paid_by,
    paidAt: iso(r.paid_at),
    bankReference: r.bank_reference,
  };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
