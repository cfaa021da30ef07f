import { salesInput, todayWita } from './sales-input';

describe('sales report input', () => {
  it('counts days in Bali: 16:30 UTC is already the next day in WITA', () => {
    expect(todayWita(Date.parse('2026-11-20T15:59:59Z'))).toBe('2026-11-20');
    expect(todayWita(Date.parse('2026-11-20T16:30:00Z'))).toBe('2026-11-21');
  });

  it('defaults to the 30 days up to the given day, by regency, 100 rows', () => {
    expect(salesInput.parse({ to: '2026-03-01' })).toEqual({ groupBy: 'regency', from: '2026-01-31', to: '2026-03-01', limit: 100 });
  });

  it('names the field of each bad parameter', () => {
    const fields = (q: object) => salesInput.safeParse(q).error?.issues.map((i) => i.path.join('.'));
    expect(fields({ groupBy: 'province' })).toEqual(['groupBy']);
    expect(fields({ from: '2026-02-29', to: '2026-03-01' })).toEqual(['from']);
    expect(fields({ from: '2024-02-29', to: '2024-03-01' })).toBeUndefined();
    expect(fields({ from: '2026-03-02', to: '2026-03-01' })).toEqual(['to']);
    expect(fields({ limit: '1001' })).toEqual(['limit']);
  });
});
