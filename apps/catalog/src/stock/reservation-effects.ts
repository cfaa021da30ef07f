import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ListingEvents } from '../listings/listing-events';
import { ReservationLine } from './reservation-line.entity';
import { ReservationStock } from './reservation-stock';
import { ReleaseReason } from './reservation.entity';
import { StockReason } from './stock-ledger';

/**
 * What happens to a reservation's stock, in the caller's transaction: the RPC handlers
 * (ReservationsService) and orders' events (OrderEventsSubscriber) both move stock through these,
 * so each change is written once. Every step is keyed by the rows it updates (a held reservation
 * commits once, a line comes back once), so doing one twice changes nothing.
 */
@Injectable()
export class ReservationEffects {
  constructor(
    private readonly stock: ReservationStock,
    private readonly events: ListingEvents,
  ) {}

  /** Held and not past its expiry (by the database clock): sold, and counted as a sale. False when it was not held. */
  async commit(tx: EntityManager, reservationId: string): Promise<boolean> {
    const [, committed]: [unknown, number] = await tx.query(
      `UPDATE catalog.reservations SET status = 'committed', committed_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'held' AND expires_at > now()`,
      [reservationId],
    );
    if (committed > 0) await this.countSale(tx, reservationId);
    return committed > 0;
  }

  /** A held reservation's stock goes back (expired or cancelled, by the database clock). */
  async release(tx: EntityManager, reservationId: string, actorId: string | null): Promise<ReleaseReason> {
    const [[released]]: [Array<{ release_reason: ReleaseReason }>, number] = await tx.query(
      `UPDATE catalog.reservations SET status = 'released', released_at = now(), updated_at = now(),
         release_reason = CASE WHEN expires_at <= now() THEN 'expired' ELSE 'cancelled' END
       WHERE id = $1 RETURNING release_reason`,
      [reservationId],
    );
    const reason = released.release_reason === 'expired' ? StockReason.expired : StockReason.released;
    await this.stock.giveBack(tx, await this.linesOf(tx, reservationId), actorId, reason);
    return released.release_reason;
  }

  /**
   * A committed reservation's sold units of these variants (all when null) go back on sale and no
   * longer count as sold. Each line comes back once; returns the lines that came back now.
   */
  async returnSold(tx: EntityManager, reservationId: string, variantIds: string[] | null, actorId: string | null): Promise<ReservationLine[]> {
    const [lines]: [Array<{ variant_id: string }>, number] = await tx.query(
      `UPDATE catalog.reservation_lines SET returned_at = now()
       WHERE reservation_id = $1 AND returned_at IS NULL AND ($2::uuid[] IS NULL OR variant_id = ANY($2::uuid[]))
       RETURNING variant_id`,
      [reservationId, variantIds],
    );
    const returned = (await this.linesOf(tx, reservationId)).filter((l) => lines.some((r) => r.variant_id === l.variantId));
    await this.stock.giveBack(tx, returned, actorId, StockReason.returned);
    const byListing = new Map<string, number>();
    for (const l of returned) byListing.set(l.listingId, (byListing.get(l.listingId) ?? 0) + l.quantity);
    for (const [listingId, quantity] of byListing) {
      await tx.query(`UPDATE catalog.listings SET units_sold = greatest(units_sold - $2, 0) WHERE id = $1`, [listingId, quantity]);
    }
    return returned;
  }

  linesOf(tx: EntityManager, reservationId: string): Promise<ReservationLine[]> {
    return tx.getRepository(ReservationLine).find({ where: { reservationId }, order: { variantId: 'ASC' } });
  }

  /** A sale makes its listings more popular; buyers sort by it, so the public copies hear of it. */
  private async countSale(tx: EntityManager, reservationId: string): Promise<void> {
    const [sold]: [Array<{ id: string; public: boolean }>, number] = await tx.query(
      `UPDATE catalog.listings l SET units_sold = l.units_sold + s.quantity
       FROM (SELECT listing_id, sum(quantity)::int AS quantity FROM catalog.reservation_lines
             WHERE reservation_id = $1 GROUP BY listing_id) s
       WHERE l.id = s.listing_id
       RETURNING l.id, (l.status = 'published' AND EXISTS (
         SELECT 1 FROM catalog.artisans a WHERE a.id = l.artisan_id AND a.status = 'verified')) AS public`,
      [reservationId],
    );
    await this.events.announce(tx, sold.filter((l) => l.public).map((l) => l.id), { kind: 'updated' });
  }
}
