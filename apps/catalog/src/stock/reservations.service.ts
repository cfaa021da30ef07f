import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ReservationReply, ReservationStatus, Roles, RpcCaller, isServiceCaller } from '@pk/contracts';
import { DomainError, ErrorCode, actorId, newId, parseInput } from '@pk/core';
import { reservationInput, reservationRef, returnInput, WantedLine } from './reservation-input';
import { ReservationEffects } from './reservation-effects';
import { ReservationLine } from './reservation-line.entity';
import { ReservationStock } from './reservation-stock';
import { Reservation } from './reservation.entity';
import { StockReason } from './stock-ledger';

/** How many expired reservations one sweep transaction releases. */
const SWEEP_BATCH = 200;

/**
 * Stock held for orders' checkout: reserve all lines or none, commit on payment, release on
 * cancel or expiry. The buyer is the envelope's caller (or, when orders reserves as itself, the
 * buyer it names); only they, an admin, or orders touch it after.
 */
@Injectable()
export class ReservationsService {
  constructor(
    private readonly db: DataSource,
    private readonly stock: ReservationStock,
    private readonly effects: ReservationEffects,
  ) {}

  async create(caller: RpcCaller, data: unknown): Promise<ReservationReply> {
    const input = parseInput(reservationInput, data);
    const buyerId = buyerOf(caller, input.buyerId);
    return this.db.transaction(async (tx) => {
      // The key is claimed before any stock is locked: a second call with the same key waits
      // here for the first to finish, holding nothing another reservation needs.
      const claimed: Array<Pick<Reservation, 'id' | 'expiresAt'>> = await tx.query(
        `INSERT INTO catalog.reservations (id, buyer_id, idempotency_key, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))
         ON CONFLICT (buyer_id, idempotency_key) DO NOTHING
         RETURNING id, expires_at AS "expiresAt"`,
        [newId(), buyerId, input.key, input.ttlSeconds],
      );
      if (claimed.length === 0) return this.replay(tx, buyerId, input.key, input.lines);
      const [{ id, expiresAt }] = claimed;
      const lines = await this.stock.take(tx, buyerId, id, input.lines);
      return view({ id, status: ReservationStatus.held, releaseReason: null, expiresAt }, lines);
    });
  }

  async get(caller: RpcCaller, data: unknown): Promise<ReservationReply> {
    const { id } = parseInput(reservationRef, data);
    const reservation = await this.owned(this.db.manager, caller, id);
    return view(reservation, await this.linesOf(this.db.manager, id));
  }

  /** Payment arrived: the held stock is sold. Again is a no-op; too late is a 409. */
  async commit(caller: RpcCaller, data: unknown): Promise<ReservationReply> {
    const { id } = parseInput(reservationRef, data);
    return this.db.transaction(async (tx) => {
      await this.owned(tx, caller, id);
      // Expiry is judged here, by the database clock, not left to the sweeper.
      await this.effects.commit(tx, id);
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

  /** The checkout was cancelled: the stock goes back. Again is a no-op; a sold one stays sold. */
  async release(caller: RpcCaller, data: unknown): Promise<ReservationReply> {
    const { id } = parseInput(reservationRef, data);
    return this.db.transaction(async (tx) => {
      const reservation = await this.owned(tx, caller, id, true);
      const lines = await this.linesOf(tx, id);
      if (reservation.status === ReservationStatus.committed) {
        throw new DomainError(ErrorCode.invalidTransition, 'This reservation is paid for; it cannot be released.', { reservationId: id, status: reservation.status });
      }
      if (reservation.status === ReservationStatus.released) return view(reservation, lines);
      const releaseReason = await this.effects.release(tx, id, actorId(caller));
      return view({ ...reservation, status: ReservationStatus.released, releaseReason }, lines);
    });
  }

  /**
   * A paid order was cancelled before it shipped: the sold units of these variants (all when none
   * are named) go back on sale, and no longer count as sold. Each line comes back once.
   */
  async returnSold(caller: RpcCaller, data: unknown): Promise<ReservationReply> {
    const { id, variantIds } = parseInput(returnInput, data);
    return this.db.transaction(async (tx) => {
      const reservation = await this.owned(tx, caller, id, true);
      if (reservation.status !== ReservationStatus.committed) {
        throw new DomainError(ErrorCode.invalidTransition, 'Only sold stock comes back this way; release a held reservation instead.', { reservationId: id, status: reservation.status });
      }
      await this.effects.returnSold(tx, id, variantIds ?? null, actorId(caller));
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
  private async replay(tx: EntityManager, buyerId: string, key: string, wanted: WantedLine[]): Promise<ReservationReply> {
    const reservation = await tx.getRepository(Reservation).findOneByOrFail({ buyerId, idempotencyKey: key });
    const lines = await this.linesOf(tx, reservation.id);
    const asked = new Map(wanted.map((w) => [w.variantId, w.quantity]));
    if (lines.length !== asked.size || lines.some((l) => asked.get(l.variantId) !== l.quantity)) {
      throw new DomainError(ErrorCode.conflict, 'This idempotency key was already used for other lines; use a new key.', { key, reservationId: reservation.id });
    }
    return view(reservation, lines);
  }

  /** The buyer's own reservation (any for an admin, or for orders: the controller let only orders in); locked when asked. */
  private async owned(tx: EntityManager, caller: RpcCaller, id: string, lock = false): Promise<Reservation> {
    const reservation = await tx.getRepository(Reservation).findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!reservation) throw new DomainError(ErrorCode.notFound, 'No such reservation.', { reservationId: id });
    if (!isServiceCaller(caller) && reservation.buyerId !== caller.userId && !caller.roles.includes(Roles.admin)) {
      throw new DomainError(ErrorCode.forbidden, 'This reservation belongs to another buyer.', { reservationId: id });
    }
    return reservation;
  }

  private linesOf(tx: EntityManager, reservationId: string): Promise<ReservationLine[]> {
    return this.effects.linesOf(tx, reservationId);
  }
}

/** A user reserves as themself; orders, reserving as itself, names the buyer (a user may not). */
function buyerOf(caller: RpcCaller, named: string | undefined): string {
  const refuse = (message: string) => new DomainError(ErrorCode.validationFailed, 'Please correct: buyerId.', [{ field: 'buyerId', messages: [message] }]);
  if (!isServiceCaller(caller)) {
    if (named) throw refuse('leave it out: the buyer is whoever is signed in');
    return caller.userId;
  }
  if (!named) throw refuse('required when orders reserves as itself');
  return named;
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
