import { DomainError } from '@pk/core';
import { checkOrderTransition, checkShipmentTransition, SHIPMENT_TRANSITIONS } from './order-state';

const codeOf = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe('order and shipment transitions', () => {
  it('allows the lifecycle in order, by the right people', () => {
    expect(codeOf(() => checkOrderTransition('pending_payment', 'paid', 'system'))).toBe('ok');
    expect(codeOf(() => checkShipmentTransition('paid', 'accepted', 'artisan'))).toBe('ok');
    expect(codeOf(() => checkShipmentTransition('accepted', 'shipped', 'artisan'))).toBe('ok');
    expect(codeOf(() => checkShipmentTransition('shipped', 'completed', 'buyer'))).toBe('ok');
  });

  it('refuses skipping steps, going back, and the wrong person', () => {
    expect(codeOf(() => checkShipmentTransition('paid', 'completed', 'buyer'))).toBe('invalid_transition');
    expect(codeOf(() => checkShipmentTransition('shipped', 'paid', 'system'))).toBe('invalid_transition');
    expect(codeOf(() => checkShipmentTransition('shipped', 'cancelled', 'buyer'))).toBe('forbidden');
    expect(codeOf(() => checkShipmentTransition('paid', 'shipped', 'buyer'))).toBe('forbidden');
    expect(codeOf(() => checkOrderTransition('cancelled', 'paid', 'system'))).toBe('invalid_transition');
  });

  it('ends in completed and cancelled', () => {
    expect(SHIPMENT_TRANSITIONS.completed).toEqual({});
    expect(SHIPMENT_TRANSITIONS.cancelled).toEqual({});
  });
});
