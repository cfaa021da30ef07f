import { BankTransferProvider, virtualAccountFromSequence } from './bank-transfer.provider';
import { ProviderError, type ProviderPaymentState } from './payment-provider';

function provider(records: Record<string, ProviderPaymentState> = {}) {
  let sequence = 41;
  const nextVirtualAccount = jest.fn(async () => virtualAccountFromSequence(++sequence));
  const lookup = jest.fn(async (va: string) => records[va] ?? null);
  return { bank: new BankTransferProvider({ nextVirtualAccount, lookup }), nextVirtualAccount, lookup };
}

const params = {
  paymentId: 'pay-1',
  orderId: 'ord-1',
  amount: 150_000n,
  expiresAt: new Date('2026-03-04T02:00:00.000Z'),
  idempotencyKey: 'order-ord-1',
};

describe('BankTransferProvider', () => {
  it('gives each payment a new virtual account at BPD Bali with the amount and expiry', async () => {
    const { bank, nextVirtualAccount } = provider();
    const first = await bank.create(params);
    expect(first).toEqual({
      providerRef: '8808000000000042',
      status: 'pending',
      instructions: { kind: 'bank_transfer', bank: 'BPD Bali', virtualAccount: '8808000000000042', amount: '150000', expiresAt: '2026-03-04T02:00:00.000Z' },
    });
    const second = await bank.create({ ...params, paymentId: 'pay-2', idempotencyKey: 'order-ord-2' });
    expect(second.providerRef).toBe('8808000000000043');
    expect(nextVirtualAccount).toHaveBeenCalledTimes(2);
  });

  it('refuses a non-positive amount before drawing a number', async () => {
    const { bank, nextVirtualAccount } = provider();
    await expect(bank.create({ ...params, amount: 0n })).rejects.toMatchObject({ kind: 'invalid_request', param: 'amount' });
    expect(nextVirtualAccount).not.toHaveBeenCalled();
  });

  it('refuses a number that is not ours (8808 and 12 digits)', async () => {
    const bank = new BankTransferProvider({ nextVirtualAccount: async () => '42', lookup: async () => null });
    await expect(bank.create(params)).rejects.toBeInstanceOf(ProviderError);
  });

  it('answers retrieve from our records, and not found when there is none', async () => {
    const { bank, lookup } = provider({ '8808000000000042': { status: 'succeeded', amountReceived: 150_000n } });
    await expect(bank.retrieve('8808000000000042')).resolves.toEqual({ status: 'succeeded', amountReceived: 150_000n });
    expect(lookup).toHaveBeenCalledWith('8808000000000042');
    await expect(bank.retrieve('8808999999999999')).rejects.toMatchObject({ kind: 'not_found', method: 'bank_transfer' });
  });

  it('starts refunds pending, one reference per idempotency key', async () => {
    const { bank } = provider();
    const a = await bank.refund({ providerRef: '8808000000000042', amount: 50_000n, idempotencyKey: 'refund-1' });
    const again = await bank.refund({ providerRef: '8808000000000042', amount: 50_000n, idempotencyKey: 'refund-1' });
    const b = await bank.refund({ providerRef: '8808000000000042', amount: 50_000n, idempotencyKey: 'refund-2' });
    expect(a.status).toBe('pending');
    expect(a.refundRef).toMatch(/^btr_[0-9a-f]{24}$/);
    expect(again.refundRef).toBe(a.refundRef);
    expect(b.refundRef).not.toBe(a.refundRef);
    await expect(bank.refund({ providerRef: '8808000000000042', amount: -1n, idempotencyKey: 'refund-3' })).rejects.toMatchObject({ kind: 'invalid_request' });
  });

  it('cancels without calling anyone', async () => {
    const { bank, lookup, nextVirtualAccount } = provider();
    await expect(bank.cancel('8808000000000042')).resolves.toBeUndefined();
    expect(lookup).not.toHaveBeenCalled();
    expect(nextVirtualAccount).not.toHaveBeenCalled();
  });
});

describe('virtualAccountFromSequence', () => {
  it('is 8808 and the value padded to 12 digits', () => {
    expect(virtualAccountFromSequence(1)).toBe('8808000000000001');
    expect(virtualAccountFromSequence('999999999999')).toBe('8808999999999999');
    expect(virtualAccountFromSequence(123_456_789n)).toHaveLength(16);
  });

  it('refuses values that do not fit', () => {
    expect(() => virtualAccountFromSequence(0)).toThrow(RangeError);
    expect(() => virtualAccountFromSequence(10n ** 12n)).toThrow(RangeError);
  });
});
