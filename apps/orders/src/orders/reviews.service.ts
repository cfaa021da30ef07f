import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, ListingReviews, ReviewView, ShipmentStatus } from '@pk/contracts';
import { DomainError, ErrorCode, newId, parseInput } from '@pk/core';
import { NotificationsService } from '../notifications/notifications.service';
import { reviewCreateInput as createInput, reviewReplyInput as replyInput, reviewsOfListingInput as listingInput } from '@pk/contracts/requests/orders';

// The views are the reply schemas' types (libs/contracts/src/replies/orders.ts).
export type { ListingReviews, ReviewView } from '@pk/contracts';

interface ReviewRow {
  id: string;
  order_line_id: string;
  listing_id: string;
  rating: number;
  body: string | null;
  reply: string | null;
  replied_at: Date | null;
  created_at: Date;
  options: Record<string, string>;
}

const view = (r: ReviewRow): ReviewView => ({
  id: r.id,
  orderLineId: r.order_line_id,
  listingId: r.listing_id,
  options: r.options ?? {},
  rating: r.rating,
  body: r.body,
  reply: r.reply,
  repliedAt: r.replied_at ? new Date(r.replied_at).toISOString() : null,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Buyers rate each item of a completed shipment of theirs once (1–5, words optional); the
 * artisan who sold it may reply once; anyone reads a listing's reviews and their average.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async create(caller: Caller, data: unknown): Promise<ReviewView> {
    const input = parseInput(createInput, data);
    return this.db.transaction(async (tx) => {
      const lines: Array<{ listing_id: string; artisan_id: string; artisan_user_id: string; status: ShipmentStatus; title: string; number: string; order_id: string }> = await tx.query(
        `SELECT l.listing_id, l.title, s.artisan_id, s.artisan_user_id, s.status, o.number, o.id AS order_id
         FROM orders.order_lines l JOIN orders.shipments s ON s.id = l.shipment_id JOIN orders.orders o ON o.id = l.order_id
         WHERE l.id = $1 AND o.buyer_id = $2`,
        [input.orderLineId, caller.userId],
      );
      if (!lines.length) throw new DomainError(ErrorCode.notFound, 'No such item in your orders.', { orderLineId: input.orderLineId });
      const line = lines[0];
      if (line.status !== 'completed') {
        throw new DomainError(ErrorCode.invalidTransition, 'You can review an item once its shipment is completed.', { orderLineId: input.orderLineId, shipmentStatus: line.status });
      }
      const inserted: Array<{ id: string }> = await tx.query(
        `INSERT INTO orders.reviews (id, order_line_id, listing_id, artisan_id, buyer_id, rating, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (order_line_id) DO NOTHING RETURNING id`,
        [newId(), input.orderLineId, line.listing_id, line.artisan_id, caller.userId, input.rating, input.body || null],
      );
      if (!inserted.length) throw new DomainError(ErrorCode.conflict, 'You already reviewed this item.', { orderLineId: input.orderLineId });
      await this.notifications.notify(
        tx, line.artisan_user_id, 'review.created', `Ulasan baru: ${input.rating}/5`, `Pembeli memberi ulasan untuk "${line.title}" (pesanan ${line.number}).`,
        { orderId: line.order_id, listingId: line.listing_id, reviewId: inserted[0].id },
      );
      return this.one(tx, inserted[0].id);
    });
  }

  /** The artisan who sold the item answers, once; anyone else finds no such review. */
  async reply(caller: Caller, data: unknown): Promise<ReviewView> {
    const input = parseInput(replyInput, data);
    return this.db.transaction(async (tx) => {
      const mine: Array<{ buyer_id: string; reply: string | null; title: string; order_id: string }> = await tx.query(
        `SELECT r.buyer_id, r.reply, l.title, l.order_id FROM orders.reviews r
         JOIN orders.order_lines l ON l.id = r.order_line_id JOIN orders.shipments s ON s.id = l.shipment_id
         WHERE r.id = $1 AND s.artisan_user_id = $2 FOR UPDATE OF r`,
        [input.id, caller.userId],
      );
      if (!mine.length) throw new DomainError(ErrorCode.notFound, 'No such review of your items.', { reviewId: input.id });
      if (mine[0].reply !== null) throw new DomainError(ErrorCode.conflict, 'You already replied to this review.', { reviewId: input.id });
      await tx.query(`UPDATE orders.reviews SET reply = $2, replied_at = now() WHERE id = $1`, [input.id, input.reply]);
      await this.notifications.notify(
        tx, mine[0].buyer_id, 'review.replied', 'Perajin membalas ulasan Anda', `Balasan untuk "${mine[0].title}": ${input.reply}`,
        { orderId: mine[0].order_id, reviewId: input.id },
      );
      return this.one(tx, input.id);
    });
  }

  /** Public: a listing's reviews, newest first, with the average and how the ratings spread. */
  async ofListing(data: unknown): Promise<ListingReviews> {
    const q = parseInput(listingInput, data);
    const [summary]: Array<{ count: number; average: string | null; d1: number; d2: number; d3: number; d4: number; d5: number }> = await this.db.query(
      `SELECT count(*)::int AS count, round(avg(rating), 1)::text AS average,
              count(*) FILTER (WHERE rating = 1)::int AS d1, count(*) FILTER (WHERE rating = 2)::int AS d2,
              count(*) FILTER (WHERE rating = 3)::int AS d3, count(*) FILTER (WHERE rating = 4)::int AS d4,
              count(*) FILTER (WHERE rating = 5)::int AS d5
       FROM orders.reviews WHERE listing_id = $1`,
      [q.listingId],
    );
    const rows: ReviewRow[] = await this.db.query(
      `SELECT r.*, l.options FROM orders.reviews r JOIN orders.order_lines l ON l.id = r.order_line_id
       WHERE r.listing_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT $2 OFFSET $3`,
      [q.listingId, q.limit, q.offset],
    );
    return {
      listingId: q.listingId,
      average: summary.average === null ? null : Number(summary.average),
      count: summary.count,
      distribution: { 1: summary.d1, 2: summary.d2, 3: summary.d3, 4: summary.d4, 5: summary.d5 },
      items: rows.map(view),
      total: summary.count,
    };
  }

  private async one(q: EntityManager, reviewId: string): Promise<ReviewView> {
    const rows: ReviewRow[] = await q.query(`SELECT r.*, l.options FROM orders.reviews r JOIN orders.order_lines l ON l.id = r.order_line_id WHERE r.id = $1`, [reviewId]);
    return view(rows[0]);
  }
}
