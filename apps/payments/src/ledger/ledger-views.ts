import type { EntryKind, EntryState, LedgerAccount } from './ledger-math';

// What the ledger's RPCs answer. Amounts are whole rupiah as digits (signed for entries).

export interface CommissionRates {
  defaultBps: number;
  rates: Array<{ categorySlug: string; rateBps: number; updatedBy: string | null; updatedAt: string }>;
}

export interface Balances {
  pending: string;
  available: string;
}

export interface StatementEntry {
  id: string;
  kind: EntryKind;
  /** Signed: what the artisan is owed goes up (sale, a commission given back) or down. */
  amount: string;
  state: EntryState;
  orderId: string | null;
  shipmentId: string | null;
  payoutId: string | null;
  memo: string | null;
  createdAt: string;
}

export interface Statement {
  artisanId: string;
  balances: Balances;
  items: StatementEntry[];
  total: number;
  limit: number;
  offset: number;
}

export interface LedgerTotals {
  /** Every entry of the ledger added up: always '0'. */
  sum: string;
  byAccount: Record<LedgerAccount, string>;
  artisans: Balances;
  postings: number;
  /** Postings whose own entries do not sum to zero: always 0. */
  unbalancedPostings: number;
}

/** The payee as the catalog had it when the batch was made (a later change does not move money already sent). */
export interface PayeeSnapshot {
  shopName: string;
  shopSlug: string;
  bankName: string;
  accountName: string;
  accountNumber: string;
  /** The transfer's reference ("berita"), unique per item. */
  reference: string;
}

export interface PayoutItemView extends PayeeSnapshot {
  artisanId: string;
  amount: string;
}

export type PayoutStatus = 'created' | 'paid';

export interface PayoutSummary {
  id: string;
  status: PayoutStatus;
  minimum: string;
  total: string;
  artisans: number;
  createdBy: string;
  createdAt: string;
  paidBy: string | null;
  paidAt: string | null;
  bankReference: string | null;
}

export interface PayoutView extends PayoutSummary {
  items: PayoutItemView[];
}

export interface PayoutFile {
  fileName: string;
  csv: string;
}
