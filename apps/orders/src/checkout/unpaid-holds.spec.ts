import { unitLimit } from './unpaid-holds';

describe('unitLimit: what one buyer may hold of a variant unpaid by transfer', () => {
  const limits = { maxUnits: 5, maxStockPercent: 50 };

  it('is half the stock when that is more than the floor (45 units: 22)', () => {
    expect(unitLimit(45, limits)).toBe(22);
  });

  it('is the floor for a small stock, so a buyer can still take a few of a rare piece', () => {
    expect(unitLimit(3, limits)).toBe(5);
    expect(unitLimit(0, limits)).toBe(5);
    expect(unitLimit(-2, limits)).toBe(5);
  });
});
