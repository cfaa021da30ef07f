import { OrdersPatterns, ReplySchemas, type VariantInfo } from '@pk/contracts';
import { CartLineRow, cartProblems, cartView } from './cart-view';

const variant = (id: string, over: Partial<VariantInfo> = {}): VariantInfo => ({
  id,
  listingId: `listing-${id}`,
  artisanId: 'artisan-a',
  artisanUserId: 'user-a',
  shopName: 'Toko Tenun Sidemen',
  shopRegency: 'karangasem',
  sku: `SKU-${id}`,
  options: {},
  price: '100000',
  regularPrice: '100000',
  stock: 10,
  title: { id: `Kain ${id}`, en: null },
  categorySlug: 'endek',
  weightGrams: 400,
  thumbnail: null,
  purchasable: true,
  ...over,
});
const row = (variantId: string, quantity: number, seenPrice = '100000'): CartLineRow => ({ variantId, quantity, seenPrice, addedAt: '2026-01-01T00:00:00.000Z' });
const byId = (...vs: VariantInfo[]) => new Map(vs.map((v) => [v.id, v]));

describe('cart view', () => {
  it('prices lines from the catalog now and flags a price that moved since the buyer saw it', () => {
    const view = cartView([row('a', 2, '90000'), row('b', 1)], byId(variant('a', { price: '120000' }), variant('b')), false);
    const [a, b] = view.groups[0].lines;
    expect(a).toMatchObject({ unitPrice: '120000', lineTotal: '240000', priceChanged: { from: '90000', to: '120000' } });
    expect(b.priceChanged).toBeNull();
    expect(view.totals).toEqual({ lines: 2, items: 3, goods: '340000' });
    expect(view.checkoutReady).toBe(true);
  });

  it('flags out of stock, short of stock and unavailable lines, and leaves them out of the totals', () => {
    const rows = [row('ok', 1), row('none', 1), row('short', 5), row('hidden', 1), row('gone', 1)];
    const vs = byId(variant('ok'), variant('none', { stock: 0 }), variant('short', { stock: 3 }), variant('hidden', { purchasable: false }));
    const view = cartView(rows, vs, true);
    const lines = Object.fromEntries(view.groups.flatMap((g) => g.lines).map((l) => [l.variantId, l]));
    expect(lines.none).toMatchObject({ outOfStock: true, insufficientStock: null, unavailable: false });
    expect(lines.short).toMatchObject({ outOfStock: false, insufficientStock: { available: 3 }, unavailable: false });
    expect(lines.hidden).toMatchObject({ unavailable: true });
    expect(lines.gone).toMatchObject({ unavailable: true, unitPrice: null, lineTotal: null, sku: null });
    expect(view.totals).toEqual({ lines: 5, items: 1, goods: '100000' });
    expect(view.checkoutReady).toBe(false);
    expect(view.anonymous).toBe(true);
  });

  it('groups lines by shop in the order each shop first appears, with subtotal and weight', () => {
    const vs = byId(
      variant('a1'),
      variant('b1', { artisanId: 'artisan-b', shopName: 'Perak Celuk', price: '500000', weightGrams: 50 }),
      variant('a2', { price: '250000' }),
    );
    const view = cartView([row('a1', 1), row('b1', 2), row('a2', 2)], vs, false);
    expect(view.groups.map((g) => [g.shopName, g.lines.map((l) => l.variantId), g.subtotal, g.weightGrams])).toEqual([
      ['Toko Tenun Sidemen', ['a1', 'a2'], '600000', 1200],
      ['Perak Celuk', ['b1'], '1000000', 100],
    ]);
  });

  it('an empty cart is not ready for checkout', () => {
    expect(cartView([], new Map(), false)).toEqual({ anonymous: false, groups: [], totals: { lines: 0, items: 0, goods: '0' }, checkoutReady: false });
  });

  it('lists what keeps each line from checkout, the worst problem only', () => {
    const vs = byId(variant('ok'), variant('none', { stock: 0 }), variant('short', { stock: 3 }), variant('hidden', { purchasable: false, stock: 0 }));
    const problems = cartProblems([row('ok', 1), row('none', 2), row('short', 5), row('hidden', 1), row('gone', 4)], vs);
    expect(problems).toEqual([
      { variantId: 'none', sku: 'SKU-none', code: 'out_of_stock', requested: 2, available: 0 },
      { variantId: 'short', sku: 'SKU-short', code: 'insufficient_stock', requested: 5, available: 3 },
      { variantId: 'hidden', sku: 'SKU-hidden', code: 'unavailable', requested: 1, available: 0 },
      { variantId: 'gone', sku: null, code: 'unavailable', requested: 4, available: 0 },
    ]);
  });

  it('builds what the reply contract declares, for every kind of line', () => {
    const uuid = (n: number) => `01a2526d-3d65-73e5-995a-b43168e75b7${n}`;
    const ids = [1, 2, 3, 4].map(uuid);
    const vs = byId(
      variant(ids[0], { listingId: uuid(5), artisanId: uuid(6), artisanUserId: uuid(7), price: '120000' }),
      variant(ids[1], { listingId: uuid(5), artisanId: uuid(6), artisanUserId: uuid(7), stock: 0 }),
      variant(ids[2], { listingId: uuid(8), artisanId: uuid(9), artisanUserId: uuid(7), purchasable: false }),
    );
    const view = cartView([row(ids[0], 2, '90000'), row(ids[1], 1), row(ids[2], 1), row(ids[3], 1)], vs, false);
    expect(ReplySchemas[OrdersPatterns.cartGet].parse(view)).toEqual(view);
    // a field the contract does not name is refused
    expect(ReplySchemas[OrdersPatterns.cartGet].safeParse({ ...view, token: 'x' }).success).toBe(false);
  });
});
