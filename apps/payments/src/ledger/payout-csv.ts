import { stringify } from 'csv-stringify/sync';
import type { PayoutFile, PayoutView } from './ledger-views';

export const PAYOUT_CSV_COLUMNS = ['bank_name', 'account_name', 'account_number', 'amount', 'reference', 'artisan_shop'] as const;

const WITA_OFFSET_MS = 8 * 3600 * 1000;

// Names are typed by artisans: one that starts like a formula must stay text in a spreadsheet.
const FORMULA_START = /^[=+\-@\t\r]/;
const asText = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/**
 * A batch as a bank transfer file: one row per artisan, the amount in whole rupiah, the
 * reference to quote on the transfer. A BOM and CRLF, so spreadsheets read it as UTF-8.
 */
export function payoutCsv(payout: PayoutView): PayoutFile {
  const rows = payout.items.map((i) => [
    asText(i.bankName),
    asText(i.accountName),
    // Digits kept as they are (leading zeros matter to the bank).
    i.accountNumber,
    i.amount,
    i.reference,
    asText(i.shopName),
  ]);
  const csv = `\uFEFF${stringify([[...PAYOUT_CSV_COLUMNS], ...rows], { record_delimiter: 'windows' })}`;
  const day = new Date(Date.parse(payout.createdAt) + WITA_OFFSET_MS).toISOString().slice(0, 10);
  return { fileName: `pasar-kriya-payout-${day}-${payout.id.slice(-8)}.csv`, csv };
}
