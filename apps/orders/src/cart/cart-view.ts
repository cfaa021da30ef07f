import type { CartGroupView, CartLineView, CartView, VariantInfo } from '@pk/contracts';

// The views are the reply schemas' types (libs/contracts/src/replies/orders.ts).
export type { CartGroupView, CartLineView, CartView } from '@pk/contracts';

export const CART_LIMITS = { perLine: 20, lines: 50 } as const;

/** A stored line: what the buyer asked for and the price they saw when they last touched it. */
export interface CartLineRow {
  variantId: string;
  quantity: number;
  seenPrice: string;
  addedAt: string;
}

/** What keeps a line from checkout. */
export interface CartProblem {
  variantId: string;
  sku: string | null;
  code: 'unavailable' | 'out_of_stock' | 'insufficient_stock';
  requested: number;
  available: number;
}

export function lineView(row: CartLineRow, v: VariantInfo | undefined): CartLineView {
  const unitPrice = v ? v.price : null;
  return {
    variantId: row.variantId,
    listingId: v?.listingId ?? null,
    sku: v?.sku ?? null,
    title: v?.title ?? null,
    options: v?.options ?? {},
    thumbnail: v?.thumbnail ?? null,
    quantity: row.quantity,
    unitPrice,
    lineTotal: unitPrice === null ? null : (BigInt(unitPrice) * BigInt(row.quantity)).toString(),
    weightGrams: v ? v.weightGrams * row.quantity : null,
    addedAt: row.addedAt,
    priceChanged: v && BigInt(v.price) !== BigInt(row.seenPrice) ? { from: BigInt(row.seenPrice).toString(), to: BigInt(v.price).toString() } : null,
    outOfStock: v ? v.stock <= 0 : false,
    insufficientStock: v && v.stock > 0 && v.stock < row.quantity ? { available: v.stock } : null,
    unavailable: !v || !v.purchasable,
  };
}

const buyable = (l: CartLineView): boolean => !l.unavailable && !l.outOfStock && !l.insufficientStock;

/** Lines grouped by shop in the order the buyer first added to each, totals over what can be bought. */
export function cartView(rows: CartLineRow[], variants: Map<string, VariantInfo>, anonymous: boolean): CartView {
  const groups = new Map<string, CartGroupView>();
  let items = 0;
  let goods = 0n;
  for (const row of rows) {
    const v = variants.get(row.variantId);
    const line = lineView(row, v);
    const key = v?.artisanId ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { artisanId: v?.artisanId ?? null, shopName: v?.shopName ?? null, shopRegency: v?.shopRegency ?? null, lines: [], subtotal: '0', weightGrams: 0 };
      groups.set(key, group);
    }
    group.lines.push(line);
    if (buyable(line)) {
      group.subtotal = (BigInt(group.subtotal) + BigInt(line.lineTotal!)).toString();
      group.weightGrams += line.weightGrams!;
      items += line.quantity;
      goods += BigInt(line.lineTotal!);
    }
  }
  const lines = [...groups.values()].flatMap((g) => g.lines);
  return {
    anonymous,
    groups: [...groups.values()],
    totals: { lines: rows.length, items, goods: goods.toString() },
    checkoutReady: lines.length > 0 && lines.every(buyable),
  };
}

/** The problems that keep a cart from checkout, one per line at most (the worst). */
export function cartProblems(rows: CartLineRow[], variants: Map<string, VariantInfo>): CartProblem[] {
  const problems: CartProblem[] = [];
  for (const row of rows) {
    const v = variants.get(row.variantId);
    const base = { variantId: row.variantId, sku: v?.sku ?? null, requested: row.quantity, available: v && v.purchasable ? Math.max(0, v.stock) : 0 };
    if (!v || !v.purchasable) problems.push({ ...base, code: 'unavailable' });
    else if (v.stock <= 0) problems.push({ ...base, code: 'out_of_stock' });
    else if (v.stock < row.quantity) problems.push({ ...base, code: 'insufficient_stock' });
  }
  return problems;
}
