import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Caller, ReservationReply, ReservationStatus, Roles } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { reservationInput, reservationRef, returnInput, WantedLine } from './reservation-input';
import { ListingEvents } from '../listings/listing-events';
import { ReservationLine } from './reservation-line.entity';
import { ReservationStock } from './reservation-stock';
import { ReleaseReason, Reservation } from './reservation.entity';
import { StockReason } from './stock-ledger';

/** How many expired reservations one sweep transaction releases. */
const SWEEP_BATCH = 200;

/**
 * Stock held for orders' checkout: reserve all lines or none, commit on payment, release on
 * cancel or expiry. The buyer is the envelope's caller; only they (or an admin) touch it after.
 */
@Injectable()
export class ReservationsService {
  constructor(
    private readonly db: DataSource,
    private readonly stock: ReservationStock,
    private readonly events: ListingEvents,
  ) {}

  async create(caller: Caller, data: unknown): Promise<ReservationReply> {
    const input = parseInput(reservationInput, data);
    return this.db.transaction(async (tx) => {
      // The key is claimed before any stock is locked: a second call with the same key waits
      // here for the first to finish, holding nothing another reservation needs.
      const claimed: Array<Pick<Reservation, 'id' | 'expiresAt'>> = await tx.query(
        `INSERT INTO catalog.reservations (id, buyer_id, idempotency_key, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))
         ON CONFLICT (buyer_id, idempotency_key) DO NOTHING
         RETURNING id, expires_at AS "expiresAt"`,
        [newId(), caller.userId, input.key, input.ttlSeconds],
      );
      if (claimed.length === 0) return this.replay(tx, caller, input.key, input.lines);
      const [{ id, expiresAt }] = claimed;
      const lines = await this.stock.take(tx, caller.userId, id, input.lines);
      return view({ id, status: ReservationStatus.held, releaseReason: null, expiresAt }, lines);
    });
  }

  async get(caller: Caller, data: unknown): Promise<ReservationReply> {
    const { id } = parseInput(reservationRef, data);
    const reservation = await this.owned(this.db.manager, caller, id);
    return view(reservation, await this.linesOf(this.db.manager, id));
  }

  /** Payment arrived: the held stock is sold. Again is a no-op; too late is a 409. */
  async commit(caller: Caller, data: unknown): Promise<ReservationReply> {
    const { id } = parseInput(reservationRef, data);
    return this.db.transaction(async (tx) => {
      await this.owned(tx, caller, id);
      // Expiry is judged here, by the database clock, not left to the sweeper.
      const [, committed]: [unknown, number] = await tx.query(
        `UPDATE catalog.reservations SET status = 'committed', committed_at = now(), updated_at = now()
         WHERE id = $1 AND status = 'held' AND expires_at > now()`,
        [id],
      );
      if (committed > 0) await this.countSale(tx, id);
      const reservation = await this.owned(tx, caller, id);
      if (reservation.status !== ReservationStatus.committed) {
        // Still held here means past its expiry, waiting for the sweeper.
        const why = reservation.releaseReason ?? 'expired';
        throw new DomainError(ErrorCode.reservationClosed, `This reservation was ${why}; reserve again.`, {
          reservationId: id,
          status: reservation.status,
          reason: why,
        });
      }
      return view(reservation, await this.linesOf(tx, id));
    });
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

  /** The checkout was cancelled: the stock goes back. Again is a no-op; a sold one stays sold. */
  async release(caller: Caller, data: unknown): Promise<ReservationReply> {
    const { id } = parseInput(reservationRef, data);
    return this.db.transaction(async (tx) => {
      const reservation = await this.owned(tx, caller, id, true);
      const lines = await this.linesOf(tx, id);
      if (reservation.status === ReservationStatus.committed) {
        throw new DomainError(ErrorCode.invalidTransition, 'This reservation is paid for; it cannot be released.', { reservationId: id, status: reservation.status });
      }
      if (reservation.status === ReservationStatus.released) return view(reservation, lines);
      const [[released]]: [Array<{ release_reason: ReleaseReason }>, number] = await tx.query(
        `UPDATE catalog.reservations SET status = 'released', released_at = now(), updated_at = now(),
           release_reason = CASE WHEN expires_at <= now() THEN 'expired' ELSE 'cancelled' END
         WHERE id = $1 RETURNING release_reason`,
        [id],
      );
      const reason = released.release_reason === 'expired' ? StockReason.expired : StockReason.released;
      await this.stock.giveBack(tx, lines, caller.userId, reason);
      return view({ ...reservation, status: ReservationStatus.released, releaseReason: released.release_reason }, lines);
    });
  }

  /**
   * A paid order was cancelled before it shipped: the sold units of these variants (all when none
   * are named) go back on sale, and no longer count as sold. Each line comes back once.
   */
  async returnSold(caller: Caller, data: unknown): Promise<ReservationReply> {
    const { id, variantIds } = parseInput(returnInput, data);
    return this.db.transaction(async (tx) => {
      const reservation = await this.owned(tx, caller, id, true);
      if (reservation.status !== ReservationStatus.committed) {
        throw new DomainError(ErrorCode.invalidTransition, 'Only sold stock comes back this way; release a held reservation instead.', { reservationId: id, status: reservation.status });
      }
      const [lines]: [Array<{ variant_id: string }>, number] = await tx.query(
        `UPDATE catalog.reservation_lines SET returned_at = now()
         WHERE reservation_id = $1 AND returned_at IS NULL AND ($2::uuid[] IS NULL OR variant_id = ANY($2::uuid[]))
         RETURNING variant_id`,
        [id, variantIds ?? null],
      );
      const returned = (await this.linesOf(tx, id)).filter((l) => lines.some((r) => r.variant_id === l.variantId));
      await this.stock.giveBack(tx, returned, caller.userId, StockReason.returned);
      const byListing = new Map<string, number>();
      for (const l of returned) byListing.set(l.listingId, (byListing.get(l.listingId) ?? 0) + l.quantity);
      for (const [listingId, quantity] of byListing) {
        await tx.query(`UPDATE catalog.listings SET units_sold = greatest(units_sold - $2, 0) WHERE id = $1`, [listingId, quantity]);
      }
      return view(reservation, await this.linesOf(tx, id));
    });
  }

  /**
   * Releases one batch of held reservations past their expiry; returns how many. SKIP LOCKED:
   * replicas sweeping at once, or a buyer committing right now, each get different rows.
   */
  async releaseExpired(limit = SWEEP_BATCH): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [rows]: [Array<{ id: string }>, number] = await tx.query(
        `UPDATE catalog.reservations SET status = 'released', release_reason = 'expired', released_at = now(), updated_at = now()
         WHERE id IN (SELECT id FROM catalog.reservations WHERE status = 'held' AND expires_at <= now()
                      ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const lines = await tx.getRepository(ReservationLine).find({ where: { reservationId: In(rows.map((r) => r.id)) } });
      await this.stock.giveBack(tx, lines, null, StockReason.expired);
      return rows.length;
    });
  }

  /** Every expired reservation, batch by batch: the sweeper's job. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const released = await this.releaseExpired();
      total += released;
      if (released < SWEEP_BATCH) return total;
    }
  }

  /** Same key, same lines: the reservation made the first time. Same key, other lines: a 409. */
  private async replay(tx: EntityManager, caller: Caller, key: string, wanted: WantedLine[]): Promise<ReservationReply> {
    const reservation = await tx.getRepository(Reservation).findOneByOrFail({ buyerId: caller.userId, idempotencyKey: key });
    const lines = await this.linesOf(tx, reservation.id);
    const asked = new Map(wanted.map((w) => [w.variantId, w.quantity]));
    if (lines.length !== asked.size || lines.some((l) => asked.get(l.variantId) !== l.quantity)) {
      throw new DomainError(ErrorCode.conflict, 'This idempotency key was already used for other lines; use a new key.', { key, reservationId: reservation.id });
    }
    return view(reservation, lines);
  }

  /** The buyer's own reservation (any reservation for an admin); locked when asked. */
  private async owned(tx: EntityManager, caller: Caller, id: string, lock = false): Promise<Reservation> {
    const reservation = await tx.getRepository(Reservation).findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!reservation) throw new DomainError(ErrorCode.notFound, 'No such reservation.', { reservationId: id });
    if (reservation.buyerId !== caller.userId && !caller.roles.includes(Roles.admin)) {
      throw new DomainError(ErrorCode.forbidden, 'This reservation belongs to another buyer.', { reservationId: id });
    }
    return reservation;
  }

  private linesOf(tx: EntityManager, reservationId: string): Promise<ReservationLine[]> {
    return tx.getRepository(ReservationLine).find({ where: { reservationId }, order: { variantId: 'ASC' } });
  }
}

function view(r: Pick<Reservation, 'id' | 'status' | 'releaseReason' | 'expiresAt'>, lines: ReservationLine[]): ReservationReply {
  return {
    id: r.id,
    status: r.status,
    releaseReason: r.releaseReason,
    expiresAt: new Date(r.expiresAt).toISOString(),
    lines: lines.map((l) => ({
      variantId: l.variantId,
      listingId: l.listingId,
      artisanId: l.artisanId,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: l.unitPrice.toString(),
    })),
  };
}
