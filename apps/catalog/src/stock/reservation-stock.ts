import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ArtisanStatus, ListingStatus } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { WantedLine } from './reservation-input';
import { ReservationLine } from './reservation-line.entity';
import { StockChange, StockLedger, StockReason } from './stock-ledger';

// One statement per line takes the stock and writes the line, so the variant's row lock is
// held for as few round trips as possible. `stock >= $2` makes the update itself the check: a
// short variant matches no row, and the CHECK (stock >= 0) is only the last line of defence.
// The line freezes the price paid now (a live campaign's), which the order keeps after it ends.
const TAKE_LINE = `
  WITH taken AS (
    UPDATE catalog.variants v SET stock = v.stock - $2, updated_at = now()
    FROM catalog.listings l, catalog.artisans a
    WHERE v.id = $1 AND v.stock >= $2
      AND l.id = v.listing_id AND l.status = '${ListingStatus.published}'
      AND a.id = v.artisan_id AND a.status = '${ArtisanStatus.verified}'
    RETURNING v.id, v.listing_id, v.artisan_id, v.sku, catalog.effective_price(v.id, v.price) AS price, v.stock
  ), line AS (
    INSERT INTO catalog.reservation_lines (reservation_id, variant_id, listing_id, artisan_id, sku, quantity, unit_price)
    SELECT $3, id, listing_id, artisan_id, sku, $2, price FROM taken
  )
  SELECT id, listing_id, artisan_id, sku, price::text AS price, stock FROM taken`;

interface TakenRow { id: string; listing_id: string; artisan_id: string; sku: string; price: string; stock: number }
interface StateRow { id: string; sku: string; stock: number; listing_status: string; artisan_status: string }

/** A line that could not be taken after this many tries is reported even if it looks fine now. */
const MAX_TRIES = 3;

/** Takes and gives back the stock of reservation lines, through the stock ledger. */
@Injectable()
export class ReservationStock {
  constructor(private readonly ledger: StockLedger) {}

  /**
   * Takes every line or throws (the caller's transaction then rolls all of it back). Lines are
   * taken in variant id order, so two reservations sharing variants lock them in the same
   * order and never deadlock.
   */
  async take(tx: EntityManager, actorId: string, reservationId: string, wanted: WantedLine[]): Promise<ReservationLine[]> {
    const lines: ReservationLine[] = [];
    const changes: StockChange[] = [];
    const taken = new Map<string, number>();
    // Plain string order of lower-case UUIDs is Postgres's uuid order.
    for (const want of [...wanted].sort((a, b) => (a.variantId < b.variantId ? -1 : 1))) {
      const row = await this.takeLine(tx, reservationId, want, wanted, taken);
      taken.set(row.id, want.quantity);
      lines.push(Object.assign(new ReservationLine(), {
        reservationId,
        variantId: row.id,
        listingId: row.listing_id,
        artisanId: row.artisan_id,
        sku: row.sku,
        quantity: want.quantity,
        unitPrice: BigInt(row.price),
      }));
      changes.push({
        variantId: row.id,
        listingId: row.listing_id,
        sku: row.sku,
        from: row.stock + want.quantity,
        to: row.stock,
        actorId,
        reason: StockReason.reserved,
        reference: reservationId,
      });
    }
    await this.ledger.record(tx, changes);
    return lines;
  }

  /** Returns the lines' stock, several reservations at once (the sweeper releases in batches). */
  async giveBack(tx: EntityManager, lines: ReservationLine[], actorId: string | null, reason: StockReason): Promise<void> {
    if (lines.length === 0) return;
    const totals = new Map<string, number>();
    for (const l of lines) totals.set(l.variantId, (totals.get(l.variantId) ?? 0) + l.quantity);
    const ids = [...totals.keys()].sort();
    // Locked in id order first, like take(): one UPDATE over many rows locks in no set order.
    await tx.query(`SELECT id FROM catalog.variants WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    const [rows]: [Array<{ id: string; listing_id: string; sku: string; stock: number }>, number] = await tx.query(
      `UPDATE catalog.variants v SET stock = v.stock + w.quantity, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS w(id, quantity)
       WHERE v.id = w.id
       RETURNING v.id, v.listing_id, v.sku, v.stock`,
      [ids, ids.map((id) => totals.get(id))],
    );
    // Each line is its own movement (its reservation is the reference), chained from the stock
    // before the batch to the stock after it. A variant removed since has nothing to return to.
    const current = new Map(rows.map((r) => [r.id, r.stock - (totals.get(r.id) ?? 0)]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const changes: StockChange[] = [];
    for (const l of lines) {
      const variant = byId.get(l.variantId);
      const from = current.get(l.variantId);
      if (!variant || from === undefined) continue;
      current.set(l.variantId, from + l.quantity);
      changes.push({ variantId: l.variantId, listingId: variant.listing_id, sku: variant.sku, from, to: from + l.quantity, actorId, reason, reference: l.reservationId });
    }
    await this.ledger.record(tx, changes);
  }

  private async takeLine(tx: EntityManager, reservationId: string, want: WantedLine, all: WantedLine[], taken: Map<string, number>): Promise<TakenRow> {
    for (let tries = 1; ; tries++) {
      const [row]: TakenRow[] = await tx.query(TAKE_LINE, [want.variantId, want.quantity, reservationId]);
      if (row) return row;
      // Why not? Stock can come back between the update and this read (a release), so a line
      // that now looks fine is tried again rather than reported.
      const problem = await this.diagnose(tx, all, taken);
      if (problem || tries >= MAX_TRIES) {
        throw problem ?? insufficient([{ variantId: want.variantId, requested: want.quantity, available: null }]);
      }
    }
  }

  /** The error that names every line at fault: unknown variants, then unsellable, then short. */
  private async diagnose(tx: EntityManager, wanted: WantedLine[], taken: Map<string, number>): Promise<DomainError | null> {
    const rows: StateRow[] = await tx.query(
      `SELECT v.id, v.sku, v.stock, l.status AS listing_status, a.status AS artisan_status
       FROM catalog.variants v
       JOIN catalog.listings l ON l.id = v.listing_id
       JOIN catalog.artisans a ON a.id = v.artisan_id
       WHERE v.id = ANY($1::uuid[])`,
      [wanted.map((w) => w.variantId)],
    );
    const state = new Map(rows.map((r) => [r.id, r]));
    const missing = wanted.filter((w) => !state.has(w.variantId));
    if (missing.length) {
      return new DomainError(ErrorCode.notFound, `No such variant: ${missing.map((w) => w.variantId).join(', ')}.`,
        missing.map((w) => ({ variantId: w.variantId })));
    }
    const unsellable = rows.filter((r) => r.listing_status !== ListingStatus.published || r.artisan_status !== ArtisanStatus.verified);
    if (unsellable.length) {
      return new DomainError(ErrorCode.notPurchasable, `Not for sale now: ${unsellable.map((r) => r.id).join(', ')}.`,
        unsellable.map((r) => ({
          variantId: r.id,
          reason: r.artisan_status !== ArtisanStatus.verified ? 'shop_not_active' : 'listing_not_published',
        })));
    }
    // What this transaction already took is still available to it: count it back.
    const short = wanted
      .map((w) => ({ w, row: state.get(w.variantId)!, available: state.get(w.variantId)!.stock + (taken.get(w.variantId) ?? 0) }))
      .filter(({ w, available }) => available < w.quantity)
      .map(({ w, row, available }) => ({ variantId: w.variantId, sku: row.sku, requested: w.quantity, available }));
    return short.length ? insufficient(short) : null;
  }
}

function insufficient(lines: Array<Record<string, unknown>>): DomainError {
  return new DomainError(ErrorCode.insufficientStock, `Not enough stock for ${lines.map((l) => l.sku ?? l.variantId).join(', ')}.`, lines);
}
