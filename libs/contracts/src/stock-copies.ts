import { ListingSnapshot, StockChangedEvent } from './catalog';

/**
 * The `seq` of the stock.changed event each variant's copied stock last took, by variant id. A
 * variant's events are written under its row lock, so their outbox seqs follow its changes.
 */
export type StockSeqs = Record<string, string>;

/**
 * What a copy of a listing (search's index, channels' export copy) becomes after a stock.changed:
 * the event carries the variant's stock, so nobody asks the catalog again. `null` when the event is
 * no newer than what this variant took (events may come late or twice). `snapshot` stays null
 * when the copy holds none (the listing is not public; its publication will bring the stock).
 */
export function applyStockChange(
  copy: { snapshot: ListingSnapshot | null; seqs: StockSeqs },
  event: StockChangedEvent,
  seq: string,
): { snapshot: ListingSnapshot | null; seqs: StockSeqs } | null {
  const taken = copy.seqs[event.variantId];
  if (taken !== undefined && BigInt(taken) >= BigInt(seq)) return null;
  const seqs = { ...copy.seqs, [event.variantId]: seq };
  if (!copy.snapshot) return { snapshot: null, seqs };
  const variants = copy.snapshot.variants.map((v) => (v.id === event.variantId ? { ...v, stock: event.stock } : v));
  return { snapshot: { ...copy.snapshot, variants }, seqs };
}
