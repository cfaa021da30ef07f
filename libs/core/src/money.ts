/**
 * Money is whole rupiah held as bigint (Postgres `bigint`), never floating point. Stripe counts
 * IDR in hundredths, so Rp 150.000 is `amount: 15000000` there.
 */
export type Rupiah = bigint;

export function rupiah(value: number | string | bigint): Rupiah {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`rupiah must be a whole number, got ${value}`);
  }
  return BigInt(value);
}

export const toStripeAmount = (amount: Rupiah): number => Number(amount * 100n);

export function fromStripeAmount(amount: number): Rupiah {
  if (!Number.isSafeInteger(amount) || amount % 100 !== 0) {
    throw new RangeError(`Stripe IDR amount must be whole hundredths of a rupiah, got ${amount}`);
  }
  return BigInt(amount / 100);
}

/** Indonesian display: "Rp 150.000". */
export function formatRupiah(amount: Rupiah): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}Rp ${digits}`;
}
