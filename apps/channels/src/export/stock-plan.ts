import type { ChannelProductRef, PriceStockItem } from '../adapters/channel-adapter';

/**
 * What a listing's stock asks of the channel:
 * - `push`: the SKUs whose stock differs from what the channel was last sent;
 * - `hide`: a channel that takes no stock of 0 (`hidesSoldOut`: TikTok Shop, 1-99,999) has a live
 *   product with a SKU sold out here, so the product is deactivated; the stricter choice where only
 *   some SKUs are sold out, since TikTok documents no way to stop one SKU selling at once (a
 *   partial edit that drops it waits for the audit while the old version stays on sale);
 * - `reactivate`: a product hidden as sold out whose every SKU has stock again.
 */
export type StockPlan =
  | { kind: 'push'; items: PriceStockItem[] }
  | { kind: 'hide'; soldOut: string[] }
  | { kind: 'reactivate' };

export interface StockState {
  /** Our stored status of the listing on the channel (`sold_out` while hidden). */
  status: string | null;
  product: ChannelProductRef;
  /** Our stock by SKU now, and as the channel was last sent it. */
  wanted: Record<string, number>;
  pushed: Record<string, number>;
  /** The channel takes price and stock for the product in its state (TikTok: ACTIVATE only). */
  acceptsPriceStock: boolean;
  hidesSoldOut: boolean;
}

export function planStock(s: StockState): StockPlan | null {
  const held = s.product.skus.filter((k) => s.wanted[k.sellerSku] !== undefined);
  if (s.hidesSoldOut) {
    // Sold out here while the channel may still hold stock for it: anything but a known 0 (a SKU
    // created without a quantity holds none: create-product.spec.json, quantity not required).
    const soldOut = held.filter((k) => s.wanted[k.sellerSku]! <= 0 && s.pushed[k.sellerSku] !== 0).map((k) => k.sellerSku);
    if (s.status === 'sold_out') return soldOut.length || !held.length ? null : { kind: 'reactivate' };
    // A product in review cannot be deactivated (deactivate-products.spec.json: Activate only); it waits until live.
    if (soldOut.length) return s.acceptsPriceStock ? { kind: 'hide', soldOut } : null;
  }
  if (!s.acceptsPriceStock) return null;
  const items = held
    .filter((k) => s.wanted[k.sellerSku] !== s.pushed[k.sellerSku])
    .map((k) => ({ productId: s.product.productId, skuId: k.skuId, sellerSku: k.sellerSku, ...(k.channelSku ? { channelSku: k.channelSku } : {}), stock: s.wanted[k.sellerSku]! }));
  return items.length ? { kind: 'push', items } : null;
}

/**
 * The stock the channel holds after a create or an edit sent `wanted`. Where the channel takes no
 * stock of 0 (`hidesSoldOut`), a sold-out SKU goes without a quantity (tiktokProductBody): a new SKU
 * then holds none, an existing one keeps what it held (left out of the edit, unknown if never known).
 */
export function heldAfterSend(wanted: Record<string, number>, before: Record<string, number>, existing: ReadonlySet<string>, hidesSoldOut: boolean): Record<string, number> {
  if (!hidesSoldOut) return { ...wanted };
  const held: Record<string, number> = {};
  for (const [sku, stock] of Object.entries(wanted)) {
    if (stock > 0 || !existing.has(sku)) held[sku] = stock;
    else if (before[sku] !== undefined) held[sku] = before[sku]!;
  }
  return held;
}
