import { paymentState } from './orders.service';

describe('where an order\'s money stands', () => {
  const order = (status: 'pending_payment' | 'paid' | 'completed' | 'cancelled', paid: boolean) => ({ status, paid_at: paid ? new Date() : null, total: '500000' });

  it('reads unpaid, paid and cancelled-before-paying from the order', () => {
    expect(paymentState(order('pending_payment', false), 0n)).toBe('pending');
    expect(paymentState(order('paid', true), 0n)).toBe('paid');
    expect(paymentState(order('completed', true), 0n)).toBe('paid');
    expect(paymentState(order('cancelled', false), 0n)).toBe('cancelled');
  });

  it('tells a part refund from a full one', () => {
    expect(paymentState(order('paid', true), 50_000n)).toBe('partly_refunded');
    expect(paymentState(order('completed', true), 499_999n)).toBe('partly_refunded');
    expect(paymentState(order('cancelled', true), 500_000n)).toBe('refunded');
  });
});
