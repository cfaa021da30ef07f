import { ListingSnapshot, StockChangedEvent } from './catalog';

/**
 * Copies of a listing (search's index, channels' export copy) follow its stock from the events
 * alone, without asking the catalog again. Events come late, twice and out of order (retries after
 * an outage), and a listing's own events carry a snapshot whose stock may be older or newer than a
 * stock change already applied. Each variant's `stockVersion` (the count of its stock changes, in
 * the order its row lock made them) says which is newer: a copy keeps, per variant, the stock of
 * the highest version it was told, wherever that came from.
 */

const versionOf = (v: { stockVersion?: number } | undefined): number => v?.stockVersion ?? -1;

/**
 * The copy after a stock.changed: the variant's stock from the event, unless the copy already
 * holds that variant at this version or a later one. Null when nothing changes (no copy, no such
 * variant, or an event no newer than what the copy holds).
 */
export function applyStockChange(snapshot: ListingSnapshot | null, event: StockChangedEvent): ListingSnapshot | null {
  const held = snapshot?.variants.find((v) => v.id === event.variantId);
  if (!snapshot || !held) return null;
  // An event written before versions existed is taken only by a copy that has none either.
  if (event.stockVersion === undefined ? held.stockVersion !== undefined : versionOf(held) >= event.stockVersion) return null;
  const variants = snapshot.variants.map((v) => (v.id === event.variantId ? { ...v, stock: event.stock, stockVersion: event.stockVersion } : v));
  return { ...snapshot, variants };
}

/**
 * A listing's newer snapshot (by its listing version) over the copy held: each variant keeps the
 * stock of whichever side has the later stock version, so a stock change applied before a late
 * listing event is not undone by the older stock that event carries.
 */
export function keepNewerStock(incoming: ListingSnapshot, held: ListingSnapshot | null): ListingSnapshot {
  if (!held) return incoming;
  const heldById = new Map(held.variants.map((v) => [v.id, v]));
  const variants = incoming.variants.map((v) => {
    const h = heldById.get(v.id);
    return h && versionOf(h) > versionOf(v) ? { ...v, stock: h.stock, stockVersion: h.stockVersion } : v;
  });
  return { ...incoming, variants };
}
