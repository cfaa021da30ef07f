import { parse } from 'csv-parse/sync';
import { payoutCsv } from './payout-csv';
import { transferReference } from './payouts.service';
import type { PayoutView } from './ledger-views';

const payout: PayoutView = {
  id: '0190a000-0000-7000-8000-00000000beef',
  status: 'created',
  minimum: '50000',
  total: '1550000',
  artisans: 2,
  createdBy: '0190a000-0000-7000-8000-000000000c01',
  // 20:30 UTC is already the next day in Bali
  createdAt: '2026-03-02T20:30:00.000Z',
  paidBy: null,
  paidAt: null,
  bankReference: null,
  items: [
    { artisanId: 'a1', amount: '1500000', shopName: 'Tenun Ikat Sidemen, "Bu Komang"', shopSlug: 'tenun-sidemen', bankName: 'BPD Bali', accountName: 'Ni Komang Ayu', accountNumber: '0012345678', reference: 'PK0000BEEF0001' },
    { artisanId: 'a2', amount: '50000', shopName: '=HYPERLINK("x")', shopSlug: 'perak-celuk', bankName: 'BRI', accountName: '+I Wayan', accountNumber: '987654321', reference: 'PK0000BEEF0002' },
  ],
};

describe('payout CSV', () => {
  const file = payoutCsv(payout);

  it('is a bank transfer file: BOM, CRLF, one row per artisan with amount and reference', () => {
    expect(file.csv.startsWith('\uFEFFbank_name,account_name,account_number,amount,reference,artisan_shop\r\n')).toBe(true);
    const rows = parse(file.csv.slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([
      { bank_name: 'BPD Bali', account_name: 'Ni Komang Ayu', account_number: '0012345678', amount: '1500000', reference: 'PK0000BEEF0001', artisan_shop: 'Tenun Ikat Sidemen, "Bu Komang"' },
      { bank_name: 'BRI', account_name: "'+I Wayan", account_number: '987654321', amount: '50000', reference: 'PK0000BEEF0002', artisan_shop: `'=HYPERLINK("x")` },
    ]);
  });

  it('is named after the batch and its day in Bali', () => {
    expect(file.fileName).toBe('pasar-kriya-payout-2026-03-03-0000beef.csv');
  });

  it('gives each transfer a reference of letters and digits, unique in the batch', () => {
    expect(transferReference(payout.id, 1)).toBe('PK0000BEEF0001');
    expect(transferReference(payout.id, 12)).toMatch(/^[A-Z0-9]+$/);
    expect(transferReference(payout.id, 12)).not.toBe(transferReference(payout.id, 1));
  });
});
