import type { ShipmentMoney } from '@pk/contracts';

export type LedgerAccount = 'artisan' | 'platform:clearing' | 'platform:commission' | 'platform:bank';
export type EntryKind = 'sale' | 'commission' | 'refund' | 'adjustment' | 'payout';
export type EntryState = 'pending' | 'available';

/** One signed entry of a posting, before it is stored. */
export interface LedgerLine {
  account: LedgerAccount;
  artisanId: string | null;
  kind: EntryKind;
  amount: bigint;
  shipmentId: string | null;
  state: EntryState;
}

const DIGITS = /^\d{1,15}$/;

/** Whole rupiah from an event's digits; anything else is a bug upstream, so it throws. */
export function parseRupiah(value: string, what: string): bigint {
  if (typeof value !== 'string' || !DIGITS.test(value)) throw new Error(`${what} must be whole rupiah as digits, got ${JSON.stringify(value)}`);
  return BigInt(value);
}

/** Commission in basis points, rounded down to the rupiah (the artisan keeps the fraction). */
export const commissionOf = (amount: bigint, bps: number): bigint => (amount * BigInt(bps)) / 10_000n;

export const sumOf = (amounts: Iterable<bigint>): bigint => {
  let total = 0n;
  for (const a of amounts) total += a;
  return total;
};

/** A shipment's sale: what it is worth to the artisan (goods and shipping) and the commission on the goods. */
export interface SaleFigures {
  total: bigint;
  commission: bigint;
}

export function saleFigures(money: ShipmentMoney, rateOf: (categorySlug: string) => number): SaleFigures {
  let goods = 0n;
  let commission = 0n;
  for (const [i, line] of money.goods.entries()) {
    const amount = parseRupiah(line.amount, `goods[${i}].amount`);
    goods += amount;
    // Per line, each at its own category's rate; never on shipping.
    commission += commissionOf(amount, rateOf(line.categorySlug));
  }
  return { total: goods + parseRupiah(money.shipping, 'shipping'), commission };
}

/**
 * The entries of a sale: the artisan is owed goods and shipping (pending until the shipment
 * completes) out of the buyers' money the platform holds, less the commission the council earns.
 */
export function saleLines(money: ShipmentMoney, figures: SaleFigures): LedgerLine[] {
  const { shipmentId, artisanId } = money;
  const lines: LedgerLine[] = [
    { account: 'artisan', artisanId, kind: 'sale', amount: figures.total, shipmentId, state: 'pending' },
    { account: 'platform:clearing', artisanId: null, kind: 'sale', amount: -figures.total, shipmentId, state: 'available' },
  ];
  if (figures.commission > 0n) {
    lines.push(
      { account: 'artisan', artisanId, kind: 'commission', amount: -figures.commission, shipmentId, state: 'pending' },
      { account: 'platform:commission', artisanId: null, kind: 'commission', amount: figures.commission, shipmentId, state: 'available' },
    );
  }
  return lines.filter((l) => l.amount !== 0n);
}

/** What a shipment's ledger holds so far: its sale, its commission, and what refunds took back. */
export interface ShipmentPosition {
  shipmentId: string;
  artisanId: string;
  state: EntryState;
  sale: bigint;
  commission: bigint;
  refunded: bigint;
  commissionReturned: bigint;
}

export const refundable = (p: ShipmentPosition): bigint => (p.sale > p.refunded ? p.sale - p.refunded : 0n);

/**
 * A refund of `amount` from one shipment, reversed in proportion: the artisan gives back at most
 * what is left of the sale, and gets back the commission on that share. Computed on the running
 * totals, so partial refunds that add up to the whole sale return exactly the whole commission.
 */
export function refundLines(p: ShipmentPosition, amount: bigint): LedgerLine[] {
  const taken = amount < refundable(p) ? amount : refundable(p);
  if (taken <= 0n) return [];
  const commissionBack = p.sale === 0n ? 0n : (p.commission * (p.refunded + taken)) / p.sale - p.commissionReturned;
  const base = { shipmentId: p.shipmentId, state: p.state } as const;
  const lines: LedgerLine[] = [
    { ...base, account: 'artisan', artisanId: p.artisanId, kind: 'refund', amount: -taken },
    { ...base, account: 'platform:clearing', artisanId: null, kind: 'refund', amount: taken, state: 'available' },
  ];
  if (commissionBack > 0n) {
    lines.push(
      { ...base, account: 'artisan', artisanId: p.artisanId, kind: 'commission', amount: commissionBack },
      { ...base, account: 'platform:commission', artisanId: null, kind: 'commission', amount: -commissionBack, state: 'available' },
    );
  }
  return lines;
}

/**
 * Splits an order-level refund over the order's shipments in proportion to what each has left
 * to refund (largest remainders get the odd rupiah), never more than a shipment has left.
 */
export function splitRefund(positions: ShipmentPosition[], amount: bigint): Array<{ position: ShipmentPosition; amount: bigint }> {
  const left = positions.map(refundable);
  const totalLeft = sumOf(left);
  if (totalLeft === 0n || amount <= 0n) return [];
  const wanted = amount < totalLeft ? amount : totalLeft;
  const shares = left.map((l) => (wanted * l) / totalLeft);
  let rest = wanted - sumOf(shares);
  const byRemainder = left
    .map((l, i) => ({ i, remainder: (wanted * l) % totalLeft }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of byRemainder) {
    if (rest === 0n) break;
    if (shares[i] < left[i]) {
      shares[i] += 1n;
      rest -= 1n;
    }
  }
  return positions.map((position, i) => ({ position, amount: shares[i] })).filter((s) => s.amount > 0n);
}

/** Every posting balances; one that does not is a bug, and nothing of it is stored. */
export function assertBalanced(key: string, lines: LedgerLine[]): void {
  const total = sumOf(lines.map((l) => l.amount));
  if (total !== 0n) throw new Error(`posting ${key} does not balance: its entries sum to ${total}`);
}
