import { ListingSnapshot } from './catalog';
import { applyStockChange, keepNewerStock } from './stock-copies';

const snapshot = (a: [number, number?], b: [number, number?]) =>
  ({
    id: 'l1',
    version: 3,
    variants: [
      { id: 'a', sku: 'A', options: {}, price: '100', regularPrice: '100', stock: a[0], stockVersion: a[1] },
      { id: 'b', sku: 'B', options: {}, price: '100', regularPrice: '100', stock: b[0], stockVersion: b[1] },
    ],
  }) as unknown as ListingSnapshot;
const change = (variantId: string, stock: number, stockVersion?: number) => ({ variantId, listingId: 'l1', sku: variantId.toUpperCase(), stock, previous: 0, reason: 'reserved', stockVersion });
const stocks = (s: ListingSnapshot | null) => s?.variants.map((v) => [v.stock, v.stockVersion]);

describe('applyStockChange', () => {
  it("sets the variant's stock and version from a newer event, leaving the copy it was given alone", () => {
    const held = snapshot([5, 3], [2, 7]);
    expect(stocks(applyStockChange(held, change('a', 4, 4)))).toEqual([[4, 4], [2, 7]]);
    expect(held.variants[0].stock).toBe(5);
  });

  it('skips an event no newer than what the variant holds; another variant has its own versions', () => {
    const held = snapshot([5, 3], [2, 7]);
    expect(applyStockChange(held, change('a', 1, 3))).toBeNull();
    expect(applyStockChange(held, change('a', 1, 2))).toBeNull();
    expect(stocks(applyStockChange(held, change('b', 1, 8)))).toEqual([[5, 3], [1, 8]]);
  });

  it('changes nothing without a copy or the variant, and takes an unversioned event only on an unversioned copy', () => {
    expect(applyStockChange(null, change('a', 4, 1))).toBeNull();
    expect(applyStockChange(snapshot([5, 3], [2, 7]), change('z', 4, 9))).toBeNull();
    expect(applyStockChange(snapshot([5, 3], [2, 7]), change('a', 4))).toBeNull();
    expect(stocks(applyStockChange(snapshot([5], [2]), change('a', 4)))).toEqual([[4, undefined], [2, undefined]]);
  });
});

describe('keepNewerStock', () => {
  it("keeps a stock change applied before a late listing event that carries older stock", () => {
    // The copy took version 5 of variant a (stock 4); the listing event was read at version 4 (stock 2).
    expect(stocks(keepNewerStock(snapshot([2, 4], [9, 7]), snapshot([4, 5], [8, 6])))).toEqual([[4, 5], [9, 7]]);
  });

  it('takes the incoming stock where it is newer or the copy has none', () => {
    expect(stocks(keepNewerStock(snapshot([2, 6], [9, 7]), snapshot([4, 5], [8, 7])))).toEqual([[2, 6], [9, 7]]);
    expect(stocks(keepNewerStock(snapshot([2, 6], [9, 7]), null))).toEqual([[2, 6], [9, 7]]);
  });
});
