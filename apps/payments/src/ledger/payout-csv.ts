import { writeCsv } from '@pk/core';
import type { PayoutFile, PayoutView } from './ledger-views';

export const PAYOUT_CSV_COLUMNS = ['bank_name', 'account_name', 'account_number', 'amount', 'reference', 'artisan_shop'] as const;

const WITA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * A batch as a bank transfer file: one row per artisan, the amount in whole rupiah, the
 * reference to quote on the transfer. A BOM and CRLF, so spreadsheets read it as UTF-8.
 */
export function payoutCsv(payout: PayoutView): PayoutFile {
  const rows = payout.items.map((i) => [
    // Names are typed by artisans: writeCsv keeps one that starts like a formula as text.
    i.bankName,
    i.accountName,
    // Digits kept as text (leading zeros matter to the bank).
    i.accountNumber,
    BigInt(i.amount),
    i.reference,
    i.shopName,
  ]);
  const csv = writeCsv([[...PAYOUT_CSV_COLUMNS], ...rows], { spreadsheet: true });
  const day = new Date(Date.parse(payout.createdAt) + WITA_OFFSET_MS).toISOString().slice(0, 10);
  return { fileName: `pasar-kriya-payout-${day}-${payout.id.slice(-8)}.csv`, csv };
}
