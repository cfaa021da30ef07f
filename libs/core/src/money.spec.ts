import { formatRupiah, fromStripeAmount, rupiah, toStripeAmount } from './money';

describe('money', () => {
  it('counts IDR in hundredths for Stripe: Rp 150.000 is 15000000', () => {
    expect(toStripeAmount(rupiah(150_000))).toBe(15_000_000);
    expect(fromStripeAmount(15_000_000)).toBe(150_000n);
  });

  it('refuses fractions of a rupiah', () => {
    expect(() => rupiah(10.5)).toThrow(RangeError);
    expect(() => fromStripeAmount(15_000_050)).toThrow(RangeError);
  });

  it('writes rupiah the Indonesian way', () => {
    expect(formatRupiah(150_000n)).toBe('Rp 150.000');
    expect(formatRupiah(1_250_000_000n)).toBe('Rp 1.250.000.000');
    expect(formatRupiah(999n)).toBe('Rp 999');
    expect(formatRupiah(-5_000n)).toBe('-Rp 5.000');
  });
});
