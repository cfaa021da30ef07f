import { ListingSnapshot } from './catalog';
import { applyStockChange } from './stock-copies';

const snapshot = {
  id: 'l1',
  version: 3,
  variants: [
    { id: 'a', sku: 'A', options: {}, price: '100', regularPrice: '100', stock: 5 },
    { id: 'b', sku: 'B', options: {}, price: '100', regularPrice: '100', stock: 2 },
  ],
} as unknown as ListingSnapshot;
const change = (variantId: string, stock: number) => ({ variantId, listingId: 'l1', sku: variantId.toUpperCase(), stock, previous: 0, reason: 'reserved' });

describe('applyStockChange', () => {
  it("sets the variant's stock from the event and remembers its seq", () => {
    const next = applyStockChange({ snapshot, seqs: {} }, change('a', 4), '10');
    expect(next?.snapshot?.variants.map((v) => v.stock)).toEqual([4, 2]);
    expect(next?.seqs).toEqual({ a: '10' });
    expect(snapshot.variants[0].stock).toBe(5);
  });

  it('skips an event no newer than what the variant took, compared as numbers (9 < 10)', () => {
    expect(applyStockChange({ snapshot, seqs: { a: '10' } }, change('a', 1), '10')).toBeNull();
    expect(applyStockChange({ snapshot, seqs: { a: '10' } }, change('a', 1), '9')).toBeNull();
    // Another variant's seq says nothing about this one.
    expect(applyStockChange({ snapshot, seqs: { a: '10' } }, change('b', 1), '9')?.snapshot?.variants[1].stock).toBe(1);
  });

  it('keeps no snapshot where the copy holds none, but still remembers the seq', () => {
    expect(applyStockChange({ snapshot: null, seqs: {} }, change('a', 4), '7')).toEqual({ snapshot: null, seqs: { a: '7' } });
  });
});
