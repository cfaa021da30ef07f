import type { ShipmentMoney } from '@pk/contracts';
import {
  ShipmentPosition,
  assertBalanced,
  commissionOf,
  parseRupiah,
  refundLines,
  saleFigures,
  saleLines,
  splitRefund,
  sumOf,
} from './ledger-math';

const money: ShipmentMoney = {
  shipmentId: '0190a000-0000-7000-8000-000000000001',
  artisanId: '0190a000-0000-7000-8000-0000000000a1',
  goods: [
    { categorySlug: 'endek', amount: '350000' },
    { categorySlug: 'perak', amount: '125555' },
  ],
  shipping: '25000',
};
const rates: Record<string, number> = { endek: 500 };
const rateOf = (slug: string) => rates[slug] ?? 1000;

const position = (over: Partial<ShipmentPosition> = {}): ShipmentPosition => ({
  shipmentId: money.shipmentId,
  artisanId: money.artisanId,
  state: 'pending',
  sale: 500_555n,
  commission: 30_055n,
  refunded: 0n,
  commissionReturned: 0n,
  ...over,
});

const artisanTotal = (lines: ReturnType<typeof refundLines>) => sumOf(lines.filter((l) => l.account === 'artisan').map((l) => l.amount));

describe('ledger math', () => {
  it('takes commission per goods line at its category rate, rounded down, never on shipping', () => {
    expect(commissionOf(125_555n, 1000)).toBe(12_555n);
    expect(commissionOf(999n, 1000)).toBe(99n);
    // endek at 5% = 17.500; perak at the default 10% of 125.555 = 12.555 (not 12.555,5)
    expect(saleFigures(money, rateOf)).toEqual({ total: 500_555n, commission: 30_055n });
  });

  it('posts a sale that balances: the artisan pending goods and shipping less commission', () => {
    const lines = saleLines(money, saleFigures(money, rateOf));
    expect(() => assertBalanced('sale', lines)).not.toThrow();
    expect(lines).toEqual([
      expect.objectContaining({ account: 'artisan', kind: 'sale', amount: 500_555n, state: 'pending', artisanId: money.artisanId }),
      expect.objectContaining({ account: 'platform:clearing', kind: 'sale', amount: -500_555n, artisanId: null }),
      expect.objectContaining({ account: 'artisan', kind: 'commission', amount: -30_055n, state: 'pending' }),
      expect.objectContaining({ account: 'platform:commission', kind: 'commission', amount: 30_055n }),
    ]);
  });

  it('leaves out a zero commission', () => {
    const lines = saleLines(money, saleFigures(money, () => 0));
    expect(lines.map((l) => l.kind)).toEqual(['sale', 'sale']);
  });

  it('refuses amounts that are not whole rupiah digits', () => {
    expect(parseRupiah('1500', 'x')).toBe(1500n);
    for (const bad of ['-5', '1.5', '', '1e5', ' 10']) expect(() => parseRupiah(bad, 'x')).toThrow(/whole rupiah/);
    expect(() => saleFigures({ ...money, shipping: '12.5' }, rateOf)).toThrow(/shipping/);
  });

  it('reverses a partial refund in proportion and gives back the commission on that share', () => {
    const lines = refundLines(position(), 100_111n);
    expect(() => assertBalanced('refund', lines)).not.toThrow();
    // 30.055 × 100.111 / 500.555 = 6.011
    expect(lines).toEqual([
      expect.objectContaining({ account: 'artisan', kind: 'refund', amount: -100_111n, state: 'pending' }),
      expect.objectContaining({ account: 'platform:clearing', kind: 'refund', amount: 100_111n, state: 'available' }),
      expect.objectContaining({ account: 'artisan', kind: 'commission', amount: 6_011n, state: 'pending' }),
      expect.objectContaining({ account: 'platform:commission', kind: 'commission', amount: -6_011n }),
    ]);
  });

  it('returns exactly the whole commission when partial refunds add up to the sale', () => {
    let p = position({ state: 'available' });
    let back = 0n;
    for (const part of [1n, 166_851n, 333_703n]) {
      const lines = refundLines(p, part);
      const c = sumOf(lines.filter((l) => l.account === 'artisan' && l.kind === 'commission').map((l) => l.amount));
      back += c;
      p = { ...p, refunded: p.refunded + part, commissionReturned: p.commissionReturned + c };
      expect(lines[0].state).toBe('available');
    }
    expect(p.refunded).toBe(p.sale);
    expect(back).toBe(30_055n);
  });

  it('never takes more from the artisan than is left of the sale', () => {
    const lines = refundLines(position({ refunded: 500_000n, commissionReturned: 30_021n }), 1_000_000n);
    expect(lines[0].amount).toBe(-555n);
    expect(artisanTotal(lines)).toBe(-555n + 34n);
    expect(refundLines(position({ refunded: 500_555n, commissionReturned: 30_055n }), 1n)).toEqual([]);
  });

  it('spreads an order-level refund over the shipments by what each has left, to the rupiah', () => {
    const a = position({ shipmentId: 'a', sale: 100_000n, refunded: 0n });
    const b = position({ shipmentId: 'b', sale: 200_001n, refunded: 1n });
    const c = position({ shipmentId: 'c', sale: 50_000n, refunded: 50_000n });
    const split = splitRefund([a, b, c], 100_001n);
    expect(split.map((s) => [s.position.shipmentId, s.amount])).toEqual([['a', 33_334n], ['b', 66_667n]]);
    expect(sumOf(split.map((s) => s.amount))).toBe(100_001n);
    // More than is left: everything that is left, no more.
    expect(splitRefund([a, b, c], 10_000_000n).map((s) => s.amount)).toEqual([100_000n, 200_000n]);
    expect(splitRefund([c], 5n)).toEqual([]);
  });

  it('refuses a posting that does not balance', () => {
    const lines = saleLines(money, saleFigures(money, rateOf));
    expect(() => assertBalanced('sale:x', lines.slice(1))).toThrow(/does not balance/);
  });
});
