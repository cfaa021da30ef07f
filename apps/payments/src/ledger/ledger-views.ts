// What the ledger's RPCs answer: the reply schemas' types (libs/contracts/src/replies/payments.ts).
// Amounts are whole rupiah as digits (signed for entries).
import type { PayoutSummary } from '@pk/contracts';

export type {
  Balances,
  CommissionRates,
  LedgerTotals,
  PayoutFile,
  PayoutItemView,
  PayoutSummary,
  PayoutView,
  Statement,
  StatementEntry,
} from '@pk/contracts';

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

export type PayoutStatus = PayoutSummary['status'];
